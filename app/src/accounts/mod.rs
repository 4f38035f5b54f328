//! Accounts and roles (F1.2, F1.3): sign-up, sign-in, sign-out, password change.

pub mod api;
pub mod pages;
pub mod validate;

#[cfg(feature = "ssr")]
pub mod entity;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod session;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Migrant,
    Employer,
    Staff,
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Migrant, Role::Employer, Role::Staff, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Migrant => "migrant",
            Role::Employer => "employer",
            Role::Staff => "staff",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// The signed-in person as every server function and page sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionUser {
    pub id: i32,
    pub role: Role,
    pub name: String,
    /// The phone number (migrants) or e-mail address they sign in with.
    pub login: String,
}

/// The version of the privacy notice that sign-up consent refers to.
pub const PRIVACY_NOTICE_VERSION: &str = "2026-11-29";
/// What the data given at sign-up is used for (stored with the consent).
pub const CONSENT_PURPOSES: &str = "account,job_applications,case_handling,notifications";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("root"), None);
    }
}
