//! Köprü: the Leptos application shared by the server (SSR) and the browser (hydrate).
#![recursion_limit = "256"]

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

pub mod accounts;
pub mod announcements;
pub mod applications;
pub mod authz;
pub mod cases;
pub mod companies;
pub mod contacts;
pub mod contributions;
#[cfg(feature = "ssr")]
pub mod crypto;
#[cfg(feature = "ssr")]
pub mod db;
pub mod documents;
pub mod error;
pub mod format;
pub mod forms;
#[cfg(feature = "ssr")]
pub mod guard;
pub mod lang;
pub mod markup;
pub mod outbox;
pub mod parse;
pub mod profiles;
pub mod reasons;
pub mod reference;
pub mod routes;
pub mod shell;
pub mod skills;
pub mod staff;
#[cfg(feature = "ssr")]
pub mod state;
pub mod states;
pub mod ui;
pub mod vacancies;

pub use routes::{shell, App};
