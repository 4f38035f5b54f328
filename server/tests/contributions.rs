//! Contributions over HTTP (F3.4, F6.7): insured periods added, corrected and
//! deleted by their migrant only; overlapping and bad input refused with the
//! catalogue error and nothing changed; the estimate's figures; staff's rules
//! with their history; the claim refused while the agreement is negotiated,
//! taken once it is in force (one open at a time, with its periods copied and
//! its documents); the returnees' reminders at explicit times; the export and
//! the erasure. Real rows; they run on SQLite, and on PostgreSQL with
//! `TEST_DATABASE_URL`.

mod common;

use app::accounts::rights::{DeleteAccount, DownloadMyData};
use app::cases::api::{GetCase, OpenCase};
use app::contributions::api::{
    ClaimPeriods, ContributionRules, DeleteContributionPeriod, FileContributionsClaim, MyContributions,
    SaveContributionPeriod, SetContributionRules,
};
use app::contributions::service::remind_returnees;
use chrono::{DateTime, Utc};
use common::*;
use http::StatusCode;

const CLAIM: &str = <FileContributionsClaim as ServerFn>::PATH;
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Title (SGK hizmet dokumu) >> endobj\ntrailer << >>\n%%EOF\n";

fn period(from: &str, to: &str, wage: &str) -> Vec<(&'static str, String)> {
    vec![
        ("employer_name", "Yıldız İnşaat Ltd.".into()),
        ("started_on", from.into()),
        ("ended_on", to.into()),
        ("wage", wage.into()),
        ("sgk_number", String::new()),
        ("insured_days", String::new()),
    ]
}

fn with(mut form: Vec<(&'static str, String)>, key: &'static str, value: &str) -> Vec<(&'static str, String)> {
    form.retain(|(k, _)| *k != key);
    form.push((key, value.into()));
    form
}

fn rules(agreement: &str, in_force_on: &str, reminder_days: &str) -> Vec<(&'static str, String)> {
    vec![
        ("employee_rate", "9".into()),
        ("employer_rate", "11".into()),
        ("floor", "true".into()),
        ("ceiling", "9".into()),
        ("reclaim_share", "100".into()),
        ("agreement", agreement.into()),
        ("in_force_on", in_force_on.into()),
        ("reminder_days", reminder_days.into()),
    ]
}

async fn periods_of(w: &World, a: &Actor) -> i64 {
    w.count(&format!("SELECT COUNT(*) FROM contribution_periods WHERE user_id = {}", a.id())).await
}

async fn in_force(w: &World) {
    w.staff.call::<SetContributionRules>(&rules("inforce", &ymd(-30), "90")).await.ok();
}

async fn overview(a: &Actor) -> Value {
    a.get::<MyContributions>(NO_ARGS).await.ok().json()
}

/// A migrant adds a period, corrects it and deletes it; another migrant can
/// do neither to it (not found: they learn nothing of it).
#[tokio::test]
async fn periods_belong_to_their_migrant() {
    let w = world().await;
    let other = w.migrant("+998935551122").await;
    w.migrant.call::<SaveContributionPeriod>(&period("2026-03-01", "2026-03-31", "40 000")).await.ok();
    let o = overview(&w.migrant).await;
    assert_eq!(o["periods"].as_array().unwrap().len(), 1);
    let id = o["periods"][0]["id"].as_i64().unwrap();
    assert_eq!(o["periods"][0]["gross_monthly_kurus"], json!(4_000_000));
    assert_eq!(o["periods"][0]["employer_name"], json!("Yıldız İnşaat Ltd."));
    assert!(overview(&other).await["periods"].as_array().unwrap().is_empty());

    // Not theirs: refused, and the row is as it was.
    let edit = with(period("2026-03-01", "2026-03-20", "50000"), "period_id", &id.to_string());
    other.call::<SaveContributionPeriod>(&edit).await.assert_err("NotFound");
    other.call::<DeleteContributionPeriod>(&[("period_id", id.to_string())]).await.assert_err("NotFound");
    assert_eq!(overview(&w.migrant).await["periods"][0]["ended_on"], json!("2026-03-31"));
    assert_eq!(periods_of(&w, &other).await, 0);

    // The owner corrects it (the same dates do not overlap with themselves).
    w.migrant.call::<SaveContributionPeriod>(&edit).await.ok();
    let o = overview(&w.migrant).await;
    assert_eq!(
        (o["periods"][0]["ended_on"].as_str(), o["periods"][0]["gross_monthly_kurus"].as_i64()),
        (Some("2026-03-20"), Some(5_000_000))
    );
    assert_eq!(periods_of(&w, &w.migrant).await, 1);

    w.migrant.call::<DeleteContributionPeriod>(&[("period_id", id.to_string())]).await.ok();
    assert_eq!(periods_of(&w, &w.migrant).await, 0);
    w.migrant.call::<DeleteContributionPeriod>(&[("period_id", id.to_string())]).await.assert_err("NotFound");
}

/// Overlapping periods and bad fields are refused with their catalogue
/// errors, each on its field, and nothing is written.
#[tokio::test]
async fn overlapping_and_bad_periods_are_refused_and_change_nothing() {
    let w = world().await;
    let m = &w.migrant;
    m.call::<SaveContributionPeriod>(&period("2025-06-01", "2025-12-31", "30000")).await.ok();
    m.call::<SaveContributionPeriod>(&period("2026-02-01", "", "35000")).await.ok();
    assert_eq!(periods_of(&w, m).await, 2);
    let unchanged =
        "SELECT COUNT(*) FROM contribution_periods WHERE started_on = '2025-06-01' AND ended_on = '2025-12-31'";
    assert_eq!(w.count(unchanged).await, 1);

    // Shares a day with the first; starts within the one still running.
    m.call::<SaveContributionPeriod>(&period("2025-12-31", "2026-01-15", "30000"))
        .await
        .assert_fields(&[("started_on", "PeriodsOverlap")]);
    m.call::<SaveContributionPeriod>(&period("2026-06-01", "2026-07-01", "30000"))
        .await
        .assert_fields(&[("started_on", "PeriodsOverlap")]);
    // Correcting the first into the second's time overlaps too.
    let first = overview(m).await["periods"][0]["id"].as_i64().unwrap().to_string();
    m.call::<SaveContributionPeriod>(&with(period("2025-06-01", "2026-03-01", "30000"), "period_id", &first))
        .await
        .assert_fields(&[("started_on", "PeriodsOverlap")]);

    let bad = vec![
        ("employer_name", String::new()),
        ("started_on", ymd(3)),
        ("ended_on", "2024-13-01".into()),
        ("wage", "otuz bin".into()),
        ("sgk_number", "12345".into()),
        ("insured_days", "-4".into()),
    ];
    m.call::<SaveContributionPeriod>(&bad).await.assert_fields(&[
        ("employer_name", "Required"),
        ("started_on", "InvalidDate"),
        ("ended_on", "InvalidDate"),
        ("wage", "InvalidWage"),
        ("sgk_number", "InvalidSgkNumber"),
        ("insured_days", "OutOfRange"),
    ]);
    m.call::<SaveContributionPeriod>(&period("2024-05-10", "2024-05-01", "30000"))
        .await
        .assert_fields(&[("ended_on", "EndBeforeStart")]);
    m.call::<SaveContributionPeriod>(&with(period("2024-01-01", "2024-01-31", "30000"), "ended_on", &ymd(1)))
        .await
        .assert_fields(&[("ended_on", "InvalidDate")]);
    // Another migrant's company id is no verified company: refused on its field.
    m.call::<SaveContributionPeriod>(&with(period("2024-01-01", "2024-01-31", "30000"), "company_id", "999999"))
        .await
        .assert_fields(&[("company_id", "InvalidInput")]);

    assert_eq!(periods_of(&w, m).await, 2);
    assert_eq!(w.count(unchanged).await, 1);

    // A plain form (no JavaScript) goes back to the page with the error.
    let r = m.form_post::<SaveContributionPeriod>(&period("2025-12-31", "2026-01-15", "30000"), "/contributions").await;
    assert_eq!(r.status, StatusCode::FOUND);
    let to = r.header("location").unwrap();
    assert!(to.starts_with("/contributions") && to.contains("periods_overlap"), "{to}");
    let r = m.form_post::<SaveContributionPeriod>(&period("2024-01-01", "2024-01-31", "30000"), "/contributions").await;
    assert_eq!(r.header("location"), Some("/contributions?saved=1#periods"));
    assert_eq!(periods_of(&w, m).await, 3);
}

/// The estimate over HTTP: per period and in total, in kuruş, with the rates it used.
#[tokio::test]
async fn the_estimate_adds_up_in_kurus() {
    let w = world().await;
    let m = &w.migrant;
    let o = overview(m).await;
    assert_eq!(o["estimate"]["periods"], json!([]));
    assert_eq!(o["estimate"]["reclaimable_kurus"], json!(0));
    // A whole month at 40 000 TL; a week at 45 000,50 TL (the 2026 minimum wage is 33 030 TL).
    m.call::<SaveContributionPeriod>(&period("2026-03-01", "2026-03-31", "40 000")).await.ok();
    m.call::<SaveContributionPeriod>(&period("2026-04-24", "2026-04-30", "45000.50")).await.ok();
    // Below the minimum wage: raised to it; a given number of insured days.
    m.call::<SaveContributionPeriod>(&with(period("2026-05-01", "2026-06-30", "20.000"), "insured_days", "45"))
        .await
        .ok();
    let e = overview(m).await["estimate"].clone();
    let lines = e["periods"].as_array().unwrap();
    assert_eq!(lines.len(), 3);
    assert_eq!(
        (lines[0]["days"].as_i64(), lines[0]["employee_kurus"].as_i64(), lines[0]["employer_kurus"].as_i64()),
        (Some(30), Some(360_000), Some(440_000))
    );
    assert_eq!(
        (lines[1]["days"].as_i64(), lines[1]["employee_kurus"].as_i64(), lines[1]["employer_kurus"].as_i64()),
        (Some(7), Some(94_501), Some(115_501))
    );
    // 2 × 9 % of 33 030 TL = 5 945,40 TL, × 45/60 = 4 459,05 TL.
    assert_eq!(
        (lines[2]["days"].as_i64(), lines[2]["employee_kurus"].as_i64(), lines[2]["raised_to_floor"].as_bool()),
        (Some(45), Some(445_905), Some(true))
    );
    assert_eq!(e["days"], json!(82));
    let employee: i64 = lines.iter().map(|l| l["employee_kurus"].as_i64().unwrap()).sum();
    assert_eq!(e["employee_kurus"].as_i64(), Some(employee));
    assert_eq!(e["reclaimable_kurus"].as_i64(), Some(employee + e["employer_kurus"].as_i64().unwrap()));

    // Staff halve the reclaimable share: the same periods, half (rounded half up per period).
    w.staff.call::<SetContributionRules>(&with(rules("negotiating", "", "90"), "reclaim_share", "50")).await.ok();
    let half = overview(m).await["estimate"].clone();
    assert_eq!(half["periods"][1]["reclaimable_kurus"], json!(105_001));
    assert_eq!(half["employee_kurus"], e["employee_kurus"]);

    // The page says it plainly and shows the rates it used.
    let page = m.page("/contributions").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Turkiya ketayotgan chet elliklarga toʻlangan sugʻurta badallarini qaytarmaydi"),
        "{}",
        page.body
    );
    assert!(page.body.contains("muzokara bosqichida"));
    assert!(page.body.contains("9 %") && page.body.contains("11 %") && page.body.contains("50 %"));
    let tr = m.in_turkish().page("/contributions").await;
    assert!(tr.body.contains("Türkiye, ülkeden ayrılan yabancılara ödenmiş sigorta primlerini iade etmez"));
}

/// Staff set the rules; every version is kept with who set it; migrants and
/// employers may not; a bad post changes nothing.
#[tokio::test]
async fn staff_set_the_rules_with_their_history() {
    let w = world().await;
    let admin = w.admin("admin@kopru.example").await;
    let h = w.staff.get::<ContributionRules>(NO_ARGS).await.ok().json();
    assert_eq!(h.as_array().unwrap().len(), 1, "the defaults");
    assert_eq!(h[0]["by"], json!(null));
    assert_eq!((h[0]["rules"]["employee_bp"].as_i64(), h[0]["rules"]["employer_bp"].as_i64()), (Some(900), Some(1100)));
    assert_eq!(h[0]["rules"]["agreement"], json!("negotiating"));

    for a in [&w.migrant, &w.employer] {
        a.call::<SetContributionRules>(&rules("inforce", &ymd(-1), "30")).await.assert_err("Forbidden");
        a.get::<ContributionRules>(NO_ARGS).await.assert_err("Forbidden");
    }
    w.anonymous().call::<SetContributionRules>(&rules("inforce", &ymd(-1), "30")).await.assert_err("NotSignedIn");
    w.staff
        .call::<SetContributionRules>(&with(rules("inforce", "", "400"), "employee_rate", "101"))
        .await
        .assert_fields(&[
            ("employee_rate", "OutOfRange"),
            ("in_force_on", "Required"),
            ("reminder_days", "OutOfRange"),
        ]);
    assert_eq!(w.count("SELECT COUNT(*) FROM contribution_rules").await, 0);

    w.staff.call::<SetContributionRules>(&with(rules("negotiating", "", "30"), "employee_rate", "9,5")).await.ok();
    admin.call::<SetContributionRules>(&rules("inforce", &ymd(-10), "0")).await.ok();
    let h = w.staff.get::<ContributionRules>(NO_ARGS).await.ok().json();
    let h = h.as_array().unwrap();
    assert_eq!(h.len(), 2);
    assert_eq!((h[0]["by"].as_str(), h[0]["rules"]["agreement"].as_str()), (Some("Bosh Admin"), Some("inforce")));
    assert_eq!(h[0]["rules"]["in_force_on"].as_str(), Some(ymd(-10).as_str()));
    assert_eq!(h[0]["rules"]["reminder_days"], json!(0));
    assert_eq!((h[1]["by"].as_str(), h[1]["rules"]["employee_bp"].as_i64()), (Some("Dilnoza Rahimova"), Some(950)));
    assert_eq!(overview(&w.migrant).await["rules"]["agreement"], json!("inforce"));

    // The staff page renders without JavaScript, with the history.
    let page = w.staff.page("/staff/contributions").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Kuchga kirgan"), "{}", page.body);
}

/// No claim while negotiating (nothing written, no file kept); once staff mark
/// the agreement in force, one claim with its periods copied and its document;
/// a second one refused while the first is open; staff and the owner read the
/// copies, nobody else.
#[tokio::test]
async fn a_claim_is_taken_only_once_the_agreement_is_in_force() {
    let w = world().await;
    let m = &w.migrant;
    let other = w.migrant("+998935551122").await;
    m.call::<SaveContributionPeriod>(&period("2026-03-01", "2026-03-31", "40 000")).await.ok();
    m.call::<SaveContributionPeriod>(&period("2026-05-01", "", "42000")).await.ok();

    let note = [("note", "Bordrolar ilova qilindi.")];
    m.post_multipart(CLAIM, &note, &[("file", "sgk.pdf", PDF)]).await.assert_err("AgreementNotInForce");
    assert_eq!(w.count("SELECT COUNT(*) FROM cases").await, 0);
    assert_eq!(w.count("SELECT COUNT(*) FROM case_documents").await, 0);
    let page = m.page("/contributions").await;
    assert!(!page.body.contains(CLAIM), "no claim form while negotiating");
    // Nor as a bare case.
    m.post_multipart(<OpenCase as ServerFn>::PATH, &[("kind", "claim"), ("summary", "x")], &[])
        .await
        .assert_fields(&[("kind", "InvalidInput")]);

    in_force(&w).await;
    assert!(m.page("/contributions").await.body.contains(CLAIM), "the form once in force");
    // Without an ended period there is nothing to claim.
    other.call::<SaveContributionPeriod>(&period("2026-01-05", "", "40000")).await.ok();
    other.post_multipart(CLAIM, &note, &[]).await.assert_err("ClaimNeedsPeriods");

    let r = m.post_multipart(CLAIM, &note, &[("file", "sgk.pdf", PDF)]).await.ok();
    assert_eq!(r.status, StatusCode::OK);
    let case = w.count("SELECT MAX(id) FROM cases").await;
    assert_eq!(w.text(&format!("SELECT kind FROM cases WHERE id = {case}")).await.as_deref(), Some("claim"));
    assert_eq!(w.count(&format!("SELECT COUNT(*) FROM claim_periods WHERE case_id = {case}")).await, 2);
    assert_eq!(w.count(&format!("SELECT COUNT(*) FROM case_documents WHERE case_id = {case}")).await, 1);
    let c = m.get::<GetCase>(&[("id", case.to_string())]).await.ok().json();
    assert_eq!((c["kind"].as_str(), c["stage"].as_str()), (Some("claim"), Some("submitted")));
    assert_eq!(c["summary"], json!("Bordrolar ilova qilindi."));
    let copies = m.get::<ClaimPeriods>(&[("case_id", case.to_string())]).await.ok().json();
    assert_eq!(copies[0]["employee_kurus"], json!(360_000));
    assert_eq!(copies[1]["ended_on"], json!(null));
    assert_eq!(w.staff.get::<ClaimPeriods>(&[("case_id", case.to_string())]).await.ok().json(), copies);
    other.get::<ClaimPeriods>(&[("case_id", case.to_string())]).await.assert_err("NotFound");
    w.employer.get::<ClaimPeriods>(&[("case_id", case.to_string())]).await.assert_err("NotFound");

    // One open claim at a time; the copies stay when a period changes.
    m.post_multipart(CLAIM, &note, &[]).await.assert_err("ClaimAlreadyOpen");
    assert_eq!(w.count("SELECT COUNT(*) FROM cases").await, 1);
    w.exec("DELETE FROM contribution_periods").await;
    assert_eq!(w.count(&format!("SELECT COUNT(*) FROM claim_periods WHERE case_id = {case}")).await, 2);
    // In the staff queue of claims.
    let console = w.staff.call::<StaffConsole>(NO_ARGS).await.ok().json();
    let q = console["queues"].as_array().unwrap().iter().find(|q| q["kind"] == json!("claim")).cloned().unwrap();
    assert_eq!(q["count"], json!(1));
}

/// The claim form without JavaScript: a plain multipart post, back to the page
/// with the error when refused, to the case when taken.
#[tokio::test]
async fn a_claim_is_filed_without_javascript() {
    let w = world().await;
    let m = &w.migrant;
    m.call::<SaveContributionPeriod>(&period("2026-03-01", "2026-03-31", "40 000")).await.ok();
    let r = m.form_post_multipart(CLAIM, &[("note", "")], &[], "/contributions").await;
    assert_eq!(r.status, StatusCode::FOUND);
    assert!(r.header("location").unwrap().contains("agreement_not_in_force"));
    in_force(&w).await;
    let r = m.form_post_multipart(CLAIM, &[("note", "")], &[("file", "sgk.pdf", PDF)], "/contributions").await;
    assert_eq!(r.status, StatusCode::FOUND);
    let case = w.count("SELECT MAX(id) FROM cases").await;
    assert_eq!(r.header("location"), Some(format!("/cases/{case}").as_str()));
    // The case page shows the periods it carried.
    let page = m.page(&format!("/cases/{case}")).await;
    assert!(page.body.contains("Yıldız İnşaat Ltd."), "{}", page.body);
}

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

async fn reminders_to(w: &World, a: &Actor) -> i64 {
    w.count(&format!("SELECT COUNT(*) FROM outbox WHERE user_id = {} AND kind = 'notification'", a.id())).await
}

/// Returnees are reminded on staff's schedule: due, not yet due, not twice
/// for one due time, never sooner than the schedule; not those with a claim,
/// not those still in Türkiye, not when the schedule is off.
#[tokio::test]
async fn returnees_are_reminded_on_the_schedule() {
    let w = world().await;
    let home = &w.migrant;
    let away = w.migrant("+998935551122").await;
    let claimed = w.migrant("+998935551133").await;
    let working = w.migrant("+998935551144").await;
    for (a, passport, location) in [
        (home, "AB1234567", "uz:6"),
        (&away, "AB1234568", "tr:34"),
        (&claimed, "AB1234569", "uz:3"),
        (&working, "AB1234560", "uz:2"),
    ] {
        a.call::<SaveProfile>(&with(profile_form(passport), "location", location)).await.ok();
    }
    for a in [home, &away, &claimed] {
        a.call::<SaveContributionPeriod>(&period("2026-01-01", "2026-01-31", "40000")).await.ok();
    }
    working.call::<SaveContributionPeriod>(&period("2026-01-01", "", "40000")).await.ok();
    w.staff.call::<SetContributionRules>(&rules("inforce", "2026-01-01", "30")).await.ok();
    claimed.post_multipart(CLAIM, &[("note", "")], &[]).await.ok();
    // Back to negotiating: the reminder still goes (with the other text).
    w.staff.call::<SetContributionRules>(&rules("negotiating", "", "30")).await.ok();

    // The last period ended on 31 January: every 30 days from 1 February, first 3 March 00:00 UTC.
    assert_eq!(remind_returnees(&w.db, at("2026-03-02T23:59:00Z")).await.unwrap(), 0);
    assert_eq!(remind_returnees(&w.db, at("2026-03-03T00:10:00Z")).await.unwrap(), 1);
    assert_eq!(reminders_to(&w, home).await, 1);
    for a in [&away, &claimed, &working] {
        assert_eq!(reminders_to(&w, a).await, 0, "{a:?}");
    }
    let body = w.text(&format!("SELECT body FROM outbox WHERE user_id = {}", home.id())).await.unwrap();
    assert!(body.contains("muzokara"), "{body}");
    // Not twice for the same due time, nor before the next.
    assert_eq!(remind_returnees(&w.db, at("2026-03-03T09:00:00Z")).await.unwrap(), 0);
    assert_eq!(remind_returnees(&w.db, at("2026-04-01T23:00:00Z")).await.unwrap(), 0);
    // The next due time (2 April), once.
    assert_eq!(remind_returnees(&w.db, at("2026-04-02T00:30:00Z")).await.unwrap(), 1);
    assert_eq!(remind_returnees(&w.db, at("2026-04-02T01:30:00Z")).await.unwrap(), 0);
    assert_eq!(reminders_to(&w, home).await, 2);
    // Staff shorten the schedule: never sooner than it after the last reminder.
    w.staff.call::<SetContributionRules>(&rules("negotiating", "", "7")).await.ok();
    assert_eq!(remind_returnees(&w.db, at("2026-04-05T00:00:00Z")).await.unwrap(), 0);
    assert_eq!(remind_returnees(&w.db, at("2026-04-09T01:00:00Z")).await.unwrap(), 1);
    // Off: nobody.
    w.staff.call::<SetContributionRules>(&rules("negotiating", "", "0")).await.ok();
    assert_eq!(remind_returnees(&w.db, at("2027-01-01T00:00:00Z")).await.unwrap(), 0);
    assert_eq!(reminders_to(&w, home).await, 3);
    // Coming back to Türkiye stops them too.
    w.staff.call::<SetContributionRules>(&rules("inforce", "2026-01-01", "30")).await.ok();
    home.call::<SaveProfile>(&with(profile_form("AB1234567"), "location", "tr:34")).await.ok();
    assert_eq!(remind_returnees(&w.db, at("2027-01-01T00:00:00Z")).await.unwrap(), 0);
    home.call::<SaveProfile>(&profile_form("AB1234567")).await.ok();
    assert_eq!(remind_returnees(&w.db, at("2027-01-01T00:00:00Z")).await.unwrap(), 1);
    let body = w.text(&format!("SELECT body FROM outbox WHERE user_id = {} ORDER BY id DESC LIMIT 1", home.id())).await;
    assert!(body.unwrap().contains("kuchga kirdi"));
    // The reminder is on record in the person's export.
    let data = home.get::<DownloadMyData>(NO_ARGS).await.ok().json();
    assert_eq!(data["contributions"]["last_reminded_at"].as_str().map(|s| &s[..10]), Some("2027-01-01"));
}

/// The export holds the periods and each claim's copies; deleting the
/// account erases them all.
#[tokio::test]
async fn periods_and_claims_are_exported_and_erased() {
    let w = world().await;
    let m = &w.migrant;
    m.call::<SaveContributionPeriod>(&with(
        period("2026-03-01", "2026-03-31", "40 000"),
        "sgk_number",
        "1 2345 01 02 1234567 034 01 12 000",
    ))
    .await
    .ok();
    in_force(&w).await;
    m.post_multipart(CLAIM, &[("note", "")], &[("file", "sgk.pdf", PDF)]).await.ok();
    let data = m.get::<DownloadMyData>(NO_ARGS).await.ok().json();
    let c = &data["contributions"];
    assert_eq!(c["periods"][0]["sgk_number"], json!("12345010212345670340112000"));
    assert_eq!(c["claims"][0][1][0]["employer_name"], json!("Yıldız İnşaat Ltd."));
    assert_eq!(data["cases"][0]["kind"], json!("claim"));

    m.call::<DeleteAccount>(&[("password", PASSWORD), ("confirm", "yes")]).await.ok();
    for t in ["contribution_periods", "claim_periods", "contribution_reminders"] {
        assert_eq!(w.count(&format!("SELECT COUNT(*) FROM {t}")).await, 0, "{t}");
    }
    assert_eq!(w.count("SELECT COUNT(*) FROM cases").await, 0);
}
