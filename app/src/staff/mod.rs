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

impl QueueKind {
    /// How long an item may wait before it is overdue, until an admin sets it.
    pub fn default_target_hours(self) -> i64 {
        match self {
            QueueKind::Companies => 48,
            QueueKind::Vacancies => 24,
            QueueKind::Applications => 72,
        }
    }
}

/// The longest target an admin may set: 30 days.
pub const TARGET_HOURS_MAX: i64 = 720;

/// One queue of the staff console.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Queue {
    pub kind: QueueKind,
    pub count: u64,
    /// Hours since the oldest item entered the queue.
    pub oldest_hours: Option<i64>,
    /// The queue's target (hours), and how many items are past it.
    pub target_hours: i64,
    pub overdue: u64,
}

crate::state_enum! {
    /// What a waiting item lacks for its decision.
    pub enum WaitingFlag {
        /// A vacancy without its Uzbek text: staff write it at review.
        NoTranslation,
        /// An application whose migrant has no profile.
        NoProfile,
    }
}

/// One item waiting for staff, in the console's single list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Waiting {
    pub kind: QueueKind,
    pub id: i32,
    /// The company (companies, vacancies) or the candidate (applications).
    pub name: String,
    /// The job (vacancies, applications).
    pub occupation_id: Option<i32>,
    /// Hours since it entered the queue.
    pub hours: i64,
    pub overdue: bool,
    pub flags: Vec<WaitingFlag>,
}

/// The console: the queues, what waits (oldest first), and how many
/// emergency numbers are still the seeded samples.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Console {
    pub queues: Vec<Queue>,
    pub waiting: Vec<Waiting>,
    pub sample_contacts: u64,
}
