//! Accounts people can trust (issue 9), each measured case as a test: bounded
//! hashing, limits that hold under parallel attempts, an owner who still gets
//! in during an attack, sign-ups that tell nothing, verification and reset
//! by code, and the embedded database under parallel writes. On SQLite, and on
//! PostgreSQL with `TEST_DATABASE_URL`.

mod common;
use common::*;
use http::StatusCode;
use std::sync::Arc;

const PHONE: &str = "+998901234567";
const NEW_PASSWORD: &str = "yangi-parol-2026";

/// Runs `n` calls, at most `at_once` at a time, and returns their statuses.
async fn burst<F, Fut>(n: usize, at_once: usize, call: F) -> Vec<u16>
where
    F: Fn(usize) -> Fut,
    Fut: std::future::Future<Output = Reply> + Send + 'static,
{
    let gate = Arc::new(tokio::sync::Semaphore::new(at_once));
    let tasks: Vec<_> = (0..n)
        .map(|i| {
            let gate = gate.clone();
            let fut = call(i);
            tokio::spawn(async move {
                let _slot = gate.acquire_owned().await.unwrap();
                let r = fut.await;
                assert_ne!(r.status.as_u16(), 500, "call {i}: {}", r.body);
                r.status.as_u16()
            })
        })
        .collect();
    let mut statuses = vec![];
    for t in tasks {
        statuses.push(t.await.expect("no panic"));
    }
    statuses
}

fn count(statuses: &[u16], status: u16) -> usize {
    statuses.iter().filter(|s| **s == status).count()
}

/// An address of its own for each attempt, so that only the per-account limit applies.
fn address(i: usize) -> String {
    format!("198.51.{}.{}", i / 200, i % 200 + 1)
}

/// 300 wrong sign-ins on one account, 64 at a time, each from another address:
/// at most the limit (100) reach the password check, the rest are refused
/// before it; never more hashes at once than the bound.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_wrong_sign_ins_get_at_most_the_limit_through() {
    let app = TestApp::new().await;
    app.migrant(PHONE).await;
    let anon = app.anonymous();
    let statuses = burst(300, 64, |i| {
        let anon = anon.clone();
        async move { anon.call_from::<SignIn>(&[("login", PHONE), ("password", "guess-guess")], &address(i)).await }
    })
    .await;
    let (wrong, limited, busy) = (count(&statuses, 401), count(&statuses, 429), count(&statuses, 503));
    assert_eq!(wrong + limited + busy, 300, "{statuses:?}");
    assert!(wrong > 0 && wrong <= 100, "{wrong} wrong passwords were checked (limit 100)");
    assert!(limited >= 150, "{limited} refused by the limit");
    let bound = app::accounts::password::bound();
    let peak = app::accounts::password::peak_in_flight();
    assert!(peak >= 1 && peak <= bound, "{peak} hashes at once, bound {bound}");
}

/// A stranger who knows the phone number cannot lock its owner out: the
/// owner's own phone (the browser that signed in before) still gets in, a
/// new browser is refused, and a reset code gets the owner in anywhere and
/// forgets the failures.
#[tokio::test]
async fn the_owner_still_gets_in_during_an_attack() {
    let app = TestApp::new().await;
    app.migrant(PHONE).await;
    let anon = app.anonymous();
    let right = [("login", PHONE), ("password", PASSWORD)];
    let first = anon.call_from::<SignIn>(&right, "192.0.2.50").await.ok();
    let device = first.device_cookie().expect("a device cookie at sign-in");

    for i in 0..120 {
        anon.call_from::<SignIn>(&[("login", PHONE), ("password", "guess-guess")], &address(i)).await;
    }
    anon.call_from::<SignIn>(&right, "192.0.2.60").await.assert_err("RateLimited");
    // The owner's phone, from wherever it is today.
    let again = anon.with_cookie(device.clone()).call_from::<SignIn>(&right, "192.0.2.61").await.ok();
    assert!(again.session_cookie().is_some());
    assert_eq!(again.device_cookie().as_deref(), Some(device.as_str()), "the same device, kept");
    // A made-up device cookie is no known device.
    let forged = format!("{}=bm90LWEtZGV2aWNl", app.state.security.device_cookie_name());
    anon.with_cookie(forged).call_from::<SignIn>(&right, "192.0.2.62").await.assert_err("RateLimited");
    // The device cookie of another account does not open this one.
    let other = app.migrant("+998907654321").await;
    let theirs = anon.call_from::<SignIn>(&[("login", other.login()), ("password", PASSWORD)], "192.0.2.63").await;
    let theirs = theirs.ok().device_cookie().unwrap();
    anon.with_cookie(theirs).call_from::<SignIn>(&right, "192.0.2.64").await.assert_err("RateLimited");

    // On a new phone: a reset code. It signs the owner in and lifts the limit.
    let r = anon.call_from::<RequestReset>(&[("login", PHONE)], "192.0.2.65").await.ok();
    let ticket = r.ticket_cookie().expect("a ticket");
    let code = app.last_code(PHONE, "resetcode").await.expect("a reset code for the phone");
    let r = anon
        .with_cookie(ticket)
        .call_from::<ResetPassword>(&[("code", code.as_str()), ("new_password", NEW_PASSWORD)], "192.0.2.65")
        .await
        .ok();
    assert!(r.session_cookie().is_some());
    anon.call_from::<SignIn>(&[("login", PHONE), ("password", NEW_PASSWORD)], "192.0.2.66").await.ok();
}

fn sign_up_form(phone: &str) -> Vec<(&'static str, String)> {
    vec![
        ("name", "Aziz Karimov".into()),
        ("phone", phone.into()),
        ("password", PASSWORD.into()),
        ("consent", "yes".into()),
    ]
}

/// The reply without what is random in it (the ticket's value, the request id).
fn shape(r: &Reply) -> (u16, String, Vec<String>, Option<String>) {
    let cookies = r
        .set_cookies()
        .iter()
        .map(|c| {
            c.split_once('=')
                .map(|(n, rest)| {
                    let attrs = rest.split_once(';').map(|(_, a)| a).unwrap_or("");
                    format!("{n}=…;{attrs}")
                })
                .unwrap_or_default()
        })
        .collect();
    (r.status.as_u16(), r.body.clone(), cookies, r.header("location").map(str::to_string))
}

/// Signing up with a taken phone answers exactly as with a new one (status,
/// body, cookies but their random values, where it goes), as a script and as
/// a plain form; the owner of the taken one is told, no account is made.
#[tokio::test]
async fn sign_up_answers_alike_for_a_taken_and_a_new_login() {
    let app = TestApp::new().await;
    let owner = app.migrant(PHONE).await;
    let anon = app.anonymous();
    let taken = anon.call::<SignUpMigrant>(&sign_up_form(PHONE)).await;
    let new = anon.call::<SignUpMigrant>(&sign_up_form("+998935550101")).await;
    assert_eq!(shape(&taken), shape(&new));
    assert_eq!(taken.status, StatusCode::OK, "{}", taken.body);
    assert!(taken.session_cookie().is_none() && taken.ticket_cookie().is_some());
    let taken = anon.form_post::<SignUpMigrant>(&sign_up_form(PHONE), "/signup").await;
    let new = anon.form_post::<SignUpMigrant>(&sign_up_form("+998935550102"), "/signup").await;
    assert_eq!(shape(&taken), shape(&new));
    assert_eq!(taken.header("location"), Some("/verify"));

    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM users WHERE phone = '{PHONE}'")).await, 1);
    assert_eq!(app.messages_to(PHONE, "logintaken").await, 2, "the owner is told each time");
    assert_eq!(app.messages_to(PHONE, "verifycode").await, 0, "and gets no code");
    assert_eq!(app.messages_to("+998935550101", "verifycode").await, 1);
    assert_eq!(app.messages_to("+998935550101", "logintaken").await, 0);
    // Whatever the taken login's ticket is given, it opens nothing.
    let ticket = anon.call::<SignUpMigrant>(&sign_up_form(PHONE)).await.ticket_cookie().unwrap();
    for guess in ["000000", "123456"] {
        anon.with_cookie(ticket.clone()).call::<VerifyAccount>(&[("code", guess)]).await.assert_err("BadCode");
    }
    owner.call::<GetCurrentUser>(NO_ARGS).await.ok();
}

/// A new account proves its phone with the code before it may apply; a
/// wrong code is refused and counted, a code works once, and after five
/// wrong tries not even the right one does.
#[tokio::test]
async fn a_new_account_verifies_its_phone_with_the_code() {
    let w = world().await;
    let vid = w.published_vacancy(&w.employer, &VacancySpec::new("Duvar ustası")).await;
    let anon = w.anonymous();
    let r = anon.call::<SignUpMigrant>(&sign_up_form("+998935550201")).await.ok();
    let ticket = r.ticket_cookie().unwrap();
    let code = w.last_code("+998935550201", "verifycode").await.expect("a code sent");
    let text = w.text("SELECT body FROM outbox WHERE recipient = '+998935550201'").await.unwrap();
    assert!(text.contains("tasdiqlash kodingiz") && text.contains("15 daqiqa"), "in Uzbek: {text}");
    // Stored as a keyed hash only.
    assert_eq!(w.count("SELECT COUNT(*) FROM one_time_codes").await, 1);
    assert_eq!(w.count(&format!("SELECT COUNT(*) FROM one_time_codes WHERE code_hash LIKE '%{code}%'")).await, 0);

    // Signed in before verifying (the password alone): may read, not apply.
    let unverified = w.sign_in("+998935550201", PASSWORD).await;
    // Signing in before typing the code keeps the code usable in that browser.
    let r =
        anon.with_cookie(ticket.clone()).call::<SignIn>(&[("login", "+998935550201"), ("password", PASSWORD)]).await;
    assert!(!r.ok().set_cookies().iter().any(|c| c.starts_with("kopru_ticket=;")), "the ticket is kept");
    unverified.call::<SaveProfile>(&profile_form("AC7654321")).await.ok();
    unverified.call::<Apply>(&[("vacancy_id", vid.to_string())]).await.assert_err("NotVerified");
    let page = unverified.page(&format!("/vacancies/{vid}")).await;
    assert_eq!(page.status, StatusCode::OK);

    let wrong = if code == "000000" { "111111" } else { "000000" };
    anon.with_cookie(ticket.clone()).call::<VerifyAccount>(&[("code", wrong)]).await.assert_err("BadCode");
    let me = w.verify(&ticket, &code).await;
    me.call::<SaveProfile>(&profile_form("AC7654321")).await.ok();
    me.call::<Apply>(&[("vacancy_id", vid.to_string())]).await.ok();
    // The code is used up.
    anon.with_cookie(ticket).call::<VerifyAccount>(&[("code", code.as_str())]).await.assert_err("BadCode");

    // Five wrong tries end a code.
    anon.call::<SignUpMigrant>(&sign_up_form("+998935550202")).await.ok();
    let ticket = anon.call::<SignUpMigrant>(&sign_up_form("+998935550203")).await.ticket_cookie().unwrap();
    let code = w.last_code("+998935550203", "verifycode").await.unwrap();
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        anon.with_cookie(ticket.clone()).call::<VerifyAccount>(&[("code", wrong)]).await.assert_err("BadCode");
    }
    anon.with_cookie(ticket.clone()).call::<VerifyAccount>(&[("code", code.as_str())]).await.assert_err("BadCode");
    // A fresh code for the signed-in, unverified account.
    let later = w.sign_in("+998935550203", PASSWORD).await;
    let r = later.call::<ResendCode>(NO_ARGS).await.ok();
    let fresh = w.last_code("+998935550203", "verifycode").await.unwrap();
    w.verify(&r.ticket_cookie().unwrap(), &fresh).await;
    // An expired code is refused.
    let ticket = anon.call::<SignUpMigrant>(&sign_up_form("+998935550204")).await.ticket_cookie().unwrap();
    let code = w.last_code("+998935550204", "verifycode").await.unwrap();
    w.exec("UPDATE one_time_codes SET expires_at = created_at").await;
    anon.with_cookie(ticket).call::<VerifyAccount>(&[("code", code.as_str())]).await.assert_err("BadCode");
}

/// Whoever signs up first with someone else's phone number does not keep it:
/// once its code has expired, an account that never proved its login gives
/// way to the next sign-up of that number (the real owner's), which then gets
/// the code; until then the number stays taken.
#[tokio::test]
async fn an_unverified_account_does_not_keep_someone_elses_number() {
    let app = TestApp::new().await;
    let anon = app.anonymous();
    anon.call::<SignUpMigrant>(&sign_up_form(PHONE)).await.ok();
    let squatter = app.count(&format!("SELECT MAX(id) FROM users WHERE phone = '{PHONE}'")).await;
    // Within the code's life, a second sign-up finds the number taken.
    anon.call::<SignUpMigrant>(&sign_up_form(PHONE)).await.ok();
    assert_eq!(app.messages_to(PHONE, "logintaken").await, 1);
    assert_eq!(app.count(&format!("SELECT MAX(id) FROM users WHERE phone = '{PHONE}'")).await, squatter);
    // Past it, the owner's sign-up takes the number and gets a code.
    app.exec(&format!("UPDATE users SET created_at = '2026-01-01T00:00:00Z' WHERE id = {squatter}")).await;
    let r = anon.call::<SignUpMigrant>(&sign_up_form(PHONE)).await.ok();
    let owner = app.count(&format!("SELECT MAX(id) FROM users WHERE phone = '{PHONE}'")).await;
    assert_ne!(owner, squatter);
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM users WHERE id = {squatter}")).await, 0);
    let me = app.verify(&r.ticket_cookie().unwrap(), &app.last_code(PHONE, "verifycode").await.unwrap()).await;
    assert_eq!(me.id(), owner);
    // A verified account is never replaced.
    app.exec(&format!("UPDATE users SET created_at = '2026-01-01T00:00:00Z' WHERE id = {owner}")).await;
    anon.call::<SignUpMigrant>(&sign_up_form(PHONE)).await.ok();
    assert_eq!(app.count(&format!("SELECT MAX(id) FROM users WHERE phone = '{PHONE}'")).await, owner);
}

/// Forgot the password: the reset answers alike for a known and an unknown
/// login; the code resets once, ends every session and signs this browser in.
#[tokio::test]
async fn password_reset_by_a_code_sent_to_the_phone() {
    let app = TestApp::new().await;
    let owner = app.migrant(PHONE).await;
    let other_device = app.another_device(&owner).await;
    let anon = app.anonymous();
    let known = anon.call::<RequestReset>(&[("login", PHONE)]).await;
    let unknown = anon.call::<RequestReset>(&[("login", "+998935559999")]).await;
    assert_eq!(shape(&known), shape(&unknown));
    assert_eq!(app.messages_to("+998935559999", "resetcode").await, 0);
    let code = app.last_code(PHONE, "resetcode").await.expect("a reset code");
    let ticket = known.ticket_cookie().unwrap();
    // Too short a new password: refused, the code not spent.
    let r = anon
        .with_cookie(ticket.clone())
        .call::<ResetPassword>(&[("code", code.as_str()), ("new_password", "short")])
        .await;
    r.assert_err("PasswordTooShort");
    let r = anon
        .with_cookie(ticket.clone())
        .call::<ResetPassword>(&[("code", code.as_str()), ("new_password", NEW_PASSWORD)])
        .await;
    let me = app.actor_from_cookie(r.ok().session_cookie().unwrap()).await.expect("signed in");
    assert_eq!(me.id(), owner.id());
    for old in [&owner, &other_device] {
        assert!(old.call::<GetCurrentUser>(NO_ARGS).await.ok().json().is_null(), "every other session ended");
    }
    anon.call::<SignIn>(&[("login", PHONE), ("password", PASSWORD)]).await.assert_err("BadCredentials");
    app.sign_in(PHONE, NEW_PASSWORD).await;
    let again = anon
        .with_cookie(ticket)
        .call::<ResetPassword>(&[("code", code.as_str()), ("new_password", "uchinchi-parol-2026")])
        .await;
    again.assert_err("BadCode");
    // At most five codes an hour for one phone.
    for _ in 0..4 {
        anon.call::<RequestReset>(&[("login", PHONE)]).await.ok();
    }
    anon.call::<RequestReset>(&[("login", PHONE)]).await.assert_err("RateLimited");
    anon.call::<RequestReset>(&[("login", "+998935559999")]).await.ok();
}

/// `change_password` is limited like a sign-in: a stolen session cannot try
/// current passwords without end.
#[tokio::test]
async fn change_password_is_throttled() {
    let app = TestApp::new().await;
    let me = app.migrant(PHONE).await;
    for _ in 0..10 {
        me.call::<ChangePassword>(&[("current_password", "guess-guess"), ("new_password", NEW_PASSWORD)])
            .await
            .assert_err("BadCredentials");
    }
    let r = me.call::<ChangePassword>(&[("current_password", PASSWORD), ("new_password", NEW_PASSWORD)]).await;
    r.assert_err("RateLimited");
}

/// The embedded database under a burst: 200 sign-ups and then 200 applications
/// at once, none answered 500, each stored exactly once.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_parallel_sign_ups_and_applications_lose_nothing() {
    let w = world_with(Opts { max_failures_per_ip: 1000, ..Opts::default() }).await;
    let vid = w.published_vacancy(&w.employer, &VacancySpec::new("Büyük şantiye").positions("500")).await;
    let anon = w.anonymous();
    let phone = |i: usize| format!("+9989370{i:05}");
    let statuses = burst(200, 32, |i| {
        let anon = anon.clone();
        let form = sign_up_form(&phone(i));
        async move { anon.call_from::<SignUpMigrant>(&form, &address(i)).await }
    })
    .await;
    assert_eq!(count(&statuses, 200), 200, "{statuses:?}");
    assert_eq!(w.count("SELECT COUNT(*) FROM users WHERE phone LIKE '+9989370%'").await, 200);
    assert_eq!(
        w.count("SELECT COUNT(*) FROM outbox WHERE recipient LIKE '+9989370%' AND kind = 'verifycode'").await,
        200
    );

    // Each with a profile (made directly: verified accounts), then all apply at once.
    let mut migrants = vec![];
    for i in 0..200 {
        let m = w.migrant(&format!("+9989380{i:05}")).await;
        m.call::<SaveProfile>(&profile_form("")).await.ok();
        migrants.push(m);
    }
    let statuses = burst(200, 200, |i| {
        let m = migrants[i].clone();
        async move { m.call::<Apply>(&[("vacancy_id", vid.to_string())]).await }
    })
    .await;
    assert_eq!(count(&statuses, 200), 200, "{statuses:?}");
    assert_eq!(w.count(&format!("SELECT COUNT(*) FROM applications WHERE vacancy_id = {vid}")).await, 200);
    let events = format!(
        "SELECT COUNT(*) FROM application_events e JOIN applications a ON a.id = e.application_id \
         WHERE a.vacancy_id = {vid}"
    );
    assert_eq!(w.count(&events).await, 200, "one history entry each");
}

/// A password reset end to end through the log transport, as an operator
/// without an SMS gateway sees it: the worker writes the message as one log
/// line (channel, to, kind, text), the code in it resets the password, and
/// the outbox keeps no code once the message is sent.
#[tokio::test]
async fn password_reset_end_to_end_through_the_log_transport() {
    let log = LogBuffer::default();
    let writer = log.clone();
    let subscriber = tracing_subscriber::fmt()
        .json()
        .with_max_level(tracing::Level::INFO)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let app = TestApp::new().await;
    app.migrant(PHONE).await;
    let anon = app.anonymous();
    let r = anon.call::<RequestReset>(&[("login", PHONE)]).await.ok();
    let worker = server::outbox::Worker::new(app.db.clone(), server::outbox::Transports::log());
    assert_eq!(worker.run_once().await.unwrap(), 1);

    let text = log.text();
    let line: Value = text
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .find(|l| l["fields"]["message"] == "outbox message")
        .unwrap_or_else(|| panic!("no outbox line in {text}"));
    assert_eq!(line["fields"]["channel"], "sms");
    assert_eq!(line["fields"]["to"], PHONE);
    assert_eq!(line["fields"]["kind"], "resetcode");
    let body = line["fields"]["text"].as_str().unwrap();
    assert!(body.contains("parolni tiklash kodingiz"), "in the migrant's language: {body}");
    let code = code_in(body).expect("a code in the text");
    assert_eq!(text.matches(code.as_str()).count(), 1, "the code is in that line only");
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox WHERE status = 'sent' AND body = ''").await, 1);

    let r = anon
        .with_cookie(r.ticket_cookie().unwrap())
        .call::<ResetPassword>(&[("code", code.as_str()), ("new_password", NEW_PASSWORD)])
        .await
        .ok();
    assert!(r.session_cookie().is_some());
    app.sign_in(PHONE, NEW_PASSWORD).await;
}
