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
}

impl Action {
    pub const ALL: [Action; 4] = [
        Action::ManageOwnAccount,
        Action::ManageStaffAccounts,
        Action::EditEmergencyContacts,
        Action::ViewStaffConsole,
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
        Action::EditEmergencyContacts | Action::ViewStaffConsole => {
            matches!(user.role, Role::Staff | Role::Admin)
        }
    };
    if allowed {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
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
}
