use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="hero">
            <h1>{tu_string!(i18n, home.title)}</h1>
            <p class="lead">{tu_string!(i18n, home.lead)}</p>
            <p class="actions">
                <a class="button primary" href="/signup">{tu_string!(i18n, home.cta_sign_up)}</a>
                <a class="button secondary" href="/signup/employer">{tu_string!(i18n, home.cta_employer)}</a>
            </p>
        </section>
        <section class="services" aria-labelledby="services-title">
            <h2 id="services-title">{tu_string!(i18n, home.services_title)}</h2>
            <ul class="cards">
                <li class="card"><h3>{tu_string!(i18n, home.service_jobs)}</h3><p>{tu_string!(i18n, home.service_jobs_text)}</p></li>
                <li class="card"><h3>{tu_string!(i18n, home.service_status)}</h3><p>{tu_string!(i18n, home.service_status_text)}</p></li>
                <li class="card"><h3>{tu_string!(i18n, home.service_certificates)}</h3><p>{tu_string!(i18n, home.service_certificates_text)}</p></li>
                <li class="card"><h3>{tu_string!(i18n, home.service_help)}</h3><p>{tu_string!(i18n, home.service_help_text)}</p></li>
                <li class="card"><h3>{tu_string!(i18n, home.service_insurance)}</h3><p>{tu_string!(i18n, home.service_insurance_text)}</p></li>
            </ul>
        </section>
    }
}
