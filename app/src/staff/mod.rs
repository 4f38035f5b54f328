//! The staff console and the admin's management of staff accounts (F1.2, F4).

pub mod api;
pub mod pages;

use crate::accounts::Role;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffAccount {
    pub id: i32,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub disabled: bool,
}
