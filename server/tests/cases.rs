//! Cases over HTTP (F3.1, F3.3, F6.1, F6.4, F6.5): opening each kind (a
//! multipart post, as a script and as a plain form), the stage machine and who
//! moves it, the thread and its notifications, staff's internal notes (never
//! in an answer to the migrant), the checklist, assignment, the confidential
//! complaint that no employer ever reads, the illegal-fee report that
//! suspends a company, and how long stages usually take. Real rows; the error
//! value asserted for refusals, the effect for grants; a refused call changes
//! nothing. They run on SQLite, and on PostgreSQL with `TEST_DATABASE_URL`.

mod common;

use app::accounts::rights::DownloadMyData;
use app::cases::api::{
    AddCaseNote, AssignCase, CaseFormOptions, CaseQueue, GetCase, MoveCase, MoveWorker, MyCases, OpenCase,
    PostCaseMessage, SuspendCompanyFromCase, TickChecklist,
};
use app::outbox::api::TelegramLink;
use common::*;
use http::StatusCode;

const OPEN: &str = <OpenCase as ServerFn>::PATH;
const POST: &str = <PostCaseMessage as ServerFn>::PATH;
const PHONE: &str = "+998901234567";
const STAFF_EMAIL: &str = "staff@kopru.example";
/// A PDF as a phone sends a scanned passport page.
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Title (Pasport) >> endobj\ntrailer << >>\n%%EOF\n";

// ---------------------------------------------------------------------------
// Helpers

fn pairs<'a>(fields: &'a [(&'a str, String)]) -> Vec<(&'a str, &'a str)> {
    fields.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// A help request's fields.
fn help(category: &str, summary: &str) -> Vec<(&'static str, String)> {
    vec![("kind", "help".into()), ("category", category.into()), ("summary", summary.into())]
}

/// A regularisation request's fields: entered visa-free 400 days ago, overstayed, construction.
fn regularisation(summary: &str) -> Vec<(&'static str, String)> {
    vec![
        ("kind", "regularisation".into()),
        ("summary", summary.into()),
        ("entered_on", ymd(-400)),
        ("entry_route", "visafree".into()),
        ("current_status", "overstay".into()),
        ("sector_id", "1".into()),
        ("employer_company_id", String::new()),
        ("employer_name", "Yıldız Yapı Ltd.".into()),
    ]
}

fn complaint(category: &str, company: i64, summary: &str) -> Vec<(&'static str, String)> {
    vec![
        ("kind", "complaint".into()),
        ("category", category.into()),
        ("company_id", company.to_string()),
        ("summary", summary.into()),
    ]
}

fn fee_report(vacancy: i64, fee: &str, summary: &str) -> Vec<(&'static str, String)> {
    vec![
        ("kind", "feereport".into()),
        ("vacancy_id", vacancy.to_string()),
        ("fee", fee.into()),
        ("summary", summary.into()),
    ]
}

/// `open_case` as a script posts it.
async fn open(actor: &Actor, fields: &[(&str, String)]) -> Reply {
    actor.post_multipart(OPEN, &pairs(fields), &[]).await
}

/// The id of the case a granted `open_case` redirected to.
#[track_caller]
fn opened_id(r: &Reply) -> i64 {
    let to = r.header("location").unwrap_or_else(|| panic!("no Location ({}): {}", r.status, r.body));
    to.strip_prefix("/cases/").and_then(|id| id.parse().ok()).unwrap_or_else(|| panic!("not a case: {to}"))
}

/// Opens a case as a script does: its id.
async fn opened(actor: &Actor, fields: &[(&str, String)]) -> i64 {
    let r = open(actor, fields).await.ok();
    opened_id(&r)
}

async fn get_case(actor: &Actor, id: i64) -> Reply {
    actor.get::<GetCase>(&[("id", id.to_string())]).await
}

/// The case as its migrant or staff read it.
async fn case_json(actor: &Actor, id: i64) -> Value {
    get_case(actor, id).await.ok().json()
}

/// `move_case` to `to`, with extra fields (decision, reason, steps).
async fn mv(actor: &Actor, id: i64, to: &str, extra: &[(&str, &str)]) -> Reply {
    let mut form = vec![("case_id", id.to_string()), ("to", to.to_string())];
    form.extend(extra.iter().map(|(k, v)| (*k, v.to_string())));
    actor.call::<MoveCase>(&form).await
}

/// A message in the thread (a multipart post).
async fn say(actor: &Actor, id: i64, body: &str) -> Reply {
    let id = id.to_string();
    actor.post_multipart(POST, &[("case_id", id.as_str()), ("body", body)], &[]).await
}

async fn assign(actor: &Actor, id: i64, to: &str) -> Reply {
    actor.call::<AssignCase>(&[("case_id", id.to_string()), ("assign_to", to.to_string())]).await
}

async fn queue(actor: &Actor, kind: &str, holder: &str) -> Reply {
    actor.get::<CaseQueue>(&[("kind", kind), ("filter[holder]", holder), ("filter[stage]", "")]).await
}

async fn stage_of(app: &TestApp, id: i64) -> String {
    app.text(&format!("SELECT stage FROM cases WHERE id = {id}")).await.unwrap()
}

/// The entry of a case's timeline for `stage`.
fn usual(case: &Value, stage: &str) -> Value {
    let t = case["timeline"].as_array().unwrap_or_else(|| panic!("no timeline: {case}"));
    t.iter().find(|s| s["stage"] == stage).unwrap_or_else(|| panic!("no {stage} in {case}"))["usual_secs"].clone()
}

/// `(kind, from, to)` of each history entry.
fn history(case: &Value) -> Vec<(String, Value, Value)> {
    case["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["kind"].as_str().unwrap().to_string(), e["from"].clone(), e["to"].clone()))
        .collect()
}

/// Sets `at` of the rows of `table` that `filter` (SQL) selects: time passing, for the medians.
async fn set_at(app: &TestApp, table: &str, filter: &str, at: chrono::DateTime<chrono::Utc>) -> u64 {
    use sea_orm::sea_query::{Alias, Expr, Query};
    use sea_orm::ConnectionTrait;
    let stmt =
        Query::update().table(Alias::new(table)).value(Alias::new("at"), at).and_where(Expr::cust(filter)).to_owned();
    app.db.execute(app.db.get_database_backend().build(&stmt)).await.unwrap().rows_affected()
}

fn files_in(app: &TestApp) -> usize {
    std::fs::read_dir(app.uploads.path()).map(|d| d.count()).unwrap_or(0)
}

async fn fetch_document(actor: &Actor, id: i64) -> Reply {
    let mut b = http::Request::get(format!("{}?id={id}", app::documents::DOCUMENT_PATH))
        .header(http::header::HOST, HOST)
        .header(http::header::ACCEPT, "application/json");
    if let Some(c) = actor.cookie() {
        b = b.header(http::header::COOKIE, c);
    }
    actor.send(b.body(axum::body::Body::empty()).unwrap()).await
}

/// Notifications of `user` about case `id`, of `kind`.
fn notes_of(user: &Actor, id: i64, kind: &str) -> String {
    format!("SELECT COUNT(*) FROM notifications WHERE user_id = {} AND case_id = {id} AND kind = '{kind}'", user.id())
}

fn outbox_to(recipient: &str, channel: &str) -> String {
    format!("SELECT COUNT(*) FROM outbox WHERE recipient = '{recipient}' AND channel = '{channel}' AND kind = 'notification'")
}

// ---------------------------------------------------------------------------
// Opening

#[tokio::test]
async fn a_verified_migrant_opens_each_kind_and_refusals_write_nothing() {
    let w = world().await;
    let vid = w.published_vacancy(&w.employer, &VacancySpec::new("Duvar ustası")).await;
    w.application(&w.migrant, vid).await;

    // Help, as a script: 200 and the redirect as a header (the client follows it).
    let r = open(
        &w.migrant,
        &[help("unpaidwages", "Ish haqim 3 oydan beri toʻlanmadi."), vec![("urgent", "1".into())]].concat(),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.headers.contains_key("serverfnredirect"), "the client is told to follow it");
    let help_id = opened_id(&r);
    let c = case_json(&w.migrant, help_id).await;
    assert_eq!(
        (c["kind"].as_str(), c["stage"].as_str(), c["category"].as_str()),
        (Some("help"), Some("submitted"), Some("unpaidwages"))
    );
    assert_eq!((c["urgent"].as_bool(), c["lang"].as_str()), (Some(true), Some("uz")));
    assert_eq!(c["summary"], "Ish haqim 3 oydan beri toʻlanmadi.");
    assert_eq!(history(&c), vec![("opened".to_string(), Value::Null, json!("submitted"))]);
    assert_eq!(c["history"][0]["actor_role"], "migrant");
    assert_eq!(c["owner_phone"], Value::Null, "the migrant's own view carries no staff-only contact");
    assert!(c["due_at"].is_string());
    // Detention is urgent whatever was ticked.
    let detained = opened(&w.migrant, &help("detention", "Akam politsiya tomonidan ushlandi.")).await;
    assert_eq!(case_json(&w.migrant, detained).await["urgent"], true);

    // Regularisation, with a verified company willing to hire and a scanned page.
    let mut reg = regularisation("Vizasiz kirdim, 90 kundan oshib ketdi.");
    reg.retain(|(k, _)| *k != "employer_company_id" && *k != "employer_name");
    reg.push(("employer_company_id", w.company.to_string()));
    let r = w.migrant.post_multipart(OPEN, &pairs(&reg), &[("file", "pasport.pdf", PDF)]).await.ok();
    let reg_id = opened_id(&r);
    let c = case_json(&w.migrant, reg_id).await;
    assert_eq!(c["kind"], "regularisation");
    assert_eq!(c["regularisation"]["entered_on"], ymd(-400));
    assert_eq!(c["regularisation"]["entry_route"], "visafree");
    assert_eq!(c["regularisation"]["current_status"], "overstay");
    assert_eq!(c["regularisation"]["sector_id"], 1);
    assert_eq!(c["regularisation"]["employer_company_id"].as_i64(), Some(w.company));
    let docs = c["documents"].as_array().unwrap();
    assert_eq!(
        (docs.len(), docs[0]["name"].as_str(), docs[0]["media_type"].as_str()),
        (1, Some("pasport.pdf"), Some("pdf"))
    );
    assert_eq!(fetch_document(&w.migrant, docs[0]["id"].as_i64().unwrap()).await.status, StatusCode::OK);

    // A complaint about an employer of the migrant's own applications.
    let complaint_id = opened(&w.migrant, &complaint("unpaidwages", w.company, "Ikki oylik maosh berilmadi.")).await;
    let c = case_json(&w.migrant, complaint_id).await;
    assert_eq!((c["kind"].as_str(), c["company_id"].as_i64()), (Some("complaint"), Some(w.company)));
    assert_eq!(c["company_name"], format!("Firma {} İnşaat A.Ş.", w.employer.id()));
    // A complaint may name an employer who is not on the portal.
    let by_name: Vec<(&str, String)> = vec![
        ("kind", "complaint".into()),
        ("category", "other".into()),
        ("employer_name", "Karanlık İnşaat".into()),
        ("summary", "Ish beruvchi qoʻrqitdi.".into()),
    ];
    let named = opened(&w.migrant, &by_name).await;
    assert_eq!(case_json(&w.migrant, named).await["company_name"], "Karanlık İnşaat");

    // An illegal fee, on a published vacancy: the case is tied to it and its company.
    let fee_id = opened(&w.migrant, &fee_report(vid, "5.000", "Vositachi ish uchun 5000 lira soʻradi.")).await;
    let c = case_json(&w.migrant, fee_id).await;
    assert_eq!(
        (c["kind"].as_str(), c["vacancy_id"].as_i64(), c["company_id"].as_i64()),
        (Some("feereport"), Some(vid), Some(w.company))
    );
    assert_eq!(c["fee_kurus"], 500_000);

    // What belongs to another kind is not kept: a help request ties to no vacancy, company or fee.
    let stray = [
        help("unpaidwages", "Pul soʻrashdi, ish haqi ham yoʻq."),
        vec![("vacancy_id", vid.to_string()), ("company_id", w.company.to_string()), ("fee", "5000".into())],
    ]
    .concat();
    let c = case_json(&w.migrant, opened(&w.migrant, &stray).await).await;
    assert_eq!(
        (&c["vacancy_id"], &c["company_id"], &c["fee_kurus"]),
        (&Value::Null, &Value::Null, &Value::Null),
        "{c}"
    );

    // A help request may be a photo alone; anything else needs words.
    let r = w
        .migrant
        .post_multipart(OPEN, &[("kind", "help"), ("category", "housing"), ("summary", "")], &[("file", "uy.pdf", PDF)])
        .await
        .ok();
    assert_eq!(case_json(&w.migrant, opened_id(&r)).await["summary"], "");

    // As a plain form, from the new-case page: on to the case.
    let fields = help("housing", "Yotoqxonadan chiqarib yuborishdi.");
    let r = w.migrant.form_post_multipart(OPEN, &pairs(&fields), &[], "/cases/new?kind=help").await;
    assert!(matches!(r.status, StatusCode::FOUND | StatusCode::SEE_OTHER), "{} {}", r.status, r.body);
    let plain = opened_id(&r);
    assert_eq!(case_json(&w.migrant, plain).await["summary"], "Yotoqxonadan chiqarib yuborishdi.");

    // my_cases: all of them, newest first.
    let mine = w.migrant.get::<MyCases>(NO_ARGS).await.ok().ids();
    assert_eq!(mine.len(), 9);
    assert_eq!(mine[0], plain);
    assert!(mine.windows(2).all(|p| p[0] > p[1]), "{mine:?}");

    // Refusals, each with its fields; nothing is written, no file is kept.
    let cases = w.count("SELECT COUNT(*) FROM cases").await;
    let events = w.count("SELECT COUNT(*) FROM case_events").await;
    let files = files_in(&w);
    let documents = w.count("SELECT COUNT(*) FROM case_documents").await;
    let no_category: Vec<(&str, String)> = help("", "Yordam kerak.");
    open(&w.migrant, &no_category).await.assert_fields(&[("category", "ChoiceRequired")]);
    let wrong_category = help("abuse", "Yordam kerak."); // a complaint's category, not help's
    open(&w.migrant, &wrong_category).await.assert_fields(&[("category", "ChoiceRequired")]);
    let no_summary = help("health", "  ");
    open(&w.migrant, &no_summary).await.assert_fields(&[("summary", "Required")]);
    open(&w.migrant, &help("", "")).await.assert_fields(&[("category", "ChoiceRequired"), ("summary", "Required")]);
    // A file input left empty is no photo.
    let r = w.migrant.post_multipart(OPEN, &pairs(&no_summary), &[("file", "", b"")]).await;
    r.assert_fields(&[("summary", "Required")]);
    let mut future = regularisation("Keyin kiraman.");
    future.retain(|(k, _)| *k != "entered_on");
    future.push(("entered_on", ymd(3)));
    let r = w.migrant.post_multipart(OPEN, &pairs(&future), &[("file", "pasport.pdf", PDF)]).await;
    r.assert_fields(&[("entered_on", "InvalidDate")]);
    let rival = w.employer("ik@rakip.example").await;
    let rival_company = w.verified_company(&rival).await;
    let nobody = [("kind", "complaint".to_string()), ("category", "abuse".into()), ("summary", "Kimdir".into())];
    open(&w.migrant, &nobody).await.assert_fields(&[("employer_name", "Required")]);
    open(&w.migrant, &complaint("abuse", rival_company, "Hech qachon ariza bermaganman."))
        .await
        .assert_fields(&[("company_id", "InvalidInput")]);
    // The employer willing to hire is a verified company, or a name.
    let newcomer = w.employer("ik@yeni.example").await;
    let pending = w.company(&newcomer, VKN2, "Yeni Firma A.Ş.").await;
    let mut not_verified = regularisation("Ish beruvchim tayyor.");
    not_verified.retain(|(k, _)| *k != "employer_company_id");
    not_verified.push(("employer_company_id", pending.to_string()));
    open(&w.migrant, &not_verified).await.assert_fields(&[("employer_company_id", "InvalidInput")]);
    let unpublished = w.vacancy(&w.employer, &VacancySpec::new("Bekleyen ilan")).await;
    open(&w.migrant, &fee_report(unpublished, "1000", "Pul soʻrashdi.")).await.assert_err("NotFound");
    open(&w.migrant, &fee_report(999_999, "1000", "Pul soʻrashdi.")).await.assert_err("NotFound");
    open(&w.migrant, &fee_report(vid, "besh ming", "Pul soʻrashdi.")).await.assert_fields(&[("fee", "InvalidWage")]);
    open(&w.migrant, &[("kind", "nothing".to_string()), ("summary", "x".into())])
        .await
        .assert_fields(&[("kind", "ChoiceRequired")]);
    // A plain form goes back to its page with the errors named.
    let r = w.migrant.form_post_multipart(OPEN, &pairs(&no_category), &[], "/cases/new?kind=help").await;
    assert_eq!(r.status, StatusCode::FOUND);
    assert_eq!(r.header("location"), Some("/cases/new?kind=help&error=choice_required%3Acategory"));
    // Who may not file at all.
    let fields = help("health", "Kasalman.");
    let unverified = w.migrant("+998935550099").await;
    w.exec(&format!("UPDATE users SET verified_at = NULL WHERE id = {}", unverified.id())).await;
    open(&unverified, &fields).await.assert_err("NotVerified");
    open(&w.employer, &fields).await.assert_err("Forbidden");
    open(&w.staff, &fields).await.assert_err("Forbidden");
    open(&w.app.anonymous(), &fields).await.assert_err("NotSignedIn");
    let r = w.employer.post_multipart(OPEN, &pairs(&fields), &[("file", "x.pdf", PDF)]).await;
    r.assert_err("Forbidden");
    assert_eq!(w.count("SELECT COUNT(*) FROM cases").await, cases, "refused: no case");
    assert_eq!(w.count("SELECT COUNT(*) FROM case_events").await, events, "refused: no history");
    assert_eq!(w.count("SELECT COUNT(*) FROM case_documents").await, documents, "refused: no document row");
    assert_eq!(files_in(&w), files, "refused: no file kept");
    // Reading one's (empty) list needs no proved phone; filing does.
    let listed = unverified.get::<MyCases>(NO_ARGS).await.ok();
    assert_eq!(listed.json(), json!([]), "an unverified migrant has filed nothing");
    w.employer.get::<MyCases>(NO_ARGS).await.assert_err("Forbidden");
}

// ---------------------------------------------------------------------------
// The stage machine

#[tokio::test]
async fn a_regularisation_moves_stage_by_stage_by_the_role_that_owns_each_move() {
    let w = world().await;
    let other = w.migrant("+998935551122").await;
    let id = opened(&w.migrant, &regularisation("90 kundan oshib ketdi.")).await;
    let events = |id: i64| format!("SELECT COUNT(*) FROM case_events WHERE case_id = {id}");
    let moved_by = |actor: &Actor, from: &str, to: &str| {
        format!(
            "SELECT COUNT(*) FROM case_events WHERE case_id = {id} AND kind = 'moved' AND actor_user_id = {} \
             AND actor_role = '{}' AND from_stage = '{from}' AND to_stage = '{to}'",
            actor.id(),
            actor.role().unwrap().as_str()
        )
    };
    let sms = outbox_to(PHONE, "sms");
    let moved_note = |stage: &str| {
        format!(
            "SELECT COUNT(*) FROM notifications WHERE user_id = {} AND case_id = {id} AND kind = 'casemoved' AND case_stage = '{stage}'",
            w.migrant.id()
        )
    };

    // Refused moves: the error, and nothing moved, written or sent.
    let reason = [("decision", "eligible"), ("reason", "Hujjatlar yetarli.")];
    mv(&w.app.anonymous(), id, "underreview", &[]).await.assert_err("NotSignedIn");
    mv(&w.migrant, id, "underreview", &[]).await.assert_err("Forbidden");
    mv(&w.employer, id, "underreview", &[]).await.assert_err("NotFound");
    mv(&other, id, "withdrawn", &[]).await.assert_err("NotFound");
    mv(&w.staff, id, "decided", &reason).await.assert_err("InvalidInput");
    mv(&w.staff, id, "documentssubmitted", &[]).await.assert_err("InvalidInput");
    mv(&w.staff, id, "nowhere", &[]).await.assert_err("InvalidInput");
    mv(&w.staff, 999_999, "underreview", &[]).await.assert_err("NotFound");
    assert_eq!(stage_of(&w, id).await, "submitted");
    assert_eq!(w.count(&events(id)).await, 1, "only the opening");
    assert_eq!(w.count("SELECT COUNT(*) FROM notifications WHERE case_id IS NOT NULL").await, 0);

    // Staff ask for documents: recorded with who, from, to; the migrant hears in the site and by SMS.
    let sent = w.count(&sms).await;
    mv(&w.staff, id, "documentsrequested", &[]).await.ok();
    assert_eq!(stage_of(&w, id).await, "documentsrequested");
    assert_eq!(w.count(&moved_by(&w.staff, "submitted", "documentsrequested")).await, 1);
    assert_eq!(w.count(&moved_note("documentsrequested")).await, 1);
    assert_eq!(w.count(&sms).await, sent + 1);
    let msg = w
        .text(&format!(
            "SELECT body FROM outbox WHERE recipient = '{PHONE}' AND kind = 'notification' ORDER BY id DESC LIMIT 1"
        ))
        .await
        .unwrap();
    assert!(msg.contains(&id.to_string()), "the SMS names the case: {msg}");
    let n = w.migrant.call::<MyNotifications>(NO_ARGS).await.ok().items();
    assert_eq!(
        (n[0]["kind"].as_str(), n[0]["case_id"].as_i64(), n[0]["case_stage"].as_str()),
        (Some("casemoved"), Some(id), Some("documentsrequested"))
    );
    // Sending the documents is the migrant's move, not staff's; the migrant's own move tells no one.
    mv(&w.staff, id, "documentssubmitted", &[]).await.assert_err("Forbidden");
    let r = w
        .migrant
        .post_multipart(
            POST,
            &[("case_id", &*id.to_string()), ("body", "Pasport nusxasi ilova qilindi.")],
            &[("file", "pasport.pdf", PDF)],
        )
        .await
        .ok();
    assert_eq!(r.header("location"), Some(&*format!("/cases/{id}#thread")));
    mv(&w.migrant, id, "documentssubmitted", &[]).await.ok();
    assert_eq!(w.count(&moved_by(&w.migrant, "documentsrequested", "documentssubmitted")).await, 1);
    assert_eq!(
        w.count(&format!("SELECT COUNT(*) FROM notifications WHERE case_id = {id}")).await,
        1,
        "nobody told of one's own move"
    );
    // Staff take it up, and decide: a decision that fits the kind, with its reason.
    mv(&w.staff, id, "decided", &reason).await.assert_err("InvalidInput");
    mv(&w.staff, id, "underreview", &[]).await.ok();
    mv(&w.staff, id, "decided", &[("reason", "Sabab")]).await.assert_fields(&[("decision", "ChoiceRequired")]);
    mv(&w.staff, id, "decided", &[("decision", "eligible"), ("reason", "  ")])
        .await
        .assert_fields(&[("reason", "ReasonRequired")]);
    mv(&w.staff, id, "decided", &[("decision", "eligible")]).await.assert_fields(&[("reason", "ReasonRequired")]);
    mv(&w.staff, id, "decided", &[("decision", "resolved"), ("reason", "Hal qilindi")])
        .await
        .assert_err("InvalidInput");
    mv(&w.staff, id, "decided", &[("decision", "maybe"), ("reason", "?")])
        .await
        .assert_fields(&[("decision", "ChoiceRequired")]);
    mv(&w.migrant, id, "decided", &reason).await.assert_err("Forbidden");
    let steps = format!("Pasport nusxasini olib keling | {}\nIsh beruvchi bilan shartnoma", ymd(14));
    mv(
        &w.staff,
        id,
        "decided",
        &[("decision", "eligible"), ("reason", "Hujjatlar yetarli."), ("steps", "Eski qadam | 2020-01-01")],
    )
    .await
    .assert_fields(&[("steps", "DateInPast")]);
    assert_eq!(stage_of(&w, id).await, "underreview", "refused decisions moved nothing");
    assert_eq!(w.count("SELECT COUNT(*) FROM case_checklist").await, 0);
    mv(&w.staff, id, "decided", &[("decision", "eligible"), ("reason", "Hujjatlar yetarli."), ("steps", &steps)])
        .await
        .ok();
    let c = case_json(&w.migrant, id).await;
    assert_eq!((c["stage"].as_str(), c["decision"].as_str()), (Some("decided"), Some("eligible")));
    assert_eq!((c["decision_reason"].as_str(), c["decision_lang"].as_str()), (Some("Hujjatlar yetarli."), Some("uz")));
    let items: Vec<(Value, Value, Value)> = c["checklist"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["label"].clone(), i["due_on"].clone(), i["done"].clone()))
        .collect();
    assert_eq!(
        items,
        vec![
            (json!("Pasport nusxasini olib keling"), json!(ymd(14)), json!(false)),
            (json!("Ish beruvchi bilan shartnoma"), Value::Null, json!(false)),
        ]
    );
    assert_eq!(c["due_at"], Value::Null, "nothing is due once decided");
    // A decided case is closed by staff only, as a plain form too; then nothing moves it.
    mv(&w.migrant, id, "closed", &[]).await.assert_err("Forbidden");
    mv(&w.migrant, id, "withdrawn", &[]).await.assert_err("InvalidInput");
    let r = w
        .staff
        .form_post::<MoveCase>(&[("case_id", id.to_string()), ("to", "closed".into())], &format!("/cases/{id}"))
        .await;
    assert_eq!((r.status, r.header("location")), (StatusCode::FOUND, Some(&*format!("/cases/{id}"))));
    mv(&w.staff, id, "underreview", &[]).await.assert_err("InvalidInput");
    let r = w
        .staff
        .form_post::<MoveCase>(&[("case_id", id.to_string()), ("to", "decided".into())], &format!("/cases/{id}"))
        .await;
    assert_eq!(r.header("location"), Some(&*format!("/cases/{id}?error=invalid_input")));
    assert_eq!(stage_of(&w, id).await, "closed");

    // The whole history, each move with its actor.
    let c = case_json(&w.migrant, id).await;
    let stages = |s: &str| json!(s);
    assert_eq!(
        history(&c),
        vec![
            ("opened".into(), Value::Null, stages("submitted")),
            ("moved".into(), stages("submitted"), stages("documentsrequested")),
            ("moved".into(), stages("documentsrequested"), stages("documentssubmitted")),
            ("moved".into(), stages("documentssubmitted"), stages("underreview")),
            ("moved".into(), stages("underreview"), stages("decided")),
            ("moved".into(), stages("decided"), stages("closed")),
        ]
    );
    let roles: Vec<&str> = c["history"].as_array().unwrap().iter().map(|e| e["actor_role"].as_str().unwrap()).collect();
    assert_eq!(roles, ["migrant", "staff", "migrant", "staff", "staff", "staff"]);
    assert_eq!(c["history"][4]["reason"], "Hujjatlar yetarli.");
    assert_eq!(c["history"][1]["actor_name"], "Dilnoza Rahimova", "the migrant sees who moved it");
    assert_eq!(w.count(&events(id)).await, 6);
    assert_eq!(
        w.count(&format!("SELECT COUNT(*) FROM case_events WHERE case_id = {id} AND actor_user_id IS NULL")).await,
        0
    );
    // Each of staff's four moves told the migrant, in the site and by SMS.
    assert_eq!(w.count(&notes_of(&w.migrant, id, "casemoved")).await, 4);
    assert_eq!(w.count(&sms).await, sent + 4);
    assert_eq!(w.count(&format!("SELECT COUNT(*) FROM notifications WHERE user_id = {}", other.id())).await, 0);

    // Help has no document stages; the migrant withdraws an open one.
    let h = opened(&w.migrant, &help("health", "Kasalxonaga borishim kerak.")).await;
    mv(&w.staff, h, "documentsrequested", &[]).await.assert_err("InvalidInput");
    mv(&other, h, "withdrawn", &[]).await.assert_err("NotFound");
    mv(&w.migrant, h, "withdrawn", &[]).await.ok();
    assert_eq!(stage_of(&w, h).await, "withdrawn");
    mv(&w.staff, h, "underreview", &[]).await.assert_err("InvalidInput");
    // Admins act as staff.
    let a = opened(&w.migrant, &help("family", "Oilam bilan bogʻlana olmayapman.")).await;
    let admin = w.admin("admin@kopru.example").await;
    mv(&admin, a, "underreview", &[]).await.ok();
    mv(&admin, a, "decided", &[("decision", "resolved"), ("reason", "Konsullik bilan bogʻlandik.")]).await.ok();
    assert_eq!(case_json(&w.migrant, a).await["decision"], "resolved");
}

// ---------------------------------------------------------------------------
// The thread

#[tokio::test]
async fn the_thread_runs_both_ways_and_each_side_hears_of_the_other() {
    let w = world().await;
    let other = w.migrant("+998935551122").await;
    let id = opened(&w.migrant, &help("unpaidwages", "Maosh berilmadi.")).await;
    let all_notes = || format!("SELECT COUNT(*) FROM notifications WHERE case_id = {id}");
    let all_out = "SELECT COUNT(*) FROM outbox WHERE kind = 'notification'";
    let line =
        |q: &Value| q["lines"].as_array().unwrap().iter().find(|l| l["id"].as_i64() == Some(id)).cloned().unwrap();

    // Unassigned: the migrant's message tells nobody; the queue shows it waits for staff.
    let out = w.count(all_out).await;
    say(&w.migrant, id, "Salom, yordam bera olasizmi?").await.ok();
    assert_eq!(w.count(&all_notes()).await, 0);
    assert_eq!(w.count(all_out).await, out);
    let q = queue(&w.staff, "help", "").await.ok().json();
    assert_eq!(line(&q)["awaiting_staff"], true);
    assert!(line(&q)["last_reply_at"].is_string());
    let unassigned = queue(&w.staff, "help", "unassigned").await.ok().json();
    assert_eq!(unassigned["lines"].as_array().unwrap().len(), 1);

    // Staff answer: the migrant hears in the site and by SMS to their phone.
    let sms = w.count(&outbox_to(PHONE, "sms")).await;
    say(&w.staff, id, "Albatta. Ish beruvchining nomini yozing.").await.ok();
    assert_eq!(w.count(&notes_of(&w.migrant, id, "casereply")).await, 1);
    assert_eq!(w.count(&outbox_to(PHONE, "sms")).await, sms + 1);
    assert_eq!(line(&queue(&w.staff, "help", "").await.ok().json())["awaiting_staff"], false);
    assert_eq!(w.migrant.unread().await, 1);

    // Once staff hold it, the migrant's message tells the holder, by e-mail too.
    assign(&w.staff, id, "").await.ok();
    let mail = w.count(&outbox_to(STAFF_EMAIL, "email")).await;
    say(&w.migrant, id, "Anadolu İnşaat, Esenyurt.").await.ok();
    assert_eq!(w.count(&notes_of(&w.staff, id, "casereply")).await, 1);
    assert_eq!(w.count(&outbox_to(STAFF_EMAIL, "email")).await, mail + 1);
    assert_eq!(w.count(&notes_of(&w.migrant, id, "casereply")).await, 1, "not told of one's own message");
    assert_eq!(line(&queue(&w.staff, "help", "mine").await.ok().json())["awaiting_staff"], true);
    assert_eq!(w.staff.unread().await, 1);
    // A colleague's answer also reaches the migrant.
    let colleague = w.account(Role::Staff, "Jasur Toshmatov", "jasur@kopru.example").await;
    say(&colleague, id, "Hamkasbim bilan koʻrib chiqyapmiz.").await.ok();
    assert_eq!(w.count(&notes_of(&w.migrant, id, "casereply")).await, 2);

    let c = case_json(&w.migrant, id).await;
    let thread: Vec<(bool, &str, &str)> = c["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["from_staff"].as_bool().unwrap(), m["author_name"].as_str().unwrap(), m["body"].as_str().unwrap()))
        .collect();
    assert_eq!(
        thread,
        vec![
            (false, "Aziz Karimov", "Salom, yordam bera olasizmi?"),
            (true, "Dilnoza Rahimova", "Albatta. Ish beruvchining nomini yozing."),
            (false, "Aziz Karimov", "Anadolu İnşaat, Esenyurt."),
            (true, "Jasur Toshmatov", "Hamkasbim bilan koʻrib chiqyapmiz."),
        ]
    );
    assert!(c["last_reply_at"].is_string());

    // Refusals: nothing written.
    let messages = || format!("SELECT COUNT(*) FROM case_messages WHERE case_id = {id}");
    say(&other, id, "Begona").await.assert_err("NotFound");
    say(&w.employer, id, "Işveren").await.assert_err("NotFound");
    say(&w.app.anonymous(), id, "Kimdir").await.assert_err("NotSignedIn");
    say(&w.migrant, id, "   ").await.assert_fields(&[("body", "Required")]);
    say(&w.migrant, 999_999, "Yoʻq").await.assert_err("NotFound");
    assert_eq!(w.count(&messages()).await, 4);
    assert!(!get_case(&other, id).await.body.contains("Maosh"), "another migrant reads nothing");

    // Closed or withdrawn: the thread takes no more.
    mv(&w.staff, id, "underreview", &[]).await.ok();
    mv(&w.staff, id, "decided", &[("decision", "resolved"), ("reason", "Maosh toʻlandi.")]).await.ok();
    say(&w.migrant, id, "Rahmat!").await.ok();
    mv(&w.staff, id, "closed", &[]).await.ok();
    let notified = w.count(&all_notes()).await;
    say(&w.migrant, id, "Yana bir savol").await.assert_err("CaseClosed");
    say(&w.staff, id, "Javob").await.assert_err("CaseClosed");
    let withdrawn = opened(&w.migrant, &help("other", "Kerak emas.")).await;
    mv(&w.migrant, withdrawn, "withdrawn", &[]).await.ok();
    say(&w.migrant, withdrawn, "Qaytadan").await.assert_err("CaseClosed");
    assert_eq!(w.count(&messages()).await, 5);
    assert_eq!(w.count(&all_notes()).await, notified);
}

// ---------------------------------------------------------------------------
// Internal notes

#[tokio::test]
async fn internal_notes_are_staffs_and_never_reach_the_migrant() {
    let w = world().await;
    const NOTE: &str = "ICHKI-QAYD-4417: ish beruvchi avval ham shikoyat qilingan";
    let id = opened(&w.migrant, &help("unpaidwages", "Maosh berilmadi.")).await;
    let note = [("case_id", id.to_string()), ("note", NOTE.to_string())];
    w.migrant.call::<AddCaseNote>(&note).await.assert_err("Forbidden");
    w.employer.call::<AddCaseNote>(&note).await.assert_err("Forbidden");
    w.app.anonymous().call::<AddCaseNote>(&note).await.assert_err("NotSignedIn");
    w.staff
        .call::<AddCaseNote>(&[("case_id", id.to_string()), ("note", " ".into())])
        .await
        .assert_fields(&[("note", "Required")]);
    w.staff
        .call::<AddCaseNote>(&[("case_id", "999999".to_string()), ("note", NOTE.into())])
        .await
        .assert_err("NotFound");
    assert_eq!(w.count("SELECT COUNT(*) FROM case_notes").await, 0);
    let r = w.staff.call::<AddCaseNote>(&note).await.ok();
    assert_eq!(r.header("location"), Some(&*format!("/cases/{id}#notes")));
    say(&w.staff, id, "Koʻrib chiqyapmiz.").await.ok();

    // Staff read it (the function and the page).
    let staff_view = get_case(&w.staff, id).await.ok();
    assert!(staff_view.body.contains(NOTE));
    let c = staff_view.json();
    assert_eq!(
        (c["notes"][0]["body"].as_str(), c["notes"][0]["author_name"].as_str()),
        (Some(NOTE), Some("Dilnoza Rahimova"))
    );
    assert_eq!(c["owner_phone"], PHONE, "staff see how to reach the migrant");
    let page = w.staff.page(&format!("/cases/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(NOTE), "staff's page shows the notes");

    // The migrant: not in the answer, not on the page, not in anything else they receive.
    let mine = get_case(&w.migrant, id).await.ok();
    assert!(!mine.body.contains(NOTE) && !mine.body.contains("ICHKI-QAYD"), "{}", mine.body);
    assert!(mine.json().get("notes").is_none(), "no notes key at all");
    assert!(mine.json().get("assignable").is_none(), "nor staff's list of colleagues");
    let page = w.migrant.page(&format!("/cases/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Maosh berilmadi.") && page.body.contains("Koʻrib chiqyapmiz."), "the real case page");
    assert!(!page.body.contains("ICHKI-QAYD"), "the note is not on the migrant's page");
    for r in [
        w.migrant.get::<MyCases>(NO_ARGS).await.ok(),
        w.migrant.call::<MyNotifications>(NO_ARGS).await.ok(),
        w.migrant.get::<DownloadMyData>(NO_ARGS).await.ok(),
        w.migrant.page("/cases").await,
        w.migrant.page("/notifications").await,
    ] {
        assert!(!r.body.contains("ICHKI-QAYD"), "{}", r.body);
    }
    assert_eq!(
        w.count("SELECT COUNT(*) FROM outbox WHERE body LIKE '%ICHKI-QAYD%' OR subject LIKE '%ICHKI-QAYD%'").await,
        0
    );
}

// ---------------------------------------------------------------------------
// The checklist

#[tokio::test]
async fn the_checklist_of_an_eligible_decision_is_ticked_by_its_migrant_only() {
    let w = world().await;
    let other = w.migrant("+998935551122").await;
    let admin = w.admin("admin@kopru.example").await;
    let id = opened(&w.migrant, &regularisation("Ruxsatnomam muddati oʻtdi.")).await;
    mv(&w.staff, id, "underreview", &[]).await.ok();
    // Next steps go with an eligible decision only.
    mv(&w.staff, id, "decided", &[("decision", "noteligible"), ("reason", "Muddat"), ("steps", "Qadam")])
        .await
        .assert_err("InvalidInput");
    let steps = format!("Migratsiya idorasiga boring | {}\nSogʻliq sugʻurtasi", ymd(7));
    mv(&w.staff, id, "decided", &[("decision", "eligible"), ("reason", "Talablarga javob beradi."), ("steps", &steps)])
        .await
        .ok();
    let c = case_json(&w.migrant, id).await;
    let items: Vec<i64> = c["checklist"].as_array().unwrap().iter().map(|i| i["id"].as_i64().unwrap()).collect();
    assert_eq!(items.len(), 2);
    let tick = |actor: &Actor, item: i64, done: &str| {
        let actor = actor.clone();
        let form = [("item_id", item.to_string()), ("done", done.to_string())];
        async move { actor.call::<TickChecklist>(&form).await }
    };
    let done = || async {
        let c = case_json(&w.migrant, id).await;
        c["checklist"].as_array().unwrap().iter().map(|i| i["done"].as_bool().unwrap()).collect::<Vec<bool>>()
    };

    let r = tick(&w.migrant, items[0], "true").await.ok();
    assert_eq!(r.header("location"), Some(&*format!("/cases/{id}#steps")));
    assert_eq!(done().await, [true, false]);
    assert!(w
        .text(&format!("SELECT CAST(done_at AS TEXT) FROM case_checklist WHERE id = {}", items[0]))
        .await
        .is_some());
    tick(&w.migrant, items[0], "false").await.ok();
    assert_eq!(done().await, [false, false]);
    // As a plain form, too.
    let r = w
        .migrant
        .form_post::<TickChecklist>(
            &[("item_id", items[1].to_string()), ("done", "true".into())],
            &format!("/cases/{id}"),
        )
        .await;
    assert_eq!((r.status, r.header("location")), (StatusCode::FOUND, Some(&*format!("/cases/{id}#steps"))));
    assert_eq!(done().await, [false, true]);

    // Nobody else ticks it; nothing changes.
    tick(&other, items[0], "true").await.assert_err("NotFound");
    tick(&w.staff, items[0], "true").await.assert_err("Forbidden");
    tick(&admin, items[0], "true").await.assert_err("Forbidden");
    tick(&w.employer, items[0], "true").await.assert_err("Forbidden");
    tick(&w.app.anonymous(), items[0], "true").await.assert_err("NotSignedIn");
    tick(&w.migrant, items[0], "maybe").await.assert_err("InvalidInput");
    tick(&w.migrant, 999_999, "true").await.assert_err("NotFound");
    assert_eq!(done().await, [false, true]);
}

// ---------------------------------------------------------------------------
// Assignment

#[tokio::test]
async fn staff_take_a_case_and_give_it_to_a_colleague() {
    let w = world().await;
    let colleague = w.account(Role::Staff, "Jasur Toshmatov", "jasur@kopru.example").await;
    let id = opened(&w.migrant, &help("housing", "Turar joy yoʻq.")).await;
    let holder = || async { w.count(&format!("SELECT COALESCE(assigned_to, 0) FROM cases WHERE id = {id}")).await };

    // Refusals first: nothing assigned, nothing recorded.
    assign(&w.migrant, id, "").await.assert_err("Forbidden");
    assign(&w.employer, id, "").await.assert_err("Forbidden");
    assign(&w.app.anonymous(), id, "").await.assert_err("NotSignedIn");
    assign(&w.staff, id, &w.migrant.id().to_string()).await.assert_fields(&[("assign_to", "InvalidInput")]);
    assign(&w.staff, id, &w.employer.id().to_string()).await.assert_fields(&[("assign_to", "InvalidInput")]);
    assign(&w.staff, id, "bir").await.assert_fields(&[("assign_to", "InvalidInput")]);
    assign(&w.staff, id, "999999").await.assert_fields(&[("assign_to", "InvalidInput")]);
    assign(&w.staff, 999_999, "").await.assert_err("NotFound");
    assert_eq!(holder().await, 0);

    // Staff take it (the form's empty choice), then give it to a colleague.
    let r = assign(&w.staff, id, "").await.ok();
    assert_eq!(r.header("location"), Some(&*format!("/cases/{id}")));
    assert_eq!(holder().await, w.staff.id());
    let c = case_json(&w.staff, id).await;
    let assignable: Vec<i64> = c["assignable"].as_array().unwrap().iter().map(|p| p[0].as_i64().unwrap()).collect();
    assert!(assignable.contains(&colleague.id()) && !assignable.contains(&w.migrant.id()), "{assignable:?}");
    assign(&w.staff, id, &colleague.id().to_string()).await.ok();
    assert_eq!(holder().await, colleague.id());
    assign(&w.staff, id, &w.migrant.id().to_string()).await.assert_fields(&[("assign_to", "InvalidInput")]);
    assert_eq!(holder().await, colleague.id(), "the refusal changed nothing");
    // Giving it to its holder again records nothing new.
    assign(&colleague, id, "").await.ok();

    let c = case_json(&w.migrant, id).await;
    assert_eq!((c["holder"].as_str(), c["assigned_to"].as_i64()), (Some("Jasur Toshmatov"), Some(colleague.id())));
    let assigned: Vec<(Value, Value, Value)> = c["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "assigned")
        .map(|e| (e["actor_name"].clone(), e["detail"].clone(), e["actor_role"].clone()))
        .collect();
    assert_eq!(
        assigned,
        vec![
            (json!("Dilnoza Rahimova"), json!("Dilnoza Rahimova"), json!("staff")),
            (json!("Dilnoza Rahimova"), json!("Jasur Toshmatov"), json!("staff")),
        ]
    );
    assert_eq!(c["stage"], "submitted", "assignment is not a move");
    // The queues follow: the colleague's "mine", not the first one's.
    let mine = |actor: &Actor| {
        let actor = actor.clone();
        async move { queue(&actor, "help", "mine").await.ok().json() }
    };
    assert_eq!(mine(&colleague).await["lines"][0]["id"].as_i64(), Some(id));
    assert_eq!(mine(&colleague).await["mine"], 1);
    assert!(mine(&w.staff).await["lines"].as_array().unwrap().is_empty());
    assert_eq!(mine(&w.staff).await["open"], 1);
    assert!(queue(&w.staff, "help", "unassigned").await.ok().json()["lines"].as_array().unwrap().is_empty());
    queue(&w.migrant, "help", "").await.assert_err("Forbidden");
    queue(&w.employer, "help", "").await.assert_err("Forbidden");
}

// ---------------------------------------------------------------------------
// The confidential complaint (F6.5)

/// What an answer to an employer must never hold about the complaint.
struct Secret {
    case_url: String,
    words: Vec<&'static str>,
}

impl Secret {
    #[track_caller]
    fn absent(&self, what: &str, r: &Reply) {
        // The page of the case itself names its own path (the language switch's `next`): not a leak.
        if what != self.case_url {
            assert!(!r.body.contains(&self.case_url), "{what} ({}): the case's URL in {}", r.status, r.body);
        }
        for word in &self.words {
            assert!(!r.body.contains(word), "{what} ({}): {word:?} in {}", r.status, r.body);
        }
    }
}

/// Every server function and page an employer can reach, called by
/// `employer`: each answer holds nothing of the complaint; the case's own
/// functions refuse.
#[allow(clippy::too_many_arguments)]
async fn employer_learns_nothing(
    w: &World,
    employer: &Actor,
    secret: &Secret,
    case: i64,
    document: i64,
    application: i64,
    vacancy: i64,
    item: i64,
) {
    let id = case.to_string();
    let mut answers: Vec<(String, Reply)> = vec![];
    let mut push = |what: &str, r: Reply| answers.push((what.to_string(), r));
    // What the employer reads: granted, about its own things.
    push("current_user", employer.call::<GetCurrentUser>(NO_ARGS).await.ok());
    push("my_company", employer.call::<MyCompany>(NO_ARGS).await.ok());
    push("my_vacancies", employer.call::<MyVacancies>(NO_ARGS).await.ok());
    push("employer_desk", employer.call::<EmployerDesk>(NO_ARGS).await.ok());
    push("list_applications", employer.call::<ListApplications>(NO_ARGS).await.ok());
    push("my_projects", employer.call::<MyProjects>(NO_ARGS).await.ok());
    push("my_notifications", employer.call::<MyNotifications>(NO_ARGS).await.ok());
    push("unread_count", employer.call::<UnreadCount>(NO_ARGS).await.ok());
    push("my_data", employer.get::<DownloadMyData>(NO_ARGS).await.ok());
    push("telegram_link", employer.call::<TelegramLink>(NO_ARGS).await.ok());
    push("emergency_contacts", employer.call::<EmergencyContacts>(NO_ARGS).await.ok());
    push("get_vacancy", employer.get::<GetVacancy>(&[("id", vacancy.to_string())]).await.ok());
    let search = [
        ("query[q]", ""),
        ("query[sort]", "newest"),
        ("query[page]", "1"),
        ("query[housing]", "false"),
        ("query[no_certificate]", "false"),
    ];
    push("search_vacancies", employer.get::<SearchVacancies>(&search).await.ok());
    // The application the worker made to this employer: the employer may read it, and nothing of the complaint is in it.
    let r = employer.get::<GetApplication>(&[("id", application.to_string())]).await.ok();
    assert_eq!(r.json()["candidate_phone"], PHONE, "the employer reads its candidate");
    push("get_application", r);
    // The case's functions: refused, the row unseen.
    let r = employer.get::<GetCase>(&[("id", &id)]).await;
    r.assert_err("NotFound");
    push("get_case", r);
    for kind in ["complaint", "help", "feereport", "regularisation"] {
        let r = queue(employer, kind, "").await;
        r.assert_err("Forbidden");
        push("case_queue", r);
    }
    let r = employer.get::<MyCases>(NO_ARGS).await;
    r.assert_err("Forbidden");
    push("my_cases", r);
    let r = employer.get::<CaseFormOptions>(NO_ARGS).await;
    r.assert_err("Forbidden");
    push("case_form_options", r);
    let r = mv(employer, case, "underreview", &[]).await;
    r.assert_err("NotFound");
    push("move_case", r);
    let r = mv(employer, case, "withdrawn", &[]).await;
    r.assert_err("NotFound");
    push("move_case (withdrawn)", r);
    let r = say(employer, case, "Bu iddialar doğru değil.").await;
    r.assert_err("NotFound");
    push("post_case_message", r);
    let r = employer.call::<TickChecklist>(&[("item_id", item.to_string()), ("done", "true".into())]).await;
    r.assert_err("Forbidden");
    push("tick_checklist", r);
    let r = assign(employer, case, "").await;
    r.assert_err("Forbidden");
    push("assign_case", r);
    let r = employer.call::<AddCaseNote>(&[("case_id", id.clone()), ("note", "Not".into())]).await;
    r.assert_err("Forbidden");
    push("add_case_note", r);
    let r = employer.call::<SuspendCompanyFromCase>(&[("case_id", id.clone()), ("reason", "x".into())]).await;
    r.assert_err("Forbidden");
    push("suspend_company_from_case", r);
    let r = employer.call::<MoveWorker>(&[("case_id", id.clone()), ("vacancy_id", vacancy.to_string())]).await;
    r.assert_err("Forbidden");
    push("move_worker", r);
    let r = open(employer, &help("other", "x")).await;
    r.assert_err("Forbidden");
    push("open_case", r);
    let r = employer.call::<StaffConsole>(NO_ARGS).await;
    r.assert_err("Forbidden");
    push("staff_console", r);
    let r = fetch_document(employer, document).await;
    r.assert_err("NotFound");
    push("document", r);
    // Pages, in both languages.
    let mut paths: Vec<String> = [
        "/",
        "/account",
        "/employer/company",
        "/employer/vacancies",
        "/employer/vacancies/new",
        "/applications",
        "/notifications",
        "/vacancies",
        "/cases",
        "/cases/new?kind=complaint",
        "/staff",
        "/staff/cases",
        "/staff/cases?kind=complaint",
    ]
    .map(String::from)
    .to_vec();
    paths.extend([
        format!("/applications/{application}"),
        format!("/vacancies/{vacancy}"),
        format!("/vacancies/{vacancy}/report-fee"),
        format!("/cases/{case}"),
    ]);
    for reader in [employer.clone(), employer.in_turkish()] {
        for path in &paths {
            let r = reader.page(path).await;
            assert!(r.status != StatusCode::INTERNAL_SERVER_ERROR, "{path}: {}", r.body);
            push(path, r);
        }
    }
    for path in ["/account", "/employer/company", "/employer/vacancies", "/applications", "/notifications"] {
        let (_, r) = answers.iter().find(|(p, _)| p == path).unwrap();
        assert_eq!(r.status, StatusCode::OK, "{path}: the employer's own page");
    }
    for (what, r) in &answers {
        secret.absent(what, r);
    }
    let _ = w;
}

#[tokio::test]
async fn a_confidential_complaint_never_reaches_the_employer() {
    let w = world().await;
    let rival = w.employer("ik@rakip.example").await;
    w.verified_company(&rival).await;
    let vid = w.published_vacancy(&w.employer, &VacancySpec::new("Duvar ustası")).await;
    let second = w.published_vacancy(&w.employer, &VacancySpec::new("Kalıpçı")).await;
    let elsewhere = w.published_vacancy(&rival, &VacancySpec::new("Sıvacı").province("6")).await;
    let aid = w.application(&w.migrant, vid).await;
    w.forward(aid).await;

    // The company is among the worker's employers, so the complaint may name it.
    let options = w.migrant.get::<CaseFormOptions>(NO_ARGS).await.ok().json();
    let company_name = format!("Firma {} İnşaat A.Ş.", w.employer.id());
    assert_eq!(options["my_employers"], json!([[w.company, company_name]]));
    const SUMMARY: &str = "MAXFIY-8842 Usta pasportimni olib qoʻydi va uradi deb qoʻrqitdi.";
    let fields = complaint("abuse", w.company, SUMMARY);
    let r = w.migrant.post_multipart(OPEN, &pairs(&fields), &[("file", "dalil.pdf", PDF)]).await.ok();
    let cid = opened_id(&r);
    say(&w.migrant, cid, "MAXFIY-8842 yana bir tafsilot").await.ok();
    w.staff.call::<AddCaseNote>(&[("case_id", cid.to_string()), ("note", "MAXFIY-8842 ichki".to_string())]).await.ok();
    let c = case_json(&w.migrant, cid).await;
    assert_eq!((c["company_id"].as_i64(), c["category"].as_str()), (Some(w.company), Some("abuse")));
    let document = c["documents"][0]["id"].as_i64().unwrap();
    // A regularisation with a checklist item, for tick_checklist's refusal.
    let reg = opened(&w.migrant, &regularisation("Ruxsatnoma")).await;
    mv(&w.staff, reg, "underreview", &[]).await.ok();
    mv(&w.staff, reg, "decided", &[("decision", "eligible"), ("reason", "Ha"), ("steps", "Qadam")]).await.ok();
    let item = case_json(&w.migrant, reg).await["checklist"][0]["id"].as_i64().unwrap();

    let secret = Secret {
        case_url: format!("/cases/{cid}"),
        words: vec![
            "MAXFIY-8842",
            "\"abuse\"",
            "Haqorat, zoʻravonlik yoki tahdid",
            "Kötü muamele, şiddet veya tehdit",
            "dalil.pdf",
        ],
    };
    // The secret is real: staff read every word of it, on the page too.
    let staff_reads = [
        get_case(&w.staff, cid).await.ok(),
        w.staff.page(&format!("/cases/{cid}")).await,
        w.staff.in_turkish().page(&format!("/cases/{cid}")).await,
    ];
    for word in &secret.words {
        assert!(staff_reads.iter().any(|r| r.body.contains(word)), "{word:?} is what staff read");
    }
    employer_learns_nothing(&w, &w.employer, &secret, cid, document, aid, vid, item).await;
    assert_eq!(
        w.employer.unread().await,
        w.count(&format!("SELECT COUNT(*) FROM notifications WHERE user_id = {} AND read_at IS NULL", w.employer.id()))
            .await
    );
    assert_eq!(
        w.count(&format!(
            "SELECT COUNT(*) FROM notifications WHERE user_id = {} AND case_id IS NOT NULL",
            w.employer.id()
        ))
        .await,
        0
    );
    assert_eq!(
        w.count(&format!("SELECT COUNT(*) FROM outbox WHERE user_id = {} AND body LIKE '%MAXFIY%'", w.employer.id()))
            .await,
        0
    );

    // Moving the worker to the same company is refused; to an unknown vacancy too.
    let move_to = |vacancy: i64| [("case_id", cid.to_string()), ("vacancy_id", vacancy.to_string())];
    w.staff.call::<MoveWorker>(&move_to(second)).await.assert_fields(&[("vacancy_id", "InvalidInput")]);
    w.staff.call::<MoveWorker>(&move_to(999_999)).await.assert_fields(&[("vacancy_id", "NotFound")]);
    w.migrant.call::<MoveWorker>(&move_to(elsewhere)).await.assert_err("Forbidden");

    // Staff suspend the company from the complaint, with a reason; once only.
    let suspend = |reason: &str| [("case_id", cid.to_string()), ("reason", reason.to_string())];
    w.migrant.call::<SuspendCompanyFromCase>(&suspend("x")).await.assert_err("Forbidden");
    w.staff.call::<SuspendCompanyFromCase>(&suspend(" ")).await.assert_fields(&[("suspend_reason", "ReasonRequired")]);
    let status = || async { w.text(&format!("SELECT status FROM companies WHERE id = {}", w.company)).await.unwrap() };
    assert_eq!(status().await, "verified");
    w.staff.call::<SuspendCompanyFromCase>(&suspend("Ishchilarning pasportlarini olib qoʻyish")).await.ok();
    assert_eq!(status().await, "suspended");
    w.staff.call::<SuspendCompanyFromCase>(&suspend("Yana")).await.assert_err("InvalidInput");

    // Staff move the worker to another company's open vacancy: an application on their behalf.
    let before = w.count("SELECT COUNT(*) FROM applications").await;
    let r = w.staff.call::<MoveWorker>(&move_to(elsewhere)).await.ok();
    assert_eq!(r.header("location"), Some(&*format!("/cases/{cid}")));
    assert_eq!(w.count("SELECT COUNT(*) FROM applications").await, before + 1);
    let moved = w
        .count(&format!(
            "SELECT id FROM applications WHERE vacancy_id = {elsewhere} AND migrant_user_id = {}",
            w.migrant.id()
        ))
        .await;
    assert_eq!(
        w.count(&format!(
            "SELECT COUNT(*) FROM application_events WHERE application_id = {moved} AND actor_user_id = {} \
             AND actor_role = 'staff' AND to_stage = 'submitted' AND from_stage IS NULL AND reason IS NULL",
            w.staff.id()
        ))
        .await,
        1
    );
    let c = case_json(&w.migrant, cid).await;
    assert_eq!(c["application_id"].as_i64(), Some(moved));
    let kinds: Vec<(Value, Value)> =
        c["history"].as_array().unwrap().iter().map(|e| (e["kind"].clone(), e["detail"].clone())).collect();
    assert!(kinds.contains(&(json!("companysuspended"), Value::Null)), "{kinds:?}");
    assert!(kinds.contains(&(json!("workermoved"), json!(moved.to_string()))), "{kinds:?}");
    assert_eq!(c["company_status"], "suspended");
    assert_eq!(c["stage"], "submitted", "neither is a move of the case");
    w.staff.call::<MoveWorker>(&move_to(elsewhere)).await.assert_err("AlreadyApplied");
    // The worker hears of it and sees the application as theirs.
    assert_eq!(w.count(&notes_of(&w.migrant, cid, "casemoved")).await, 1);
    assert_eq!(
        w.migrant.get::<GetApplication>(&[("id", moved.to_string())]).await.ok().json()["vacancy_id"].as_i64(),
        Some(elsewhere)
    );

    // The suspended employer still learns nothing.
    employer_learns_nothing(&w, &w.employer, &secret, cid, document, aid, vid, item).await;

    // The new employer, once staff forward the application, reads it without a word about the complaint.
    w.forward(moved).await;
    let theirs = rival.get::<GetApplication>(&[("id", moved.to_string())]).await.ok();
    assert_eq!(theirs.json()["candidate_phone"], PHONE);
    // Nothing of the complaint, of its reason, of the employer it was about.
    let mut words = secret.words.clone();
    words.extend(["Ishchilarning pasportlarini", "MAXFIY"]);
    let rival_secret = Secret { case_url: secret.case_url.clone(), words };
    rival_secret.absent("get_application (new employer)", &theirs);
    for word in ["complaint", "shikoyat", "şikâyet", "case_id", company_name.as_str()] {
        assert!(!theirs.body.contains(word), "{word:?} in {}", theirs.body);
    }
    let history = theirs.json()["history"].clone();
    let roles: Vec<&str> = history.as_array().unwrap().iter().map(|e| e["actor_role"].as_str().unwrap()).collect();
    assert_eq!(roles, ["staff", "staff", "staff"], "applied on the worker's behalf, screened, forwarded");
    assert!(history.as_array().unwrap().iter().all(|e| e["reason"].is_null()), "{history}");
    for path in [format!("/applications/{moved}"), "/applications".into(), "/notifications".into()] {
        let page = rival.page(&path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        rival_secret.absent(&path, &page);
    }
    rival_secret.absent("list_applications", &rival.call::<ListApplications>(NO_ARGS).await.ok());
    rival_secret.absent("my_notifications", &rival.call::<MyNotifications>(NO_ARGS).await.ok());
    get_case(&rival, cid).await.assert_err("NotFound");
}

// ---------------------------------------------------------------------------
// The illegal fee (F6.1)

#[tokio::test]
async fn an_illegal_fee_report_suspends_the_company_and_its_vacancies() {
    let w = world().await;
    let vid = w.published_vacancy(&w.employer, &VacancySpec::new("Duvar ustası")).await;
    let sister = w.published_vacancy(&w.employer, &VacancySpec::new("Kalıpçı")).await;
    let rival = w.employer("ik@rakip.example").await;
    w.verified_company(&rival).await;
    let untouched = w.published_vacancy(&rival, &VacancySpec::new("Sıvacı")).await;
    const SUMMARY: &str = "TOLOV-5120 Vositachi ishga olish uchun 7500 lira soʻradi.";
    let id = opened(&w.migrant, &fee_report(vid, "7.500", SUMMARY)).await;
    let c = case_json(&w.migrant, id).await;
    assert_eq!(
        (c["vacancy_id"].as_i64(), c["company_id"].as_i64(), c["fee_kurus"].as_i64()),
        (Some(vid), Some(w.company), Some(750_000))
    );
    assert_eq!(c["occupation_id"], 1, "the job it was about");
    let staff_view = case_json(&w.staff, id).await;
    assert_eq!(staff_view["company_status"], "verified");
    let mut all = vec![vid, sister, untouched];
    all.sort();
    assert_eq!(w.search("").await, all);

    // A help request has no company to suspend.
    let h = opened(&w.migrant, &help("other", "Savol")).await;
    w.staff
        .call::<SuspendCompanyFromCase>(&[("case_id", h.to_string()), ("reason", "x".into())])
        .await
        .assert_err("InvalidInput");
    w.employer
        .call::<SuspendCompanyFromCase>(&[("case_id", id.to_string()), ("reason", "x".into())])
        .await
        .assert_err("Forbidden");
    assert_eq!(w.search("").await, all, "refusals suspended nothing");

    // Staff suspend the company from the report.
    let r = w
        .staff
        .call::<SuspendCompanyFromCase>(&[
            ("case_id", id.to_string()),
            ("reason", "Noqonuniy toʻlov talab qilingan".into()),
        ])
        .await
        .ok();
    assert_eq!(r.header("location"), Some(&*format!("/cases/{id}")));
    assert_eq!(
        w.text(&format!("SELECT status FROM companies WHERE id = {}", w.company)).await.as_deref(),
        Some("suspended")
    );
    let c = case_json(&w.staff, id).await;
    let suspended: Vec<&Value> =
        c["history"].as_array().unwrap().iter().filter(|e| e["kind"] == "companysuspended").collect();
    assert_eq!(suspended.len(), 1);
    assert_eq!(
        (suspended[0]["reason"].as_str(), suspended[0]["actor_role"].as_str()),
        (Some("Noqonuniy toʻlov talab qilingan"), Some("staff"))
    );
    assert_eq!(c["company_status"], "suspended");

    // Its vacancies leave the search; applying to them fails; others stay.
    assert_eq!(w.search("").await, vec![untouched]);
    let late = w.migrant("+998935551133").await;
    late.call::<SaveProfile>(&profile_form("")).await.ok();
    let applications = w.count("SELECT COUNT(*) FROM applications").await;
    late.call::<Apply>(&[("vacancy_id", vid.to_string())]).await.assert_err("NotFound");
    late.call::<Apply>(&[("vacancy_id", sister.to_string())]).await.assert_err("NotFound");
    assert_eq!(w.count("SELECT COUNT(*) FROM applications").await, applications);
    late.call::<Apply>(&[("vacancy_id", untouched.to_string())]).await.ok();

    // The public page says the company is suspended, in the reader's language, and never why or which case.
    assert_eq!(
        w.app.anonymous().get::<GetVacancy>(&[("id", vid.to_string())]).await.ok().json()["company_suspended"],
        true
    );
    let page = w.app.anonymous().page(&format!("/vacancies/{vid}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Migratsiya agentligi bu ish beruvchining portaldagi faoliyatini toʻxtatgan: uning vakansiyalariga ariza qabul qilinmaydi."),
        "vacancies.company_suspended in Uzbek: {}",
        page.body
    );
    let tr = w.app.page_with_cookie(&format!("/vacancies/{vid}"), "i18n_pref_locale=tr").await;
    assert!(tr.body.contains("Göç Ajansı bu işverenin portaldaki faaliyetini askıya aldı"), "and in Turkish");
    for p in [&page, &tr] {
        assert!(
            !p.body.contains("TOLOV-5120")
                && !p.body.contains("Noqonuniy toʻlov talab")
                && !p.body.contains(&format!("/cases/{id}"))
        );
    }
    let other_page = w.app.anonymous().page(&format!("/vacancies/{untouched}")).await;
    assert!(!other_page.body.contains("faoliyatini toʻxtatgan"), "a rival's vacancy is not suspended");
    // The employer is not told which case, nor who reported.
    for r in [
        w.employer.call::<MyNotifications>(NO_ARGS).await.ok(),
        w.employer.call::<EmployerDesk>(NO_ARGS).await.ok(),
        w.employer.page("/employer/company").await,
    ] {
        assert!(
            !r.body.contains("TOLOV-5120")
                && !r.body.contains("Noqonuniy toʻlov talab")
                && !r.body.contains(&format!("/cases/{id}")),
            "{}",
            r.body
        );
    }
    get_case(&w.employer, id).await.assert_err("NotFound");
}

// ---------------------------------------------------------------------------
// How long stages usually take (F6.4)

#[tokio::test]
async fn a_stage_shows_its_usual_time_once_five_cases_left_it() {
    let w = world().await;
    let base = chrono::Utc::now() - chrono::Duration::days(1);
    // Five help cases that sat in "submitted" 1, 2, 3, 4 and 100 hours.
    let hours = [1i64, 2, 3, 4, 100];
    let mut ids = vec![];
    for i in 0..hours.len() {
        ids.push(opened(&w.migrant, &help("other", &format!("Savol {i}"))).await);
    }
    let waiting = opened(&w.migrant, &help("other", "Hali kutyapman")).await;
    let reg = opened(&w.migrant, &regularisation("Boshqa tur")).await;
    let leave = |id: i64, hours: i64| {
        let w = &w;
        async move {
            mv(&w.staff, id, "underreview", &[]).await.ok();
            let opened = set_at(
                w,
                "case_events",
                &format!("case_id = {id} AND kind = 'opened'"),
                base - chrono::Duration::hours(hours),
            )
            .await;
            let moved = set_at(w, "case_events", &format!("case_id = {id} AND kind = 'moved'"), base).await;
            assert_eq!((opened, moved), (1, 1));
        }
    };
    for (id, h) in ids.iter().zip(hours).take(4) {
        leave(*id, h).await;
    }
    // Four stays are not "usually".
    assert_eq!(usual(&case_json(&w.migrant, waiting).await, "submitted"), Value::Null);
    leave(ids[4], hours[4]).await;
    let c = case_json(&w.migrant, waiting).await;
    assert_eq!(usual(&c, "submitted"), json!(3 * 3600), "the median of 1, 2, 3, 4 and 100 hours");
    assert_eq!(usual(&c, "underreview"), Value::Null, "nobody left it yet");
    assert_eq!(usual(&case_json(&w.staff, ids[0]).await, "submitted"), json!(3 * 3600), "staff read the same");
    // Per kind: a regularisation has no figure from help cases.
    assert_eq!(usual(&case_json(&w.migrant, reg).await, "submitted"), Value::Null);
    // The page says it in words.
    let page = w.migrant.page(&format!("/cases/{waiting}")).await;
    assert!(page.body.contains("odatda ~3 soat davom etadi"), "{}", page.body);
    // Moves older than 90 days do not count: one case less, no figure.
    let old = base - chrono::Duration::days(95);
    set_at(&w, "case_events", &format!("case_id = {}", ids[2]), old).await;
    assert_eq!(usual(&case_json(&w.migrant, waiting).await, "submitted"), Value::Null);
}

#[tokio::test]
async fn an_application_stage_shows_its_usual_time_once_five_applications_left_it() {
    let w = world().await;
    let vid = w.published_vacancy(&w.employer, &VacancySpec::new("Duvar ustası").positions("10")).await;
    let base = chrono::Utc::now() - chrono::Duration::days(2);
    let hours = [5i64, 6, 7, 8, 9];
    let mut apps = vec![];
    for i in 0..6 {
        let m = w.migrant(&format!("+99893555100{i}")).await;
        apps.push(w.application(&m, vid).await);
    }
    let usual_of =
        |r: Value| r["usual_secs"].as_array().unwrap().iter().find(|p| p[0] == "submitted").map(|p| p[1].clone());
    let leave = |aid: i64, hours: i64| {
        let w = &w;
        async move {
            w.move_app(&w.staff, aid, "screening").await.ok();
            let sub = set_at(
                w,
                "application_events",
                &format!("application_id = {aid} AND to_stage = 'submitted'"),
                base - chrono::Duration::hours(hours),
            )
            .await;
            let scr =
                set_at(w, "application_events", &format!("application_id = {aid} AND to_stage = 'screening'"), base)
                    .await;
            assert_eq!((sub, scr), (1, 1));
        }
    };
    for (aid, h) in apps.iter().zip(hours).take(4) {
        leave(*aid, h).await;
    }
    let read = |aid: i64| {
        let w = &w;
        async move { w.staff.get::<GetApplication>(&[("id", aid.to_string())]).await.ok().json() }
    };
    assert_eq!(usual_of(read(apps[5]).await), None, "four are not enough");
    leave(apps[4], hours[4]).await;
    assert_eq!(usual_of(read(apps[5]).await), Some(json!(7 * 3600)), "the median of 5 … 9 hours");
    assert_eq!(usual_of(read(apps[0]).await), Some(json!(7 * 3600)));
    let r = read(apps[5]).await;
    assert!(r["usual_secs"].as_array().unwrap().iter().all(|p| p[0] != "screening"), "nobody left screening: {r}");
}
