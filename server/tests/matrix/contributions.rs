//! The matrix rows of the contributions server functions (included by `matrix.rs`).
#[allow(unused_imports)]
use super::*;

/// Every contributions server function with a row in a test below.
pub const COVERED: &[&str] = &[];
