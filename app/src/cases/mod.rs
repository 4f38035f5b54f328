//! Migrant services as cases (F3.1, F3.3, F6.1, F6.5): status regularisation,
//! help from the representation, illegal-fee reports and confidential
//! complaints, on one engine. A case belongs to one migrant, moves through its
//! kind's stages (`stage`), each move by the role that owns it, keeps its whole
//! history, a thread with staff, documents, staff's internal notes (never in
//! anything the migrant receives) and, once decided, the decision with its
//! reason in the migrant's language and a checklist of next steps.
//!
//! No employer ever reads a case: not its own complaints, not the fee reports
//! about its vacancies (`authz::may_read_case`).

pub mod api;
pub mod pages;
pub mod stage;
pub mod steps;
pub mod timing;

#[cfg(feature = "ssr")]
pub mod entity;
#[cfg(feature = "ssr")]
pub mod reminders;
#[cfg(feature = "ssr")]
pub mod service;

use crate::accounts::Role;
use serde::{Deserialize, Serialize};
pub use stage::Stage;

crate::state_enum! {
    pub enum CaseKind {
        /// Status regularisation without penalties (F3.1).
        Regularisation,
        /// Legal, social and advisory help (F3.3).
        Help,
        /// Someone asked the migrant for money for a job (F6.1).
        FeeReport,
        /// A confidential complaint about an employer (F6.5).
        Complaint,
        /// A claim for social-insurance contributions under an agreement in
        /// force (F3.4), filed from `/contributions`, never from `/cases/new`.
        Claim,
    }
}

impl CaseKind {
    /// The kinds a migrant opens from `/cases/new` (a fee report starts on its vacancy's page).
    pub fn openable() -> [CaseKind; 3] {
        [CaseKind::Regularisation, CaseKind::Help, CaseKind::Complaint]
    }

    /// The categories a case of this kind is filed under (none: no choice).
    pub fn categories(self) -> &'static [Category] {
        use Category::*;
        match self {
            CaseKind::Help => {
                &[UnpaidWages, ConfiscatedDocuments, WorkplaceAccident, Housing, Detention, Health, Family, Other]
            }
            CaseKind::Complaint => &[Abuse, UnpaidWages, ConfiscatedDocuments, Other],
            CaseKind::Regularisation | CaseKind::FeeReport | CaseKind::Claim => &[],
        }
    }
}

crate::state_enum! {
    /// What a help request or a complaint is about (the Agency's real appeal categories).
    pub enum Category {
        UnpaidWages,
        ConfiscatedDocuments,
        WorkplaceAccident,
        Housing,
        Detention,
        Health,
        Family,
        /// Complaints: abuse by the employer.
        Abuse,
        Other,
    }
}

impl Category {
    /// Categories that are urgent whatever the migrant ticked.
    pub fn always_urgent(self) -> bool {
        matches!(self, Category::Detention | Category::WorkplaceAccident)
    }
}

crate::state_enum! {
    /// How the migrant entered Türkiye (regularisation).
    pub enum EntryRoute {
        /// Visa-free, up to 90 days in 180.
        VisaFree,
        WorkVisa,
        StudentVisa,
        Other,
    }
}

crate::state_enum! {
    /// The migrant's status now (regularisation).
    pub enum CurrentStatus {
        /// Stayed beyond the visa-free 90 days.
        Overstay,
        /// Has a residence permit but works without a work permit.
        NoWorkPermit,
        /// The residence or work permit has expired.
        PermitExpired,
        Other,
    }
}

crate::state_enum! {
    pub enum Decision {
        /// Regularisation: eligible, with next steps.
        Eligible,
        NotEligible,
        /// Help, fee reports, complaints.
        Resolved,
        Unresolved,
    }
}

crate::state_enum! {
    /// What one entry of a case's history records.
    pub enum EventKind {
        Opened,
        Moved,
        /// A staff member took the case or gave it to a colleague.
        Assigned,
        /// Staff suspended the company the case is about.
        CompanySuspended,
        /// Staff applied on the worker's behalf to another employer's vacancy.
        WorkerMoved,
    }
}

/// The regularisation request's own answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Regularisation {
    /// `YYYY-MM-DD`.
    pub entered_on: String,
    pub entry_route: EntryRoute,
    pub current_status: CurrentStatus,
    pub sector_id: i32,
    /// An employer willing to hire: a verified company on the portal, or a name.
    pub employer_company_id: Option<i32>,
    pub employer_name: Option<String>,
}

/// One entry of a case's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub kind: EventKind,
    pub from: Option<Stage>,
    pub to: Option<Stage>,
    pub actor_role: Role,
    /// Staff: the officer's name (the migrant sees who holds the case).
    pub actor_name: Option<String>,
    pub reason: Option<String>,
    pub reason_lang: Option<String>,
    /// `Assigned`: the new holder's name; `WorkerMoved`: the new application's id.
    pub detail: Option<String>,
    /// RFC 3339.
    pub at: String,
}

/// One message of the thread between the migrant and staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub id: i32,
    pub from_staff: bool,
    pub author_name: String,
    pub body: String,
    pub lang: String,
    pub at: String,
    pub documents: Vec<crate::documents::Document>,
}

/// A staff note: for staff only, never in an answer to the migrant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub author_name: String,
    pub body: String,
    pub at: String,
}

/// One next step of a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistItem {
    pub id: i32,
    pub label: String,
    pub lang: String,
    /// `YYYY-MM-DD`.
    pub due_on: Option<String>,
    pub done: bool,
    /// When the owner was reminded of it (RFC 3339, oldest first; `reminders`).
    #[serde(default)]
    pub reminded: Vec<String>,
}

/// When a stage was entered and how long it usually takes (F6.4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageTime {
    pub stage: Stage,
    /// RFC 3339; `None` for a stage not reached yet.
    pub entered_at: Option<String>,
    /// The median of the last 90 days in seconds, once there are enough cases.
    pub usual_secs: Option<i64>,
}

/// A case as its migrant and staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    pub id: i32,
    pub kind: CaseKind,
    pub stage: Stage,
    pub urgent: bool,
    pub category: Option<Category>,
    pub summary: String,
    /// The language the migrant wrote in.
    pub lang: String,
    pub vacancy_id: Option<i32>,
    pub occupation_id: Option<i32>,
    pub company_id: Option<i32>,
    pub company_name: Option<String>,
    pub company_status: Option<crate::companies::CompanyStatus>,
    pub application_id: Option<i32>,
    pub regularisation: Option<Regularisation>,
    /// An illegal fee: what was asked for.
    pub fee_kurus: Option<i64>,
    /// Who holds the case (a staff member's name).
    pub holder: Option<String>,
    pub assigned_to: Option<i32>,
    pub decision: Option<Decision>,
    pub decision_reason: Option<String>,
    pub decision_lang: Option<String>,
    pub stage_entered_at: String,
    pub due_at: Option<String>,
    pub last_reply_at: Option<String>,
    pub created_at: String,
    /// The migrant (for staff): name, phone, the language they read.
    pub owner_name: String,
    pub owner_phone: Option<String>,
    pub owner_lang: String,
    pub history: Vec<Event>,
    pub messages: Vec<Message>,
    /// Every document of the case, those of messages too.
    pub documents: Vec<crate::documents::Document>,
    pub checklist: Vec<ChecklistItem>,
    pub timeline: Vec<StageTime>,
    /// Staff only: absent from every answer to the migrant.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    /// Staff only: the colleagues the case can be given to (id, name).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assignable: Vec<(i32, String)>,
}

/// A line of a list of cases (mine, a staff queue).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseLine {
    pub id: i32,
    pub kind: CaseKind,
    pub stage: Stage,
    pub urgent: bool,
    pub category: Option<Category>,
    pub owner_name: String,
    pub holder: Option<String>,
    pub assigned_to: Option<i32>,
    pub created_at: String,
    pub stage_entered_at: String,
    pub due_at: Option<String>,
    pub last_reply_at: Option<String>,
    /// The thread's last word is the migrant's: staff owe an answer.
    pub awaiting_staff: bool,
}

/// A staff queue of one kind: counts and the lines that match its filters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Queue {
    pub kind: CaseKind,
    pub open: u64,
    pub mine: u64,
    pub urgent: u64,
    /// RFC 3339 of the oldest open case.
    pub oldest: Option<String>,
    pub lines: Vec<CaseLine>,
}

/// A staff queue's filters, as its form posts them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueFilter {
    /// `mine`, `unassigned` or empty (all).
    #[serde(default)]
    pub holder: String,
    /// A stage, or empty (all open ones).
    #[serde(default)]
    pub stage: String,
    #[serde(default, deserialize_with = "crate::parse::checkbox")]
    pub urgent: bool,
}
