//! The matrix rows of the skills server functions (included by `matrix.rs`).
#[allow(unused_imports)]
use super::*;

/// Every skills server function with a row in a test below.
pub const COVERED: &[&str] = &[];
