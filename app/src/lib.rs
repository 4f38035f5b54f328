//! Köprü: the Leptos application shared by the server (SSR) and the browser (hydrate).
#![recursion_limit = "256"]

leptos_i18n::load_locales!();

pub mod accounts;
pub mod applications;
pub mod authz;
pub mod companies;
pub mod contacts;
#[cfg(feature = "ssr")]
pub mod crypto;
pub mod error;
pub mod format;
pub mod forms;
pub mod lang;
pub mod profiles;
pub mod reference;
pub mod shell;
pub mod staff;
pub mod vacancies;

#[cfg(feature = "ssr")]
pub mod state;

pub use shell::{shell, App};
