use crate::accounts::PRIVACY_NOTICE_VERSION;
use crate::i18n::*;
use leptos::prelude::*;

/// The privacy notice that sign-up consent refers to (F1.5): who keeps what,
/// why, for how long (as the code keeps it), and how to download or erase it.
#[component]
pub fn PrivacyPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <article class="card prose">
            <h1>{tu_string!(i18n, privacy.title)}</h1>
            <p class="small">{tu_string!(i18n, privacy.version)} " " {PRIVACY_NOTICE_VERSION}</p>
            <h2>{tu_string!(i18n, privacy.who_title)}</h2>
            <p>{tu_string!(i18n, privacy.who_text)}</p>
            <h2>{tu_string!(i18n, privacy.what_title)}</h2>
            <p>{tu_string!(i18n, privacy.what_text)}</p>
            <h2>{tu_string!(i18n, privacy.why_title)}</h2>
            <p>{tu_string!(i18n, privacy.why_text)}</p>
            <h2>{tu_string!(i18n, privacy.keep_title)}</h2>
            <ul>
                <li>{tu_string!(i18n, privacy.keep_account)}</li>
                <li>{tu_string!(i18n, privacy.keep_applications)}</li>
                <li>{tu_string!(i18n, privacy.keep_consents)}</li>
                <li>{tu_string!(i18n, privacy.keep_sessions)}</li>
                <li>{tu_string!(i18n, privacy.keep_sign_in)}</li>
                <li>{tu_string!(i18n, privacy.keep_outbox)}</li>
                <li>{tu_string!(i18n, privacy.keep_codes)}</li>
                <li>{tu_string!(i18n, privacy.keep_devices)}</li>
                <li>{tu_string!(i18n, privacy.keep_cases)}</li>
                <li>{tu_string!(i18n, privacy.keep_skills)}</li>
                <li>{tu_string!(i18n, privacy.keep_contributions)}</li>
            </ul>
            <p>{tu_string!(i18n, privacy.keep_passport)}</p>
            <h2>{tu_string!(i18n, privacy.rights_title)}</h2>
            <p>{tu_string!(i18n, privacy.rights_text)}</p>
            <h2>{tu_string!(i18n, privacy.download_title)}</h2>
            <p>
                {tu_string!(i18n, privacy.download_text)} " "
                <a href="/account">{tu_string!(i18n, nav.account)}</a>
            </p>
        </article>
    }
}
