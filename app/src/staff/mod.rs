//! The staff console and the admin's management of staff accounts (F1.2, F4).

pub mod api;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod service;

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

crate::state_enum! {
    /// The queues of the staff console.
    pub enum QueueKind {
        Companies,
        Vacancies,
        Applications,
    }
}

/// One queue of the staff console.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Queue {
    pub kind: QueueKind,
    pub count: u64,
    /// Hours since the oldest item entered the queue.
    pub oldest_hours: Option<i64>,
}
