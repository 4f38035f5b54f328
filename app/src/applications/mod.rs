//! Applications to vacancies (F2.6–F2.8): one per migrant and vacancy, moved
//! through its stages only by the role that owns each move, every move kept in
//! the history and announced to whoever it concerns.

pub mod api;
pub mod pages;
pub mod stage;

#[cfg(feature = "ssr")]
pub mod entity;
#[cfg(feature = "ssr")]
pub mod service;

use crate::accounts::Role;
use serde::{Deserialize, Serialize};
pub use stage::Stage;

crate::state_enum! {
    /// What a notification tells: the reader's application moved, or (for an
    /// employer) a candidate arrived or withdrew.
    pub enum NotificationKind {
        Stage,
        Candidate,
        /// Staff verified the employer's company.
        CompanyVerified,
        /// Staff rejected the company (the reason is on the company's page).
        CompanyRejected,
        /// Staff published the employer's vacancy.
        VacancyPublished,
        /// Staff sent the vacancy back for corrections.
        VacancyReturned,
        /// Staff rejected the vacancy.
        VacancyRejected,
        /// A new message in the thread of a case (from the other side).
        CaseReply,
        /// One's case moved to another stage (`case_stage`).
        CaseMoved,
        /// Staff added or changed a next step of one's case (`cases::reminders`).
        CaseStep,
        /// News on one's skills assessment or certificate (scheduled, result, revoked).
        Assessment,
    }
}

crate::state_enum! {
    /// How an interview is held.
    pub enum InterviewMode {
        InPerson,
        Video,
        Phone,
    }
}

/// The interview the employer invites to: when (Türkiye time, `YYYY-MM-DDTHH:MM`),
/// how, where (an address or a link) and whom to ask. `lang` is the language
/// the employer wrote the place and contact in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interview {
    pub at: String,
    pub mode: InterviewMode,
    pub place: String,
    pub contact: String,
    pub lang: Option<String>,
}

/// The terms of a job offer, which the migrant accepts or declines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferTerms {
    /// Gross monthly wage.
    pub wage_kurus: i64,
    /// The first day of work, `YYYY-MM-DD`.
    pub start: String,
    pub housing: bool,
    pub return_ticket: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub from: Option<Stage>,
    pub to: Stage,
    pub actor_role: Role,
    /// The reason picked from the list (refusals), and the note with its language.
    pub reason_code: Option<crate::reasons::ReasonCode>,
    pub reason: Option<String>,
    pub reason_lang: Option<String>,
    /// RFC 3339.
    pub at: String,
}

/// An application as its migrant, the employer (once forwarded) and staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Application {
    pub id: i32,
    pub vacancy_id: i32,
    pub occupation_id: i32,
    pub company_name: String,
    pub stage: Stage,
    pub work_permit_no: Option<String>,
    pub start_date: Option<String>,
    /// While it waits for staff: how long they take at most (the queue's target, hours).
    #[serde(default)]
    pub review_within_hours: Option<i64>,
    pub interview: Option<Interview>,
    pub offer: Option<OfferTerms>,
    /// The candidate (for staff and the employer): name and phone, never the passport.
    pub candidate_name: String,
    pub candidate_phone: String,
    /// The language the candidate reads the site in (`uz`, `tr`).
    pub candidate_lang: String,
    /// The candidate's profile without the passport number (staff and employer only).
    pub candidate_profile: Option<crate::profiles::Profile>,
    /// For staff only: another profile holds the same passport number (a
    /// typing error or a fraud; the typist was not told, see `profiles::service::save`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub passport_shared: bool,
    /// The candidate's valid MYK certificates (staff and the employer of a
    /// forwarded candidate, on the application's own page).
    #[serde(default)]
    pub candidate_certificates: Vec<crate::skills::CertificateLine>,
    /// The qualification the vacancy requires, if any.
    #[serde(default)]
    pub required_qualification_id: Option<i32>,
    pub created_at: String,
    pub history: Vec<Event>,
    /// How long each stage usually takes (F6.4): the median of the last 90 days
    /// in seconds, for the stages with enough applications behind them.
    #[serde(default)]
    pub usual_secs: Vec<(Stage, i64)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    pub id: i32,
    pub kind: NotificationKind,
    pub application_id: Option<i32>,
    pub stage: Option<Stage>,
    /// The job and the company it is about (the vacancy's occupation).
    pub occupation_id: Option<i32>,
    pub company_name: Option<String>,
    /// A notification about a case: which, and (moves) its new stage.
    #[serde(default)]
    pub case_id: Option<i32>,
    #[serde(default)]
    pub case_stage: Option<crate::cases::Stage>,
    pub created_at: String,
    pub read: bool,
}
