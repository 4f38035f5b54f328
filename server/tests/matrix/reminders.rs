//! The matrix rows of the reminders server functions (included by `matrix.rs`).
#[allow(unused_imports)]
use super::*;

/// Every reminders server function with a row in a test below.
pub const COVERED: &[&str] = &[];
