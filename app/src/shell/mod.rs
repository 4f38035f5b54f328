//! The layout around every page (F1.4): the header with the navigation per
//! role and the language switch, the footer with the emergency contacts, and
//! the pages that belong to no service (home, privacy, not found).

mod header;
pub mod home;
pub mod privacy;

pub use header::Header;

use crate::contacts::pages::EmergencyContacts;
use crate::i18n::*;
use leptos::prelude::*;

/// The foot of every page: emergency numbers first.
#[component]
pub fn Footer() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <footer class="site-footer">
            <EmergencyContacts/>
            <p class="small">{tu_string!(i18n, site.footer_note)}</p>
        </footer>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <section class="card narrow">
            <h1>{tu_string!(i18n, errors.not_found)}</h1>
            <p><a href="/">{tu_string!(i18n, nav.home)}</a></p>
        </section>
    }
}
