//! The one place that answers "may this user do this to this row".
//!
//! Every server function calls [`authorize`] before it touches data; the tests
//! at the bottom walk the whole matrix of roles (and no session) × actions.

use crate::accounts::{Role, SessionUser};
use crate::error::AppError;

/// Everything a server function can do that needs permission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Read one's own account, change one's password, sign out.
    ManageOwnAccount,
    /// Create staff and admin accounts; list them.
    ManageStaffAccounts,
    /// Change the emergency contacts shown on every page.
    EditEmergencyContacts,
    /// Open the staff console.
    ViewStaffConsole,
    /// Register and correct one's own company (employers).
    ManageOwnCompany,
    /// Verify or reject companies.
    ReviewCompanies,
    /// Publish, send back or reject vacancies.
    ReviewVacancies,
    /// Change reference data such as the legal minimum wage.
    SetReferenceData,
}

impl Action {
    pub const ALL: [Action; 8] = [
        Action::ManageOwnAccount,
        Action::ManageStaffAccounts,
        Action::EditEmergencyContacts,
        Action::ViewStaffConsole,
        Action::ManageOwnCompany,
        Action::ReviewCompanies,
        Action::ReviewVacancies,
        Action::SetReferenceData,
    ];
}

/// Decides; `Err(NotSignedIn)` without a session, `Err(Forbidden)` for a wrong role.
pub fn authorize(user: Option<&SessionUser>, action: Action) -> Result<(), AppError> {
    let Some(user) = user else {
        return Err(AppError::NotSignedIn);
    };
    let allowed = match action {
        Action::ManageOwnAccount => true,
        Action::ManageStaffAccounts => user.role == Role::Admin,
        Action::ManageOwnCompany => user.role == Role::Employer,
        Action::EditEmergencyContacts | Action::ViewStaffConsole | Action::ReviewCompanies | Action::ReviewVacancies | Action::SetReferenceData => {
            matches!(user.role, Role::Staff | Role::Admin)
        }
    };
    if allowed {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Row check for one vacancy: published ones are public; otherwise only the
/// company's owner and staff may read it.
pub fn may_read_vacancy(user: Option<&SessionUser>, company_owner_id: i32, published: bool) -> bool {
    published
        || user.is_some_and(|u| {
            matches!(u.role, Role::Staff | Role::Admin) || (u.role == Role::Employer && u.id == company_owner_id)
        })
}

/// Row check for one application: its migrant, staff, and the employer of the
/// vacancy's company once it has been forwarded to them.
pub fn may_read_application(
    user: Option<&SessionUser>,
    migrant_id: i32,
    company_owner_id: i32,
    stage: crate::applications::Stage,
) -> bool {
    user.is_some_and(|u| match u.role {
        Role::Staff | Role::Admin => true,
        Role::Migrant => u.id == migrant_id,
        Role::Employer => u.id == company_owner_id && stage.visible_to_employer(),
    })
}

/// Row and role check for moving an application to `to`.
pub fn may_move_application(
    user: Option<&SessionUser>,
    migrant_id: i32,
    company_owner_id: i32,
    from: crate::applications::Stage,
    to: crate::applications::Stage,
    reason: Option<&str>,
) -> Result<(), AppError> {
    let Some(u) = user else {
        return Err(AppError::NotSignedIn);
    };
    // Someone who may not even see the row learns nothing about it.
    if !may_read_application(user, migrant_id, company_owner_id, from) {
        return Err(AppError::NotFound);
    }
    crate::applications::stage::check_move(u.role, from, to, reason)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: Role) -> SessionUser {
        SessionUser { id: 7, role, name: "Test".into(), login: "x".into() }
    }

    /// The whole matrix, grants and refusals alike, written out by hand.
    #[test]
    fn matrix() {
        use Action::*;
        // (action, migrant, employer, staff, admin)
        let table = [
            (ManageOwnAccount, true, true, true, true),
            (ManageStaffAccounts, false, false, false, true),
            (EditEmergencyContacts, false, false, true, true),
            (ViewStaffConsole, false, false, true, true),
            (ManageOwnCompany, false, true, false, false),
            (ReviewCompanies, false, false, true, true),
            (ReviewVacancies, false, false, true, true),
            (SetReferenceData, false, false, true, true),
        ];
        assert_eq!(table.len(), Action::ALL.len(), "every action has a row");
        for (action, m, e, s, a) in table {
            assert_eq!(authorize(None, action), Err(AppError::NotSignedIn), "{action:?} without session");
            for (role, expected) in
                [(Role::Migrant, m), (Role::Employer, e), (Role::Staff, s), (Role::Admin, a)]
            {
                let got = authorize(Some(&user(role)), action);
                if expected {
                    assert_eq!(got, Ok(()), "{action:?} by {role:?}");
                } else {
                    assert_eq!(got, Err(AppError::Forbidden), "{action:?} by {role:?}");
                }
            }
        }
    }

    #[test]
    fn vacancy_rows() {
        let owner = SessionUser { id: 1, role: Role::Employer, name: "o".into(), login: "o".into() };
        let other = SessionUser { id: 2, role: Role::Employer, name: "x".into(), login: "x".into() };
        for published in [true, false] {
            assert_eq!(may_read_vacancy(None, 1, published), published);
            assert_eq!(may_read_vacancy(Some(&user(Role::Migrant)), 1, published), published);
            assert_eq!(may_read_vacancy(Some(&other), 1, published), published);
            assert!(may_read_vacancy(Some(&owner), 1, published));
            assert!(may_read_vacancy(Some(&user(Role::Staff)), 1, published));
            assert!(may_read_vacancy(Some(&user(Role::Admin)), 1, published));
        }
    }

    #[test]
    fn application_rows() {
        use crate::applications::Stage;
        let migrant = SessionUser { id: 10, role: Role::Migrant, name: "m".into(), login: "m".into() };
        let other_migrant = SessionUser { id: 11, role: Role::Migrant, name: "m".into(), login: "m".into() };
        let employer = SessionUser { id: 20, role: Role::Employer, name: "e".into(), login: "e".into() };
        let other_employer = SessionUser { id: 21, role: Role::Employer, name: "e".into(), login: "e".into() };
        for stage in Stage::ALL {
            assert!(may_read_application(Some(&migrant), 10, 20, stage));
            assert!(!may_read_application(Some(&other_migrant), 10, 20, stage));
            assert_eq!(may_read_application(Some(&employer), 10, 20, stage), stage.visible_to_employer());
            assert!(!may_read_application(Some(&other_employer), 10, 20, stage));
            assert!(may_read_application(Some(&user(Role::Staff)), 10, 20, stage));
            assert!(!may_read_application(None, 10, 20, stage));
        }
        // Moves: the owner role on its own row only.
        assert_eq!(may_move_application(Some(&employer), 10, 20, Stage::Forwarded, Stage::Interview, None), Ok(()));
        assert_eq!(
            may_move_application(Some(&other_employer), 10, 20, Stage::Forwarded, Stage::Interview, None),
            Err(AppError::NotFound)
        );
        assert_eq!(
            may_move_application(Some(&employer), 10, 20, Stage::Submitted, Stage::Screening, None),
            Err(AppError::NotFound),
            "not yet forwarded: invisible to the employer"
        );
        assert_eq!(
            may_move_application(Some(&migrant), 10, 20, Stage::Screening, Stage::Forwarded, None),
            Err(AppError::Forbidden)
        );
        assert_eq!(may_move_application(Some(&migrant), 10, 20, Stage::Screening, Stage::Withdrawn, None), Ok(()));
        assert_eq!(
            may_move_application(Some(&other_migrant), 10, 20, Stage::Screening, Stage::Withdrawn, None),
            Err(AppError::NotFound)
        );
        assert_eq!(may_move_application(None, 10, 20, Stage::Screening, Stage::Withdrawn, None), Err(AppError::NotSignedIn));
    }
}
