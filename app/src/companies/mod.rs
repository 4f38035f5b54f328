//! Company verification (F2.1): an employer registers a company; staff verify
//! or reject it with a reason. Only a verified company publishes vacancies.

pub mod api;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod entity;
#[cfg(feature = "ssr")]
pub mod service;

use serde::{Deserialize, Serialize};

crate::state_enum! {
    /// Where a company stands with the staff's verification.
    pub enum CompanyStatus {
        Pending,
        Verified,
        Rejected,
        Suspended,
    }
}

crate::state_enum! {
    /// What staff decide about a pending company.
    pub enum CompanyDecision {
        Verify,
        Reject,
    }
}

/// Another registration with the same VKN or MERSIS number (for staff).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SameNumber {
    pub id: i32,
    pub legal_name: String,
    pub status: CompanyStatus,
    pub same_vkn: bool,
    pub same_mersis: bool,
}

/// A company as its employer and staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Company {
    pub id: i32,
    pub legal_name: String,
    pub vkn: String,
    pub mersis: String,
    pub sector_id: i32,
    pub province_id: i32,
    pub address: String,
    pub contact_person: String,
    pub contact_phone: String,
    pub status: CompanyStatus,
    /// A rejection's reason from the list, its note and the note's language.
    pub decision_reason: Option<String>,
    pub decision_reason_code: Option<crate::reasons::ReasonCode>,
    pub decision_reason_lang: Option<String>,
    /// For staff deciding on it: the language its employer reads.
    #[serde(default)]
    pub owner_lang: Option<String>,
    /// For staff: other registrations with the same VKN or MERSIS number. A
    /// number already taken is not refused (the first to type it would block
    /// its real owner): staff decide, with both records flagged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub same_numbers: Vec<SameNumber>,
    /// RFC 3339.
    pub created_at: String,
}
