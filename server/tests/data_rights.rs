//! Personal-data rights (F1.5) over HTTP: the download of one's own data and
//! the erasure of one's account, what goes and what stays, on SQLite and (with
//! `TEST_DATABASE_URL`) PostgreSQL.

mod common;

use app::accounts::rights::{DeleteAccount, DownloadMyData};
use common::*;
use http::StatusCode;

const PASSPORT: &str = "AA1234567";
const OTHER_PASSPORT: &str = "AB7654321";
const OTHER_PHONE: &str = "+998935551122";
const STAFF_NOTE: &str = "Pasport muddati tugagan, Aziz aka";

fn erase(password: &str) -> Vec<(&'static str, String)> {
    vec![("password", password.to_string()), ("confirm", "yes".to_string())]
}

/// A migrant with a profile and two applications: one hired (with its permit
/// number), one rejected by staff with a note in words; and a second migrant
/// with an application of their own.
struct Story {
    w: World,
    other: Actor,
    vacancy: i64,
    hired: i64,
    rejected: i64,
    others_app: i64,
}

async fn story() -> Story {
    let w = world().await;
    w.migrant.call::<SaveProfile>(&profile_form(PASSPORT)).await.ok();
    let other = w.migrant(OTHER_PHONE).await;
    other.call::<SaveProfile>(&profile_form(OTHER_PASSPORT)).await.ok();
    let vacancy = w.published_vacancy(&w.employer, &VacancySpec::new("Duvar ustası")).await;
    let second = w.published_vacancy(&w.employer, &VacancySpec::new("Sıvacı")).await;
    let hired = w.application(&w.migrant, vacancy).await;
    w.forward(hired).await;
    for to in ["interview", "offer"] {
        w.move_app(&w.employer, hired, to).await.ok();
    }
    w.move_app(&w.migrant, hired, "accepted").await.ok();
    w.move_app_with(
        &w.employer,
        hired,
        "hired",
        &[("work_permit_no", "WP-2026-000123".into()), ("start_date", ymd(60))],
    )
    .await
    .ok();
    let rejected = w.application(&w.migrant, second).await;
    w.move_app(&w.staff, rejected, "screening").await.ok();
    w.move_app_with(&w.staff, rejected, "rejected", &[("reason", "other".into()), ("reason_note", STAFF_NOTE.into())])
        .await
        .ok();
    let others_app = w.application(&other, second).await;
    Story { w, other, vacancy, hired, rejected, others_app }
}

#[tokio::test]
async fn the_download_holds_ones_own_data_and_nothing_of_anyone_else() {
    let s = story().await;
    let w = &s.w;
    let me = w.migrant.id();
    let r = w.migrant.get::<DownloadMyData>(NO_ARGS).await.ok();

    // A file to save, never kept by a cache.
    let disposition = r.header("content-disposition").expect("Content-Disposition");
    let today = chrono::Utc::now().date_naive();
    assert_eq!(disposition, format!("attachment; filename=\"kopru-data-{today}.json\""));
    assert_eq!(r.header("cache-control"), Some("no-store"));
    assert!(r.header("content-type").is_some_and(|t| t.starts_with("application/json")), "{:?}", r.headers);

    let d = r.json();
    assert_eq!(d["account"]["id"].as_i64(), Some(me));
    assert_eq!(d["account"]["phone"], json!(w.migrant.login()));
    assert_eq!(d["account"]["role"], "migrant");
    assert_eq!(d["account"]["name"], "Aziz Karimov");
    assert_eq!(d["account"]["language"], "uz");
    assert!(d["account"]["created_at"].is_string());
    // The passport number in clear: the copy is for its owner.
    assert_eq!(d["profile"]["passport_number"], PASSPORT);
    assert_eq!(d["profile"]["birth_date"], "1994-03-12");
    assert_eq!(d["profile"]["certificates"], "MYK 11UY0012-3");

    let apps = d["applications"].as_array().expect("applications");
    let ids: Vec<i64> = apps.iter().map(|a| a["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, vec![s.hired, s.rejected]);
    let hired = &apps[0];
    assert_eq!(hired["stage"], "hired");
    assert_eq!(hired["vacancy_id"].as_i64(), Some(s.vacancy));
    assert_eq!(hired["work_permit_no"], "WP-2026-000123");
    assert!(hired["company_name"].as_str().is_some_and(|n| n.contains("İnşaat")), "{hired}");
    assert_eq!(hired["interview"]["place"], "Organize Sanayi Bölgesi 3. Cadde No: 12, Gebze");
    assert!(hired["offer"]["wage_kurus"].as_i64().is_some(), "{hired}");
    let steps: Vec<&str> = hired["history"].as_array().unwrap().iter().map(|e| e["to"].as_str().unwrap()).collect();
    assert_eq!(steps, ["submitted", "screening", "forwarded", "interview", "offer", "accepted", "hired"]);
    let rejection = apps[1]["history"].as_array().unwrap().last().unwrap().clone();
    assert_eq!((rejection["to"].as_str(), rejection["reason"].as_str()), (Some("rejected"), Some(STAFF_NOTE)));
    assert_eq!(rejection["actor_role"], "staff");

    let notes = d["notifications"].as_array().expect("notifications");
    assert_eq!(notes.len() as i64, w.count(&format!("SELECT COUNT(*) FROM notifications WHERE user_id = {me}")).await);
    assert!(notes.len() >= 7, "{notes:?}");

    let consents = d["consents"].as_array().expect("consents");
    assert_eq!(consents.len(), 1);
    assert_eq!(consents[0]["notice_version"], app::accounts::PRIVACY_NOTICE_VERSION);
    assert_eq!(consents[0]["purposes"][0], "account");
    assert!(consents[0]["given_at"].is_string() && consents[0]["withdrawn_at"].is_null());

    // Nothing of the other migrant, nothing secret of anyone.
    for theirs in [OTHER_PASSPORT, OTHER_PHONE, "password", "argon2", "passport_cipher"] {
        assert!(!r.body.contains(theirs), "the download holds {theirs:?}: {}", r.body);
    }
    assert!(!ids.contains(&s.others_app));

    // The other migrant's copy is theirs.
    let theirs = s.other.get::<DownloadMyData>(NO_ARGS).await.ok();
    assert_eq!(theirs.json()["profile"]["passport_number"], OTHER_PASSPORT);
    assert!(!theirs.body.contains(PASSPORT) && !theirs.body.contains(STAFF_NOTE));

    // An employer's copy holds their company, contact person included.
    let e = w.employer.get::<DownloadMyData>(NO_ARGS).await.ok().json();
    assert_eq!(e["account"]["email"], json!(w.employer.login()));
    assert_eq!(e["company"]["contact_person"], "Mehmet Yılmaz");
    assert_eq!(e["profile"], Value::Null);
    assert_eq!(e["applications"], json!([]));
}

#[tokio::test]
async fn the_download_needs_a_session() {
    let w = world().await;
    let r = w.anonymous().get::<DownloadMyData>(NO_ARGS).await;
    r.assert_err("NotSignedIn");
    assert!(r.header("content-disposition").is_none());
    // A forged or ended session is no session.
    let gone = w.another_device(&w.migrant).await;
    gone.call::<SignOut>(NO_ARGS).await.ok();
    gone.get::<DownloadMyData>(NO_ARGS).await.assert_err("NotSignedIn");
}

#[tokio::test]
async fn the_account_page_offers_both_without_javascript() {
    let w = world().await;
    let page = w.migrant.page("/account").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&format!("href=\"{}\"", <DownloadMyData as ServerFn>::PATH)), "{}", page.body);
    assert!(page.body.contains(&format!("action=\"{}\"", <DeleteAccount as ServerFn>::PATH)));
    assert!(page.body.contains("name=\"confirm\""));
    // Staff download their data; their accounts are not erased from here.
    let page = w.staff.page("/account").await;
    assert!(page.body.contains(&format!("href=\"{}\"", <DownloadMyData as ServerFn>::PATH)));
    assert!(!page.body.contains(&format!("action=\"{}\"", <DeleteAccount as ServerFn>::PATH)));

    // A refused erasure comes back to the page, its message under its own field
    // (not under the password change's form above it).
    let r = w.migrant.form_post::<DeleteAccount>(&erase("not-my-password"), "/account").await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.body);
    let back = r.header("location").unwrap().to_string();
    assert_eq!(back, "/account?error=bad_credentials%3Adelete_password");
    let page = w.migrant.page(&back).await;
    assert!(page.body.contains("id=\"delete_password-error\""), "{}", page.body);
    assert_eq!(page.body.matches("id=\"form-error\"").count(), 1, "one form shows the refusal");
}

#[tokio::test]
async fn a_wrong_password_or_no_confirmation_erases_nothing() {
    let s = story().await;
    let w = &s.w;
    let me = w.migrant.id();
    let r = w.migrant.call::<DeleteAccount>(&erase("not-my-password")).await;
    assert_eq!(r.refusals(), vec![("delete_password".to_string(), "BadCredentials".to_string())]);
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let r = w.migrant.call::<DeleteAccount>(&[("password", PASSWORD)]).await;
    r.assert_err("ConfirmationRequired");
    assert_eq!(r.refusals()[0].0, "confirm");

    assert!(w.migrant.is_signed_in().await);
    let user = format!("SELECT COUNT(*) FROM users WHERE id = {me} AND name = 'Aziz Karimov' AND deleted_at IS NULL");
    assert_eq!(w.count(&user).await, 1);
    let sealed = format!("SELECT COUNT(*) FROM migrant_profiles WHERE user_id = {me} AND passport_cipher IS NOT NULL");
    assert_eq!(w.count(&sealed).await, 1);
    assert_eq!(
        w.count(&format!("SELECT COUNT(*) FROM consents WHERE user_id = {me} AND withdrawn_at IS NULL")).await,
        1
    );
    assert_eq!(w.stage(s.hired).await, "hired");
    w.sign_in(w.migrant.login(), PASSWORD).await;
}

#[tokio::test]
async fn erasure_ends_the_person_and_keeps_their_applications_anonymised() {
    let s = story().await;
    let w = &s.w;
    let me = w.migrant.id();
    let phone = w.migrant.login().to_string();
    // Still under way when the account goes: withdrawn, and its employer told.
    let open_vacancy = w.published_vacancy(&w.employer, &VacancySpec::new("Demirci")).await;
    let open = w.application(&w.migrant, open_vacancy).await;
    w.forward(open).await;
    let employer_heard = format!(
        "SELECT COUNT(*) FROM notifications WHERE user_id = {} AND application_id = {open} AND stage = 'withdrawn'",
        w.employer.id()
    );
    assert_eq!(w.count(&employer_heard).await, 0);
    let other_device = w.another_device(&w.migrant).await;
    // What reaches or remembers the person: a browser that signed in, a queued SMS.
    w.sign_in(&phone, PASSWORD).await;
    w.exec(&format!(
        "INSERT INTO outbox (user_id, channel, recipient, kind, locale, subject, body, status, attempts, \
         next_attempt_at, created_at) VALUES ({me}, 'sms', '{phone}', 'notification', 'uz', '', 'Arizangiz', \
         'queued', 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
    ))
    .await;
    let reaching = format!(
        "SELECT (SELECT COUNT(*) FROM login_devices WHERE user_id = {me}) \
         + (SELECT COUNT(*) FROM outbox WHERE user_id = {me} OR recipient = '{phone}')"
    );
    assert!(w.count(&reaching).await >= 2, "a remembered browser and a message before");
    let applications_before = w.count("SELECT COUNT(*) FROM applications").await;

    // A plain form post, as without JavaScript: signed out, onto the home page.
    let r = w.migrant.form_post::<DeleteAccount>(&erase(PASSWORD), "/account").await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.body);
    assert_eq!(r.header("location"), Some("/?deleted=1"));
    let cookies = r.set_cookies();
    assert!(cookies.iter().any(|c| c.starts_with("kopru_session=;") && c.contains("Max-Age=0")), "{cookies:?}");
    let home = w.anonymous().page("/?deleted=1").await;
    assert!(home.body.contains("Hisobingiz oʻchirildi"), "{}", home.body);

    // Every session is dead, this device's and the other's.
    assert!(!w.migrant.is_signed_in().await);
    assert!(!other_device.is_signed_in().await);
    other_device.get::<DownloadMyData>(NO_ARGS).await.assert_err("NotSignedIn");
    assert_eq!(w.count(&format!("SELECT COUNT(*) FROM sessions WHERE user_id = {me}")).await, 0);
    assert_eq!(w.count(&reaching).await, 0, "no remembered browser, no message to the person");

    // The passport is gone from the database: ciphertext and blind indexes.
    let profile = |cond: &str| format!("SELECT COUNT(*) FROM migrant_profiles WHERE user_id = {me} AND {cond}");
    assert_eq!(w.count(&profile("1 = 1")).await, 1, "the profile row stays for statistics");
    let passport = "(passport_cipher IS NOT NULL OR passport_index IS NOT NULL OR passport_lookup IS NOT NULL)";
    assert_eq!(w.count(&profile(passport)).await, 0);
    assert_eq!(w.count(&profile("full_name = '' AND certificates = '' AND birth_date <> '1994-03-12'")).await, 1);
    assert_eq!(
        w.text(&format!("SELECT full_name FROM migrant_profiles WHERE user_id = {}", s.other.id())).await.as_deref(),
        Some("Aziz Karimov")
    );

    // The account: no name, phone, e-mail or usable password; disabled, dated.
    let user = format!(
        "SELECT COUNT(*) FROM users WHERE id = {me} AND name = '' AND phone IS NULL AND email IS NULL \
         AND disabled = TRUE AND deleted_at IS NOT NULL AND password_hash NOT LIKE '$argon2%'"
    );
    assert_eq!(w.count(&user).await, 1);
    assert_eq!(w.count(&format!("SELECT COUNT(*) FROM users WHERE phone = '{phone}'")).await, 0);

    // Consent withdrawn, kept as proof; notifications gone.
    assert_eq!(
        w.count(&format!("SELECT COUNT(*) FROM consents WHERE user_id = {me} AND withdrawn_at IS NOT NULL")).await,
        1
    );
    assert_eq!(w.count(&format!("SELECT COUNT(*) FROM notifications WHERE user_id = {me}")).await, 0);

    // Applications still counted, without personal data: no permit number, no
    // note in words (the reason's code stays), the open one withdrawn.
    assert_eq!(w.count("SELECT COUNT(*) FROM applications").await, applications_before);
    assert_eq!(w.count(&format!("SELECT COUNT(*) FROM applications WHERE migrant_user_id = {me}")).await, 3);
    assert_eq!(w.stage(s.hired).await, "hired");
    assert_eq!(w.stage(s.rejected).await, "rejected");
    assert_eq!(w.stage(open).await, "withdrawn");
    assert_eq!(w.count(&employer_heard).await, 1, "the employer hears of the withdrawal");
    let mine = format!("SELECT id FROM applications WHERE migrant_user_id = {me}");
    assert_eq!(
        w.count(&format!(
            "SELECT COUNT(*) FROM applications WHERE migrant_user_id = {me} AND work_permit_no IS NOT NULL"
        ))
        .await,
        0
    );
    assert_eq!(
        w.count(&format!(
            "SELECT COUNT(*) FROM application_events WHERE application_id IN ({mine}) AND reason IS NOT NULL"
        ))
        .await,
        0
    );
    assert_eq!(
        w.count(&format!(
            "SELECT COUNT(*) FROM application_events WHERE application_id = {} AND reason_code = 'other'",
            s.rejected
        ))
        .await,
        1
    );
    for id in [s.hired, s.rejected, open] {
        let seen = w.staff.get::<GetApplication>(&[("id", id.to_string())]).await.ok();
        for personal in ["Aziz", phone.as_str(), PASSPORT, STAFF_NOTE, "WP-2026-000123", "1994-03-12", "MYK 11UY0012"] {
            assert!(!seen.body.contains(personal), "application {id} still shows {personal:?}: {}", seen.body);
        }
    }
    // The other migrant's application and notes are untouched.
    assert_eq!(w.stage(s.others_app).await, "submitted");
    assert!(s.other.is_signed_in().await);

    // The old credentials sign in to nothing; the phone can sign up anew.
    let r = w.anonymous().call::<SignIn>(&[("login", phone.as_str()), ("password", PASSWORD)]).await;
    r.assert_err("BadCredentials");
    let form = [("name", "Aziz Karimov"), ("phone", phone.as_str()), ("password", PASSWORD), ("consent", "yes")];
    let r = w.anonymous().call::<SignUpMigrant>(&form).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let anew = format!("SELECT COUNT(*) FROM users WHERE phone = '{phone}' AND id <> {me} AND deleted_at IS NULL");
    assert_eq!(w.count(&anew).await, 1, "the phone signs up anew");
    let inherited = format!(
        "SELECT COUNT(*) FROM applications a JOIN users u ON u.id = a.migrant_user_id WHERE u.phone = '{phone}'"
    );
    assert_eq!(w.count(&inherited).await, 0, "the new account inherits nothing");
}

#[tokio::test]
async fn staff_and_admins_do_not_erase_their_own_accounts() {
    let w = world().await;
    let admin = w.admin("admin@kopru.example").await;
    for actor in [&w.staff, &admin] {
        actor.call::<DeleteAccount>(&erase(PASSWORD)).await.assert_err("Forbidden");
        assert!(actor.is_signed_in().await, "{actor:?}");
        let kept = format!(
            "SELECT COUNT(*) FROM users WHERE id = {} AND email IS NOT NULL AND deleted_at IS NULL",
            actor.id()
        );
        assert_eq!(w.count(&kept).await, 1);
    }
}

/// An employer is refused while migrants depend on them (a published vacancy,
/// a candidate waiting for their answer); once done, the account goes, its
/// unpublished vacancies close and the company stays without its contact person.
#[tokio::test]
async fn an_employer_still_hiring_is_refused_then_erased() {
    let w = world().await;
    let vid = w.published_vacancy(&w.employer, &VacancySpec::new("Duvar ustası")).await;
    let in_review = w.vacancy(&w.employer, &VacancySpec::new("Sıvacı")).await;
    let aid = w.application(&w.migrant, vid).await;
    w.forward(aid).await;
    let refused = |r: Reply| {
        assert_eq!(r.refusals(), vec![("delete_account".to_string(), "StillHiring".to_string())], "{}", r.body);
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
    };
    refused(w.employer.call::<DeleteAccount>(&erase(PASSWORD)).await);
    // Closed, but the candidate still waits for an answer.
    w.employer.call::<CloseVacancy>(&[("vacancy_id", vid.to_string())]).await.ok();
    refused(w.employer.call::<DeleteAccount>(&erase(PASSWORD)).await);
    assert!(w.employer.is_signed_in().await);
    assert_eq!(w.vacancy_status(in_review).await, "submitted", "a refusal changes nothing");

    w.move_app(&w.employer, aid, "declined").await.ok();
    let email = w.employer.login().to_string();
    w.employer.call::<DeleteAccount>(&erase(PASSWORD)).await.ok();
    assert!(!w.employer.is_signed_in().await);
    let company = format!(
        "SELECT COUNT(*) FROM companies WHERE id = {} AND contact_person = '' AND contact_phone = '' AND legal_name <> ''",
        w.company
    );
    assert_eq!(w.count(&company).await, 1, "the company stays, without its contact person");
    assert_eq!(w.vacancy_status(in_review).await, "closed");
    assert_eq!(w.vacancy_status(vid).await, "closed");
    assert_eq!(w.stage(aid).await, "declined", "the migrant's history stays");
    let user = format!(
        "SELECT COUNT(*) FROM users WHERE id = {} AND email IS NULL AND deleted_at IS NOT NULL",
        w.employer.id()
    );
    assert_eq!(w.count(&user).await, 1);
    w.anonymous()
        .call::<SignIn>(&[("login", email.as_str()), ("password", PASSWORD)])
        .await
        .assert_err("BadCredentials");
    let r = w
        .anonymous()
        .call::<SignUpEmployer>(&[
            ("name", "Ayşe Kaya"),
            ("email", email.as_str()),
            ("password", PASSWORD),
            ("consent", "yes"),
        ])
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let anew = format!("SELECT COUNT(*) FROM users WHERE email = '{email}' AND deleted_at IS NULL");
    assert_eq!(w.count(&anew).await, 1, "the e-mail signs up anew");
}

/// The download also says what was sent to the person outside the site and
/// which browsers signed in to the account; the text of a sent message (a
/// code) is not kept, so not in the copy either.
#[tokio::test]
async fn the_download_lists_messages_and_devices() {
    let app = TestApp::new().await;
    let me = app.sign_up_migrant("Aziz Karimov", "+998935550301").await;
    app.sign_in("+998935550301", PASSWORD).await;
    app.exec("UPDATE outbox SET status = 'sent', body = '', sent_at = created_at").await;
    let d = me.get::<DownloadMyData>(NO_ARGS).await.ok().json();
    let messages = d["messages"].as_array().expect("messages");
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert_eq!(messages[0]["kind"], "verifycode");
    assert_eq!(messages[0]["to"], "+998935550301");
    assert_eq!(messages[0]["status"], "sent");
    assert_eq!(messages[0]["text"], "");
    assert_eq!(d["devices"].as_array().map(Vec::len), Some(2), "the verifying browser and the signed-in one");
    assert!(d["telegram"].is_null());
}
