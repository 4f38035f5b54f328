//! Accounts and roles (F1.2, F1.3, F1.5): sign-up with a code that proves the
//! login, sign-in, sign-out, password change and reset, and the person's data
//! (download, deletion: `rights`, `data`).

pub mod api;
pub mod pages;
pub mod recovery;
pub mod rights;
pub mod validate;

#[cfg(feature = "ssr")]
pub mod data;
#[cfg(feature = "ssr")]
pub mod entity;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod session;

use serde::{Deserialize, Serialize};

crate::state_enum! {
    /// Who someone is on the portal; decides what they may do (see `authz`).
    pub enum Role {
        Migrant,
        Employer,
        Staff,
        Admin,
    }
}

impl Role {
    /// Staff and admins work the queues; admins also manage staff accounts.
    pub fn is_staff(self) -> bool {
        matches!(self, Role::Staff | Role::Admin)
    }

    /// Where someone lands after signing in or up when they came for nothing
    /// in particular: where their work is.
    pub fn landing(self) -> &'static str {
        match self {
            Role::Migrant => "/applications",
            Role::Employer => "/employer/vacancies",
            Role::Staff | Role::Admin => "/staff",
        }
    }
}

crate::state_enum! {
    /// What a one-time code is for.
    pub enum CodePurpose {
        /// Proving the phone or e-mail of a new account.
        Verify,
        /// Setting a new password without the old one.
        Reset,
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
    /// Whether the account proved its phone or e-mail; see [`crate::authz`].
    pub verified: bool,
}

/// The version of the privacy notice that sign-up consent refers to.
pub const PRIVACY_NOTICE_VERSION: &str = "2026-12-02";
/// What the data given at sign-up is used for (stored with the consent).
pub const CONSENT_PURPOSES: &str = "account,job_applications,case_handling,notifications";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip() {
        for r in Role::all() {
            assert_eq!(r.as_str().parse::<Role>(), Ok(r));
        }
        assert!("root".parse::<Role>().is_err());
        assert_eq!(Role::all().filter(|r| r.is_staff()).collect::<Vec<_>>(), vec![Role::Staff, Role::Admin]);
    }

    #[test]
    fn each_role_lands_where_its_work_is() {
        assert_eq!(Role::Migrant.landing(), "/applications");
        assert_eq!(Role::Employer.landing(), "/employer/vacancies");
        assert_eq!(Role::Staff.landing(), "/staff");
        assert_eq!(Role::Admin.landing(), "/staff");
    }
}
