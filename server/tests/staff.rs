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

/// The console's three queues: what waits, and the age of the oldest item.
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
    let empty = vec![
        ("companies".to_string(), 0, None),
        ("vacancies".to_string(), 0, None),
        ("applications".to_string(), 0, None),
    ];
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
            got,
            vec![
                ("companies".to_string(), 2, Some(5)),
                ("vacancies".to_string(), 1, Some(0)),
                ("applications".to_string(), 1, Some(0))
            ],
            "{actor:?}"
        );
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
    assert_eq!(targets, vec![(24, 1), (24, 0), (72, 1)]);
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
