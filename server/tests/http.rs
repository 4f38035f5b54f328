//! HTTP-level tests of the server: languages, accounts, sessions, rate limits,
//! cross-site refusal, headers and the authorisation matrix of every server
//! function. They run on SQLite, and on PostgreSQL with `TEST_DATABASE_URL`.

mod common;

use app::accounts::Role;
use common::*;
use http::StatusCode;

fn html_lang(body: &str) -> Option<&str> {
    let i = body.find("<html")?;
    let tag = &body[i..i + body[i..].find('>')?];
    let j = tag.find("lang=\"")? + 6;
    Some(&tag[j..j + tag[j..].find('"')?])
}

#[tokio::test]
async fn health_reports_the_database() {
    let app = TestApp::new().await;
    let r = app.get("/healthz", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["database"], "ok", "{} on {}", r.body, app.backend());
}

#[tokio::test]
async fn language_is_cookie_then_accept_language_then_uzbek() {
    let app = TestApp::new().await;
    let r = app.get("/", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(html_lang(&r.body), Some("uz"));
    assert_eq!(r.body.matches("lang=\"").filter(|_| true).count() >= 1, true);
    assert_eq!(r.body[..r.body.find('>').unwrap_or(0) + 200].matches("<html").count(), 1);
    assert!(r.body.contains("Roʻyxatdan oʻtish"), "Uzbek text rendered");

    let req = http::Request::get("/")
        .header("host", HOST)
        .header("accept-language", "tr-TR,tr;q=0.9")
        .body(axum::body::Body::empty())
        .unwrap();
    let r = app.send(req).await;
    assert_eq!(html_lang(&r.body), Some("tr"));
    assert!(r.body.contains("Kayıt ol"), "Turkish text rendered");

    let req = http::Request::get("/")
        .header("host", HOST)
        .header("accept-language", "tr-TR")
        .header("cookie", "i18n_pref_locale=uz")
        .body(axum::body::Body::empty())
        .unwrap();
    assert_eq!(html_lang(&app.send(req).await.body), Some("uz"), "cookie beats header");
}

#[tokio::test]
async fn language_switch_works_as_a_plain_form() {
    let app = TestApp::new().await;
    let r = app.form_post("set_language", &[("lang", "tr"), ("next", "/signin?next=/account")], None, "/signin").await;
    assert_eq!(r.status, StatusCode::FOUND);
    assert_eq!(r.header("location"), Some("/signin?next=/account"));
    let cookie = r.set_cookies().into_iter().find(|c| c.starts_with("i18n_pref_locale=tr")).expect("cookie");
    assert!(cookie.contains("SameSite=Lax") && cookie.contains("Path=/"));
    let page = app.get("/signin", Some("i18n_pref_locale=tr")).await;
    assert_eq!(html_lang(&page.body), Some("tr"));

    // Off-site `next` is not followed; a bad language changes nothing.
    let r = app.form_post("set_language", &[("lang", "tr"), ("next", "//evil.example/")], None, "/").await;
    assert_eq!(r.header("location"), Some("/"));
    let r = app.form_post("set_language", &[("lang", "xx"), ("next", "/")], None, "/").await;
    assert!(r.set_cookies().iter().all(|c| !c.starts_with("i18n_pref_locale")));
    assert_eq!(r.header("location"), Some("/?error=invalid_input"));
}

#[tokio::test]
async fn migrant_sign_up_stores_account_consent_and_argon2id_hash() {
    let app = TestApp::new().await;
    let cookie = app.sign_up_migrant("Aziz Karimov", "+998 90 123 45 67").await;
    assert_eq!(app.current_login(&cookie).await.as_deref(), Some("+998901234567"));
    assert_eq!(app.count("SELECT COUNT(*) FROM users WHERE phone = '+998901234567' AND role = 'migrant'").await, 1);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM consents WHERE notice_version = '2026-11-29' AND withdrawn_at IS NULL").await,
        1
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM users WHERE password_hash LIKE '$argon2id$v=19$m=19456,t=2,p=1$%'").await, 1);
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM users WHERE password_hash LIKE '%{PASSWORD}%'")).await, 0);
}

#[tokio::test]
async fn session_cookie_is_httponly_samesite_and_stored_hashed() {
    let app = TestApp::new().await;
    let r = app
        .call("sign_up_employer", &[("name", "Ayşe Kaya"), ("email", "IK@Firma.com.tr"), ("password", PASSWORD), ("consent", "yes")], None)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let set = r.set_cookies().into_iter().find(|c| c.starts_with("kopru_session=")).unwrap();
    assert!(set.contains("HttpOnly") && set.contains("SameSite=Lax") && set.contains("Path=/"), "{set}");
    let token = set.split(';').next().unwrap().trim_start_matches("kopru_session=");
    assert!(token.len() >= 43, "256-bit token");
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM sessions WHERE id = '{token}'")).await, 0, "raw token not stored");
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM users WHERE email = 'ik@firma.com.tr' AND role = 'employer'").await, 1);
}

#[tokio::test]
async fn bad_sign_ups_are_refused_and_change_nothing() {
    let app = TestApp::new().await;
    let cases: &[(&str, &[(&str, &str)], &str)] = &[
        ("sign_up_migrant", &[("name", "A"), ("phone", "+7 912 345 67 89"), ("password", PASSWORD), ("consent", "yes")], "InvalidPhone"),
        ("sign_up_migrant", &[("name", "A"), ("phone", "+998901234567"), ("password", "password"), ("consent", "yes")], "PasswordTooCommon"),
        ("sign_up_migrant", &[("name", "A"), ("phone", "+998901234567"), ("password", "short")], "PasswordTooShort"),
        ("sign_up_migrant", &[("name", "A"), ("phone", "+998901234567"), ("password", PASSWORD)], "ConsentRequired"),
        ("sign_up_migrant", &[("name", " "), ("phone", "+998901234567"), ("password", PASSWORD), ("consent", "yes")], "NameRequired"),
        ("sign_up_employer", &[("name", "A"), ("email", "not-an-email"), ("password", PASSWORD), ("consent", "yes")], "InvalidEmail"),
        ("sign_up_migrant", &[("phone", "+998901234567")], "InvalidInput"),
    ];
    for (endpoint, form, want) in cases {
        let r = app.call(endpoint, form, None).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{endpoint} {form:?}: {}", r.body);
        assert_eq!(r.json(), serde_json::json!(want), "{form:?}");
        assert!(r.session_cookie().is_none());
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM users").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM consents").await, 0);

    // Without JavaScript the browser goes back to the form, which names the error.
    let r = app
        .form_post("sign_up_migrant", &[("name", "A"), ("phone", "12"), ("password", PASSWORD), ("consent", "yes")], None, "/signup")
        .await;
    assert_eq!(r.status, StatusCode::FOUND);
    assert_eq!(r.header("location"), Some("/signup?error=invalid_phone"));
    let page = app.get("/signup?error=invalid_phone", None).await;
    assert!(page.body.contains("Telefon raqamini +998 yoki +90 bilan toʻliq kiriting."), "message shown");
    assert!(page.body.contains("aria-describedby=\"phone-hint phone-error\""), "tied to its field");
}

#[tokio::test]
async fn sign_in_rotates_the_session_and_sign_out_kills_it() {
    let app = TestApp::new().await;
    let first = app.sign_up_migrant("Aziz", "+998901234567").await;
    // Signing in from the same browser replaces its session id.
    let r = app
        .call("sign_in", &[("login", "+998 90 123 45 67"), ("password", PASSWORD)], Some(&first))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let second = r.session_cookie().unwrap();
    assert_ne!(first, second);
    assert_eq!(app.current_login(&first).await, None, "old id is dead");
    assert_eq!(app.current_login(&second).await.as_deref(), Some("+998901234567"));

    let r = app.call("sign_out", &[], Some(&second)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.set_cookies().iter().any(|c| c.starts_with("kopru_session=;") && c.contains("Max-Age=0")));
    assert_eq!(app.current_login(&second).await, None, "replayed cookie refused");
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions").await, 0);
}

#[tokio::test]
async fn sessions_survive_a_restart() {
    let app = TestApp::new().await;
    let cookie = app.sign_up_migrant("Aziz", "+998901234567").await;
    // A second server on the same database (a restart, or another instance).
    let config = server::config::Config {
        database_url: String::new(),
        secret: b"test-secret-test-secret-test-secret!".to_vec(),
        production: false,
        trust_proxy: true,
        max_failures_per_ip: 1000,
        log_json: false,
    };
    let other = server::router(
        &config,
        server::state(&config, app.db.clone()),
        leptos::config::LeptosOptions::builder().output_name("kopru").build(),
    );
    let again = TestApp { router: other, state: app.state.clone(), db: app.db.clone(), ..app };
    assert_eq!(again.current_login(&cookie).await.as_deref(), Some("+998901234567"));
}

#[tokio::test]
async fn wrong_password_and_unknown_account_look_the_same() {
    let app = TestApp::new().await;
    app.sign_up_migrant("Aziz", "+998901234567").await;
    let wrong = app.call("sign_in", &[("login", "+998901234567"), ("password", "not-the-password")], None).await;
    let unknown = app.call("sign_in", &[("login", "+998909999999"), ("password", "not-the-password")], None).await;
    let unknown_mail = app.call("sign_in", &[("login", "nobody@firma.com"), ("password", "not-the-password")], None).await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    for r in [&unknown, &unknown_mail] {
        assert_eq!(r.status, wrong.status);
        assert_eq!(r.body, wrong.body);
        assert!(r.session_cookie().is_none());
    }
    assert_eq!(wrong.json(), serde_json::json!("BadCredentials"));
}

#[tokio::test]
async fn change_password_ends_every_other_session() {
    let app = TestApp::new().await;
    let phone_cookie = app.sign_up_migrant("Aziz", "+998901234567").await;
    let laptop = app.sign_in("+998901234567", PASSWORD).await;
    let r = app
        .call("change_password", &[("current_password", "wrong-one!"), ("new_password", "yangi-parol-2026")], Some(&laptop))
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let r = app
        .call("change_password", &[("current_password", PASSWORD), ("new_password", "yangi-parol-2026")], Some(&laptop))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let fresh = r.session_cookie().expect("new session for this browser");
    assert_eq!(app.current_login(&phone_cookie).await, None);
    assert_eq!(app.current_login(&laptop).await, None);
    assert_eq!(app.current_login(&fresh).await.as_deref(), Some("+998901234567"));
    let old = app.call("sign_in", &[("login", "+998901234567"), ("password", PASSWORD)], None).await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);
    app.sign_in("+998901234567", "yangi-parol-2026").await;
}

#[tokio::test]
async fn failed_sign_ins_are_limited_per_account() {
    let app = TestApp::new().await;
    app.sign_up_migrant("Aziz", "+998901234567").await;
    for i in 0..100 {
        // Spread over addresses so only the per-account limit applies.
        let ip = format!("198.51.100.{}", i % 50);
        let r = app.call_from("sign_in", &[("login", "+998901234567"), ("password", "guess-guess")], None, &ip).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    // The 101st, even with the right password, is refused.
    let r = app.call_from("sign_in", &[("login", "+998901234567"), ("password", PASSWORD)], None, "192.0.2.1").await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(r.json(), serde_json::json!("RateLimited"));
    assert!(r.session_cookie().is_none());
    // An unknown account is limited the same way (no enumeration through the limit).
    for _ in 0..100 {
        app.call_from("sign_in", &[("login", "+998909999999"), ("password", "x-x-x-x-x")], None, "192.0.2.2").await;
    }
    let r = app.call_from("sign_in", &[("login", "+998909999999"), ("password", "x-x-x-x-x")], None, "192.0.2.3").await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn failed_sign_ins_are_limited_per_address() {
    let app = TestApp::with(Opts { max_failures_per_ip: 5 }).await;
    app.sign_up_migrant("Aziz", "+998901234567").await;
    for i in 0..5 {
        let login = format!("+99890000000{i}");
        let r = app.call_from("sign_in", &[("login", &login), ("password", "guess-guess")], None, "192.0.2.9").await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let r = app.call_from("sign_in", &[("login", "+998901234567"), ("password", PASSWORD)], None, "192.0.2.9").await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    // Another address is not affected.
    let r = app.call_from("sign_in", &[("login", "+998901234567"), ("password", PASSWORD)], None, "192.0.2.10").await;
    assert_eq!(r.status, StatusCode::OK);
}

#[tokio::test]
async fn cross_site_posts_are_refused() {
    let app = TestApp::new().await;
    let form = common::encode(&[("name", "X"), ("phone", "+998901234567"), ("password", PASSWORD), ("consent", "yes")]);
    for (origin, fetch_site) in [(Some("https://evil.example"), None), (None, Some("cross-site")), (Some("null"), None)] {
        let mut b = http::Request::post("/api/sign_up_migrant")
            .header("host", HOST)
            .header("content-type", "application/x-www-form-urlencoded");
        if let Some(o) = origin {
            b = b.header("origin", o);
        }
        if let Some(s) = fetch_site {
            b = b.header("sec-fetch-site", s);
        }
        let r = app.send(b.body(axum::body::Body::from(form.clone())).unwrap()).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{origin:?} {fetch_site:?}");
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM users").await, 0);
    // The same request from the site itself goes through.
    assert_eq!(app.call("sign_up_migrant", &[("name", "X"), ("phone", "+998901234567"), ("password", PASSWORD), ("consent", "yes")], None).await.status, StatusCode::OK);
}

#[tokio::test]
async fn state_changing_functions_refuse_get() {
    let app = TestApp::new().await;
    for endpoint in ["sign_in", "sign_out", "sign_up_migrant", "change_password", "create_staff_account", "update_contact", "set_language"] {
        let r = app.get(&format!("/api/{endpoint}?login=a&password=b"), None).await;
        assert!(r.status == StatusCode::METHOD_NOT_ALLOWED || r.status == StatusCode::NOT_FOUND || r.status == StatusCode::BAD_REQUEST,
            "{endpoint}: {}", r.status);
        assert_ne!(r.status, StatusCode::OK);
    }
}

#[tokio::test]
async fn pages_carry_security_headers_and_a_csp_nonce() {
    let app = TestApp::new().await;
    let r = app.get("/", None).await;
    let csp = r.header("content-security-policy").expect("CSP");
    for part in ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"] {
        assert!(csp.contains(part), "{csp}");
    }
    let nonce = csp.split("'nonce-").nth(1).and_then(|s| s.split('\'').next()).expect("nonce in CSP");
    assert!(nonce.len() >= 16);
    assert!(r.body.contains(&format!("nonce=\"{nonce}\"")), "scripts carry the response's nonce");
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(r.header("referrer-policy"), Some("same-origin"));
    assert_eq!(r.header("cache-control"), Some("no-store"));
    assert!(r.header("x-request-id").is_some_and(|v| !v.is_empty()));
    let other = app.get("/", None).await;
    assert_ne!(other.header("content-security-policy"), Some(csp), "a new nonce per response");
}

#[tokio::test]
async fn pages_are_compressed() {
    let app = TestApp::new().await;
    let req = http::Request::get("/")
        .header("host", HOST)
        .header("accept-encoding", "br, gzip")
        .body(axum::body::Body::empty())
        .unwrap();
    let r = app.send(req).await;
    assert_eq!(r.header("content-encoding"), Some("br"));
}

#[tokio::test]
async fn emergency_contacts_come_from_the_database_on_every_page() {
    let app = TestApp::new().await;
    for path in ["/", "/signin", "/signup", "/privacy", "/no-such-page"] {
        let r = app.get(path, None).await;
        assert!(r.body.contains("href=\"tel:+903120000000\""), "{path}");
    }
    let staff = app.user(Role::Staff, "staff@kopru.example").await;
    let r = app.call("update_contact", &[("kind", "embassy"), ("phone", "+90 312 441 38 71")], Some(&staff)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let page = app.get("/signin", None).await;
    assert!(page.body.contains("href=\"tel:+903124413871\""));
    assert!(page.body.contains("+90 312 441 38 71"));
    let r = app.call("update_contact", &[("kind", "embassy"), ("phone", "call us")], Some(&staff)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn unknown_pages_are_404_in_the_language() {
    let app = TestApp::new().await;
    let r = app.get("/no-such-page", Some("i18n_pref_locale=tr")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.body.contains("Sayfa bulunamadı."));
}

/// Every server function × every role (and no session): the expected answer,
/// refusals as explicit as grants.
#[tokio::test]
async fn authorisation_matrix_over_http() {
    let app = TestApp::new().await;
    let migrant = app.user(Role::Migrant, "+998901112233").await;
    let employer = app.user(Role::Employer, "ik@firma.com.tr").await;
    let staff = app.user(Role::Staff, "staff@kopru.example").await;
    let admin = app.user(Role::Admin, "admin@kopru.example").await;
    let who: [(&str, Option<&str>); 5] =
        [("none", None), ("migrant", Some(&migrant)), ("employer", Some(&employer)), ("staff", Some(&staff)), ("admin", Some(&admin))];

    const OK: u16 = 200;
    const NO_SESSION: u16 = 401;
    const FORBIDDEN: u16 = 403;
    // (endpoint, form, [none, migrant, employer, staff, admin])
    let mut n = 0;
    let matrix: Vec<(&str, Vec<(&str, String)>, [u16; 5])> = vec![
        ("current_user", vec![], [OK, OK, OK, OK, OK]),
        ("emergency_contacts", vec![], [OK, OK, OK, OK, OK]),
        ("staff_accounts", vec![], [NO_SESSION, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK]),
        (
            "create_staff_account",
            vec![("name", "Yangi Xodim".into()), ("email", "NEW".into()), ("role", "staff".into()), ("password", PASSWORD.into())],
            [NO_SESSION, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK],
        ),
        (
            "update_contact",
            vec![("kind", "hotline".into()), ("phone", "+998 71 200 00 00".into())],
            [NO_SESSION, FORBIDDEN, FORBIDDEN, OK, OK],
        ),
        (
            "change_password",
            vec![("current_password", PASSWORD.into()), ("new_password", PASSWORD.into())],
            [NO_SESSION, OK, OK, OK, OK],
        ),
    ];
    for (endpoint, form, expected) in &matrix {
        for ((label, cookie), want) in who.iter().zip(expected) {
            n += 1;
            let form: Vec<(&str, String)> = form
                .iter()
                .map(|(k, v)| (*k, if v == "NEW" { format!("new{n}@kopru.example") } else { v.clone() }))
                .collect();
            let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let r = app.call(endpoint, &pairs, *cookie).await;
            assert_eq!(r.status.as_u16(), *want, "{endpoint} as {label}: {}", r.body);
            if *want != OK {
                let expected_err = if *want == NO_SESSION { "NotSignedIn" } else { "Forbidden" };
                assert_eq!(r.json(), serde_json::json!(expected_err), "{endpoint} as {label}");
            }
        }
    }
    // Refused calls changed nothing: only the admin's staff account exists, besides the test users.
    assert_eq!(app.count("SELECT COUNT(*) FROM users WHERE email LIKE 'new%@kopru.example'").await, 1);
    // Sign-out: every session holder may, no session may not.
    assert_eq!(app.call("sign_out", &[], None).await.status, StatusCode::UNAUTHORIZED);
    // (change_password above ended the sessions it was called with: sign in afresh.)
    for login in ["+998901112233", "ik@firma.com.tr", "staff@kopru.example", "admin@kopru.example"] {
        let cookie = app.sign_in(login, PASSWORD).await;
        assert_eq!(app.call("sign_out", &[], Some(&cookie)).await.status, StatusCode::OK, "{login}");
    }
}

#[tokio::test]
async fn current_user_sees_only_its_own_account() {
    let app = TestApp::new().await;
    let a = app.sign_up_migrant("Aziz", "+998901234567").await;
    let b = app.sign_up_migrant("Bekzod", "+905321234567").await;
    assert_eq!(app.current_login(&a).await.as_deref(), Some("+998901234567"));
    assert_eq!(app.current_login(&b).await.as_deref(), Some("+905321234567"));
    assert_eq!(app.current_login("kopru_session=forged-token-value").await, None);
}

#[tokio::test]
async fn staff_pages_refuse_other_roles() {
    let app = TestApp::new().await;
    let migrant = app.user(Role::Migrant, "+998901112233").await;
    let admin = app.user(Role::Admin, "admin@kopru.example").await;
    let page = app.get("/admin/accounts", Some(&migrant)).await;
    assert!(page.body.contains("Bu amal uchun ruxsatingiz yoʻq."));
    assert!(!page.body.contains("admin@kopru.example"));
    let page = app.get("/admin/accounts", Some(&admin)).await;
    assert!(page.body.contains("admin@kopru.example"));
}

/// The run really used the database it was asked for (so the PostgreSQL pass
/// of `make test` cannot silently fall back to SQLite).
#[tokio::test]
async fn tests_run_on_the_requested_database() {
    let app = TestApp::new().await;
    let want = match std::env::var("TEST_DATABASE_URL") {
        Ok(u) if u.starts_with("postgres") => "postgres",
        _ => "sqlite",
    };
    assert_eq!(app.backend(), want);
    println!("database backend: {}", app.backend());
}
