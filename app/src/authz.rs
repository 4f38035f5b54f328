//! The one place that answers "may this user do this to this row".
//!
//! Every server function calls [`authorize`] before it touches data; the tests
//! at the bottom walk the whole matrix of roles (and no session) × actions.

use crate::accounts::{Role, SessionUser};
use crate::error::AppError;

/// Everything a server function does. Each server function names one action
/// in its guard ([`crate::guard::guard`] or [`crate::guard::visitor`]); the
/// matrix test below walks every action × every role and no session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumIter)]
pub enum Action {
    // Anyone, with or without a session.
    /// Who is signed in (the header).
    ReadCurrentUser,
    /// Create an account (migrants and employers).
    SignUp,
    SignIn,
    /// Type the code sent at sign-up (the browser's ticket names the account).
    VerifyLogin,
    /// Ask for a reset code and set a new password with it.
    ResetPassword,
    SetLanguage,
    SearchVacancies,
    /// One vacancy (row check: [`may_read_vacancy`]).
    ReadVacancy,
    /// A project's public page.
    ReadProject,
    /// Reference lists and the minimum-wage history.
    ReadReference,
    ReadEmergencyContacts,
    /// The header's unread counter (0 without a session).
    CountUnread,
    /// Published announcements (F3.5).
    ReadAnnouncements,
    /// The catalogue of vocational qualifications and test centres (F3.2).
    ReadQualifications,
    /// Look a certificate up by its exact number (F4.4; rate-limited).
    VerifyCertificate,
    // Any signed-in person.
    SignOut,
    ChangePassword,
    /// A new verification code for one's own unverified account.
    ResendCode,
    /// One application (row check: [`may_read_application`]).
    ReadApplication,
    /// Move an application (row and role check: [`may_move_application`]).
    MoveApplication,
    /// One's applications, candidates or screening queue, by role.
    ListApplications,
    ReadOwnNotifications,
    MarkOwnNotificationsRead,
    /// Link, see and unlink one's own Telegram chat (F6.8).
    ManageOwnTelegram,
    /// Download everything the portal keeps about oneself (F1.5).
    DownloadOwnData,
    /// One case (row check: [`may_read_case`]): its owner and staff; never an employer.
    ReadCase,
    /// Move a case (row and role check: [`may_move_case`]).
    MoveCase,
    /// Write in a case's thread, with attachments (row check: [`may_read_case`]).
    PostCaseMessage,
    /// One document of a case (row check: [`may_read_case`]).
    ReadDocument,
    /// Upload a document to a case (row check: [`may_read_case`]).
    UploadDocument,
    // Migrants and employers: the accounts people made themselves.
    /// Erase one's own account (F1.5); staff accounts are disabled by an admin instead.
    DeleteOwnAccount,
    // Migrants.
    ApplyToVacancy,
    ManageOwnProfile,
    /// Open a case (regularisation, help, complaint, an illegal-fee report).
    OpenCase,
    /// List one's own cases (no proof of the login needed to read them).
    ListOwnCases,
    /// Tick one's own case's checklist.
    TickChecklist,
    /// Ask for a skills assessment (F3.2).
    RequestAssessment,
    /// One's own assessments and certificates (row check: the holder).
    ReadOwnSkills,
    /// Record one's insured work periods in Türkiye and see the estimate (F3.4).
    ManageOwnContributions,
    /// File a contributions claim once the agreement is in force (F3.4).
    FileClaim,
    // Employers.
    /// Register and correct one's own company.
    ManageOwnCompany,
    /// Submit and correct one's company's vacancies.
    ManageOwnVacancies,
    ManageOwnProjects,
    // Staff (and admins).
    ViewStaffConsole,
    ReviewCompanies,
    ReviewVacancies,
    /// Change reference data such as the legal minimum wage.
    SetReferenceData,
    EditEmergencyContacts,
    /// The case queues; assign, note, decide, suspend a company, move a worker.
    ReviewCases,
    /// Write, publish and withdraw announcements.
    ManageAnnouncements,
    /// The catalogue of qualifications and test centres.
    ManageQualifications,
    /// Schedule assessments, record results, revoke certificates.
    ReviewAssessments,
    /// The contributions estimate's rates and rules, the agreement's status and the reminder schedule.
    SetContributionRules,
    // Admins.
    /// Create staff and admin accounts; list them.
    ManageStaffAccounts,
    /// Set how long each staff queue's items may wait.
    SetQueueTargets,
    /// The outbox's queue of outgoing messages (never their bodies).
    ViewOutbox,
}

/// Who may do an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Audience {
    Anyone,
    SignedIn,
    Only(Role),
    /// Those who signed themselves up: migrants and employers.
    SelfRegistered,
    Staff,
}

impl Action {
    pub fn all() -> impl Iterator<Item = Action> {
        <Action as strum::IntoEnumIterator>::iter()
    }

    fn audience(self) -> Audience {
        use Action::*;
        match self {
            ReadCurrentUser
            | SignUp
            | SignIn
            | VerifyLogin
            | ResetPassword
            | SetLanguage
            | SearchVacancies
            | ReadVacancy
            | ReadProject
            | ReadReference
            | ReadEmergencyContacts
            | CountUnread
            | ReadAnnouncements
            | ReadQualifications
            | VerifyCertificate => Audience::Anyone,
            SignOut
            | ChangePassword
            | ResendCode
            | ReadApplication
            | MoveApplication
            | ListApplications
            | ReadOwnNotifications
            | MarkOwnNotificationsRead
            | ManageOwnTelegram
            | DownloadOwnData
            | ReadCase
            | MoveCase
            | PostCaseMessage
            | ReadDocument
            | UploadDocument => Audience::SignedIn,
            DeleteOwnAccount => Audience::SelfRegistered,
            ApplyToVacancy
            | ManageOwnProfile
            | OpenCase
            | ListOwnCases
            | TickChecklist
            | RequestAssessment
            | ReadOwnSkills
            | ManageOwnContributions
            | FileClaim => Audience::Only(Role::Migrant),
            ManageOwnCompany | ManageOwnVacancies | ManageOwnProjects => Audience::Only(Role::Employer),
            ViewStaffConsole
            | ReviewCompanies
            | ReviewVacancies
            | SetReferenceData
            | EditEmergencyContacts
            | ReviewCases
            | ManageAnnouncements
            | ManageQualifications
            | ReviewAssessments
            | SetContributionRules => Audience::Staff,
            ManageStaffAccounts | SetQueueTargets | ViewOutbox => Audience::Only(Role::Admin),
        }
    }

    /// What an account may do only once it proved its phone or e-mail: apply,
    /// post, file (F1.2). Reading, its profile, its settings need no proof.
    pub fn needs_verified_login(self) -> bool {
        use Action::*;
        matches!(
            self,
            ApplyToVacancy
                | OpenCase
                | RequestAssessment
                | FileClaim
                | ManageOwnCompany
                | ManageOwnVacancies
                | ManageOwnProjects
        )
    }

    /// Whether a visitor without a session may do this.
    pub fn is_public(self) -> bool {
        self.audience() == Audience::Anyone
    }
}

/// Decides; `Err(NotSignedIn)` without a session where one is needed,
/// `Err(Forbidden)` for a wrong role.
pub fn authorize(user: Option<&SessionUser>, action: Action) -> Result<(), AppError> {
    let audience = action.audience();
    if audience == Audience::Anyone {
        return Ok(());
    }
    let Some(user) = user else {
        return Err(AppError::NotSignedIn);
    };
    let allowed = match audience {
        Audience::Anyone | Audience::SignedIn => true,
        Audience::Only(role) => user.role == role,
        Audience::SelfRegistered => matches!(user.role, Role::Migrant | Role::Employer),
        Audience::Staff => user.role.is_staff(),
    };
    if !allowed {
        return Err(AppError::Forbidden);
    }
    if action.needs_verified_login() && !user.verified {
        return Err(AppError::NotVerified);
    }
    Ok(())
}

/// Row check for a company's own rows (its vacancies and projects): only the
/// company's owner; anyone else learns nothing about the row.
pub fn may_edit_company_row(user: &SessionUser, company_owner_id: i32) -> Result<(), AppError> {
    if user.role == Role::Employer && user.id == company_owner_id {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Row check for one vacancy: published ones are public; otherwise only the
/// company's owner and staff may read it.
pub fn may_read_vacancy(user: Option<&SessionUser>, company_owner_id: i32, published: bool) -> bool {
    published || user.is_some_and(|u| u.role.is_staff() || (u.role == Role::Employer && u.id == company_owner_id))
}

/// Row check for one announcement: published ones are public; a draft (or
/// one taken down) only staff may read.
pub fn may_read_announcement(user: Option<&SessionUser>, published: bool) -> bool {
    published || user.is_some_and(|u| u.role.is_staff())
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

/// Row check for one case and its documents: its migrant and staff. Never an
/// employer — not even about its own company's complaint (F6.5).
pub fn may_read_case(user: &SessionUser, owner_id: i32) -> bool {
    user.role.is_staff() || (user.role == Role::Migrant && user.id == owner_id)
}

/// Row and role check for moving a case: someone who may not read it learns
/// nothing about it; then the kind's stage machine decides.
pub fn may_move_case(
    user: &SessionUser,
    owner_id: i32,
    kind: crate::cases::CaseKind,
    from: crate::cases::Stage,
    to: crate::cases::Stage,
    decision: Option<crate::cases::Decision>,
    reason: Option<&str>,
) -> Result<(), AppError> {
    if !may_read_case(user, owner_id) {
        return Err(AppError::NotFound);
    }
    crate::cases::stage::check_move(user.role, kind, from, to, decision, reason)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: Role) -> SessionUser {
        SessionUser { id: 7, role, name: "Test".into(), login: "x".into(), verified: true }
    }

    /// An account that has not proved its login may do what it may do, except
    /// apply, post and file: those say so (not "forbidden").
    #[test]
    fn unverified_accounts_read_but_do_not_post() {
        for action in Action::all() {
            for role in Role::all() {
                let verified = user(role);
                let unverified = SessionUser { verified: false, ..verified.clone() };
                let want = match authorize(Some(&verified), action) {
                    Ok(()) if action.needs_verified_login() => Err(AppError::NotVerified),
                    other => other,
                };
                assert_eq!(authorize(Some(&unverified), action), want, "{action:?} by unverified {role:?}");
            }
        }
        let gated: Vec<Action> = Action::all().filter(|a| a.needs_verified_login()).collect();
        use Action::*;
        assert_eq!(
            gated,
            vec![
                ApplyToVacancy,
                OpenCase,
                RequestAssessment,
                FileClaim,
                ManageOwnCompany,
                ManageOwnVacancies,
                ManageOwnProjects
            ]
        );
    }

    /// The whole matrix, grants and refusals alike, written out by hand: every
    /// action × no session and the four roles.
    #[test]
    fn matrix() {
        use Action::*;
        const Y: bool = true;
        const N: bool = false;
        // (action, no session, migrant, employer, staff, admin)
        let table = [
            (ReadCurrentUser, Y, Y, Y, Y, Y),
            (SignUp, Y, Y, Y, Y, Y),
            (SignIn, Y, Y, Y, Y, Y),
            (VerifyLogin, Y, Y, Y, Y, Y),
            (ResetPassword, Y, Y, Y, Y, Y),
            (SetLanguage, Y, Y, Y, Y, Y),
            (SearchVacancies, Y, Y, Y, Y, Y),
            (ReadVacancy, Y, Y, Y, Y, Y),
            (ReadProject, Y, Y, Y, Y, Y),
            (ReadReference, Y, Y, Y, Y, Y),
            (ReadEmergencyContacts, Y, Y, Y, Y, Y),
            (CountUnread, Y, Y, Y, Y, Y),
            (ReadAnnouncements, Y, Y, Y, Y, Y),
            (ReadQualifications, Y, Y, Y, Y, Y),
            (VerifyCertificate, Y, Y, Y, Y, Y),
            (SignOut, N, Y, Y, Y, Y),
            (ChangePassword, N, Y, Y, Y, Y),
            (ResendCode, N, Y, Y, Y, Y),
            (ReadApplication, N, Y, Y, Y, Y),
            (MoveApplication, N, Y, Y, Y, Y),
            (ListApplications, N, Y, Y, Y, Y),
            (ReadOwnNotifications, N, Y, Y, Y, Y),
            (MarkOwnNotificationsRead, N, Y, Y, Y, Y),
            (ManageOwnTelegram, N, Y, Y, Y, Y),
            (DownloadOwnData, N, Y, Y, Y, Y),
            (ReadCase, N, Y, Y, Y, Y),
            (MoveCase, N, Y, Y, Y, Y),
            (PostCaseMessage, N, Y, Y, Y, Y),
            (ReadDocument, N, Y, Y, Y, Y),
            (UploadDocument, N, Y, Y, Y, Y),
            (DeleteOwnAccount, N, Y, Y, N, N),
            (ApplyToVacancy, N, Y, N, N, N),
            (ManageOwnProfile, N, Y, N, N, N),
            (OpenCase, N, Y, N, N, N),
            (ListOwnCases, N, Y, N, N, N),
            (TickChecklist, N, Y, N, N, N),
            (RequestAssessment, N, Y, N, N, N),
            (ReadOwnSkills, N, Y, N, N, N),
            (ManageOwnContributions, N, Y, N, N, N),
            (FileClaim, N, Y, N, N, N),
            (ManageOwnCompany, N, N, Y, N, N),
            (ManageOwnVacancies, N, N, Y, N, N),
            (ManageOwnProjects, N, N, Y, N, N),
            (ViewStaffConsole, N, N, N, Y, Y),
            (ReviewCompanies, N, N, N, Y, Y),
            (ReviewVacancies, N, N, N, Y, Y),
            (SetReferenceData, N, N, N, Y, Y),
            (EditEmergencyContacts, N, N, N, Y, Y),
            (ReviewCases, N, N, N, Y, Y),
            (ManageAnnouncements, N, N, N, Y, Y),
            (ManageQualifications, N, N, N, Y, Y),
            (ReviewAssessments, N, N, N, Y, Y),
            (SetContributionRules, N, N, N, Y, Y),
            (ManageStaffAccounts, N, N, N, N, Y),
            (SetQueueTargets, N, N, N, N, Y),
            (ViewOutbox, N, N, N, N, Y),
        ];
        let listed: Vec<Action> = table.iter().map(|r| r.0).collect();
        assert_eq!(listed, Action::all().collect::<Vec<_>>(), "every action has one row, in order");
        for (action, none, m, e, s, a) in table {
            let want_none = if none { Ok(()) } else { Err(AppError::NotSignedIn) };
            assert_eq!(authorize(None, action), want_none, "{action:?} without session");
            assert_eq!(action.is_public(), none, "{action:?}");
            for (role, expected) in [(Role::Migrant, m), (Role::Employer, e), (Role::Staff, s), (Role::Admin, a)] {
                let want = if expected { Ok(()) } else { Err(AppError::Forbidden) };
                assert_eq!(authorize(Some(&user(role)), action), want, "{action:?} by {role:?}");
            }
        }
    }

    #[test]
    fn company_rows() {
        let owner = SessionUser { id: 1, role: Role::Employer, name: "o".into(), login: "o".into(), verified: true };
        let other = SessionUser { id: 2, role: Role::Employer, name: "x".into(), login: "x".into(), verified: true };
        assert_eq!(may_edit_company_row(&owner, 1), Ok(()));
        assert_eq!(may_edit_company_row(&other, 1), Err(AppError::NotFound));
        for role in [Role::Migrant, Role::Staff, Role::Admin] {
            let u = SessionUser { id: 1, role, name: "s".into(), login: "s".into(), verified: true };
            assert_eq!(may_edit_company_row(&u, 1), Err(AppError::NotFound), "{role:?} with the owner's id");
        }
    }

    #[test]
    fn vacancy_rows() {
        let owner = SessionUser { id: 1, role: Role::Employer, name: "o".into(), login: "o".into(), verified: true };
        let other = SessionUser { id: 2, role: Role::Employer, name: "x".into(), login: "x".into(), verified: true };
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
    fn announcement_rows() {
        for published in [true, false] {
            assert_eq!(may_read_announcement(None, published), published);
            assert_eq!(may_read_announcement(Some(&user(Role::Migrant)), published), published);
            assert_eq!(may_read_announcement(Some(&user(Role::Employer)), published), published);
            assert!(may_read_announcement(Some(&user(Role::Staff)), published));
            assert!(may_read_announcement(Some(&user(Role::Admin)), published));
        }
    }

    #[test]
    fn case_rows() {
        use crate::cases::{CaseKind, Stage};
        let owner = SessionUser { id: 10, role: Role::Migrant, name: "m".into(), login: "m".into(), verified: true };
        let other = SessionUser { id: 11, ..owner.clone() };
        // An employer or staff account that happens to have the owner's id changes nothing.
        let employer = SessionUser { id: 10, role: Role::Employer, ..owner.clone() };
        let staff = SessionUser { id: 99, role: Role::Staff, ..owner.clone() };
        let admin = SessionUser { id: 98, role: Role::Admin, ..owner.clone() };
        assert!(may_read_case(&owner, 10));
        assert!(!may_read_case(&other, 10));
        assert!(!may_read_case(&employer, 10), "an employer never reads a case");
        assert!(may_read_case(&staff, 10));
        assert!(may_read_case(&admin, 10));
        let k = CaseKind::Help;
        assert_eq!(may_move_case(&owner, 10, k, Stage::Submitted, Stage::Withdrawn, None, None), Ok(()));
        assert_eq!(
            may_move_case(&other, 10, k, Stage::Submitted, Stage::Withdrawn, None, None),
            Err(AppError::NotFound)
        );
        assert_eq!(
            may_move_case(&employer, 10, k, Stage::Submitted, Stage::UnderReview, None, None),
            Err(AppError::NotFound)
        );
        assert_eq!(
            may_move_case(&owner, 10, k, Stage::Submitted, Stage::UnderReview, None, None),
            Err(AppError::Forbidden)
        );
        assert_eq!(may_move_case(&staff, 10, k, Stage::Submitted, Stage::UnderReview, None, None), Ok(()));
        assert_eq!(may_move_case(&admin, 10, k, Stage::Submitted, Stage::UnderReview, None, None), Ok(()));
    }

    #[test]
    fn application_rows() {
        use crate::applications::Stage;
        let migrant = SessionUser { id: 10, role: Role::Migrant, name: "m".into(), login: "m".into(), verified: true };
        let other_migrant =
            SessionUser { id: 11, role: Role::Migrant, name: "m".into(), login: "m".into(), verified: true };
        let employer =
            SessionUser { id: 20, role: Role::Employer, name: "e".into(), login: "e".into(), verified: true };
        let other_employer =
            SessionUser { id: 21, role: Role::Employer, name: "e".into(), login: "e".into(), verified: true };
        for stage in Stage::all() {
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
        assert_eq!(
            may_move_application(None, 10, 20, Stage::Screening, Stage::Withdrawn, None),
            Err(AppError::NotSignedIn)
        );
    }
}
