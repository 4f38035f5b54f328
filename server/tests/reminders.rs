//! A case's checklist kept by staff, and the reminders before its due dates
//! (issue 11 item 6b; F6.7): staff add, change and remove steps on any case of
//! any kind (as a script and as plain forms), refusals change nothing, the
//! migrant hears of a new step and ticks it; the reminder job, run at explicit
//! moments, sends one message per step and lead in the owner's language and
//! channel — none before the lead, none twice, none for a ticked step or a
//! closed case, none for a lead whose day had come when the step was added,
//! one of two runs at once. On SQLite, and on PostgreSQL with `TEST_DATABASE_URL`.

mod common;

use app::accounts::rights::DownloadMyData;
use app::cases::api::{GetCase, MoveCase, OpenCase, TickChecklist};
use app::cases::reminders::turkiye_date;
use app::cases::service::remind_checklists;
use app::cases::steps::{AddCaseStep, EditCaseStep, RemoveCaseStep};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use common::*;
use http::StatusCode;

const PHONE: &str = "+998901234567";

/// The fields a post refuses, each with its error.
type Refusals<'a> = &'a [(&'a str, &'a str)];

/// The migrant opens a help case: its id.
async fn help_case(w: &World, migrant: &Actor) -> i64 {
    let r = migrant
        .post_multipart(
            <OpenCase as ServerFn>::PATH,
            &[("kind", "help"), ("category", "unpaidwages"), ("summary", "Ish haqimni bermayapti.")],
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    w.count("SELECT MAX(id) FROM cases").await
}

/// Today in Türkiye, `days` ahead.
fn tr_day(days: i64) -> NaiveDate {
    turkiye_date(Utc::now()) + Duration::days(days)
}

/// Noon in Türkiye (09:00 UTC) of `day`.
fn noon(day: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&day.and_hms_opt(9, 0, 0).unwrap())
}

async fn add(staff: &Actor, case: i64, label: &str, due: &str) -> Reply {
    staff.call::<AddCaseStep>(&[("case_id", case.to_string().as_str()), ("label", label), ("due_on", due)]).await
}

/// The newest step of a case.
async fn last_step(w: &World, case: i64) -> i64 {
    w.count(&format!("SELECT COALESCE(MAX(id), 0) FROM case_checklist WHERE case_id = {case}")).await
}

/// Outbox messages to the migrant's phone.
async fn sms(w: &World) -> i64 {
    w.count(&format!("SELECT COUNT(*) FROM outbox WHERE recipient = '{PHONE}' AND channel = 'sms'")).await
}

async fn reminders(w: &World) -> i64 {
    w.count("SELECT COUNT(*) FROM checklist_reminders").await
}

#[tokio::test]
async fn staff_add_a_step_with_a_date_to_any_case_and_the_migrant_hears_of_it() {
    let w = world().await;
    let case = help_case(&w, &w.migrant).await;
    let due = ymd(10);
    let before = sms(&w).await;
    add(&w.staff, case, "  Ish beruvchidan   ish haqi varaqasini oling ", &due).await.ok();
    let step = last_step(&w, case).await;
    assert_eq!(
        w.text(&format!("SELECT label FROM case_checklist WHERE id = {step}")).await.as_deref(),
        Some("Ish beruvchidan ish haqi varaqasini oling")
    );
    // Written in the staff member's language (their page's), as decisions are.
    assert_eq!(
        w.text(&format!("SELECT label_lang FROM case_checklist WHERE id = {step}")).await.as_deref(),
        Some("uz")
    );
    assert_eq!(
        w.count(&format!("SELECT COUNT(*) FROM case_checklist WHERE id = {step} AND created_at IS NOT NULL")).await,
        1
    );
    // In the site and by SMS (the migrant has no Telegram chat), in Uzbek, without the step's words.
    assert_eq!(
        w.count(&format!("SELECT COUNT(*) FROM notifications WHERE case_id = {case} AND kind = 'casestep'")).await,
        1
    );
    assert_eq!(sms(&w).await, before + 1);
    let body =
        w.text(&format!("SELECT body FROM outbox WHERE recipient = '{PHONE}' ORDER BY id DESC LIMIT 1")).await.unwrap();
    assert!(body.contains(&format!("№{case}")) && body.contains("qadam"), "{body}");
    assert!(!body.contains("varaqa"), "an SMS never carries the step's words: {body}");

    // The migrant sees it on their case, with its date, and ticks it (also a plain form).
    let got = w.migrant.get::<GetCase>(&[("id", case.to_string())]).await.ok().json();
    assert_eq!(got["checklist"][0]["due_on"].as_str(), Some(due.as_str()));
    assert_eq!(got["checklist"][0]["done"], json!(false));
    let page = w.migrant.page(&format!("/cases/{case}")).await;
    assert!(page.body.contains("Ish beruvchidan ish haqi varaqasini oling"));
    assert!(page.body.contains(<TickChecklist as ServerFn>::PATH), "the migrant's tick form");
    assert!(!page.body.contains(<EditCaseStep as ServerFn>::PATH), "the migrant changes no step");
    let r = w
        .migrant
        .form_post::<TickChecklist>(
            &[("item_id", step.to_string()), ("done", "true".into())],
            &format!("/cases/{case}"),
        )
        .await;
    assert_eq!(r.status, StatusCode::FOUND);
    assert_eq!(
        w.count(&format!("SELECT COUNT(*) FROM case_checklist WHERE id = {step} AND done_at IS NOT NULL")).await,
        1
    );

    // The staff page offers the add form; a ticked step has no edit form.
    let page = w.staff.page(&format!("/cases/{case}")).await;
    assert!(page.body.contains(<AddCaseStep as ServerFn>::PATH));
    assert!(!page.body.contains(<EditCaseStep as ServerFn>::PATH), "a ticked step stays as ticked");

    // Any kind: a complaint too.
    let vacancy = w.published_vacancy(&w.employer, &VacancySpec::new("Duvar ustası")).await;
    w.application(&w.migrant, vacancy).await;
    w.migrant
        .post_multipart(
            <OpenCase as ServerFn>::PATH,
            &[
                ("kind", "complaint"),
                ("category", "abuse"),
                ("company_id", &w.company.to_string()),
                ("summary", "Qoʻrqitdi."),
            ],
            &[],
        )
        .await
        .ok();
    let complaint = w.count("SELECT MAX(id) FROM cases").await;
    add(&w.staff, complaint, "Guvohlar roʻyxatini yuboring", &ymd(5)).await.ok();
    assert_eq!(w.count(&format!("SELECT COUNT(*) FROM case_checklist WHERE case_id = {complaint}")).await, 1);
}

#[tokio::test]
async fn refused_step_posts_change_nothing() {
    let w = world().await;
    let case = help_case(&w, &w.migrant).await;
    let id = case.to_string();
    let steps = || async { w.count("SELECT COUNT(*) FROM case_checklist").await };
    let notes = || async { w.count("SELECT COUNT(*) FROM notifications WHERE kind = 'casestep'").await };

    // Bad dates and labels: the catalogue's errors on their fields.
    let long = "x".repeat(301);
    let (past, far, soon) = (ymd(-1), ymd(800), ymd(3));
    let table: [(&str, &str, Refusals); 8] = [
        ("Pasport", "2026-13-01", &[("step_due", "InvalidDate")]),
        ("Pasport", "01.12.2027", &[("step_due", "InvalidDate")]),
        ("Pasport", &past, &[("step_due", "DateInPast")]),
        ("Pasport", "", &[("step_due", "Required")]),
        ("Pasport", &far, &[("step_due", "OutOfRange")]),
        ("  ", &soon, &[("step_label", "Required")]),
        (&long, &soon, &[("step_label", "TextTooLong")]),
        ("", "", &[("step_label", "Required"), ("step_due", "Required")]),
    ];
    for (label, due, want) in table {
        let r = add(&w.staff, case, label, due).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{label:?} {due:?}: {}", r.body);
        r.assert_fields(want);
    }
    assert_eq!(steps().await, 0);
    // Without JavaScript: back to the case page with the error by its field.
    let r = w
        .staff
        .form_post::<AddCaseStep>(
            &[("case_id", id.clone()), ("label", "Pasport".into()), ("due_on", ymd(-2))],
            &format!("/cases/{case}"),
        )
        .await;
    assert_eq!(r.status, StatusCode::FOUND);
    let back = r.header("location").unwrap();
    assert!(back.starts_with(&format!("/cases/{case}?error=")) && back.contains("step_due"), "{back}");
    assert_eq!(steps().await, 0);

    // Not staff: refused, nothing written.
    let other = w.migrant("+998935551122").await;
    for (actor, want) in [
        (w.anonymous(), "NotSignedIn"),
        (w.migrant.clone(), "Forbidden"),
        (w.employer.clone(), "Forbidden"),
        (other, "Forbidden"),
    ] {
        add(&actor, case, "Pasport", &ymd(3)).await.assert_err(want);
    }
    add(&w.staff, 999_999, "Pasport", &ymd(3)).await.assert_err("NotFound");
    assert_eq!((steps().await, notes().await), (0, 0));

    // A granted step, then edits and removals that are refused.
    let r = w
        .staff
        .form_post::<AddCaseStep>(
            &[("case_id", id.clone()), ("label", "Pasport nusxasi".into()), ("due_on", ymd(7))],
            &format!("/cases/{case}"),
        )
        .await;
    assert_eq!(r.header("location"), Some(&*format!("/cases/{case}#steps")));
    let step = last_step(&w, case).await.to_string();
    let row = || async {
        w.text(&format!("SELECT label || ' ' || CAST(due_on AS TEXT) FROM case_checklist WHERE id = {step}")).await
    };
    let saved = row().await;
    w.staff
        .call::<EditCaseStep>(&[("item_id", step.as_str()), ("label", "Pasport"), ("due_on", &ymd(-1))])
        .await
        .assert_fields(&[("edit_due", "DateInPast")]);
    w.migrant
        .call::<EditCaseStep>(&[("item_id", step.as_str()), ("label", "Boshqa"), ("due_on", &ymd(9))])
        .await
        .assert_err("Forbidden");
    w.migrant.call::<RemoveCaseStep>(&[("item_id", step.as_str())]).await.assert_err("Forbidden");
    w.employer.call::<RemoveCaseStep>(&[("item_id", step.as_str())]).await.assert_err("Forbidden");
    w.staff.call::<RemoveCaseStep>(&[("item_id", "999999")]).await.assert_err("NotFound");
    assert_eq!(row().await, saved);

    // A granted edit: words and date change, the migrant hears of it.
    let n = notes().await;
    w.staff
        .call::<EditCaseStep>(&[("item_id", step.as_str()), ("label", "Pasport nusxasi (2 ta)"), ("due_on", &ymd(9))])
        .await
        .ok();
    assert_eq!(row().await, Some(format!("Pasport nusxasi (2 ta) {}", ymd(9))));
    assert_eq!(notes().await, n + 1);

    // Ticked: neither changed nor removed.
    w.migrant.call::<TickChecklist>(&[("item_id", step.as_str()), ("done", "true")]).await.ok();
    let saved = row().await;
    w.staff
        .call::<EditCaseStep>(&[("item_id", step.as_str()), ("label", "Boshqa"), ("due_on", &ymd(9))])
        .await
        .assert_err("InvalidInput");
    w.staff.call::<RemoveCaseStep>(&[("item_id", step.as_str())]).await.assert_err("InvalidInput");
    assert_eq!(row().await, saved);

    // Unticked again: removed (a plain form), gone.
    w.migrant.call::<TickChecklist>(&[("item_id", step.as_str()), ("done", "false")]).await.ok();
    let r = w.staff.form_post::<RemoveCaseStep>(&[("item_id", step.clone())], &format!("/cases/{case}")).await;
    assert_eq!(r.header("location"), Some(&*format!("/cases/{case}#steps")));
    assert_eq!(steps().await, 0);

    // A withdrawn case takes no more steps.
    w.migrant.call::<MoveCase>(&[("case_id", id.as_str()), ("to", "withdrawn")]).await.ok();
    add(&w.staff, case, "Pasport", &ymd(3)).await.assert_err("CaseClosed");
    assert_eq!(steps().await, 0);
}

#[tokio::test]
async fn reminders_come_three_days_and_one_day_before_once_each() {
    let w = world().await;
    let case = help_case(&w, &w.migrant).await;
    let due = tr_day(10);
    add(&w.staff, case, "Ish beruvchi bilan uchrashuv", &due.to_string()).await.ok();
    let step = last_step(&w, case).await;
    let base = sms(&w).await;
    let run = |at: DateTime<Utc>| {
        let db = w.db.clone();
        async move { remind_checklists(&db, at).await.unwrap() }
    };

    assert_eq!(run(noon(due - Duration::days(4))).await, 0, "before the lead: nothing");
    // Türkiye's day starts at 21:00 UTC: three days before it begins then.
    let eve = Utc.from_utc_datetime(&(due - Duration::days(4)).and_hms_opt(20, 59, 0).unwrap());
    assert_eq!(run(eve).await, 0);
    assert_eq!(run(eve + Duration::minutes(1)).await, 1, "three days before (Türkiye time): one message");
    assert_eq!(sms(&w).await, base + 1);
    let body =
        w.text(&format!("SELECT body FROM outbox WHERE recipient = '{PHONE}' ORDER BY id DESC LIMIT 1")).await.unwrap();
    assert!(body.contains(&format!("№{case}")) && body.contains(&due.format("%d.%m.%Y").to_string()), "{body}");
    assert!(!body.contains("uchrashuv"), "never the step's words: {body}");
    assert_eq!(run(noon(due - Duration::days(3))).await, 0, "again: nothing");
    assert_eq!(run(noon(due - Duration::days(2))).await, 0, "the three-day reminder went already");
    assert_eq!(run(noon(due - Duration::days(1))).await, 1, "the day before: one more");
    assert_eq!(run(noon(due - Duration::days(1))).await, 0);
    assert_eq!(run(noon(due)).await, 0, "the day itself: nothing");
    assert_eq!(run(noon(due + Duration::days(1))).await, 0, "after: nothing");
    assert_eq!(sms(&w).await, base + 2);
    assert_eq!(
        w.count(&format!("SELECT COUNT(*) FROM checklist_reminders WHERE item_id = {step} AND channel = 'sms'")).await,
        2
    );
    // Staff and the migrant see when they were reminded; so does their data download.
    let got = w.staff.get::<GetCase>(&[("id", case.to_string())]).await.ok().json();
    assert_eq!(got["checklist"][0]["reminded"].as_array().map(Vec::len), Some(2));
    let export = w.migrant.get::<DownloadMyData>(NO_ARGS).await.ok().body;
    assert!(export.contains("reminded"), "{export}");
}

#[tokio::test]
async fn no_reminder_for_a_ticked_step_a_closed_case_or_a_lead_already_come() {
    let w = world().await;
    let run = |at: DateTime<Utc>| {
        let db = w.db.clone();
        async move { remind_checklists(&db, at).await.unwrap() }
    };
    let due = tr_day(10);

    // Ticked.
    let ticked = help_case(&w, &w.migrant).await;
    add(&w.staff, ticked, "Pasport", &due.to_string()).await.ok();
    let step = last_step(&w, ticked).await.to_string();
    w.migrant.call::<TickChecklist>(&[("item_id", step.as_str()), ("done", "true")]).await.ok();
    // Withdrawn by the migrant.
    let withdrawn = help_case(&w, &w.migrant).await;
    add(&w.staff, withdrawn, "Pasport", &due.to_string()).await.ok();
    w.migrant.call::<MoveCase>(&[("case_id", withdrawn.to_string().as_str()), ("to", "withdrawn")]).await.ok();
    // Closed by staff after its decision.
    let closed = help_case(&w, &w.migrant).await;
    add(&w.staff, closed, "Pasport", &due.to_string()).await.ok();
    let c = closed.to_string();
    w.staff.call::<MoveCase>(&[("case_id", c.as_str()), ("to", "underreview")]).await.ok();
    w.staff
        .call::<MoveCase>(&[
            ("case_id", c.as_str()),
            ("to", "decided"),
            ("decision", "resolved"),
            ("reason", "Hal qilindi"),
        ])
        .await
        .ok();
    w.staff.call::<MoveCase>(&[("case_id", c.as_str()), ("to", "closed")]).await.ok();
    assert_eq!(w.text(&format!("SELECT stage FROM cases WHERE id = {closed}")).await.as_deref(), Some("closed"));

    for days in 0..=4 {
        assert_eq!(run(noon(due - Duration::days(days))).await, 0, "{days} days before");
    }
    assert_eq!(reminders(&w).await, 0);

    // Added tomorrow's: its leads had come when it was added (the "new step" message told it).
    let soon = help_case(&w, &w.migrant).await;
    add(&w.staff, soon, "Ertaga keling", &tr_day(1).to_string()).await.ok();
    assert_eq!(run(Utc::now()).await, 0);
    // Added two days ahead: only the day before's.
    let two = help_case(&w, &w.migrant).await;
    add(&w.staff, two, "Indinga keling", &tr_day(2).to_string()).await.ok();
    assert_eq!(run(Utc::now()).await, 0, "its three-day lead had come");
    assert_eq!(run(noon(tr_day(1))).await, 1, "the day before");
    assert_eq!(
        w.count(&format!(
            "SELECT COUNT(*) FROM checklist_reminders r JOIN case_checklist c ON c.id = r.item_id WHERE c.case_id = {two} AND r.lead_days = 1"
        ))
        .await,
        1
    );
    assert_eq!(reminders(&w).await, 1);

    // Unticked again, the ticked one is reminded.
    w.migrant.call::<TickChecklist>(&[("item_id", step.as_str()), ("done", "false")]).await.ok();
    assert_eq!(run(noon(due - Duration::days(3))).await, 1);
}

#[tokio::test]
async fn reminders_go_in_the_owners_language() {
    let w = world().await;
    // The migrant reads Turkish: their account's language.
    w.exec(&format!("UPDATE users SET locale = 'tr' WHERE id = {}", w.migrant.id())).await;
    let case = help_case(&w, &w.migrant).await;
    let due = tr_day(6);
    add(&w.staff, case, "Pasaport fotokopisi", &due.to_string()).await.ok();
    assert_eq!(remind_checklists(&w.db, noon(due - Duration::days(3))).await.unwrap(), 1);
    let (locale, body) = (
        w.text(&format!("SELECT locale FROM outbox WHERE recipient = '{PHONE}' ORDER BY id DESC LIMIT 1")).await,
        w.text(&format!("SELECT body FROM outbox WHERE recipient = '{PHONE}' ORDER BY id DESC LIMIT 1")).await.unwrap(),
    );
    assert_eq!(locale.as_deref(), Some("tr"));
    assert!(body.contains("son tarihi") && body.contains(&format!("{case} numaralı")), "{body}");
}

#[tokio::test]
async fn two_runs_at_once_send_one_message() {
    let w = world().await;
    let case = help_case(&w, &w.migrant).await;
    let due = tr_day(8);
    add(&w.staff, case, "Pasport", &due.to_string()).await.ok();
    let base = sms(&w).await;
    let at = noon(due - Duration::days(3));
    // Two server processes: two connections (pools) to one database.
    let other = server::db::connect(&w.config.database_url).await.expect("a second pool");
    let (a, b) = tokio::join!(remind_checklists(&w.db, at), remind_checklists(&other, at));
    assert_eq!(a.unwrap() + b.unwrap(), 1);
    assert_eq!(sms(&w).await, base + 1);
    assert_eq!(reminders(&w).await, 1);
    // And many at once, later.
    let at = noon(due - Duration::days(1));
    let mut runs = tokio::task::JoinSet::new();
    for i in 0..6 {
        let db = if i % 2 == 0 { w.db.clone() } else { other.clone() };
        runs.spawn(async move { remind_checklists(&db, at).await.unwrap() });
    }
    let sent: usize = runs.join_all().await.into_iter().sum();
    assert_eq!(sent, 1);
    assert_eq!(sms(&w).await, base + 2);
}
