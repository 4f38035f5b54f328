//! The authorisation matrix over HTTP: every server function × every role
//! (no session, migrant, employer, staff, admin), and owner × not owner where
//! a row is involved — always on real rows, with the error value asserted for
//! refusals and the effect asserted for grants (a refused call changes
//! nothing). They run on SQLite, and on PostgreSQL with `TEST_DATABASE_URL`.
//!
//! `every_server_function_is_in_the_matrix` reads app/src: a new server
//! function fails it until it has its rows here.

mod common;
// The rows of later services, each in its own file (they use this file's `Mx`, `check`, `Want`).
#[path = "matrix/contributions.rs"]
mod contributions;
#[path = "matrix/reminders.rs"]
mod reminders;
#[path = "matrix/skills.rs"]
mod skills;

use app::accounts::rights::{DeleteAccount, DownloadMyData};
use app::announcements::api::{
    GetAnnouncement, LatestAnnouncements, ListAnnouncements, PublishAnnouncement, SaveAnnouncement, StaffAnnouncement,
    StaffAnnouncements, UnpublishAnnouncement,
};
use app::cases::api::{
    AddCaseNote, AssignCase, CaseFormOptions, CaseQueue, GetCase, MoveCase, MoveWorker, MyCases, OpenCase,
    PostCaseMessage, SuspendCompanyFromCase, TickChecklist,
};
use app::outbox::api::{OutboxOverview, TelegramLink, TelegramLinkCode, UnlinkTelegram};
use common::*;
use http::StatusCode;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Want {
    Granted,
    Refused(&'static str),
}

const OK: Want = Want::Granted;
const NOT_SIGNED_IN: Want = Want::Refused("NotSignedIn");
const FORBIDDEN: Want = Want::Refused("Forbidden");
const NOT_FOUND: Want = Want::Refused("NotFound");
const INVALID: Want = Want::Refused("InvalidInput");

#[track_caller]
fn check(what: &str, actor: &Actor, r: &Reply, want: Want) {
    match want {
        Want::Granted => assert_eq!(r.status, StatusCode::OK, "{what} as {actor:?}: granted expected, got {}", r.body),
        Want::Refused(e) => {
            assert_eq!(
                serde_json::from_str::<Value>(&r.body).ok(),
                Some(json!(e)),
                "{what} as {actor:?}: {e} expected, got {} {}",
                r.status,
                r.body
            );
            assert_eq!(r.status, status_of(e), "{what} as {actor:?}: status of {e}");
        }
    }
}

/// The world of the matrix: the five roles, and a second migrant and a rival
/// employer with a verified company of their own, for "not the owner".
struct Mx {
    w: World,
    anon: Actor,
    admin: Actor,
    rival: Actor,
    rival_company: CompanyId,
    other_migrant: Actor,
}

impl std::ops::Deref for Mx {
    type Target = World;
    fn deref(&self) -> &World {
        &self.w
    }
}

impl Mx {
    /// [anonymous, migrant, employer, staff, admin] with what each should get.
    fn five(&self, wants: [Want; 5]) -> Vec<(&Actor, Want)> {
        [&self.anon, &self.w.migrant, &self.w.employer, &self.w.staff, &self.admin].into_iter().zip(wants).collect()
    }
}

async fn mx() -> Mx {
    let w = world().await;
    let anon = w.anonymous();
    let admin = w.admin("admin@kopru.example").await;
    let rival = w.employer("ik@rakip.example").await;
    let rival_company = w.verified_company(&rival).await;
    let other_migrant = w.migrant("+998935551122").await;
    Mx { w, anon, admin, rival, rival_company, other_migrant }
}

/// Every server function with a row in one of the tests below.
const COVERED: [&str; 70] = [
    // accounts_and_sessions
    <GetCurrentUser as ServerFn>::PATH,
    <SignUpMigrant as ServerFn>::PATH,
    <SignUpEmployer as ServerFn>::PATH,
    <SignIn as ServerFn>::PATH,
    <SignOut as ServerFn>::PATH,
    <ChangePassword as ServerFn>::PATH,
    <VerifyAccount as ServerFn>::PATH,
    <ResendCode as ServerFn>::PATH,
    <RequestReset as ServerFn>::PATH,
    <ResetPassword as ServerFn>::PATH,
    // personal_data_rights
    <DownloadMyData as ServerFn>::PATH,
    <DeleteAccount as ServerFn>::PATH,
    // site_reference_contacts_and_staff
    <SetLanguage as ServerFn>::PATH,
    <FetchReferenceLists as ServerFn>::PATH,
    <MinimumWages as ServerFn>::PATH,
    <SetMinimumWage as ServerFn>::PATH,
    <EmergencyContacts as ServerFn>::PATH,
    <UpdateContact as ServerFn>::PATH,
    <StaffAccounts as ServerFn>::PATH,
    <CreateStaffAccount as ServerFn>::PATH,
    <StaffConsole as ServerFn>::PATH,
    <SetQueueTarget as ServerFn>::PATH,
    // companies_and_profiles
    <MyCompany as ServerFn>::PATH,
    <RegisterCompany as ServerFn>::PATH,
    <PendingCompanies as ServerFn>::PATH,
    <DecideCompany as ServerFn>::PATH,
    <MyProfile as ServerFn>::PATH,
    <SaveProfile as ServerFn>::PATH,
    // vacancies_and_projects
    <SearchVacancies as ServerFn>::PATH,
    <GetVacancy as ServerFn>::PATH,
    <MyVacancies as ServerFn>::PATH,
    <EmployerDesk as ServerFn>::PATH,
    <CloseVacancy as ServerFn>::PATH,
    <SaveVacancy as ServerFn>::PATH,
    <VacancyReviewQueue as ServerFn>::PATH,
    <ReviewVacancy as ServerFn>::PATH,
    <SaveProject as ServerFn>::PATH,
    <MyProjects as ServerFn>::PATH,
    <GetProject as ServerFn>::PATH,
    // applications_and_notifications
    <Apply as ServerFn>::PATH,
    <MoveApplication as ServerFn>::PATH,
    <GetApplication as ServerFn>::PATH,
    <ListApplications as ServerFn>::PATH,
    <MyNotifications as ServerFn>::PATH,
    <UnreadCount as ServerFn>::PATH,
    <MarkNotificationsRead as ServerFn>::PATH,
    // outbox_and_telegram
    <OutboxOverview as ServerFn>::PATH,
    <TelegramLink as ServerFn>::PATH,
    <TelegramLinkCode as ServerFn>::PATH,
    <UnlinkTelegram as ServerFn>::PATH,
    // cases
    <OpenCase as ServerFn>::PATH,
    <CaseFormOptions as ServerFn>::PATH,
    <MyCases as ServerFn>::PATH,
    <GetCase as ServerFn>::PATH,
    <MoveCase as ServerFn>::PATH,
    <PostCaseMessage as ServerFn>::PATH,
    <TickChecklist as ServerFn>::PATH,
    <CaseQueue as ServerFn>::PATH,
    <AssignCase as ServerFn>::PATH,
    <AddCaseNote as ServerFn>::PATH,
    <SuspendCompanyFromCase as ServerFn>::PATH,
    <MoveWorker as ServerFn>::PATH,
    // announcements
    <LatestAnnouncements as ServerFn>::PATH,
    <ListAnnouncements as ServerFn>::PATH,
    <GetAnnouncement as ServerFn>::PATH,
    <StaffAnnouncements as ServerFn>::PATH,
    <StaffAnnouncement as ServerFn>::PATH,
    <SaveAnnouncement as ServerFn>::PATH,
    <PublishAnnouncement as ServerFn>::PATH,
    <UnpublishAnnouncement as ServerFn>::PATH,
];

/// The endpoints of every `#[server]` in app/src.
fn endpoints_in_app_src() -> Vec<String> {
    fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for line in text.lines().map(str::trim).filter(|l| l.starts_with("#[server")) {
                    let endpoint =
                        line.split("endpoint = \"").nth(1).and_then(|rest| rest.split('"').next()).unwrap_or_else(
                            || panic!("{}: a server function without an endpoint: {line}", path.display()),
                        );
                    out.push(format!("/api/{endpoint}"));
                }
            }
        }
    }
    let mut out = vec![];
    walk(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/src"), &mut out);
    out.sort();
    out
}

#[test]
fn every_server_function_is_in_the_matrix() {
    let mut covered: Vec<String> = COVERED
        .iter()
        .chain(skills::COVERED)
        .chain(contributions::COVERED)
        .chain(reminders::COVERED)
        .map(|p| p.to_string())
        .collect();
    covered.sort();
    let before = covered.len();
    covered.dedup();
    assert_eq!(covered.len(), before, "a function listed twice");
    assert_eq!(endpoints_in_app_src(), covered);
}

/// current_user, sign-up, sign-in, sign-out and change_password. Calls that
/// end a session are made from a second device of the same person.
#[tokio::test]
async fn accounts_and_sessions() {
    let m = mx().await;

    // current_user: everyone; each sees themselves, a visitor null.
    for (actor, want) in m.five([OK; 5]) {
        let r = actor.call::<GetCurrentUser>(NO_ARGS).await;
        check("current_user", actor, &r, want);
        match actor.account() {
            None => assert_eq!(r.json(), Value::Null),
            Some(a) => assert_eq!(r.json()["id"].as_i64(), Some(a.id), "{actor:?}"),
        }
    }

    // sign_up_migrant / sign_up_employer: open to anyone; the code sent to the
    // new login signs the new account in on that device (verify_account, open
    // to anyone: the ticket names the account), and the device's old session ends.
    for (i, (actor, want)) in m.five([OK; 5]).into_iter().enumerate() {
        let device = match actor.account() {
            Some(_) => m.another_device(actor).await,
            None => actor.clone(),
        };
        let phone = format!("+99890700000{i}");
        let r = device
            .call::<SignUpMigrant>(&[
                ("name", "Yangi"),
                ("phone", phone.as_str()),
                ("password", PASSWORD),
                ("consent", "yes"),
            ])
            .await;
        check("sign_up_migrant", actor, &r, want);
        assert!(r.session_cookie().is_none(), "no session before the code");
        let code = m.last_code(&phone, "verifycode").await.expect("a code");
        let v = device
            .holding(&r.ticket_cookie().expect("a ticket"))
            .call::<VerifyAccount>(&[("code", code.as_str())])
            .await;
        check("verify_account", actor, &v, OK);
        let new = m.actor_from_cookie(v.session_cookie().unwrap()).await.expect("signed in as the new account");
        assert_eq!((new.login(), new.role()), (phone.as_str(), Some(Role::Migrant)));
        if actor.account().is_some() {
            assert!(!device.is_signed_in().await, "{actor:?}: the device's old session ended");
        }
        let device = match actor.account() {
            Some(_) => m.another_device(actor).await,
            None => actor.clone(),
        };
        let email = format!("yeni{i}@firma.example");
        let r = device
            .call::<SignUpEmployer>(&[
                ("name", "Yeni"),
                ("email", email.as_str()),
                ("password", PASSWORD),
                ("consent", "yes"),
            ])
            .await;
        check("sign_up_employer", actor, &r, want);
        let code = m.last_code(&email, "verifycode").await.expect("a code");
        let v = device
            .holding(&r.ticket_cookie().expect("a ticket"))
            .call::<VerifyAccount>(&[("code", code.as_str())])
            .await;
        check("verify_account", actor, &v, OK);
        let new = m.actor_from_cookie(v.session_cookie().unwrap()).await.expect("signed in as the new account");
        assert_eq!((new.login(), new.role()), (email.as_str(), Some(Role::Employer)));
        if actor.account().is_some() {
            assert!(!device.is_signed_in().await, "{actor:?}: the device's old session ended");
            assert_eq!(actor.current_login().await.as_deref(), Some(actor.login()), "the other device still signed in");
        }
    }
    assert_eq!(m.count("SELECT COUNT(*) FROM users WHERE phone LIKE '+99890700000%'").await, 5);
    assert_eq!(m.count("SELECT COUNT(*) FROM users WHERE email LIKE 'yeni%@firma.example'").await, 5);

    // resend_code: a session is needed, and an account that has proved its login needs none.
    for (actor, want) in m.five([NOT_SIGNED_IN, INVALID, INVALID, INVALID, INVALID]) {
        let r = actor.call::<ResendCode>(NO_ARGS).await;
        check("resend_code", actor, &r, want);
    }
    let unverified = m.sign_in("+998907000000", PASSWORD).await;
    m.exec("UPDATE users SET verified_at = NULL WHERE phone = '+998907000000'").await;
    let r = unverified.call::<ResendCode>(NO_ARGS).await;
    check("resend_code", &unverified, &r, OK);
    assert!(r.ticket_cookie().is_some());

    // request_reset and reset_password: anyone (the code proves the login); the code
    // resets only the account it was sent for.
    // (From a second device: the reset signs that browser in and ends its old session.)
    for (actor, want) in m.five([OK; 5]) {
        let device = match actor.account() {
            Some(_) => m.another_device(actor).await,
            None => actor.clone(),
        };
        let r = device.call::<RequestReset>(&[("login", m.other_migrant.login())]).await;
        check("request_reset", actor, &r, want);
        let code = m.last_code(m.other_migrant.login(), "resetcode").await.expect("a code");
        let ticket = r.ticket_cookie().unwrap();
        let holder = device.holding(&ticket);
        let r = holder.call::<ResetPassword>(&[("code", code.as_str()), ("new_password", PASSWORD)]).await;
        check("reset_password", actor, &r, want);
        let me = m.actor_from_cookie(r.session_cookie().unwrap()).await.unwrap();
        assert_eq!(me.id(), m.other_migrant.id(), "{actor:?}");
    }

    // sign_in: anyone, into their own account (a visitor into the migrant's).
    for (actor, want) in m.five([OK; 5]) {
        let (device, login) = match actor.account() {
            Some(a) => (m.another_device(actor).await, a.login.clone()),
            None => (actor.clone(), m.migrant.login().to_string()),
        };
        let r = device.call::<SignIn>(&[("login", login.as_str()), ("password", PASSWORD)]).await;
        check("sign_in", actor, &r, want);
        let me = m.actor_from_cookie(r.session_cookie().unwrap()).await.unwrap();
        assert_eq!(me.login(), login);
        if actor.account().is_some() {
            assert!(!device.is_signed_in().await, "{actor:?}: rotated");
        }
    }

    // sign_out: every session holder; ends only that session.
    for (actor, want) in m.five([NOT_SIGNED_IN, OK, OK, OK, OK]) {
        let device = match actor.account() {
            Some(_) => m.another_device(actor).await,
            None => actor.clone(),
        };
        let r = device.call::<SignOut>(NO_ARGS).await;
        check("sign_out", actor, &r, want);
        if actor.account().is_some() {
            assert!(!device.is_signed_in().await);
            assert!(actor.is_signed_in().await, "{actor:?}: the other session lives");
        }
    }

    // change_password: every session holder, for their own account only.
    let new_password = "yangi-parol-2026-matritsa";
    let form = [("current_password", PASSWORD), ("new_password", new_password)];
    for (actor, want) in m.five([NOT_SIGNED_IN, OK, OK, OK, OK]) {
        let r = actor.call::<ChangePassword>(&form).await;
        check("change_password", actor, &r, want);
        if let Some(a) = actor.account() {
            assert!(!actor.is_signed_in().await, "{actor:?}: other sessions ended");
            let fresh = m.sign_in(&a.login, new_password).await;
            assert_eq!(fresh.id(), a.id);
        }
    }
    // Nobody else's password changed.
    m.sign_in(m.other_migrant.login(), PASSWORD).await;
    m.sign_in(m.rival.login(), PASSWORD).await;
}

/// set_language, reference data, the minimum wage, emergency contacts and
/// the staff console.
#[tokio::test]
async fn site_reference_contacts_and_staff() {
    let m = mx().await;

    for (actor, want) in m.five([OK; 5]) {
        let r = actor.call::<SetLanguage>(&[("lang", "tr"), ("next", "/")]).await;
        check("set_language", actor, &r, want);
        assert!(r.set_cookies().iter().any(|c| c.starts_with("i18n_pref_locale=tr")), "{actor:?}");
    }

    for (actor, want) in m.five([OK; 5]) {
        let r = actor.call::<FetchReferenceLists>(&[("lang", "uz")]).await;
        check("reference_lists", actor, &r, want);
        let lists = r.json();
        assert_eq!(lists["minimum_wage_kurus"], MINIMUM_WAGE_2026);
        assert!(lists["sectors"].as_array().is_some_and(|s| !s.is_empty()));
        assert!(lists["provinces"].as_array().is_some_and(|p| p.len() == 81), "81 provinces");
        let r = actor.call::<MinimumWages>(NO_ARGS).await;
        check("minimum_wages", actor, &r, want);
        assert_eq!(r.items()[0]["gross_monthly_kurus"], MINIMUM_WAGE_2026);
    }

    // set_minimum_wage: staff and admins; each row a day of its own, in the future.
    for (i, (actor, want)) in m.five([NOT_SIGNED_IN, FORBIDDEN, FORBIDDEN, OK, OK]).into_iter().enumerate() {
        let day = ymd(200 + i as i64);
        let r = actor.call::<SetMinimumWage>(&[("amount", "41.000"), ("valid_from", day.as_str())]).await;
        check("set_minimum_wage", actor, &r, want);
        let by = actor.account().map_or(-1, |a| a.id);
        let stored = m.count(&format!("SELECT COUNT(*) FROM minimum_wages WHERE set_by_user_id = {by}")).await;
        assert_eq!(stored, i64::from(want == OK), "{actor:?}");
    }
    assert_eq!(m.count("SELECT COUNT(*) FROM minimum_wages WHERE gross_monthly_kurus = 4100000").await, 2);

    // emergency_contacts: everyone; update_contact: staff and admins.
    for (actor, want) in m.five([OK; 5]) {
        let r = actor.call::<EmergencyContacts>(NO_ARGS).await;
        check("emergency_contacts", actor, &r, want);
        let kinds: Vec<Value> = r.items().iter().map(|c| c["kind"].clone()).collect();
        assert_eq!(kinds, [json!("embassy"), json!("consular"), json!("hotline")]);
    }
    let hotline = || async { m.text("SELECT phone FROM emergency_contacts WHERE kind = 'hotline'").await.unwrap() };
    for (i, (actor, want)) in m.five([NOT_SIGNED_IN, FORBIDDEN, FORBIDDEN, OK, OK]).into_iter().enumerate() {
        let before = hotline().await;
        let phone = format!("+99871200000{i}");
        let r = actor.call::<UpdateContact>(&[("kind", "hotline"), ("phone", phone.as_str())]).await;
        check("update_contact", actor, &r, want);
        assert_eq!(hotline().await, if want == OK { phone } else { before }, "{actor:?}");
    }

    // staff_accounts and create_staff_account: admins only.
    for (actor, want) in m.five([NOT_SIGNED_IN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK]) {
        let r = actor.call::<StaffAccounts>(NO_ARGS).await;
        check("staff_accounts", actor, &r, want);
        if want == OK {
            let emails: Vec<Value> = r.items().iter().map(|a| a["email"].clone()).collect();
            assert_eq!(emails, [json!("admin@kopru.example"), json!("staff@kopru.example")]);
        }
    }
    for (i, (actor, want)) in m.five([NOT_SIGNED_IN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK]).into_iter().enumerate() {
        let email = format!("new{i}@kopru.example");
        let r = actor
            .call::<CreateStaffAccount>(&[
                ("name", "Yangi Xodim"),
                ("email", email.as_str()),
                ("role", "staff"),
                ("password", PASSWORD),
            ])
            .await;
        check("create_staff_account", actor, &r, want);
        let made = m.count(&format!("SELECT COUNT(*) FROM users WHERE email = '{email}' AND role = 'staff'")).await;
        assert_eq!(made, i64::from(want == OK), "{actor:?}");
    }

    // staff_console: staff and admins.
    for (actor, want) in m.five([NOT_SIGNED_IN, FORBIDDEN, FORBIDDEN, OK, OK]) {
        let r = actor.call::<StaffConsole>(NO_ARGS).await;
        check("staff_console", actor, &r, want);
        if want == OK {
            let queues = r.json()["queues"].as_array().unwrap().clone();
            let kinds: Vec<Value> = queues.iter().map(|q| q["kind"].clone()).collect();
            let want = [
                "companies",
                "vacancies",
                "applications",
                "regularisation",
                "help",
                "feereport",
                "complaint",
                "claim",
                "assessments",
            ];
            assert_eq!(kinds, want.map(|k| json!(k)), "the review queues, one per kind of case, then the assessments");
            assert!(queues.iter().all(|q| q["count"] == 0), "{}", r.body);
        }
    }

    // set_queue_target: admins only; nothing changes for anyone else.
    for (actor, want) in m.five([NOT_SIGNED_IN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK]) {
        let r = actor.call::<SetQueueTarget>(&[("queue", "vacancies"), ("target_hours", "12")]).await;
        check("set_queue_target", actor, &r, want);
        let set = m.count("SELECT COUNT(*) FROM queue_targets").await;
        assert_eq!(set, i64::from(want == OK), "{actor:?}");
    }
}

#[tokio::test]
async fn companies_and_profiles() {
    let m = mx().await;

    // my_company: employers, each their own.
    for (actor, want) in m.five([NOT_SIGNED_IN, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN]) {
        let r = actor.call::<MyCompany>(NO_ARGS).await;
        check("my_company", actor, &r, want);
    }
    assert_eq!(m.employer.call::<MyCompany>(NO_ARGS).await.ok().json()["id"].as_i64(), Some(m.company));
    assert_eq!(m.rival.call::<MyCompany>(NO_ARGS).await.ok().json()["id"].as_i64(), Some(m.rival_company));

    // register_company: employers without a company (or a rejected one).
    let newcomer = m.employer("ik@yeni.example").await;
    let form = company_form(VKN2, "Yeni Firma A.Ş.");
    for (actor, want) in m.five([NOT_SIGNED_IN, FORBIDDEN, INVALID, FORBIDDEN, FORBIDDEN]) {
        let r = actor.call::<RegisterCompany>(&form).await;
        check("register_company", actor, &r, want);
    }
    let r = newcomer.call::<RegisterCompany>(&form).await;
    check("register_company", &newcomer, &r, OK);
    assert_eq!(m.count("SELECT COUNT(*) FROM companies").await, 3, "only the newcomer's was added");
    let pending = newcomer.call::<MyCompany>(NO_ARGS).await.ok().json();
    assert_eq!(pending["status"], "pending");
    let pending = pending["id"].as_i64().unwrap();
    assert_eq!(
        m.employer.call::<MyCompany>(NO_ARGS).await.ok().json()["legal_name"],
        format!("Firma {} İnşaat A.Ş.", m.employer.id())
    );

    // pending_companies: staff and admins.
    for (actor, want) in m.five([NOT_SIGNED_IN, FORBIDDEN, FORBIDDEN, OK, OK]) {
        let r = actor.call::<PendingCompanies>(NO_ARGS).await;
        check("pending_companies", actor, &r, want);
        if want == OK {
            assert_eq!(r.ids(), vec![pending]);
        }
    }

    // decide_company on the real pending company: staff and admins, never its owner.
    let status = || async { m.text(&format!("SELECT status FROM companies WHERE id = {pending}")).await.unwrap() };
    let decide = [("company_id", pending.to_string()), ("decision", "reject".into()), ("reason", "vknmismatch".into())];
    for (actor, want) in m.five([NOT_SIGNED_IN, FORBIDDEN, FORBIDDEN, OK, OK]) {
        let r = actor.call::<DecideCompany>(&decide).await;
        check("decide_company", actor, &r, want);
        if want == OK {
            assert_eq!(status().await, "rejected", "{actor:?}");
            assert_eq!(m.exec(&format!("UPDATE companies SET status = 'pending' WHERE id = {pending}")).await, 1);
        } else {
            assert_eq!(status().await, "pending", "{actor:?}");
        }
    }
    check("decide_company", &newcomer, &newcomer.call::<DecideCompany>(&decide).await, FORBIDDEN);
    assert_eq!(status().await, "pending");

    // my_profile and save_profile: migrants, each their own.
    for (actor, want) in m.five([NOT_SIGNED_IN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN]) {
        let r = actor.call::<SaveProfile>(&profile_form("AB7654321")).await;
        check("save_profile", actor, &r, want);
    }
    assert_eq!(m.count("SELECT COUNT(*) FROM migrant_profiles").await, 1);
    assert_eq!(m.count(&format!("SELECT COUNT(*) FROM migrant_profiles WHERE user_id = {}", m.migrant.id())).await, 1);
    for (actor, want) in m.five([NOT_SIGNED_IN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN]) {
        let r = actor.call::<MyProfile>(NO_ARGS).await;
        check("my_profile", actor, &r, want);
        if want == OK {
            assert_eq!(r.json()["passport_masked"], "AB*****21");
        }
    }
    let theirs = m.other_migrant.call::<MyProfile>(NO_ARGS).await;
    check("my_profile", &m.other_migrant, &theirs, OK);
    assert_eq!(theirs.json(), Value::Null, "another migrant sees their own (none), not the first one's");
}

#[tokio::test]
async fn vacancies_and_projects() {
    let m = mx().await;
    let project = m.project(&m.employer, "Kuzey Marmara Otoyolu").await;
    let published = m.published_vacancy(&m.employer, &VacancySpec::new("Yayında").project(project)).await;
    let submitted = m.vacancy(&m.employer, &VacancySpec::new("Bekleyen")).await;
    let returned = m.vacancy(&m.employer, &VacancySpec::new("Geri gönderilen")).await;
    m.staff
        .call::<ReviewVacancy>(&[
            ("vacancy_id", &*returned.to_string()),
            ("decision", "return"),
            ("reason", "conditionsmissing"),
        ])
        .await
        .ok();

    // search_vacancies: everyone, published only.
    for (actor, want) in m.five([OK; 5]) {
        let query = [
            ("query[q]", ""),
            ("query[sort]", "newest"),
            ("query[page]", "1"),
            ("query[housing]", "false"),
            ("query[no_certificate]", "false"),
        ];
        let r = actor.get::<SearchVacancies>(&query).await;
        check("search_vacancies", actor, &r, want);
        let ids: Vec<i64> = r.json()["items"].as_array().unwrap().iter().map(|v| v[0].as_i64().unwrap()).collect();
        assert_eq!(ids, vec![published], "{actor:?}");
    }

    // get_vacancy: a published one for everyone; a submitted one for its employer and staff.
    for (actor, want) in m.five([OK; 5]) {
        let r = actor.get::<GetVacancy>(&[("id", published.to_string())]).await;
        check("get_vacancy (published)", actor, &r, want);
        assert_eq!(r.json()["id"].as_i64(), Some(published));
    }
    let mut rows = m.five([NOT_FOUND, NOT_FOUND, OK, OK, OK]);
    rows.extend([(&m.rival, NOT_FOUND), (&m.other_migrant, NOT_FOUND)]);
    for (actor, want) in rows {
        let r = actor.get::<GetVacancy>(&[("id", submitted.to_string())]).await;
        check("get_vacancy (submitted)", actor, &r, want);
        if want == OK {
            assert_eq!(r.json()["status"], "submitted");
        } else {
            assert!(!r.body.contains("Bekleyen"));
        }
    }

    // my_vacancies: employers, their own company's only.
    for (actor, want) in m.five([NOT_SIGNED_IN, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN]) {
        let r = actor.call::<MyVacancies>(NO_ARGS).await;
        check("my_vacancies", actor, &r, want);
        if want == OK {
            assert_eq!(r.ids(), vec![returned, submitted, published]);
        }
    }
    assert!(m.rival.call::<MyVacancies>(NO_ARGS).await.ok().items().is_empty());

    // employer_desk: employers, their own company's vacancies, candidates and state only.
    for (actor, want) in m.five([NOT_SIGNED_IN, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN]) {
        let r = actor.call::<EmployerDesk>(NO_ARGS).await;
        check("employer_desk", actor, &r, want);
        if want == OK {
            let ids: Vec<i64> =
                r.json()["vacancies"].as_array().unwrap().iter().map(|v| v["id"].as_i64().unwrap()).collect();
            assert_eq!(ids, vec![returned, submitted, published]);
            assert_eq!(r.json()["company"]["status"], "verified");
        }
    }
    let rivals = m.rival.call::<EmployerDesk>(NO_ARGS).await.ok().json();
    assert!(rivals["vacancies"].as_array().unwrap().is_empty() && rivals["candidates"].as_array().unwrap().is_empty());

    // save_vacancy, new: employers with a verified company.
    let before = m.count("SELECT COUNT(*) FROM vacancies").await;
    for (actor, want) in m.five([NOT_SIGNED_IN, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN]) {
        let r = actor.call::<SaveVacancy>(&VacancySpec::new("Yeni ilan")).await;
        check("save_vacancy (new)", actor, &r, want);
    }
    assert_eq!(m.count("SELECT COUNT(*) FROM vacancies").await, before + 1);
    assert_eq!(m.employer.call::<MyVacancies>(NO_ARGS).await.ok().items()[0]["text_tr"], "Yeni ilan");
    // save_vacancy, a correction: the owner only. A rival with a verified
    // company of their own gets "not found", and nothing changes.
    let correction = VacancySpec::new("Düzeltilmiş").editing(returned);
    check("save_vacancy (rival's correction)", &m.rival, &m.rival.call::<SaveVacancy>(&correction).await, NOT_FOUND);
    assert_eq!(m.vacancy_status(returned).await, "returned");
    assert_eq!(
        m.text(&format!("SELECT text_tr FROM vacancies WHERE id = {returned}")).await.unwrap(),
        "Geri gönderilen"
    );
    assert!(m.rival.call::<MyVacancies>(NO_ARGS).await.ok().items().is_empty());
    // save_vacancy with another company's project: refused, nothing stored.
    let stolen = VacancySpec::new("Başkasının projesi").project(project);
    check("save_vacancy (rival's project)", &m.rival, &m.rival.call::<SaveVacancy>(&stolen).await, INVALID);
    assert!(m.rival.call::<MyVacancies>(NO_ARGS).await.ok().items().is_empty());
    assert_eq!(m.count(&format!("SELECT COUNT(*) FROM vacancies WHERE project_id = {project}")).await, 1);
    check("save_vacancy (correction)", &m.employer, &m.employer.call::<SaveVacancy>(&correction).await, OK);
    assert_eq!(m.vacancy_status(returned).await, "submitted");

    // vacancy_review_queue: staff and admins.
    for (actor, want) in m.five([NOT_SIGNED_IN, FORBIDDEN, FORBIDDEN, OK, OK]) {
        let r = actor.call::<VacancyReviewQueue>(NO_ARGS).await;
        check("vacancy_review_queue", actor, &r, want);
        if want == OK {
            let ids = r.ids();
            assert!(ids.contains(&submitted) && ids.contains(&returned) && !ids.contains(&published), "{ids:?}");
        }
    }

    // review_vacancy: staff and admins; not the vacancy's own employer.
    let second = m.vacancy(&m.employer, &VacancySpec::new("İkinci bekleyen")).await;
    let mut targets = vec![submitted, second].into_iter();
    for (actor, want) in m.five([NOT_SIGNED_IN, FORBIDDEN, FORBIDDEN, OK, OK]) {
        let target = if want == OK { targets.next().unwrap() } else { submitted };
        let r =
            actor.call::<ReviewVacancy>(&[("vacancy_id", target.to_string()), ("decision", "publish".into())]).await;
        check("review_vacancy", actor, &r, want);
        assert_eq!(m.vacancy_status(target).await, if want == OK { "published" } else { "submitted" }, "{actor:?}");
    }

    // close_vacancy: the vacancy's own employer, a published one only. A rival
    // employer gets "not found"; a vacancy not published cannot be closed.
    let closing = m.published_vacancy(&m.employer, &VacancySpec::new("Kapanacak")).await;
    let on = [("vacancy_id", closing.to_string())];
    let mut closed = false;
    for (actor, want) in m.five([NOT_SIGNED_IN, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN]) {
        if want == OK {
            check("close_vacancy (rival)", &m.rival, &m.rival.call::<CloseVacancy>(&on).await, NOT_FOUND);
            assert_eq!(m.vacancy_status(closing).await, "published");
        }
        let r = actor.call::<CloseVacancy>(&on).await;
        check("close_vacancy", actor, &r, want);
        closed |= want == OK;
        assert_eq!(m.vacancy_status(closing).await, if closed { "closed" } else { "published" }, "{actor:?}");
    }
    let again = m.employer.call::<CloseVacancy>(&on).await;
    check("close_vacancy (closed already)", &m.employer, &again, INVALID);
    assert!(!m.search("").await.contains(&closing), "a closed vacancy leaves the search");

    // save_project and my_projects: employers, their own.
    for (actor, want) in m.five([NOT_SIGNED_IN, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN]) {
        let r = actor
            .call::<SaveProject>(&[("name", "Yeni Proje"), ("description_tr", "Açıklama"), ("province_id", "6")])
            .await;
        check("save_project", actor, &r, want);
    }
    assert_eq!(m.count("SELECT COUNT(*) FROM projects").await, 2);
    for (actor, want) in m.five([NOT_SIGNED_IN, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN]) {
        let r = actor.call::<MyProjects>(NO_ARGS).await;
        check("my_projects", actor, &r, want);
        if want == OK {
            assert_eq!(r.items().len(), 2);
            assert!(r.ids().contains(&project));
        }
    }
    assert!(m.rival.call::<MyProjects>(NO_ARGS).await.ok().items().is_empty());

    // get_project: public, for a verified company's project.
    let mut rows = m.five([OK; 5]);
    rows.push((&m.rival, OK));
    for (actor, want) in rows {
        let r = actor.get::<GetProject>(&[("id", project.to_string())]).await;
        check("get_project", actor, &r, want);
        assert_eq!(r.json()[0]["id"].as_i64(), Some(project));
        let listed: Vec<i64> = r.json()[1].as_array().unwrap().iter().map(|v| v[0].as_i64().unwrap()).collect();
        assert_eq!(listed, vec![published]);
    }
}

#[tokio::test]
async fn applications_and_notifications() {
    let m = mx().await;
    let vacancy = m.published_vacancy(&m.employer, &VacancySpec::new("Duvar ustası")).await;
    let second = m.published_vacancy(&m.employer, &VacancySpec::new("Kalıpçı")).await;
    let app_id = m.application(&m.migrant, vacancy).await;
    let id = app_id.to_string();

    // apply: migrants.
    for (actor, want) in m.five([NOT_SIGNED_IN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN]) {
        let r = actor.call::<Apply>(&[("vacancy_id", second.to_string())]).await;
        check("apply", actor, &r, want);
    }
    assert_eq!(m.count(&format!("SELECT COUNT(*) FROM applications WHERE vacancy_id = {second}")).await, 1);
    check(
        "apply (again)",
        &m.migrant,
        &m.migrant.call::<Apply>(&[("vacancy_id", second.to_string())]).await,
        Want::Refused("AlreadyApplied"),
    );
    check(
        "apply (another migrant, no profile yet)",
        &m.other_migrant,
        &m.other_migrant.call::<Apply>(&[("vacancy_id", second.to_string())]).await,
        Want::Refused("ProfileRequired"),
    );
    m.other_migrant.call::<SaveProfile>(&profile_form("")).await.ok();
    check(
        "apply (another migrant)",
        &m.other_migrant,
        &m.other_migrant.call::<Apply>(&[("vacancy_id", second.to_string())]).await,
        OK,
    );

    // get_application while submitted: the migrant and staff; not the employer yet.
    let mut rows = m.five([NOT_SIGNED_IN, OK, NOT_FOUND, OK, OK]);
    rows.extend([(&m.rival, NOT_FOUND), (&m.other_migrant, NOT_FOUND)]);
    for (actor, want) in rows {
        let r = actor.get::<GetApplication>(&[("id", id.as_str())]).await;
        check("get_application (submitted)", actor, &r, want);
        if want != OK {
            assert!(!r.body.contains(m.migrant.login()), "{actor:?} learns nothing");
        }
    }

    // move_application: the role that owns the move, on a row it may see.
    let mv = |actor: &Actor, to: &str| {
        // With what the move needs (an interview's details …): the refusals below are about who moves.
        let mut form = vec![("application_id", id.clone()), ("to", to.to_string())];
        form.extend(move_details(to));
        let actor = actor.clone();
        async move { actor.call::<MoveApplication>(&form).await }
    };
    let steps: Vec<(&Actor, &str, Want, &str)> = vec![
        (&m.anon, "screening", NOT_SIGNED_IN, "submitted"),
        (&m.employer, "interview", NOT_FOUND, "submitted"),
        (&m.rival, "interview", NOT_FOUND, "submitted"),
        (&m.other_migrant, "withdrawn", NOT_FOUND, "submitted"),
        (&m.migrant, "screening", FORBIDDEN, "submitted"),
        (&m.staff, "screening", OK, "screening"),
        (&m.employer, "forwarded", NOT_FOUND, "screening"),
        (&m.admin, "forwarded", OK, "forwarded"),
        (&m.staff, "interview", FORBIDDEN, "forwarded"),
        (&m.rival, "interview", NOT_FOUND, "forwarded"),
        (&m.employer, "interview", OK, "interview"),
        (&m.other_migrant, "withdrawn", NOT_FOUND, "interview"),
        (&m.admin, "offer", FORBIDDEN, "interview"),
    ];
    for (actor, to, want, stage) in steps {
        let r = mv(actor, to).await;
        check(&format!("move_application to {to}"), actor, &r, want);
        assert_eq!(m.stage(app_id).await, stage, "after {actor:?} → {to}");
    }

    // get_application once forwarded: now the employer too, never the rival.
    let mut rows = m.five([NOT_SIGNED_IN, OK, OK, OK, OK]);
    rows.extend([(&m.rival, NOT_FOUND), (&m.other_migrant, NOT_FOUND)]);
    for (actor, want) in rows {
        let r = actor.get::<GetApplication>(&[("id", id.as_str())]).await;
        check("get_application (interview)", actor, &r, want);
        if want == OK {
            assert_eq!(r.json()["id"].as_i64(), Some(app_id));
        }
    }

    // list_applications: everyone signed in, each their own view.
    let application_of = |migrant: &Actor| {
        format!("SELECT id FROM applications WHERE vacancy_id = {second} AND migrant_user_id = {}", migrant.id())
    };
    let mine_on_second = m.count(&application_of(&m.migrant)).await;
    let other_app = vec![m.count(&application_of(&m.other_migrant)).await];
    let lists: Vec<(&Actor, Want, Vec<i64>)> = vec![
        (&m.anon, NOT_SIGNED_IN, vec![]),
        (&m.migrant, OK, vec![mine_on_second, app_id]),
        (&m.employer, OK, vec![app_id]),
        (&m.staff, OK, vec![]),
        (&m.admin, OK, vec![]),
        (&m.rival, OK, vec![]),
        (&m.other_migrant, OK, other_app.clone()),
    ];
    for (actor, want, ids) in lists {
        let r = actor.call::<ListApplications>(NO_ARGS).await;
        check("list_applications", actor, &r, want);
        if want == OK {
            let mut got = r.ids();
            got.sort();
            let mut ids = ids;
            ids.sort();
            if actor.role() == Some(Role::Staff) || actor.role() == Some(Role::Admin) {
                // The screening queue: the two submitted applications to `second`.
                assert_eq!(got.len(), 2, "{actor:?}");
                assert!(!got.contains(&app_id));
            } else {
                assert_eq!(got, ids, "{actor:?}");
            }
        }
    }

    // my_notifications and unread_count: each their own.
    for (actor, want) in m.five([NOT_SIGNED_IN, OK, OK, OK, OK]) {
        let r = actor.call::<MyNotifications>(NO_ARGS).await;
        check("my_notifications", actor, &r, want);
        if want == OK {
            // About applications (an employer also hears of staff decisions on its company and vacancies).
            let apps: Vec<i64> = r.items().iter().filter_map(|n| n["application_id"].as_i64()).collect();
            match actor.role() {
                Some(Role::Migrant) => assert!(apps.contains(&app_id) && apps.len() == 5, "{apps:?}"),
                Some(Role::Employer) => assert_eq!(apps, vec![app_id], "the candidate forwarded"),
                _ => assert!(apps.is_empty(), "{actor:?}"),
            }
        }
    }
    let unread_of =
        |a: &Actor| format!("SELECT COUNT(*) FROM notifications WHERE user_id = {} AND read_at IS NULL", a.id());
    for (actor, want) in m.five([OK; 5]) {
        let r = actor.call::<UnreadCount>(NO_ARGS).await;
        check("unread_count", actor, &r, want);
        let want_count = match actor.account() {
            None => 0,
            Some(_) => m.count(&unread_of(actor)).await,
        };
        assert_eq!(r.json(), json!(want_count), "{actor:?}");
    }

    // mark_notifications_read: everyone signed in, their own only.
    let people = [&m.migrant, &m.employer, &m.staff, &m.admin, &m.rival, &m.other_migrant];
    for (actor, want) in m.five([NOT_SIGNED_IN, OK, OK, OK, OK]) {
        let mut before = vec![];
        for p in people {
            before.push(m.count(&unread_of(p)).await);
        }
        let r = actor.call::<MarkNotificationsRead>(NO_ARGS).await;
        check("mark_notifications_read", actor, &r, want);
        for (p, was) in people.iter().zip(before) {
            let now = m.count(&unread_of(p)).await;
            if actor.account().is_some_and(|a| a.id == p.id()) {
                assert_eq!(now, 0, "{actor:?} read theirs");
            } else {
                assert_eq!(now, was, "{actor:?} marked {p:?}'s");
            }
        }
    }
    assert_eq!(m.count(&unread_of(&m.other_migrant)).await, 1, "untouched by everyone else");

    // Finally the migrant withdraws (their own move).
    let r = mv(&m.migrant, "withdrawn").await;
    check("move_application to withdrawn", &m.migrant, &r, OK);
    assert_eq!(m.stage(app_id).await, "withdrawn");
}

/// Rows that do not exist: those who may ask learn "not found"; the others
/// are refused by role before any row is looked up.
/// download_my_data and delete_account: each for one's own account only; the
/// erasure for those who signed themselves up. Everyone else stays as they were.
#[tokio::test]
async fn personal_data_rights() {
    let m = mx().await;
    for (actor, want) in m.five([NOT_SIGNED_IN, OK, OK, OK, OK]) {
        let r = actor.get::<DownloadMyData>(NO_ARGS).await;
        check("download_my_data", actor, &r, want);
        if let Some(a) = actor.account() {
            assert_eq!(r.json()["account"]["id"].as_i64(), Some(a.id), "{actor:?}: one's own data");
        }
    }
    let form = [("password", PASSWORD), ("confirm", "yes")];
    for (actor, want) in m.five([NOT_SIGNED_IN, OK, OK, FORBIDDEN, FORBIDDEN]) {
        let r = actor.call::<DeleteAccount>(&form).await;
        check("delete_account", actor, &r, want);
        if let Some(a) = actor.account() {
            let erased =
                m.count(&format!("SELECT COUNT(*) FROM users WHERE id = {} AND deleted_at IS NOT NULL", a.id)).await;
            assert_eq!((erased == 1, !actor.is_signed_in().await), (want == OK, want == OK), "{actor:?}");
        }
    }
    // Nobody else's account went.
    m.sign_in(m.other_migrant.login(), PASSWORD).await;
    m.sign_in(m.rival.login(), PASSWORD).await;
    assert_eq!(m.count("SELECT COUNT(*) FROM users WHERE deleted_at IS NOT NULL").await, 2);
}

#[tokio::test]
async fn unknown_rows_are_not_found() {
    let m = mx().await;
    let missing = "999999";
    for (actor, want) in m.five([NOT_SIGNED_IN, FORBIDDEN, FORBIDDEN, NOT_FOUND, NOT_FOUND]) {
        let r = actor.call::<DecideCompany>(&[("company_id", missing), ("decision", "verify")]).await;
        check("decide_company (missing)", actor, &r, want);
        let r = actor.call::<ReviewVacancy>(&[("vacancy_id", missing), ("decision", "publish")]).await;
        check("review_vacancy (missing)", actor, &r, want);
    }
    for (actor, want) in m.five([NOT_SIGNED_IN, NOT_FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN]) {
        let r = actor.call::<Apply>(&[("vacancy_id", missing)]).await;
        check("apply (missing)", actor, &r, want);
    }
    for (actor, want) in m.five([NOT_SIGNED_IN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND]) {
        let r = actor.call::<MoveApplication>(&[("application_id", missing), ("to", "screening")]).await;
        check("move_application (missing)", actor, &r, want);
        let r = actor.get::<GetApplication>(&[("id", missing)]).await;
        check("get_application (missing)", actor, &r, want);
    }
    for (actor, want) in m.five([NOT_FOUND; 5]) {
        let r = actor.get::<GetVacancy>(&[("id", missing)]).await;
        check("get_vacancy (missing)", actor, &r, want);
        let r = actor.get::<GetProject>(&[("id", missing)]).await;
        check("get_project (missing)", actor, &r, want);
    }
    for (actor, want) in m.five([NOT_SIGNED_IN, FORBIDDEN, NOT_FOUND, FORBIDDEN, FORBIDDEN]) {
        let r = actor.call::<SaveVacancy>(&VacancySpec::new("Yok").editing(999_999)).await;
        check("save_vacancy (missing)", actor, &r, want);
    }
}

/// outbox_overview: admins only. telegram_link, telegram_link_code and
/// unlink_telegram: every signed-in person, on their own link only.
#[tokio::test]
async fn outbox_and_telegram() {
    let m = mx().await;
    for (actor, want) in m.five([NOT_SIGNED_IN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK]) {
        let r = actor.call::<OutboxOverview>(NO_ARGS).await;
        check("outbox_overview", actor, &r, want);
        if want == OK {
            assert_eq!(r.json()["counts"].as_array().map(Vec::len), Some(4));
        }
    }

    for (actor, want) in m.five([NOT_SIGNED_IN, OK, OK, OK, OK]) {
        let r = actor.call::<TelegramLinkCode>(NO_ARGS).await;
        check("telegram_link_code", actor, &r, want);
        let r = actor.call::<TelegramLink>(NO_ARGS).await;
        check("telegram_link", actor, &r, want);
        if let Some(a) = actor.account() {
            let mine = m.count(&format!("SELECT COUNT(*) FROM telegram_link_codes WHERE user_id = {}", a.id)).await;
            assert_eq!(mine, 1, "{actor:?}: one code of one's own");
            assert!(r.json()["code"]["code"].is_string(), "{actor:?}: shown to its owner");
        }
    }
    assert_eq!(m.count("SELECT COUNT(*) FROM telegram_link_codes").await, 4, "none for the visitor");

    // The migrant and the other migrant link a chat each; each unlink takes only the caller's.
    let now = chrono::Utc::now();
    for (who, chat) in [(&m.migrant, "9000"), (&m.other_migrant, "9001")] {
        let code = who.call::<TelegramLinkCode>(NO_ARGS).await.ok().json()["code"].as_str().unwrap().to_string();
        let linked = app::outbox::service::link_from_update(&m.db, &m.state.keys, &code, chat, now).await.unwrap();
        assert_eq!(linked, app::outbox::service::LinkOutcome::Linked { user_id: who.id() as i32 });
    }
    for (actor, want) in m.five([NOT_SIGNED_IN, OK, OK, OK, OK]) {
        let r = actor.call::<UnlinkTelegram>(NO_ARGS).await;
        check("unlink_telegram", actor, &r, want);
        if actor.account().is_none() {
            assert_eq!(m.count("SELECT COUNT(*) FROM telegram_accounts").await, 2, "the refused call changed nothing");
        }
    }
    assert_eq!(m.count("SELECT COUNT(*) FROM telegram_accounts WHERE chat_id = '9000'").await, 0);
    assert_eq!(m.count("SELECT COUNT(*) FROM telegram_accounts WHERE chat_id = '9001'").await, 1, "not the caller's");
}

/// The case functions (F3.1, F3.3, F6.1, F6.5). Opening, listing one's own and
/// the form's choices: verified migrants. One case: its migrant and staff,
/// never an employer (not even the one a complaint is about), never another
/// migrant. Moves: the role that owns each. The queues, assignment, notes,
/// suspending the company and moving the worker: staff. The checklist: its migrant.
#[tokio::test]
async fn cases() {
    let m = mx().await;
    let vacancy = m.published_vacancy(&m.employer, &VacancySpec::new("Duvar ustası")).await;
    let elsewhere = [
        m.published_vacancy(&m.rival, &VacancySpec::new("Sıvacı")).await,
        m.published_vacancy(&m.rival, &VacancySpec::new("Kalıpçı")).await,
    ];
    m.application(&m.migrant, vacancy).await;
    let company = m.company.to_string();
    let cases_of = |a: &Actor| format!("SELECT COUNT(*) FROM cases WHERE owner_user_id = {}", a.id());

    // open_case (a multipart post): verified migrants; a complaint only about one's own employers.
    let complaint = [
        ("kind", "complaint"),
        ("category", "abuse"),
        ("company_id", company.as_str()),
        ("summary", "Usta qoʻrqitdi."),
    ];
    for (actor, want) in m.five([NOT_SIGNED_IN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN]) {
        let r = actor.post_multipart(<OpenCase as ServerFn>::PATH, &complaint, &[]).await;
        check("open_case", actor, &r, want);
        if actor.account().is_some() {
            assert_eq!(m.count(&cases_of(actor)).await, i64::from(want == OK), "{actor:?}");
        }
    }
    let r = m.other_migrant.post_multipart(<OpenCase as ServerFn>::PATH, &complaint, &[]).await;
    check("open_case (not their employer)", &m.other_migrant, &r, Want::Refused("Fields:company_id=InvalidInput"));
    assert_eq!(m.count("SELECT COUNT(*) FROM cases").await, 1);
    let case = m.count("SELECT MAX(id) FROM cases").await;
    let id = case.to_string();

    // case_form_options and my_cases: migrants, each their own.
    for (actor, want) in m.five([NOT_SIGNED_IN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN]) {
        let r = actor.get::<CaseFormOptions>(NO_ARGS).await;
        check("case_form_options", actor, &r, want);
        if want == OK {
            assert_eq!(r.json()["my_employers"][0][0].as_i64(), Some(m.company));
        }
        let r = actor.get::<MyCases>(NO_ARGS).await;
        check("my_cases", actor, &r, want);
        if want == OK {
            assert_eq!(r.ids(), vec![case]);
        }
    }
    assert_eq!(m.other_migrant.get::<CaseFormOptions>(NO_ARGS).await.ok().json()["my_employers"], json!([]));
    assert!(m.other_migrant.get::<MyCases>(NO_ARGS).await.ok().items().is_empty());

    // get_case: its migrant and staff; an employer and another migrant learn nothing.
    let mut rows = m.five([NOT_SIGNED_IN, OK, NOT_FOUND, OK, OK]);
    rows.extend([(&m.rival, NOT_FOUND), (&m.other_migrant, NOT_FOUND)]);
    for (actor, want) in rows {
        let r = actor.get::<GetCase>(&[("id", id.as_str())]).await;
        check("get_case", actor, &r, want);
        match want {
            OK => assert_eq!(r.json()["id"].as_i64(), Some(case)),
            _ => assert!(!r.body.contains("qoʻrqitdi"), "{actor:?} learns nothing"),
        }
    }

    // post_case_message (multipart): its migrant and staff.
    let mut rows = m.five([NOT_SIGNED_IN, OK, NOT_FOUND, OK, OK]);
    rows.extend([(&m.rival, NOT_FOUND), (&m.other_migrant, NOT_FOUND)]);
    for (actor, want) in rows {
        let before = m.count(&format!("SELECT COUNT(*) FROM case_messages WHERE case_id = {case}")).await;
        let r = actor
            .post_multipart(<PostCaseMessage as ServerFn>::PATH, &[("case_id", &*id), ("body", "Salom")], &[])
            .await;
        check("post_case_message", actor, &r, want);
        let after = m.count(&format!("SELECT COUNT(*) FROM case_messages WHERE case_id = {case}")).await;
        assert_eq!(after, before + i64::from(want == OK), "{actor:?}");
    }

    // case_queue, assign_case and add_case_note: staff and admins.
    let filter = [("kind", "complaint"), ("filter[holder]", ""), ("filter[stage]", "")];
    for (actor, want) in m.five([NOT_SIGNED_IN, FORBIDDEN, FORBIDDEN, OK, OK]) {
        let r = actor.get::<CaseQueue>(&filter).await;
        check("case_queue", actor, &r, want);
        if want == OK {
            let lines: Vec<i64> =
                r.json()["lines"].as_array().unwrap().iter().map(|l| l["id"].as_i64().unwrap()).collect();
            assert_eq!(lines, vec![case]);
        }
    }
    let holder = || async { m.count(&format!("SELECT COALESCE(assigned_to, 0) FROM cases WHERE id = {case}")).await };
    for (actor, want) in m.five([NOT_SIGNED_IN, FORBIDDEN, FORBIDDEN, OK, OK]) {
        let before = holder().await;
        let r = actor.call::<AssignCase>(&[("case_id", id.as_str()), ("assign_to", "")]).await;
        check("assign_case", actor, &r, want);
        assert_eq!(holder().await, if want == OK { actor.id() } else { before }, "{actor:?}");
    }
    for (actor, want) in m.five([NOT_SIGNED_IN, FORBIDDEN, FORBIDDEN, OK, OK]) {
        let r = actor.call::<AddCaseNote>(&[("case_id", id.as_str()), ("note", "Ichki qayd")]).await;
        check("add_case_note", actor, &r, want);
        if let Some(a) = actor.account() {
            let notes = m.count(&format!("SELECT COUNT(*) FROM case_notes WHERE author_user_id = {}", a.id)).await;
            assert_eq!(notes, i64::from(want == OK), "{actor:?}");
        }
    }

    // suspend_company_from_case: staff and admins (the company set back to verified after each).
    let status = || async { m.text(&format!("SELECT status FROM companies WHERE id = {}", m.company)).await.unwrap() };
    for (actor, want) in m.five([NOT_SIGNED_IN, FORBIDDEN, FORBIDDEN, OK, OK]) {
        let r = actor.call::<SuspendCompanyFromCase>(&[("case_id", id.as_str()), ("reason", "Zoʻravonlik")]).await;
        check("suspend_company_from_case", actor, &r, want);
        assert_eq!(status().await, if want == OK { "suspended" } else { "verified" }, "{actor:?}");
        m.exec(&format!("UPDATE companies SET status = 'verified' WHERE id = {}", m.company)).await;
    }

    // move_worker: staff and admins, each to another of the rival's vacancies.
    let applied = |v: i64| {
        format!("SELECT COUNT(*) FROM applications WHERE vacancy_id = {v} AND migrant_user_id = {}", m.migrant.id())
    };
    let mut targets = elsewhere.into_iter();
    for (actor, want) in m.five([NOT_SIGNED_IN, FORBIDDEN, FORBIDDEN, OK, OK]) {
        let target = if want == OK { targets.next().unwrap() } else { elsewhere[0] };
        let r = actor.call::<MoveWorker>(&[("case_id", id.clone()), ("vacancy_id", target.to_string())]).await;
        check("move_worker", actor, &r, want);
        if want != OK {
            assert_eq!(m.count(&applied(target)).await, 0, "{actor:?}");
        } else {
            assert_eq!(m.count(&applied(target)).await, 1, "{actor:?}");
        }
    }

    // move_case: the role that owns the move, on a row it may see.
    let steps: Vec<(&Actor, &str, Want, &str)> = vec![
        (&m.anon, "underreview", NOT_SIGNED_IN, "submitted"),
        (&m.employer, "underreview", NOT_FOUND, "submitted"),
        (&m.rival, "underreview", NOT_FOUND, "submitted"),
        (&m.other_migrant, "withdrawn", NOT_FOUND, "submitted"),
        (&m.migrant, "underreview", FORBIDDEN, "submitted"),
        (&m.staff, "decided", INVALID, "submitted"),
        (&m.staff, "underreview", OK, "underreview"),
        (&m.employer, "decided", NOT_FOUND, "underreview"),
        (&m.migrant, "decided", FORBIDDEN, "underreview"),
        (&m.admin, "decided", OK, "decided"),
        (&m.migrant, "closed", FORBIDDEN, "decided"),
        (&m.employer, "closed", NOT_FOUND, "decided"),
        (&m.staff, "closed", OK, "closed"),
    ];
    for (actor, to, want, stage) in steps {
        let mut form = vec![("case_id", id.as_str()), ("to", to)];
        if to == "decided" {
            form.extend([("decision", "resolved"), ("reason", "Hal qilindi")]);
        }
        let r = actor.call::<MoveCase>(&form).await;
        check(&format!("move_case to {to}"), actor, &r, want);
        let now = m.text(&format!("SELECT stage FROM cases WHERE id = {case}")).await.unwrap();
        assert_eq!(now, stage, "after {actor:?} → {to}");
    }

    // tick_checklist: the case's migrant only (a regularisation found eligible, with one step).
    let reg = [
        ("kind", "regularisation"),
        ("summary", "Muddatim oʻtdi."),
        ("entered_on", "2025-01-10"),
        ("entry_route", "visafree"),
        ("current_status", "overstay"),
        ("sector_id", "1"),
    ];
    m.migrant.post_multipart(<OpenCase as ServerFn>::PATH, &reg, &[]).await.ok();
    let reg_case = m.count("SELECT MAX(id) FROM cases").await.to_string();
    m.staff.call::<MoveCase>(&[("case_id", reg_case.as_str()), ("to", "underreview")]).await.ok();
    m.staff
        .call::<MoveCase>(&[
            ("case_id", reg_case.as_str()),
            ("to", "decided"),
            ("decision", "eligible"),
            ("reason", "Mos keladi"),
            ("steps", "Pasport nusxasi"),
        ])
        .await
        .ok();
    let item = m.count(&format!("SELECT id FROM case_checklist WHERE case_id = {reg_case}")).await.to_string();
    let done = || async {
        m.count(&format!("SELECT COUNT(*) FROM case_checklist WHERE id = {item} AND done_at IS NOT NULL")).await == 1
    };
    let mut rows = m.five([NOT_SIGNED_IN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN]);
    rows.push((&m.other_migrant, NOT_FOUND));
    for (actor, want) in rows {
        let was = done().await;
        let to = if was { "false" } else { "true" };
        let r = actor.call::<TickChecklist>(&[("item_id", item.as_str()), ("done", to)]).await;
        check("tick_checklist", actor, &r, want);
        assert_eq!(done().await, if want == OK { !was } else { was }, "{actor:?}");
    }

    // Rows that do not exist: those who may ask learn "not found".
    let missing = "999999";
    for (actor, want) in m.five([NOT_SIGNED_IN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND]) {
        check("get_case (missing)", actor, &actor.get::<GetCase>(&[("id", missing)]).await, want);
        let r = actor.call::<MoveCase>(&[("case_id", missing), ("to", "underreview")]).await;
        check("move_case (missing)", actor, &r, want);
        let r = actor
            .post_multipart(<PostCaseMessage as ServerFn>::PATH, &[("case_id", missing), ("body", "?")], &[])
            .await;
        check("post_case_message (missing)", actor, &r, want);
    }
    for (actor, want) in m.five([NOT_SIGNED_IN, FORBIDDEN, FORBIDDEN, NOT_FOUND, NOT_FOUND]) {
        let r = actor.call::<AssignCase>(&[("case_id", missing), ("assign_to", "")]).await;
        check("assign_case (missing)", actor, &r, want);
        let r = actor.call::<AddCaseNote>(&[("case_id", missing), ("note", "x")]).await;
        check("add_case_note (missing)", actor, &r, want);
    }
    for (actor, want) in m.five([NOT_SIGNED_IN, NOT_FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN]) {
        let r = actor.call::<TickChecklist>(&[("item_id", missing), ("done", "true")]).await;
        check("tick_checklist (missing)", actor, &r, want);
    }
}

/// The announcement functions (F3.5). The published ones (the home page's,
/// the list, one by its address): anyone. A draft by its address, the staff's
/// list, one to edit, saving, publishing and taking down: staff and admins;
/// anyone else learns nothing about a draft, and a refused call changes nothing.
#[tokio::test]
async fn announcements() {
    let m = mx().await;
    assert!(app::announcements::service::seed_article(&m.db).await.unwrap());
    let article = app::announcements::service::article_slug();
    let count = || async { m.count("SELECT COUNT(*) FROM announcements").await };

    // latest_announcements, list_announcements, get_announcement of a published one: everyone.
    for (actor, want) in m.five([OK; 5]) {
        let r = actor.get::<LatestAnnouncements>(NO_ARGS).await;
        check("latest_announcements", actor, &r, want);
        assert_eq!(r.items()[0]["slug"].as_str(), Some(article.as_str()), "{actor:?}");
        let r = actor.get::<ListAnnouncements>(&[("page", "1")]).await;
        check("list_announcements", actor, &r, want);
        assert_eq!(r.json()["items"][0]["slug"].as_str(), Some(article.as_str()), "{actor:?}");
        let r = actor.get::<GetAnnouncement>(&[("slug", article.as_str()), ("lang", "tr")]).await;
        check("get_announcement", actor, &r, want);
        assert!(r.json()["title"].as_str().is_some_and(|t| t.starts_with("Özbekistan ve Türkiye")), "{actor:?}");
    }

    // save_announcement (a new one): staff and admins; a refused call stores nothing.
    for (i, (actor, want)) in m.five([NOT_SIGNED_IN, FORBIDDEN, FORBIDDEN, OK, OK]).into_iter().enumerate() {
        let before = count().await;
        let form = [
            ("title_uz", format!("Eʼlon {i}")),
            ("title_tr", format!("Duyuru {i}")),
            ("body_uz", "Matn.".to_string()),
            ("body_tr", "Metin.".to_string()),
        ];
        let r = actor.call::<SaveAnnouncement>(&form).await;
        check("save_announcement", actor, &r, want);
        assert_eq!(count().await, before + i64::from(want == OK), "{actor:?}");
    }
    let draft = m.count("SELECT id FROM announcements WHERE slug = 'duyuru-3'").await;
    let id = draft.to_string();

    // get_announcement of a draft: staff and admins; everyone else: not found.
    let mut rows = m.five([NOT_FOUND, NOT_FOUND, NOT_FOUND, OK, OK]);
    rows.extend([(&m.rival, NOT_FOUND), (&m.other_migrant, NOT_FOUND)]);
    for (actor, want) in rows {
        let r = actor.get::<GetAnnouncement>(&[("slug", "duyuru-3"), ("lang", "uz")]).await;
        check("get_announcement (draft)", actor, &r, want);
        if want != OK {
            assert!(!r.body.contains("Eʼlon 3"), "{actor:?} learns nothing");
        }
    }

    // staff_announcements and staff_announcement: staff and admins.
    for (actor, want) in m.five([NOT_SIGNED_IN, FORBIDDEN, FORBIDDEN, OK, OK]) {
        let r = actor.call::<StaffAnnouncements>(NO_ARGS).await;
        check("staff_announcements", actor, &r, want);
        if want == OK {
            assert_eq!(r.ids().len(), 3, "the article and the two drafts");
        }
        let r = actor.call::<StaffAnnouncement>(&[("id", id.as_str())]).await;
        check("staff_announcement", actor, &r, want);
        if want == OK {
            assert_eq!(r.json()["slug"], "duyuru-3");
        } else {
            assert!(!r.body.contains("Eʼlon 3"), "{actor:?} learns nothing");
        }
    }

    // save_announcement (an edit): staff and admins; a refused one leaves the texts.
    let title = || async { m.text(&format!("SELECT title_uz FROM announcements WHERE id = {draft}")).await.unwrap() };
    for (i, (actor, want)) in m.five([NOT_SIGNED_IN, FORBIDDEN, FORBIDDEN, OK, OK]).into_iter().enumerate() {
        let before = title().await;
        let new = format!("Tahrir {i}");
        let form = [
            ("announcement_id", id.clone()),
            ("title_uz", new.clone()),
            ("title_tr", "Düzeltme".to_string()),
            ("body_uz", "Matn.".to_string()),
            ("body_tr", "Metin.".to_string()),
        ];
        let r = actor.call::<SaveAnnouncement>(&form).await;
        check("save_announcement (edit)", actor, &r, want);
        assert_eq!(title().await, if want == OK { new } else { before }, "{actor:?}");
    }

    // publish_announcement and unpublish_announcement: staff and admins; a refused one changes nothing.
    let public = || async {
        m.count(&format!("SELECT COUNT(*) FROM announcements WHERE id = {draft} AND published_at IS NOT NULL")).await
            == 1
    };
    let row = [("announcement_id", id.as_str())];
    for (actor, want) in m.five([NOT_SIGNED_IN, FORBIDDEN, FORBIDDEN, OK, OK]) {
        let r = actor.call::<PublishAnnouncement>(&row).await;
        check("publish_announcement", actor, &r, want);
        assert_eq!(public().await, want == OK, "{actor:?}");
        if want != OK {
            m.staff.call::<PublishAnnouncement>(&row).await.ok();
        }
        let r = actor.call::<UnpublishAnnouncement>(&row).await;
        check("unpublish_announcement", actor, &r, want);
        assert_eq!(public().await, want != OK, "{actor:?}");
        if want != OK {
            m.staff.call::<UnpublishAnnouncement>(&row).await.ok();
        }
    }

    // Rows that do not exist: those who may ask learn "not found".
    let missing = [("announcement_id", "999999")];
    for (actor, want) in m.five([NOT_SIGNED_IN, FORBIDDEN, FORBIDDEN, NOT_FOUND, NOT_FOUND]) {
        check("staff_announcement (missing)", actor, &actor.call::<StaffAnnouncement>(&[("id", "999999")]).await, want);
        check("publish_announcement (missing)", actor, &actor.call::<PublishAnnouncement>(&missing).await, want);
        check("unpublish_announcement (missing)", actor, &actor.call::<UnpublishAnnouncement>(&missing).await, want);
        let form =
            [("announcement_id", "999999"), ("title_uz", "Y"), ("title_tr", "Y"), ("body_uz", "Y"), ("body_tr", "Y")];
        check("save_announcement (missing)", actor, &actor.call::<SaveAnnouncement>(&form).await, want);
    }
    for (actor, want) in m.five([NOT_FOUND; 5]) {
        let r = actor.get::<GetAnnouncement>(&[("slug", "no-such-announcement"), ("lang", "uz")]).await;
        check("get_announcement (missing)", actor, &r, want);
    }
    assert_eq!(count().await, 3);
}
