//! Köprü: the Leptos application shared by the server (SSR) and the browser (hydrate).
#![recursion_limit = "256"]

leptos_i18n::load_locales!();

pub mod accounts;
pub mod authz;
pub mod contacts;
pub mod error;
pub mod forms;
pub mod lang;
pub mod shell;
pub mod staff;

#[cfg(feature = "ssr")]
pub mod state;

pub use shell::{shell, App};
