//! Company verification (F2.1): an employer registers a company; staff verify
//! or reject it with a reason. Only a verified company publishes vacancies.

pub mod api;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod entity;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CompanyStatus {
    Pending,
    Verified,
    Rejected,
    Suspended,
}

impl CompanyStatus {
    pub const ALL: [CompanyStatus; 4] =
        [CompanyStatus::Pending, CompanyStatus::Verified, CompanyStatus::Rejected, CompanyStatus::Suspended];
    pub fn as_str(self) -> &'static str {
        match self {
            CompanyStatus::Pending => "pending",
            CompanyStatus::Verified => "verified",
            CompanyStatus::Rejected => "rejected",
            CompanyStatus::Suspended => "suspended",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// A company as its owner and staff see it.
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
    pub decision_reason: Option<String>,
    /// RFC 3339.
    pub created_at: String,
}
