//! The staff side over HTTP (F4): staff and admin accounts, the console's
//! queues, the legal minimum wage, and the emergency contacts. They run on
//! SQLite, and on PostgreSQL with `TEST_DATABASE_URL`.

mod common;

use common::*;

#[tokio::test]
async fn staff_pages_refuse_other_roles() {
    let app = TestApp::new().await;
    let migrant = app.migrant("+998901112233").await;
    let staff = app.staff("staff@kopru.example").await;
    let admin = app.admin("admin@kopru.example").await;
    for actor in [&migrant, &staff] {
        let page = actor.page("/admin/accounts").await;
        assert!(page.body.contains("Bu amal uchun ruxsatingiz yoʻq."), "{actor:?}");
        assert!(!page.body.contains("admin@kopru.example"), "{actor:?}");
    }
    let page = admin.page("/admin/accounts").await;
    assert!(page.body.contains("admin@kopru.example"));
    assert!(page.body.contains("staff@kopru.example"));
    assert!(!page.body.contains("+998901112233"), "migrants are not staff");
}

#[tokio::test]
async fn admins_create_and_list_staff_accounts() {
    let app = TestApp::new().await;
    let admin = app.admin("admin@kopru.example").await;
    let staff = app.staff("staff@kopru.example").await;
    app.migrant("+998901112233").await;
    app.employer("ik@firma.com.tr").await;

    let listed = admin.call::<StaffAccounts>(NO_ARGS).await.ok().items();
    let emails: Vec<&str> = listed.iter().map(|a| a["email"].as_str().unwrap()).collect();
    assert_eq!(emails, ["staff@kopru.example", "admin@kopru.example"], "staff and admins only, newest first");
    assert_eq!(listed[0]["role"], "staff");
    assert_eq!(listed[0]["id"].as_i64(), Some(staff.id()));
    assert_eq!(listed[1]["role"], "admin");
    assert!(listed.iter().all(|a| a["disabled"] == false));

    let form = |email: &str, role: &str, password: &str| {
        vec![
            ("name", "Yangi Xodim".to_string()),
            ("email", email.into()),
            ("role", role.into()),
            ("password", password.into()),
        ]
    };
    staff.call::<CreateStaffAccount>(&form("new@kopru.example", "staff", PASSWORD)).await.assert_err("Forbidden");
    for (email, role, password, want) in [
        ("new@kopru.example", "migrant", PASSWORD, "InvalidInput"),
        ("new@kopru.example", "root", PASSWORD, "InvalidInput"),
        ("new@kopru.example", "staff", "password", "PasswordTooCommon"),
        ("not-an-email", "staff", PASSWORD, "InvalidEmail"),
        ("staff@kopru.example", "staff", PASSWORD, "AccountExists"),
    ] {
        admin.call::<CreateStaffAccount>(&form(email, role, password)).await.assert_err(want);
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM users").await, 4, "refusals created nothing");
    admin.call::<CreateStaffAccount>(&form("New@Kopru.example", "staff", "yangi-xodim-parol-2026")).await.ok();
    admin.call::<CreateStaffAccount>(&form("boss2@kopru.example", "admin", "ikkinchi-admin-2026")).await.ok();
    let listed = admin.call::<StaffAccounts>(NO_ARGS).await.ok().items();
    assert_eq!(listed.len(), 4);
    assert_eq!(listed[0]["email"], "boss2@kopru.example");
    assert_eq!(listed[0]["role"], "admin");
    assert_eq!(listed[1]["email"], "new@kopru.example");
    assert_eq!(listed[1]["name"], "Yangi Xodim");
    assert_eq!(listed[1]["role"], "staff");
    assert_eq!(app.count("SELECT COUNT(*) FROM consents").await, 2, "staff accounts give no sign-up consent");
    // The new account works, with the role it was given.
    let newcomer = app.sign_in("new@kopru.example", "yangi-xodim-parol-2026").await;
    assert_eq!(newcomer.role(), Some(Role::Staff));
    newcomer.call::<StaffConsole>(NO_ARGS).await.ok();
    newcomer.call::<StaffAccounts>(NO_ARGS).await.assert_err("Forbidden");
    let boss2 = app.sign_in("boss2@kopru.example", "ikkinchi-admin-2026").await;
    assert_eq!(boss2.call::<StaffAccounts>(NO_ARGS).await.ok().items().len(), 4);
}

/// The console's queues of companies, vacancies and applications: what
/// waits, and the age of the oldest item (the queues of cases stay empty).
#[tokio::test]
async fn staff_queues_count_what_waits() {
    let w = world().await;
    let queues = |r: Reply| -> Vec<(String, i64, Option<i64>)> {
        r.json()["queues"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| {
                (q["kind"].as_str().unwrap().to_string(), q["count"].as_i64().unwrap(), q["oldest_hours"].as_i64())
            })
            .collect()
    };
    let empty: Vec<(String, i64, Option<i64>)> = [
        "companies",
        "vacancies",
        "applications",
        "regularisation",
        "help",
        "feereport",
        "complaint",
        "claim",
        "assessments",
    ]
    .into_iter()
    .map(|k| (k.to_string(), 0, None))
    .collect();
    assert_eq!(queues(w.staff.call::<StaffConsole>(NO_ARGS).await.ok()), empty, "the world's company is verified");

    let newcomer = w.employer("ik@yeni.example").await;
    let pending = w.company(&newcomer, VKN2, "Yeni Firma").await;
    let other = w.employer("ik@diger.example").await;
    w.company(&other, VKN, "Diğer Firma").await;
    w.vacancy(&w.employer, &VacancySpec::new("Bekleyen ilan")).await;
    let vid = w.published_vacancy(&w.employer, &VacancySpec::new("Yayında")).await;
    let aid = w.application(&w.migrant, vid).await;
    // The first company has waited five hours.
    w.backdate("companies", pending, 5).await;
    let admin = w.admin("admin@kopru.example").await;
    for actor in [&w.staff, &admin] {
        let got = queues(actor.call::<StaffConsole>(NO_ARGS).await.ok());
        assert_eq!(
            got[..3],
            [
                ("companies".to_string(), 2, Some(5)),
                ("vacancies".to_string(), 1, Some(0)),
                ("applications".to_string(), 1, Some(0))
            ],
            "{actor:?}"
        );
        assert_eq!(got[3..], empty[3..], "no cases: the case queues are empty");
    }
    // Work done leaves the queues.
    w.forward(aid).await;
    w.staff.call::<DecideCompany>(&[("company_id", &*pending.to_string()), ("decision", "verify")]).await.ok();
    let got = queues(w.staff.call::<StaffConsole>(NO_ARGS).await.ok());
    assert_eq!((got[0].1, got[1].1, got[2].1), (1, 1, 0));
    assert_eq!(got[0].2, Some(0), "the oldest company left");
    assert_eq!(got[2].2, None);
}

/// One list of what waits, oldest first across the queues; items past their
/// queue's target are overdue (the target an admin sets); a vacancy without
/// its Uzbek text and a candidate without a profile are flagged; the seeded
/// emergency numbers are counted until staff replace them.
#[tokio::test]
async fn the_console_lists_what_comes_first() {
    let w = world().await;
    let newcomer = w.employer("ik@yeni.example").await;
    let company = w.company(&newcomer, VKN2, "Yeni Firma").await;
    let untranslated = w.vacancy(&w.employer, &VacancySpec::new("Çevrilmemiş ilan").without_uz()).await;
    let vid = w.published_vacancy(&w.employer, &VacancySpec::new("Yayında")).await;
    let aid = w.application(&w.migrant, vid).await;
    let bare = w.migrant("+998935551144").await;
    // Staff see an application by a migrant without a profile (made directly: applying asks for one).
    let bid = w.application_without_profile(&bare, vid).await;
    // Ages: the company 30 hours (past 24), the vacancy 10 (within), the applications 80 and 1 (past 72 / within).
    w.backdate("companies", company, 30).await;
    w.backdate("vacancies", untranslated, 10).await;
    w.backdate("applications", aid, 80).await;
    w.backdate("applications", bid, 1).await;
    let admin = w.admin("admin@kopru.example").await;
    // The admin makes the company queue's target 24 hours (default 48); a bad target changes nothing.
    admin
        .call::<SetQueueTarget>(&[("queue", "companies"), ("target_hours", "0")])
        .await
        .assert_fields(&[("target_hours", "OutOfRange")]);
    admin
        .call::<SetQueueTarget>(&[("queue", "companies"), ("target_hours", "abc")])
        .await
        .assert_fields(&[("target_hours", "OutOfRange")]);
    admin.call::<SetQueueTarget>(&[("queue", "companies"), ("target_hours", "24")]).await.ok();
    admin.call::<SetQueueTarget>(&[("queue", "companies"), ("target_hours", "24")]).await.ok();
    assert_eq!(w.count("SELECT COUNT(*) FROM queue_targets").await, 1, "set twice, one row");

    let c = w.staff.call::<StaffConsole>(NO_ARGS).await.ok().json();
    let waiting: Vec<(String, i64, bool, Vec<String>)> = c["waiting"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            let flags = x["flags"].as_array().unwrap().iter().map(|f| f.as_str().unwrap().to_string()).collect();
            (x["kind"].as_str().unwrap().to_string(), x["id"].as_i64().unwrap(), x["overdue"].as_bool().unwrap(), flags)
        })
        .collect();
    assert_eq!(
        waiting,
        vec![
            ("applications".into(), aid, true, vec![]),
            ("companies".into(), company, true, vec![]),
            ("vacancies".into(), untranslated, false, vec!["notranslation".to_string()]),
            ("applications".into(), bid, false, vec!["noprofile".to_string()]),
        ],
        "oldest first, across the queues"
    );
    let queues = c["queues"].as_array().unwrap();
    let targets: Vec<(i64, i64)> =
        queues.iter().map(|q| (q["target_hours"].as_i64().unwrap(), q["overdue"].as_i64().unwrap())).collect();
    assert_eq!(
        targets,
        vec![(24, 1), (24, 0), (72, 1), (72, 0), (24, 0), (48, 0), (48, 0), (120, 0), (120, 0)],
        "the cases' default targets"
    );
    let samples = w.count("SELECT COUNT(*) FROM emergency_contacts WHERE placeholder = TRUE").await;
    assert!(samples > 0, "the world starts with seeded sample numbers");
    assert_eq!(c["sample_contacts"], samples, "the seeded numbers are samples");
    assert_eq!(c["waiting"][0]["name"], "Aziz Karimov");

    // The page: overdue marked in words, the flags, the samples, the target form for admins only.
    let page = w.staff.page("/staff").await;
    assert!(page.body.contains("Muddati oʻtgan"), "overdue in words");
    assert!(page.body.contains("Oʻzbekcha matn yoʻq") && page.body.contains("Profil toʻldirilmagan"));
    assert!(page.body.contains("1 kun 6 soat"), "30 hours in days and hours: {}", page.body);
    assert!(page.body.contains("hali namuna"));
    assert!(!page.body.contains("name=\"target_hours\""), "staff do not set targets");
    assert!(admin.page("/staff").await.body.contains("name=\"target_hours\""));
}

#[tokio::test]
async fn staff_set_the_minimum_wage_and_vacancies_follow_it() {
    let w = world().await;
    let today = chrono::Utc::now().date_naive().to_string();
    let form = [("amount", "40.000"), ("valid_from", today.as_str())];
    w.anonymous().call::<SetMinimumWage>(&form).await.assert_err("NotSignedIn");
    w.migrant.call::<SetMinimumWage>(&form).await.assert_err("Forbidden");
    w.employer.call::<SetMinimumWage>(&form).await.assert_err("Forbidden");
    w.staff
        .call::<SetMinimumWage>(&[("amount", "abc"), ("valid_from", today.as_str())])
        .await
        .assert_err("InvalidInput");
    w.staff
        .call::<SetMinimumWage>(&[("amount", "500"), ("valid_from", today.as_str())])
        .await
        .assert_err("InvalidInput");
    w.staff.call::<SetMinimumWage>(&[("amount", "40.000"), ("valid_from", "1 Ocak")]).await.assert_err("InvalidDate");
    assert_eq!(w.count("SELECT COUNT(*) FROM minimum_wages").await, 2, "only the seeded two");
    w.staff.call::<SetMinimumWage>(&form).await.ok();
    w.staff.call::<SetMinimumWage>(&form).await.assert_err("InvalidDate");
    assert_eq!(w.count("SELECT COUNT(*) FROM minimum_wages").await, 3, "one amount per day");
    let r = w.employer.call::<SaveVacancy>(&VacancySpec::new("Usta").positions("2")).await;
    r.assert_err("WageBelowMinimum");
    w.employer.call::<SaveVacancy>(&VacancySpec::new("Usta").positions("2").wage("40000")).await.ok();
    let history = w.anonymous().call::<MinimumWages>(NO_ARGS).await.ok().items();
    assert_eq!(history.len(), 3);
    assert_eq!(history[0]["gross_monthly_kurus"], 4_000_000);
    assert_eq!(history[0]["valid_from"], today.as_str());
    assert_eq!(history[1]["gross_monthly_kurus"], MINIMUM_WAGE_2026);
    let lists = w.anonymous().call::<FetchReferenceLists>(&[("lang", "uz")]).await.ok().json();
    assert_eq!(lists["minimum_wage_kurus"], 4_000_000);
    assert_eq!(
        w.count(&format!("SELECT COUNT(*) FROM minimum_wages WHERE set_by_user_id = {}", w.staff.id())).await,
        1,
        "who recorded it"
    );
}

/// A minimum wage recorded for a future day does not apply before that day.
#[tokio::test]
async fn a_future_minimum_wage_does_not_apply_today() {
    let w = world().await;
    let next_month = ymd(31);
    w.staff.call::<SetMinimumWage>(&[("amount", "45.000"), ("valid_from", next_month.as_str())]).await.ok();
    let history = w.anonymous().call::<MinimumWages>(NO_ARGS).await.ok().items();
    assert_eq!(history[0]["valid_from"], next_month.as_str());
    assert_eq!(history[0]["gross_monthly_kurus"], 4_500_000);
    // 35,000 TL is below the future amount but above today's: accepted today.
    let vid = w.vacancy(&w.employer, &VacancySpec::new("Usta").wage("35000")).await;
    assert_eq!(w.vacancy_as(&w.employer, vid).await.ok().json()["wage_kurus"], 3_500_000);
    let lists = w.anonymous().call::<FetchReferenceLists>(&[("lang", "uz")]).await.ok().json();
    assert_eq!(lists["minimum_wage_kurus"], MINIMUM_WAGE_2026, "the amount in force today");
    // Below today's is still refused.
    w.employer.call::<SaveVacancy>(&VacancySpec::new("Usta").wage("30000")).await.assert_err("WageBelowMinimum");
}

#[tokio::test]
async fn staff_edit_the_emergency_contacts() {
    let app = TestApp::new().await;
    let staff = app.staff("staff@kopru.example").await;
    let admin = app.admin("admin@kopru.example").await;
    let migrant = app.migrant("+998901112233").await;
    let employer = app.employer("ik@firma.com.tr").await;
    let contacts = |r: Reply| -> Vec<(String, String, bool)> {
        r.items()
            .iter()
            .map(|c| {
                (c["kind"].as_str().unwrap().into(), c["phone"].as_str().unwrap().into(), c["placeholder"] == true)
            })
            .collect()
    };
    // What the migrations seeded (numbers staff have not confirmed yet are placeholders).
    let seeded = contacts(app.anonymous().call::<EmergencyContacts>(NO_ARGS).await.ok());
    let kinds: Vec<&str> = seeded.iter().map(|c| c.0.as_str()).collect();
    assert_eq!(kinds, ["embassy", "consular", "hotline"], "in their order on the page");
    assert!(seeded.iter().all(|c| c.1.starts_with('+')), "E.164: {seeded:?}");

    let hotline = [("kind", "hotline"), ("phone", "+998 71 200 00 00")];
    app.anonymous().call::<UpdateContact>(&hotline).await.assert_err("NotSignedIn");
    migrant.call::<UpdateContact>(&hotline).await.assert_err("Forbidden");
    employer.call::<UpdateContact>(&hotline).await.assert_err("Forbidden");
    staff.call::<UpdateContact>(&[("kind", "police"), ("phone", "+90 312 000 00 01")]).await.assert_err("InvalidInput");
    staff.call::<UpdateContact>(&[("kind", "hotline"), ("phone", "12")]).await.assert_err("InvalidPhone");
    assert_eq!(contacts(migrant.call::<EmergencyContacts>(NO_ARGS).await.ok()), seeded, "refusals changed nothing");

    staff.call::<UpdateContact>(&hotline).await.ok();
    admin.call::<UpdateContact>(&[("kind", "consular"), ("phone", "+90 312 441 38 72")]).await.ok();
    let now = contacts(employer.call::<EmergencyContacts>(NO_ARGS).await.ok());
    assert_eq!(
        now,
        vec![
            seeded[0].clone(),
            ("consular".to_string(), "+903124413872".to_string(), false),
            ("hotline".to_string(), "+998712000000".to_string(), false),
        ]
    );
    let page = app.anonymous().page("/").await;
    assert!(page.body.contains("href=\"tel:+998712000000\""));
    assert!(page.body.contains("href=\"tel:+903124413872\""));
}

// ---------------------------------------------------------------------------
// Cases in the console (F4.1). Cases are written straight to the database:
// opening one over HTTP is a multipart post.

use app::cases::api::CaseQueue;
use app::cases::{CaseKind, Category, EventKind, Stage};

/// A case as a test writes it: of `kind`, filed `hours` ago (and a minute) by
/// `owner`, in `stage` since then, with the due date the stage machine gives.
struct CaseRow {
    kind: CaseKind,
    stage: Stage,
    urgent: bool,
    category: Option<Category>,
    holder: Option<i64>,
    hours: i64,
}

fn case_row(kind: CaseKind, stage: Stage, hours: i64) -> CaseRow {
    CaseRow { kind, stage, urgent: false, category: None, holder: None, hours }
}

impl CaseRow {
    fn urgent(mut self) -> Self {
        self.urgent = true;
        self
    }
    fn about(mut self, c: Category) -> Self {
        self.category = Some(c);
        self
    }
    fn held_by(mut self, staff: &Actor) -> Self {
        self.holder = Some(staff.id());
        self
    }
}

/// Writes the case (with its `Opened` history entry): its id.
async fn insert_case(app: &TestApp, owner: &Actor, c: CaseRow) -> i64 {
    use app::cases::entity::{case, event};
    use sea_orm::{ActiveModelTrait, Set};
    let at = chrono::Utc::now() - chrono::Duration::hours(c.hours) - chrono::Duration::minutes(1);
    let row = case::ActiveModel {
        kind: Set(c.kind),
        owner_user_id: Set(owner.id() as i32),
        stage: Set(c.stage),
        assigned_to: Set(c.holder.map(|h| h as i32)),
        category: Set(c.category),
        urgent: Set(c.urgent),
        summary: Set("Ish haqim uch oydan beri toʻlanmayapti.".into()),
        lang: Set("uz".into()),
        stage_entered_at: Set(at),
        due_at: Set(app::cases::stage::due_after(c.kind, c.stage, c.urgent).map(|d| at + d)),
        created_at: Set(at),
        updated_at: Set(at),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    event::ActiveModel {
        case_id: Set(row.id),
        actor_user_id: Set(Some(owner.id() as i32)),
        actor_role: Set(Role::Migrant),
        kind: Set(EventKind::Opened),
        to_stage: Set(Some(Stage::Submitted)),
        at: Set(at),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    i64::from(row.id)
}

/// A message in a case's thread by `author` (the last word decides "waiting for an answer").
async fn insert_message(app: &TestApp, case_id: i64, author: &Actor) {
    use app::cases::entity::message;
    use sea_orm::{ActiveModelTrait, Set};
    message::ActiveModel {
        case_id: Set(case_id as i32),
        author_user_id: Set(Some(author.id() as i32)),
        author_role: Set(author.role().unwrap()),
        body: Set("Assalomu alaykum".into()),
        lang: Set("uz".into()),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
}

/// `case_queue` for one kind with the form's filters (empty: all).
async fn case_queue(actor: &Actor, kind: &str, holder: &str, stage: &str, urgent: bool) -> Reply {
    let mut q = vec![("kind", kind), ("filter[holder]", holder), ("filter[stage]", stage)];
    if urgent {
        q.push(("filter[urgent]", "on"));
    }
    actor.get::<CaseQueue>(&q).await
}

/// The case queues of the console: per kind, the open cases (decided and
/// closed ones left out), the oldest one's age, the overdue ones (past the
/// target, or an urgent one past its due date; not while the migrant owes
/// documents), what the reader holds and the urgent ones, as `case_queue`
/// counts them. In the single list, urgent cases come first, then the
/// oldest across every queue, each with its flags; a case waiting for the
/// migrant's documents is not listed.
#[tokio::test]
async fn the_console_shows_a_queue_per_kind_of_case() {
    let w = world().await;
    let colleague = w.staff("kolega@kopru.example").await;
    let admin = w.admin("admin@kopru.example").await;
    let m = &w.migrant;
    let other = w.migrant("+998935551144").await;
    use CaseKind::*;
    let h1 =
        insert_case(&w, m, case_row(Help, Stage::Submitted, 30).about(Category::UnpaidWages).held_by(&w.staff)).await;
    let h2 = insert_case(&w, &other, case_row(Help, Stage::Submitted, 5).about(Category::Detention).urgent()).await;
    insert_case(&w, m, case_row(Help, Stage::Decided, 100).about(Category::Housing)).await;
    insert_case(&w, m, case_row(Help, Stage::Withdrawn, 200).about(Category::Health)).await;
    let r1 = insert_case(&w, m, case_row(Regularisation, Stage::DocumentsRequested, 100).held_by(&w.staff)).await;
    let r2 = insert_case(&w, &other, case_row(Regularisation, Stage::UnderReview, 10).held_by(&colleague)).await;
    let f1 = insert_case(&w, m, case_row(FeeReport, Stage::Submitted, 2)).await;
    insert_case(&w, m, case_row(Complaint, Stage::Closed, 300).about(Category::Abuse)).await;
    insert_message(&w, h1, m).await;
    insert_message(&w, r2, m).await;
    insert_message(&w, r2, &colleague).await;
    // A company that has waited 40 hours (within its 48).
    let newcomer = w.employer("ik@yeni.example").await;
    let company = w.company(&newcomer, VKN2, "Yeni Firma").await;
    w.backdate("companies", company, 40).await;

    // (kind, count, oldest hours, overdue, mine, urgent, target)
    type Row = (String, i64, Option<i64>, i64, i64, i64, i64);
    let queues = |c: &Value| -> Vec<Row> {
        c["queues"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| {
                let n = |f: &str| q[f].as_i64().unwrap_or_else(|| panic!("{f} in {q}"));
                (
                    q["kind"].as_str().unwrap().into(),
                    n("count"),
                    q["oldest_hours"].as_i64(),
                    n("overdue"),
                    n("mine"),
                    n("urgent"),
                    n("target_hours"),
                )
            })
            .collect()
    };
    let row = |k: &str, count, oldest, overdue, mine, urgent, target| -> Row {
        (k.to_string(), count, oldest, overdue, mine, urgent, target)
    };
    let c = w.staff.call::<StaffConsole>(NO_ARGS).await.ok().json();
    assert_eq!(
        queues(&c),
        vec![
            row("companies", 1, Some(40), 0, 0, 0, 48),
            row("vacancies", 0, None, 0, 0, 0, 24),
            row("applications", 0, None, 0, 0, 0, 72),
            // r1 waits for the migrant's documents: counted, never overdue.
            row("regularisation", 2, Some(100), 0, 1, 0, 72),
            // h1 is past the 24-hour target; h2 (urgent) past its 4-hour due date.
            row("help", 2, Some(30), 2, 1, 1, 24),
            row("feereport", 1, Some(2), 0, 0, 0, 48),
            row("complaint", 0, None, 0, 0, 0, 48),
            row("claim", 0, None, 0, 0, 0, 120),
            row("assessments", 0, None, 0, 0, 0, 120),
        ]
    );
    // The colleague's console: the same counts, their own cases.
    let theirs = queues(&colleague.call::<StaffConsole>(NO_ARGS).await.ok().json());
    let mine: Vec<(String, i64)> = theirs[3..].iter().map(|r| (r.0.clone(), r.4)).collect();
    assert_eq!(
        mine,
        vec![
            ("regularisation".into(), 1),
            ("help".into(), 0),
            ("feereport".into(), 0),
            ("complaint".into(), 0),
            ("claim".into(), 0),
            ("assessments".into(), 0)
        ]
    );
    // The same numbers as each kind's own queue.
    for (i, kind) in ["regularisation", "help", "feereport", "complaint"].into_iter().enumerate() {
        let q = case_queue(&w.staff, kind, "", "", false).await.ok().json();
        let console = &queues(&c)[3 + i];
        assert_eq!(
            (q["open"].as_i64(), q["mine"].as_i64(), q["urgent"].as_i64()),
            (Some(console.1), Some(console.4), Some(console.5)),
            "{kind}"
        );
        assert_eq!(q["oldest"].is_null(), console.2.is_none(), "{kind}");
    }

    // The single list: the urgent case first, then the oldest across the queues.
    let waiting: Vec<(String, i64, bool, Vec<String>)> = c["waiting"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            let flags = x["flags"].as_array().unwrap().iter().map(|f| f.as_str().unwrap().to_string()).collect();
            (x["kind"].as_str().unwrap().to_string(), x["id"].as_i64().unwrap(), x["overdue"].as_bool().unwrap(), flags)
        })
        .collect();
    assert_eq!(
        waiting,
        vec![
            ("help".into(), h2, true, vec!["urgent".to_string()]),
            ("companies".into(), company, false, vec![]),
            ("help".into(), h1, true, vec!["awaitingstaff".to_string()]),
            ("regularisation".into(), r2, false, vec![]),
            ("feereport".into(), f1, false, vec![]),
        ],
        "urgent first, then the oldest; r1 waits for the migrant"
    );
    assert!(!waiting.iter().any(|x| x.1 == r1 && x.0 == "regularisation"));
    assert_eq!(c["waiting"][0]["name"], "Aziz Karimov");
    assert_eq!(c["waiting"][0]["category"], "detention");
    assert_eq!(c["waiting"][0]["hours"], 5);

    // An admin gives help 48 hours: h1 (30 hours) is no longer overdue, h2 still is.
    admin.call::<SetQueueTarget>(&[("queue", "help"), ("target_hours", "48")]).await.ok();
    let help = queues(&w.staff.call::<StaffConsole>(NO_ARGS).await.ok().json())[4].clone();
    assert_eq!(help, row("help", 2, Some(30), 1, 1, 1, 48));

    // The page: a card per kind linking to its queue, the urgent case on top with its badge.
    let page = w.staff.page("/staff").await;
    for kind in ["regularisation", "help", "feereport", "complaint"] {
        assert!(page.body.contains(&format!("href=\"/staff/cases?kind={kind}\"")), "{kind}: {}", page.body);
    }
    for name in ["Maqomni qonuniylashtirish", "Yordam", "Noqonuniy toʻlov haqida xabar", "Menga biriktirilgan:"] {
        assert!(page.body.contains(name), "{name}");
    }
    let first = page.body.find(&format!("href=\"/cases/{h2}\"")).expect("the urgent case is listed");
    let company_at = page.body.find("href=\"/staff/companies#company-").expect("the company is listed");
    assert!(first < company_at, "the urgent case before the older company");
    assert!(page.body.contains("urgent-tag") && page.body.contains("Shoshilinch"));
    assert!(page.body.contains("Hibsga olish yoki ushlab turish"), "the category");
    let tr = w.staff.in_turkish().page("/staff").await;
    assert!(tr.body.contains("Acil") && tr.body.contains("Statü düzenleme") && tr.body.contains("Bana atanan:"));
}

/// One kind's queue: its filters (mine, unassigned, a stage, urgent only, and
/// together), urgent first and then the oldest, the counts whatever the
/// filter, each line's holder, due date and "waiting for an answer"; staff
/// only.
#[tokio::test]
async fn a_case_queue_filters_and_puts_urgent_cases_first() {
    let w = world().await;
    let colleague = w.staff("kolega@kopru.example").await;
    let m = &w.migrant;
    use CaseKind::*;
    let a = insert_case(&w, m, case_row(Help, Stage::Submitted, 50).about(Category::Housing).held_by(&w.staff)).await;
    let b = insert_case(&w, m, case_row(Help, Stage::UnderReview, 3).about(Category::Detention).urgent()).await;
    let c =
        insert_case(&w, m, case_row(Help, Stage::UnderReview, 20).about(Category::Family).held_by(&colleague)).await;
    let d = insert_case(&w, m, case_row(Help, Stage::Submitted, 10).about(Category::Health).urgent().held_by(&w.staff))
        .await;
    let closed = insert_case(&w, m, case_row(Help, Stage::Closed, 200).about(Category::Other)).await;
    let complaint = insert_case(&w, m, case_row(Complaint, Stage::Submitted, 60).about(Category::Abuse)).await;
    insert_message(&w, c, &colleague).await;
    insert_message(&w, c, m).await;
    insert_message(&w, a, m).await;
    insert_message(&w, a, &w.staff).await;

    let ids = |r: &Reply| -> Vec<i64> {
        r.json()["lines"].as_array().unwrap().iter().map(|l| l["id"].as_i64().unwrap()).collect()
    };
    let all = case_queue(&w.staff, "help", "", "", false).await.ok();
    assert_eq!(ids(&all), [d, b, a, c], "urgent first (oldest of them first), then the oldest");
    let q = all.json();
    assert_eq!(
        (q["kind"].as_str(), q["open"].as_i64(), q["mine"].as_i64(), q["urgent"].as_i64()),
        (Some("help"), Some(4), Some(2), Some(2))
    );
    let oldest = chrono::DateTime::parse_from_rfc3339(q["oldest"].as_str().unwrap()).unwrap();
    assert_eq!((chrono::Utc::now() - oldest.with_timezone(&chrono::Utc)).num_hours(), 50, "a, filed 50 hours ago");
    let lines = q["lines"].as_array().unwrap();
    let line = |id: i64| lines.iter().find(|l| l["id"] == id).unwrap();
    assert_eq!(line(d)["holder"], "Dilnoza Rahimova");
    assert!(line(b)["holder"].is_null() && line(b)["assigned_to"].is_null());
    assert_eq!(line(c)["assigned_to"], colleague.id());
    assert_eq!(line(b)["owner_name"], "Aziz Karimov");
    assert_eq!(line(b)["category"], "detention");
    assert_eq!(line(b)["stage"], "underreview");
    let awaiting: Vec<i64> =
        lines.iter().filter(|l| l["awaiting_staff"] == true).map(|l| l["id"].as_i64().unwrap()).collect();
    assert_eq!(awaiting, [c], "the migrant's word is c's last; a was answered");
    assert!(lines.iter().all(|l| l["due_at"].is_string()), "every open stage has a due date");

    for (holder, stage, urgent, want, why) in [
        ("mine", "", false, vec![d, a], "held by me"),
        ("unassigned", "", false, vec![b], "held by nobody"),
        ("", "underreview", false, vec![b, c], "under review"),
        ("", "submitted", false, vec![d, a], "submitted"),
        ("", "", true, vec![d, b], "urgent only"),
        ("mine", "", true, vec![d], "mine and urgent"),
        ("unassigned", "submitted", false, vec![], "nothing unassigned is submitted"),
    ] {
        let r = case_queue(&w.staff, "help", holder, stage, urgent).await.ok();
        assert_eq!(ids(&r), want, "{why}");
        assert_eq!(r.json()["open"], 4, "{why}: the counts are the kind's, whatever the filter");
    }
    assert_eq!(ids(&case_queue(&colleague, "help", "mine", "", false).await.ok()), [c]);
    assert_eq!(case_queue(&colleague, "help", "", "", false).await.ok().json()["mine"], 1);
    assert_eq!(ids(&case_queue(&w.staff, "complaint", "", "", false).await.ok()), [complaint]);
    assert!(!ids(&all).contains(&closed));

    // Staff only: the migrant who filed them, an employer, nobody.
    for (actor, want) in
        [(w.migrant.clone(), "Forbidden"), (w.employer.clone(), "Forbidden"), (w.anonymous(), "NotSignedIn")]
    {
        case_queue(&actor, "help", "", "", false).await.assert_err(want);
        case_queue(&actor, "help", "mine", "", false).await.assert_err(want);
    }
    let admin = w.admin("admin@kopru.example").await;
    assert_eq!(ids(&case_queue(&admin, "help", "", "", false).await.ok()), [d, b, a, c]);
    assert_ne!(case_queue(&w.staff, "visa", "", "", false).await.status, http::StatusCode::OK, "not a kind");

    // The page: the filters in the URL, a plain GET form, the lines with their links.
    let page = w.staff.page("/staff/cases?kind=help").await;
    assert_eq!(page.status, http::StatusCode::OK);
    assert!(page.body.contains("<form method=\"get\" action=\"/staff/cases\""), "a GET form");
    let body = &page.body;
    let at = |id: i64| body.find(&format!("href=\"/cases/{id}\"")).unwrap_or_else(|| panic!("case {id} linked"));
    assert!(at(d) < at(b) && at(b) < at(a) && at(a) < at(c), "in the queue's order");
    assert!(
        !body.contains(&format!("href=\"/cases/{closed}\"")) && !body.contains(&format!("href=\"/cases/{complaint}\""))
    );
    assert!(body.contains(&format!("№{d}")));
    for text in [
        "Shoshilinch",
        "Xodim javobi kutilmoqda",
        "Hali xodimga berilmagan",
        "Dilnoza Rahimova",
        "Hibsga olish yoki ushlab turish",
        "Koʻrib chiqilmoqda",
        "Muddati oʻtgan",
        "Yordam: murojaatlar navbati",
    ] {
        assert!(body.contains(text), "{text}");
    }
    // Only the kind's open stages to filter by.
    assert!(body.contains("value=\"underreview\"") && body.contains("value=\"submitted\""));
    assert!(!body.contains("value=\"documentsrequested\"") && !body.contains("value=\"closed\""));
    let mine = w.staff.page("/staff/cases?kind=help&holder=mine&stage=&urgent=1").await;
    assert!(mine.body.contains(&format!("href=\"/cases/{d}\"")));
    for other in [a, b, c] {
        assert!(!mine.body.contains(&format!("href=\"/cases/{other}\"")), "{other} is filtered out");
    }
    assert!(
        mine.body.contains("value=\"mine\" selected") && mine.body.contains("checked"),
        "the form shows the filters"
    );
    let none = w.staff.page("/staff/cases?kind=help&holder=unassigned&stage=submitted").await;
    assert!(none.body.contains("Bu filtrlarga mos ochiq murojaat yoʻq."));
    let tr = w.staff.in_turkish().page("/staff/cases?kind=help").await;
    assert!(
        tr.body.contains("Yardım: talep kuyruğu")
            && tr.body.contains("Acil")
            && tr.body.contains("Personelin yanıtı bekleniyor")
    );
    // Not a kind: not found. Not staff: not allowed, and no case shown.
    let unknown = w.staff.page("/staff/cases?kind=visa").await;
    assert_eq!(unknown.status, http::StatusCode::NOT_FOUND);
    assert!(unknown.body.contains("Sahifa topilmadi."));
    assert_eq!(w.staff.page("/staff/cases").await.status, http::StatusCode::NOT_FOUND);
    let refused = w.migrant.page("/staff/cases?kind=help").await;
    assert!(refused.body.contains("Bu amal uchun ruxsatingiz yoʻq."));
    assert!(!refused.body.contains(&format!("href=\"/cases/{d}\"")));
}
