use super::NotFound;
use crate::i18n::*;
use leptos::prelude::*;

/// The services of the partnership that the home page leads to. Those not on
/// the portal yet lead to a page that explains them and says what to do now.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Service {
    Status,
    Certificates,
    Help,
    Insurance,
}

impl Service {
    pub const ALL: [Service; 4] = [Service::Status, Service::Certificates, Service::Help, Service::Insurance];

    pub fn slug(self) -> &'static str {
        match self {
            Service::Status => "status",
            Service::Certificates => "certificates",
            Service::Help => "help",
            Service::Insurance => "insurance",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Service> {
        Service::ALL.into_iter().find(|s| s.slug() == slug)
    }
}

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let card = |href: &'static str, title: String, text: String| {
        view! { <li class="card"><h3><a href=href>{title}</a></h3><p>{text}</p></li> }
    };
    // Where an erased account lands (`accounts::rights::delete_account`).
    let deleted = leptos_router::hooks::use_query_map().with_untracked(|q| q.get("deleted").is_some());
    view! {
        {deleted.then(|| view! { <p class="notice" role="status">{tu_string!(i18n, account.deleted)}</p> })}
        <section class="hero">
            <h1>{tu_string!(i18n, home.title)}</h1>
            <p class="lead">{tu_string!(i18n, home.lead)}</p>
            // Straight to the jobs: a plain GET form, so it works before the WASM.
            <form method="get" action="/vacancies" class="home-search" role="search">
                <label for="home-q">{tu_string!(i18n, vacancies.query_label)}</label>
                <div class="search-row">
                    <input id="home-q" name="q" type="search" maxlength="200" enterkeyhint="search"/>
                    <button type="submit" class="primary">{tu_string!(i18n, home.cta_search)}</button>
                </div>
            </form>
            <p class="actions">
                <a class="button secondary" href="/signup">{tu_string!(i18n, home.cta_sign_up)}</a>
                <a class="button secondary" href="/signup/employer">{tu_string!(i18n, home.cta_employer)}</a>
            </p>
        </section>
        <section class="services" aria-labelledby="services-title">
            <h2 id="services-title">{tu_string!(i18n, home.services_title)}</h2>
            <ul class="cards">
                {card("/vacancies", tu_string!(i18n, home.service_jobs).to_string(), tu_string!(i18n, home.service_jobs_text).to_string())}
                {card("/cases/new?kind=regularisation", tu_string!(i18n, home.service_status).to_string(), tu_string!(i18n, home.service_status_text).to_string())}
                {card("/services/certificates", tu_string!(i18n, home.service_certificates).to_string(), tu_string!(i18n, home.service_certificates_text).to_string())}
                {card("/cases/new?kind=help", tu_string!(i18n, home.service_help).to_string(), tu_string!(i18n, home.service_help_text).to_string())}
                {card("/services/insurance", tu_string!(i18n, home.service_insurance).to_string(), tu_string!(i18n, home.service_insurance_text).to_string())}
            </ul>
        </section>
        // The newest announcements (F3.5): one query, titles and dates only.
        <crate::announcements::pages::NewestAnnouncements/>
    }
}

/// A service that is not on the portal yet: what it is, and what a person
/// can do about it today.
#[component]
pub fn ServicePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = leptos_router::hooks::use_params_map();
    let service = move || params.with(|p| p.get("service").as_deref().and_then(Service::from_slug));
    move || match service() {
        None => view! { <NotFound/> }.into_any(),
        Some(s) => {
            let (title, text, now) = match s {
                Service::Status => (
                    tu_string!(i18n, home.service_status),
                    tu_string!(i18n, home.service_status_text),
                    tu_string!(i18n, home.status_now),
                ),
                Service::Certificates => (
                    tu_string!(i18n, home.service_certificates),
                    tu_string!(i18n, home.service_certificates_text),
                    tu_string!(i18n, home.certificates_now),
                ),
                Service::Help => (
                    tu_string!(i18n, home.service_help),
                    tu_string!(i18n, home.service_help_text),
                    tu_string!(i18n, home.help_now),
                ),
                Service::Insurance => (
                    tu_string!(i18n, home.service_insurance),
                    tu_string!(i18n, home.service_insurance_text),
                    tu_string!(i18n, home.insurance_now),
                ),
            };
            view! {
                <section class="card narrow">
                    <h1>{title.to_string()}</h1>
                    <p>{text.to_string()}</p>
                    <p class="notice">{tu_string!(i18n, home.not_yet_online)}</p>
                    <h2>{tu_string!(i18n, home.what_now)}</h2>
                    <p>{now.to_string()}</p>
                    <p><a class="button primary" href="#emergency">{tu_string!(i18n, home.contact_representation)}</a></p>
                </section>
            }
            .into_any()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_service_has_its_own_address() {
        for s in Service::ALL {
            assert_eq!(Service::from_slug(s.slug()), Some(s));
        }
        assert_eq!(Service::from_slug("jobs"), None);
    }
}
