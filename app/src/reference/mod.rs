//! Reference data helpers shared by the server and the browser: search folding
//! for Turkish and Uzbek text, and checks of Turkish company identifiers.
//! Plain Rust only, so that both builds compile it.
pub mod api;
pub mod collate;
pub mod ids;
pub mod text;

#[cfg(feature = "ssr")]
pub mod cache;
#[cfg(feature = "ssr")]
pub mod entity;
#[cfg(feature = "ssr")]
pub mod service;
