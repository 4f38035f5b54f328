//! HTTP-level tests of F2: companies, vacancies, search, applications,
//! history and notifications, with the authorisation of every function.
//! They run on SQLite, and on PostgreSQL with `TEST_DATABASE_URL`.

mod common;

use app::accounts::Role;
use common::*;
use http::StatusCode;

const VKN: &str = "4540536920";
const VKN2: &str = "3810421550";
const MERSIS: &str = "0454053692000017";
const MASON: &str = "1"; // occupation 7112.01 (sector 1, construction)

fn ymd(days_from_today: i64) -> String {
    (chrono::Utc::now().date_naive() + chrono::Duration::days(days_from_today)).to_string()
}

struct World {
    app: TestApp,
    employer: String,
    staff: String,
    migrant: String,
}

async fn register_company(app: &TestApp, cookie: &str, vkn: &str, name: &str) -> StatusCode {
    app.call(
        "register_company",
        &[
            ("legal_name", name),
            ("vkn", vkn),
            ("mersis", MERSIS),
            ("sector_id", "1"),
            ("province_id", "34"),
            ("address", "Esenyurt, İstanbul"),
            ("contact_person", "Mehmet Yılmaz"),
            ("contact_phone", "+90 212 555 00 00"),
        ],
        Some(cookie),
    )
    .await
    .status
}

async fn company_id(app: &TestApp, cookie: &str) -> i64 {
    let r = app.call("my_company", &[], Some(cookie)).await;
    r.json()["id"].as_i64().expect("company")
}

fn vacancy_form<'a>(province: &'a str, wage: &'a str, positions: &'a str, closing: &'a str, start: &'a str, text: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("sector_id", "1"),
        ("occupation_id", MASON),
        ("positions", positions),
        ("province_id", province),
        ("district", "Merkez"),
        ("wage", wage),
        ("hours_per_week", "45"),
        ("housing", "1"),
        ("contract_months", "12"),
        ("turkish_level", "none"),
        ("start_date", start),
        ("closing_date", closing),
        ("text_tr", text),
    ]
}

/// An employer with a verified company, a staff member and a migrant.
async fn world() -> World {
    let app = TestApp::new().await;
    let employer = app.user(Role::Employer, "ik@anadolu-insaat.example").await;
    let staff = app.user(Role::Staff, "staff@kopru.example").await;
    let migrant = app.user(Role::Migrant, "+998901234567").await;
    assert_eq!(register_company(&app, &employer, VKN, "Anadolu İnşaat A.Ş.").await, StatusCode::OK);
    let id = company_id(&app, &employer).await.to_string();
    let r = app.call("decide_company", &[("company_id", &id), ("decision", "verify")], Some(&staff)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    World { app, employer, staff, migrant }
}

async fn post_vacancy(w: &World, province: &str, text: &str) -> i64 {
    let (c, s) = (ymd(30), ymd(60));
    let form = vacancy_form(province, "35000", "3", &c, &s, text);
    let r = w.app.call("save_vacancy", &form, Some(&w.employer)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    w.app.count("SELECT MAX(id) FROM vacancies").await
}

async fn publish(w: &World, id: i64) {
    let id = id.to_string();
    let r = w.app.call("review_vacancy", &[("vacancy_id", &id), ("decision", "publish")], Some(&w.staff)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

async fn search(app: &TestApp, q: &str) -> Vec<i64> {
    let path = format!("/api/search_vacancies?query[q]={}&query[sort]=newest&query[page]=1&query[housing]=false&query[no_certificate]=false", urlenc(q));
    let req = http::Request::get(path).header("host", HOST).header("accept", "application/json").body(axum::body::Body::empty()).unwrap();
    let r = app.send(req).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let mut ids: Vec<i64> = r.json()["items"].as_array().unwrap().iter().map(|v| v["id"].as_i64().unwrap()).collect();
    ids.sort();
    ids
}

fn urlenc(s: &str) -> String {
    s.bytes().map(|b| match b {
        b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
        _ => format!("%{b:02X}"),
    }).collect()
}

#[tokio::test]
async fn company_verification_and_its_refusals() {
    let app = TestApp::new().await;
    let employer = app.user(Role::Employer, "ik@firma.com.tr").await;
    let migrant = app.user(Role::Migrant, "+998901112233").await;
    let staff = app.user(Role::Staff, "staff@kopru.example").await;
    // A wrong check digit, a short MERSIS: clear refusals, nothing stored.
    assert_eq!(register_company(&app, &employer, "4540536921", "Firma").await, StatusCode::BAD_REQUEST);
    assert_eq!(app.call("register_company", &[("legal_name", "F"), ("vkn", VKN), ("mersis", "123"), ("sector_id", "1"), ("province_id", "34"), ("address", "x"), ("contact_person", "A"), ("contact_phone", "+902125550000")], Some(&employer)).await.json(), serde_json::json!("InvalidMersis"));
    assert_eq!(app.count("SELECT COUNT(*) FROM companies").await, 0);
    // Only employers register companies.
    assert_eq!(register_company(&app, &migrant, VKN, "Firma").await, StatusCode::FORBIDDEN);
    assert_eq!(register_company(&app, &staff, VKN, "Firma").await, StatusCode::FORBIDDEN);
    assert_eq!(app.call("register_company", &[], None).await.status, StatusCode::BAD_REQUEST);
    assert_eq!(register_company(&app, &employer, VKN, "Ege Tekstil Ltd.").await, StatusCode::OK);

    // Before verification the employer cannot submit vacancies.
    let (c, s) = (ymd(30), ymd(60));
    let r = app.call("save_vacancy", &vacancy_form("34", "35000", "2", &c, &s, "Usta"), Some(&employer)).await;
    assert_eq!(r.json(), serde_json::json!("CompanyNotVerified"));

    // The queue: staff only.
    assert_eq!(app.call("pending_companies", &[], Some(&employer)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.call("pending_companies", &[], None).await.status, StatusCode::UNAUTHORIZED);
    let q = app.call("pending_companies", &[], Some(&staff)).await;
    assert_eq!(q.json().as_array().unwrap().len(), 1);
    let id = company_id(&app, &employer).await.to_string();
    // Rejecting needs a reason; the employer may not decide.
    let r = app.call("decide_company", &[("company_id", &id), ("decision", "reject")], Some(&staff)).await;
    assert_eq!(r.json(), serde_json::json!("ReasonRequired"));
    let r = app.call("decide_company", &[("company_id", &id), ("decision", "verify")], Some(&employer)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app.call("decide_company", &[("company_id", &id), ("decision", "reject"), ("reason", "MERSIS kaydı bulunamadı")], Some(&staff)).await;
    assert_eq!(r.status, StatusCode::OK);
    let mine = app.call("my_company", &[], Some(&employer)).await.json();
    assert_eq!(mine["status"], "rejected");
    assert_eq!(mine["decision_reason"], "MERSIS kaydı bulunamadı");
    // Corrected and resubmitted, then verified.
    assert_eq!(register_company(&app, &employer, VKN2, "Ege Tekstil Ltd. Şti.").await, StatusCode::OK);
    assert_eq!(app.call("my_company", &[], Some(&employer)).await.json()["status"], "pending");
    let r = app.call("decide_company", &[("company_id", &id), ("decision", "verify")], Some(&staff)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(app.call("my_company", &[], Some(&employer)).await.json()["status"], "verified");
}

#[tokio::test]
async fn vacancy_rules_are_enforced_on_the_server() {
    let w = world().await;
    let (c, s) = (ymd(30), ymd(60));
    let past = ymd(-1);
    for (form, want) in [
        (vacancy_form("34", "33029,99", "2", &c, &s, "Usta"), "WageBelowMinimum"),
        (vacancy_form("34", "35000", "0", &c, &s, "Usta"), "InvalidPositions"),
        (vacancy_form("34", "35000", "2", &past, &s, "Usta"), "ClosingDateInPast"),
        (vacancy_form("34", "35000", "2", &c, &s, "   "), "TextRequired"),
        (vacancy_form("99", "35000", "2", &c, &s, "Usta"), "InvalidInput"),
    ] {
        let r = w.app.call("save_vacancy", &form, Some(&w.employer)).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{want}: {}", r.body);
        assert_eq!(r.json(), serde_json::json!(want));
    }
    assert_eq!(w.app.count("SELECT COUNT(*) FROM vacancies").await, 0);
    // Exactly the 2026 minimum wage is legal.
    let r = w.app.call("save_vacancy", &vacancy_form("34", "33.030", "2", &c, &s, "Usta"), Some(&w.employer)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // Migrants and staff cannot post.
    for cookie in [&w.migrant, &w.staff] {
        let r = w.app.call("save_vacancy", &vacancy_form("34", "35000", "2", &c, &s, "Usta"), Some(cookie)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn review_and_visibility_of_vacancies() {
    let w = world().await;
    let id = post_vacancy(&w, "34", "Şantiye için deneyimli duvar ustası").await;
    let ids = id.to_string();
    // Not public before review.
    assert!(search(&w.app, "").await.is_empty());
    let other = w.app.user(Role::Employer, "ik@baska.example").await;
    for cookie in [None, Some(w.migrant.as_str()), Some(other.as_str())] {
        let r = w.app.call_get("get_vacancy", &[("id", &ids)], cookie).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{cookie:?}");
    }
    for cookie in [&w.employer, &w.staff] {
        assert_eq!(w.app.call_get("get_vacancy", &[("id", &ids)], Some(cookie)).await.status, StatusCode::OK);
    }
    // Review is staff's: the employer and migrants are refused.
    for cookie in [&w.employer, &w.migrant] {
        let r = w.app.call("review_vacancy", &[("vacancy_id", &ids), ("decision", "publish")], Some(cookie)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
    }
    // Sent back with a reason, corrected, resubmitted, published.
    let r = w.app.call("review_vacancy", &[("vacancy_id", &ids), ("decision", "return")], Some(&w.staff)).await;
    assert_eq!(r.json(), serde_json::json!("ReasonRequired"));
    let r = w.app.call("review_vacancy", &[("vacancy_id", &ids), ("decision", "return"), ("reason", "İlçe eksik")], Some(&w.staff)).await;
    assert_eq!(r.status, StatusCode::OK);
    let (c, s) = (ymd(20), ymd(40));
    let mut form = vacancy_form("34", "36000", "3", &c, &s, "Duvar ustası, Esenyurt şantiyesi");
    form.push(("vacancy_id", &ids));
    let r = w.app.call("save_vacancy", &form, Some(&other)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "another employer without a company cannot touch it");
    let r = w.app.call("save_vacancy", &form, Some(&w.employer)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    publish(&w, id).await;
    assert_eq!(search(&w.app, "").await, vec![id]);
    assert_eq!(w.app.call_get("get_vacancy", &[("id", &ids)], None).await.json()["wage_kurus"], 3_600_000);
}

#[tokio::test]
async fn search_folds_turkish_and_uzbek_text() {
    let w = world().await;
    let ist = post_vacancy(&w, "34", "İSTANBUL ANADOLU YAKASI").await;
    let urfa = post_vacancy(&w, "63", "Şanlıurfa merkez").await;
    let isparta = post_vacancy(&w, "32", "Isparta gül bahçeleri").await;
    for id in [ist, urfa, isparta] {
        publish(&w, id).await;
    }
    assert_eq!(search(&w.app, "istanbul").await, vec![ist]);
    assert_eq!(search(&w.app, "İSTANBUL").await, vec![ist]);
    assert_eq!(search(&w.app, "sanliurfa").await, vec![urfa]);
    assert_eq!(search(&w.app, "ŞANLIURFA").await, vec![urfa]);
    assert_eq!(search(&w.app, "ISPARTA").await, vec![isparta]);
    assert_eq!(search(&w.app, "isparta").await, vec![isparta]);
    // The Uzbek occupation name "Gʻisht teruvchi", typed four ways.
    let all = vec![ist, urfa, isparta];
    for q in ["gʻisht", "g'isht", "g‘isht", "g`isht", "GʼISHT"] {
        assert_eq!(search(&w.app, q).await, all, "{q}");
    }
    assert!(search(&w.app, "kaynakçı").await.is_empty());
    // The HTML search page, as a phone without JS gets it.
    let page = w.app.get("/vacancies?q=istanbul", None).await;
    assert!(page.body.contains(&format!("href=\"/vacancies/{ist}\"")));
    assert!(!page.body.contains(&format!("href=\"/vacancies/{urfa}\"")));
    let page = w.app.get("/vacancies?q=%C4%B0STANBUL", None).await;
    assert!(page.body.contains(&format!("href=\"/vacancies/{ist}\"")));
}

#[tokio::test]
async fn application_journey_with_history_notifications_and_refusals() {
    let w = world().await;
    let vid = post_vacancy(&w, "34", "Duvar ustası").await;
    publish(&w, vid).await;
    let vids = vid.to_string();
    // Only migrants apply, once.
    assert_eq!(w.app.call("apply", &[("vacancy_id", &vids)], Some(&w.employer)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(w.app.call("apply", &[("vacancy_id", &vids)], None).await.status, StatusCode::UNAUTHORIZED);
    let r = w.app.call("apply", &[("vacancy_id", &vids)], Some(&w.migrant)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = w.app.call("apply", &[("vacancy_id", &vids)], Some(&w.migrant)).await;
    assert_eq!(r.json(), serde_json::json!("AlreadyApplied"));
    let aid = w.app.count("SELECT MAX(id) FROM applications").await.to_string();

    let mv = |cookie: &str, to: &str| {
        let (aid, cookie, to) = (aid.clone(), cookie.to_string(), to.to_string());
        let app = &w.app;
        async move { app.call("move_application", &[("application_id", &aid), ("to", &to)], Some(&cookie)).await }
    };
    // The employer sees nothing before staff forward it.
    assert_eq!(w.app.call_get("get_application", &[("id", &aid)], Some(&w.employer)).await.status, StatusCode::NOT_FOUND);
    assert!(w.app.call("list_applications", &[], Some(&w.employer)).await.json().as_array().unwrap().is_empty());
    assert_eq!(mv(&w.employer, "interview").await.status, StatusCode::NOT_FOUND);
    // Skipping screening is refused; a migrant cannot screen.
    assert_eq!(mv(&w.staff, "forwarded").await.status, StatusCode::BAD_REQUEST);
    assert_eq!(mv(&w.migrant, "screening").await.status, StatusCode::FORBIDDEN);
    assert_eq!(mv(&w.staff, "screening").await.status, StatusCode::OK);
    assert_eq!(mv(&w.staff, "forwarded").await.status, StatusCode::OK);
    // Another company's employer and another migrant: refused, no data.
    let other_employer = w.app.user(Role::Employer, "ik@rakip.example").await;
    let other_migrant = w.app.user(Role::Migrant, "+905321234567").await;
    for c in [&other_employer, &other_migrant] {
        let r = w.app.call_get("get_application", &[("id", &aid)], Some(c)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert!(!r.body.contains("+998901234567"));
        assert!(w.app.call("list_applications", &[], Some(c)).await.json().as_array().unwrap().is_empty());
    }
    // The employer now sees the candidate (name and phone, nothing more).
    let seen = w.app.call_get("get_application", &[("id", &aid)], Some(&w.employer)).await.json();
    assert_eq!(seen["candidate_phone"], "+998901234567");
    assert!(seen.get("passport").is_none() && !seen.to_string().to_lowercase().contains("passport"));
    assert_eq!(mv(&w.staff, "interview").await.status, StatusCode::FORBIDDEN, "interview is the employer's");
    assert_eq!(mv(&w.employer, "offer").await.status, StatusCode::BAD_REQUEST, "no skipping the interview");
    assert_eq!(mv(&w.employer, "interview").await.status, StatusCode::OK);
    assert_eq!(mv(&w.employer, "offer").await.status, StatusCode::OK);
    // Hired needs the work-permit application number and start date.
    assert_eq!(mv(&w.employer, "hired").await.status, StatusCode::BAD_REQUEST);
    let start = ymd(70);
    let r = w.app.call("move_application", &[("application_id", &aid), ("to", "hired"), ("work_permit_no", "2026-ÇİB-123456"), ("start_date", &start)], Some(&w.employer)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(mv(&w.migrant, "withdrawn").await.status, StatusCode::BAD_REQUEST, "too late to withdraw");
    assert_eq!(w.app.count(&format!("SELECT filled FROM vacancies WHERE id = {vid}")).await, 1);

    // The migrant reads the whole history.
    let mine = w.app.call_get("get_application", &[("id", &aid)], Some(&w.migrant)).await.json();
    let stages: Vec<&str> = mine["history"].as_array().unwrap().iter().map(|e| e["to"].as_str().unwrap()).collect();
    assert_eq!(stages, ["submitted", "screening", "forwarded", "interview", "offer", "hired"]);
    assert_eq!(mine["work_permit_no"], "2026-ÇİB-123456");
    // Notifications: the migrant for every change by someone else; the employer for the candidate.
    assert_eq!(w.app.call("unread_count", &[], Some(&w.migrant)).await.json(), serde_json::json!(6));
    assert_eq!(w.app.call("unread_count", &[], Some(&w.employer)).await.json(), serde_json::json!(1));
    assert_eq!(w.app.call("mark_notifications_read", &[], Some(&w.migrant)).await.status, StatusCode::OK);
    assert_eq!(w.app.call("unread_count", &[], Some(&w.migrant)).await.json(), serde_json::json!(0));
    // The history page in Uzbek.
    let page = w.app.get(&format!("/applications/{aid}"), Some(&w.migrant)).await;
    assert!(page.body.contains("Ishga qabul qilindi"), "stage names in Uzbek");
}

#[tokio::test]
async fn withdrawal_and_refusal_reasons() {
    let w = world().await;
    let vid = post_vacancy(&w, "34", "Duvar ustası").await;
    publish(&w, vid).await;
    let vids = vid.to_string();
    w.app.call("apply", &[("vacancy_id", &vids)], Some(&w.migrant)).await;
    let aid = w.app.count("SELECT MAX(id) FROM applications").await.to_string();
    w.app.call("move_application", &[("application_id", &aid), ("to", "screening")], Some(&w.staff)).await;
    let r = w.app.call("move_application", &[("application_id", &aid), ("to", "rejected")], Some(&w.staff)).await;
    assert_eq!(r.json(), serde_json::json!("ReasonRequired"));
    assert_eq!(w.app.count(&format!("SELECT COUNT(*) FROM application_events WHERE application_id = {aid}")).await, 2, "a refused move writes no history");
    let r = w.app.call("move_application", &[("application_id", &aid), ("to", "withdrawn")], Some(&w.migrant)).await;
    assert_eq!(r.status, StatusCode::OK);
    let mine = w.app.call_get("get_application", &[("id", &aid)], Some(&w.migrant)).await.json();
    assert_eq!(mine["stage"], "withdrawn");
}

async fn save_profile(app: &TestApp, cookie: &str, passport: &str) -> common::Reply {
    app.call(
        "save_profile",
        &[
            ("full_name", "Aziz Karimov"),
            ("birth_date", "1994-03-12"),
            ("passport", passport),
            ("location", "uz:6"),
            ("occupation_id", MASON),
            ("experience_years", "7"),
            ("turkish_level", "a2"),
            ("certificates", "MYK 11UY0012-3"),
        ],
        Some(cookie),
    )
    .await
}

#[tokio::test]
async fn passport_is_encrypted_masked_and_never_sent_to_employers() {
    let w = world().await;
    assert_eq!(save_profile(&w.app, &w.migrant, "AA12345").await.json(), serde_json::json!("InvalidPassport"));
    let r = save_profile(&w.app, &w.migrant, "ab 7654321").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // Not in the database in clear, in any column of the table.
    assert_eq!(w.app.count("SELECT COUNT(*) FROM migrant_profiles WHERE passport_cipher LIKE '%7654321%' OR passport_index LIKE '%7654321%'").await, 0);
    assert_eq!(w.app.count("SELECT COUNT(*) FROM migrant_profiles WHERE passport_cipher IS NOT NULL").await, 1);
    // The migrant sees it masked.
    let mine = w.app.call("my_profile", &[], Some(&w.migrant)).await.json();
    assert_eq!(mine["passport_masked"], "AB*****21");
    assert!(!mine.to_string().contains("7654321"));
    // Another migrant cannot register the same passport.
    let other = w.app.user(Role::Migrant, "+998935551122").await;
    assert_eq!(save_profile(&w.app, &other, "AB7654321").await.json(), serde_json::json!("InvalidPassport"));
    // Saving without the field keeps the stored number.
    assert_eq!(save_profile(&w.app, &w.migrant, "").await.status, StatusCode::OK);
    assert_eq!(w.app.call("my_profile", &[], Some(&w.migrant)).await.json()["passport_masked"], "AB*****21");
    // Only migrants have profiles.
    assert_eq!(w.app.call("my_profile", &[], Some(&w.employer)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(w.app.call("my_profile", &[], None).await.status, StatusCode::UNAUTHORIZED);

    // The employer gets the candidate's trade, experience and Turkish level, never the passport.
    let vid = post_vacancy(&w, "34", "Duvar ustası").await;
    publish(&w, vid).await;
    w.app.call("apply", &[("vacancy_id", &vid.to_string())], Some(&w.migrant)).await;
    let aid = w.app.count("SELECT MAX(id) FROM applications").await.to_string();
    for to in ["screening", "forwarded"] {
        w.app.call("move_application", &[("application_id", &aid), ("to", to)], Some(&w.staff)).await;
    }
    let seen = w.app.call_get("get_application", &[("id", &aid)], Some(&w.employer)).await;
    assert_eq!(seen.status, StatusCode::OK);
    let json = seen.json();
    assert_eq!(json["candidate_profile"]["experience_years"], 7);
    assert_eq!(json["candidate_profile"]["passport_masked"], serde_json::Value::Null);
    assert!(!seen.body.contains("7654321") && !seen.body.contains("AB*****"));
    let page = w.app.get(&format!("/applications/{aid}"), Some(&w.employer)).await;
    assert!(!page.body.contains("7654321") && !page.body.contains("AB*****21"));
}

fn vacancy_links(body: &str) -> Vec<String> {
    let mut v: Vec<String> = body
        .match_indices("href=\"/vacancies/")
        .map(|(i, _)| body[i + 17..].split('"').next().unwrap().to_string())
        .collect();
    v.sort();
    v.dedup();
    v
}

/// The done-when of the demo world: `/vacancies` lists published vacancies and
/// `istanbul` and `İSTANBUL` find the same ones.
#[tokio::test]
async fn demo_world_search_pages() {
    let app = TestApp::new().await;
    let s = server::seed::seed_world(&app.state, 300).await.unwrap();
    assert_eq!((s.accounts, s.vacancies, s.applications), (11, 300, 9));
    assert_eq!(app.count("SELECT COUNT(DISTINCT stage) FROM applications").await, 9, "every stage");
    let again = server::seed::seed_world(&app.state, 0).await.unwrap();
    assert_eq!((again.accounts, again.vacancies, again.applications), (0, 0, 0));

    let all = app.get("/vacancies", None).await;
    assert_eq!(vacancy_links(&all.body).len(), 20, "a full first page");
    let lower = vacancy_links(&app.get("/vacancies?q=istanbul", None).await.body);
    let upper = vacancy_links(&app.get("/vacancies?q=%C4%B0STANBUL", None).await.body);
    assert!(!lower.is_empty());
    assert_eq!(lower, upper);
    // Filters and sorting in the URL: housing only, sorted by wage, page 2.
    let housing = app.get("/vacancies?housing=1&sort=wage&page=2", None).await;
    assert_eq!(housing.status, StatusCode::OK);
    assert!(housing.body.contains("rel=\"prev\""));
    let n_housing = app.count("SELECT COUNT(*) FROM vacancies WHERE housing = true AND status = 'published'").await;
    let n_all = app.count("SELECT COUNT(*) FROM vacancies WHERE status = 'published'").await;
    assert!(n_housing < n_all);
}

#[tokio::test]
async fn vacancies_close_at_their_closing_date() {
    let w = world().await;
    let open = post_vacancy(&w, "34", "Açık ilan").await;
    let due = post_vacancy(&w, "34", "Süresi dolan ilan").await;
    publish(&w, open).await;
    publish(&w, due).await;
    // Nothing is due today.
    let today = chrono::Utc::now().date_naive();
    assert_eq!(app::vacancies::api::close_expired(&w.app.db, today).await.unwrap(), 0);
    // Forty days on, both have passed their closing date (30 days).
    let later = today + chrono::Duration::days(40);
    assert_eq!(app::vacancies::api::close_expired(&w.app.db, later).await.unwrap(), 2);
    assert_eq!(w.app.count("SELECT COUNT(*) FROM vacancies WHERE status = 'closed'").await, 2);
    assert!(search(&w.app, "").await.is_empty());
    let r = w.app.call("apply", &[("vacancy_id", &open.to_string())], Some(&w.migrant)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "a closed vacancy takes no applications");
}

/// Every F2 server function × every role (and no session): the expected status.
#[tokio::test]
async fn f2_authorisation_matrix() {
    let w = world().await;
    let admin = w.app.user(Role::Admin, "admin@kopru.example").await;
    let who: [(&str, Option<&str>); 5] =
        [("none", None), ("migrant", Some(&w.migrant)), ("employer", Some(&w.employer)), ("staff", Some(&w.staff)), ("admin", Some(&admin))];
    let (past, start) = (ymd(-3), ymd(40));
    let vform = vacancy_form("34", "35000", "2", &past, &start, "Usta");
    let cform = [("legal_name", "X"), ("vkn", "1"), ("mersis", MERSIS), ("sector_id", "1"), ("province_id", "34"),
        ("address", "x"), ("contact_person", "A"), ("contact_phone", "+902125550000")];
    let pform = [("full_name", "Aziz Karimov"), ("birth_date", "1994-03-12"), ("passport", "X"), ("location", "uz:1"),
        ("occupation_id", "1"), ("experience_years", "3"), ("turkish_level", "none")];
    let missing = [("company_id", "999999"), ("decision", "verify")];
    let missing_v = [("vacancy_id", "999999"), ("decision", "publish")];
    let missing_a = [("application_id", "999999"), ("to", "screening")];
    // (endpoint, form, GET?, [none, migrant, employer, staff, admin])
    let matrix: Vec<(&str, Vec<(&str, &str)>, bool, [u16; 5])> = vec![
        ("my_company", vec![], false, [401, 403, 200, 403, 403]),
        ("register_company", cform.to_vec(), false, [401, 403, 400, 403, 403]),
        ("pending_companies", vec![], false, [401, 403, 403, 200, 200]),
        ("decide_company", missing.to_vec(), false, [401, 403, 403, 404, 404]),
        ("my_vacancies", vec![], false, [401, 403, 200, 403, 403]),
        ("save_vacancy", vform.clone(), false, [401, 403, 400, 403, 403]),
        ("vacancy_review_queue", vec![], false, [401, 403, 403, 200, 200]),
        ("review_vacancy", missing_v.to_vec(), false, [401, 403, 403, 404, 404]),
        ("apply", vec![("vacancy_id", "999999")], false, [401, 404, 403, 403, 403]),
        ("move_application", missing_a.to_vec(), false, [401, 404, 404, 404, 404]),
        ("get_application", vec![("id", "999999")], true, [401, 404, 404, 404, 404]),
        ("list_applications", vec![], false, [401, 200, 200, 200, 200]),
        ("my_notifications", vec![], false, [401, 200, 200, 200, 200]),
        ("unread_count", vec![], false, [200, 200, 200, 200, 200]),
        ("mark_notifications_read", vec![], false, [401, 200, 200, 200, 200]),
        ("my_profile", vec![], false, [401, 200, 403, 403, 403]),
        ("save_profile", pform.to_vec(), false, [401, 400, 403, 403, 403]),
        ("staff_queues", vec![], false, [401, 403, 403, 200, 200]),
        ("get_vacancy", vec![("id", "999999")], true, [404, 404, 404, 404, 404]),
    ];
    for (endpoint, form, get, expected) in &matrix {
        for ((label, cookie), want) in who.iter().zip(expected) {
            let r = if *get { w.app.call_get(endpoint, form, *cookie).await } else { w.app.call(endpoint, form, *cookie).await };
            assert_eq!(r.status.as_u16(), *want, "{endpoint} as {label}: {}", r.body);
        }
    }
    // Lists never return a row that the single-row check would refuse: the
    // employer's candidates are only forwarded ones of its own vacancies.
    let vid = post_vacancy(&w, "34", "Usta").await;
    publish(&w, vid).await;
    w.app.call("apply", &[("vacancy_id", &vid.to_string())], Some(&w.migrant)).await;
    let listed = w.app.call("list_applications", &[], Some(&w.employer)).await.json();
    assert!(listed.as_array().unwrap().is_empty(), "submitted, not yet forwarded");
    let staff_list = w.app.call("list_applications", &[], Some(&w.staff)).await.json();
    assert_eq!(staff_list.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn projects_group_vacancies_on_a_public_page() {
    let w = world().await;
    let form = [("name", "Kuzey Marmara Otoyolu"), ("description_tr", "Otoyol inşaatı"), ("description_uz", "Avtomagistral qurilishi"), ("province_id", "34")];
    for (cookie, want) in [(None, 401), (Some(w.migrant.as_str()), 403), (Some(w.staff.as_str()), 403)] {
        assert_eq!(w.app.call("save_project", &form, cookie).await.status.as_u16(), want);
    }
    assert_eq!(w.app.call("save_project", &form, Some(&w.employer)).await.status, StatusCode::OK);
    let pid = w.app.count("SELECT MAX(id) FROM projects").await.to_string();
    assert_eq!(w.app.call("my_projects", &[], Some(&w.employer)).await.json().as_array().unwrap().len(), 1);

    // A vacancy under the project; another company cannot use it.
    let (c, s) = (ymd(30), ymd(60));
    let mut vf = vacancy_form("34", "35000", "3", &c, &s, "Otoyol şantiyesi kalıpçı");
    vf.push(("project_id", &pid));
    assert_eq!(w.app.call("save_vacancy", &vf, Some(&w.employer)).await.status, StatusCode::OK);
    let vid = w.app.count("SELECT MAX(id) FROM vacancies").await;
    let rival = w.app.user(Role::Employer, "ik@rakip.example").await;
    assert_eq!(register_company(&w.app, &rival, VKN2, "Rakip Yapı A.Ş.").await, StatusCode::OK);
    let rid = company_id(&w.app, &rival).await.to_string();
    w.app.call("decide_company", &[("company_id", &rid), ("decision", "verify")], Some(&w.staff)).await;
    let r = w.app.call("save_vacancy", &vf, Some(&rival)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "someone else's project: {}", r.body);

    // The public page lists it once published, in the reader's language.
    let page = w.app.get(&format!("/projects/{pid}"), None).await;
    assert!(page.body.contains("Kuzey Marmara Otoyolu") && page.body.contains("Avtomagistral qurilishi"));
    assert!(!page.body.contains(&format!("href=\"/vacancies/{vid}\"")), "not published yet");
    publish(&w, vid).await;
    let page = w.app.get(&format!("/projects/{pid}"), None).await;
    assert!(page.body.contains(&format!("href=\"/vacancies/{vid}\"")));
    let tr = w.app.get(&format!("/projects/{pid}"), Some("i18n_pref_locale=tr")).await;
    assert!(tr.body.contains("Otoyol inşaatı"));
    assert_eq!(w.app.call_get("get_project", &[("id", "999999")], None).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn staff_set_the_minimum_wage_and_vacancies_follow_it() {
    let w = world().await;
    let today = chrono::Utc::now().date_naive().to_string();
    let form = [("amount", "40.000"), ("valid_from", today.as_str())];
    for (cookie, want) in [(None, 401), (Some(w.migrant.as_str()), 403), (Some(w.employer.as_str()), 403)] {
        assert_eq!(w.app.call("set_minimum_wage", &form, cookie).await.status.as_u16(), want);
    }
    assert_eq!(w.app.call("set_minimum_wage", &[("amount", "abc"), ("valid_from", &today)], Some(&w.staff)).await.status, StatusCode::BAD_REQUEST);
    assert_eq!(w.app.call("set_minimum_wage", &form, Some(&w.staff)).await.status, StatusCode::OK);
    assert_eq!(w.app.call("set_minimum_wage", &form, Some(&w.staff)).await.json(), serde_json::json!("InvalidDate"), "one amount per day");
    let (c, s) = (ymd(30), ymd(60));
    let r = w.app.call("save_vacancy", &vacancy_form("34", "35000", "2", &c, &s, "Usta"), Some(&w.employer)).await;
    assert_eq!(r.json(), serde_json::json!("WageBelowMinimum"), "35,000 TL is below the new 40,000 TL");
    let r = w.app.call("save_vacancy", &vacancy_form("34", "40000", "2", &c, &s, "Usta"), Some(&w.employer)).await;
    assert_eq!(r.status, StatusCode::OK);
    let history = w.app.call("minimum_wages", &[], None).await.json();
    assert_eq!(history[0]["gross_monthly_kurus"], 4_000_000);
}
