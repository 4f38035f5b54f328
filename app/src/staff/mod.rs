//! The staff console and the admin's management of staff accounts (F1.2, F4).

pub mod api;
pub mod cases;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod service;

use crate::accounts::Role;
use crate::cases::{CaseKind, Category};
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
    /// The queues of the staff console: companies, vacancies and applications
    /// waiting for review, and the open cases of each kind (same names as
    /// [`CaseKind`]).
    pub enum QueueKind {
        Companies,
        Vacancies,
        Applications,
        Regularisation,
        Help,
        FeeReport,
        Complaint,
        Claim,
        /// Skills assessments waiting to be scheduled or for their result (`skills`).
        Assessments,
    }
}

impl QueueKind {
    /// How long an item may wait before it is overdue, until an admin sets it.
    /// (An urgent case is also overdue once its stage's due date passes: urgent
    /// help within 4 hours, see `cases::stage::due_after`.)
    pub fn default_target_hours(self) -> i64 {
        match self {
            QueueKind::Companies => 48,
            QueueKind::Vacancies => 24,
            QueueKind::Applications => 72,
            QueueKind::Regularisation => 72,
            QueueKind::Help => 24,
            QueueKind::FeeReport => 48,
            QueueKind::Complaint => 48,
            QueueKind::Claim => 120,
            QueueKind::Assessments => 120,
        }
    }

    /// The kind of case this queue holds, for the queues of cases.
    pub fn case_kind(self) -> Option<CaseKind> {
        match self {
            QueueKind::Companies | QueueKind::Vacancies | QueueKind::Applications | QueueKind::Assessments => None,
            QueueKind::Regularisation => Some(CaseKind::Regularisation),
            QueueKind::Help => Some(CaseKind::Help),
            QueueKind::FeeReport => Some(CaseKind::FeeReport),
            QueueKind::Complaint => Some(CaseKind::Complaint),
            QueueKind::Claim => Some(CaseKind::Claim),
        }
    }

    /// The queue of a kind of case.
    pub fn of_case(kind: CaseKind) -> QueueKind {
        match kind {
            CaseKind::Regularisation => QueueKind::Regularisation,
            CaseKind::Help => QueueKind::Help,
            CaseKind::FeeReport => QueueKind::FeeReport,
            CaseKind::Complaint => QueueKind::Complaint,
            CaseKind::Claim => QueueKind::Claim,
        }
    }

    /// The page that works the queue.
    pub fn href(self) -> String {
        match self {
            QueueKind::Companies => "/staff/companies".into(),
            QueueKind::Vacancies => "/staff/vacancies".into(),
            QueueKind::Applications => "/applications".into(),
            QueueKind::Assessments => "/staff/assessments".into(),
            _ => format!("/staff/cases?kind={}", self.as_str()),
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
    /// The queue's target (hours), and how many items are past it (cases:
    /// staff's turn and older than the target, or past their stage's due date).
    pub target_hours: i64,
    pub overdue: u64,
    /// Cases: how many the reader holds, how many are urgent (0 for the other queues).
    #[serde(default)]
    pub mine: u64,
    #[serde(default)]
    pub urgent: u64,
}

crate::state_enum! {
    /// What a waiting item lacks for its decision.
    pub enum WaitingFlag {
        /// A vacancy without its Uzbek text: staff write it at review.
        NoTranslation,
        /// An application whose migrant has no profile.
        NoProfile,
        /// An urgent case: at the top of the list.
        Urgent,
        /// A case whose thread's last word is the migrant's.
        AwaitingStaff,
    }
}

/// One item waiting for staff, in the console's single list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Waiting {
    pub kind: QueueKind,
    pub id: i32,
    /// The company (companies, vacancies), the candidate (applications) or the migrant (cases).
    pub name: String,
    /// The job (vacancies, applications).
    pub occupation_id: Option<i32>,
    /// What a help request or a complaint is about.
    #[serde(default)]
    pub category: Option<Category>,
    /// Hours since it entered the queue.
    pub hours: i64,
    pub overdue: bool,
    pub flags: Vec<WaitingFlag>,
}

/// The console: the queues, what waits (urgent cases first, then the oldest),
/// and how many emergency numbers are still the seeded samples.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Console {
    pub queues: Vec<Queue>,
    pub waiting: Vec<Waiting>,
    pub sample_contacts: u64,
}
