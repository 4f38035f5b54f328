//! Accounts over HTTP: sign-up, sign-in, sign-out, sessions (rotation,
//! restarts, expiry, production cookies), password change and the sign-in
//! rate limits. They run on SQLite, and on PostgreSQL with `TEST_DATABASE_URL`.

mod common;

use common::*;
use http::StatusCode;

#[tokio::test]
async fn migrant_sign_up_stores_account_consent_and_argon2id_hash() {
    let app = TestApp::new().await;
    let aziz = app.sign_up_migrant("Aziz Karimov", "+998 90 123 45 67").await;
    assert_eq!(aziz.current_login().await.as_deref(), Some("+998901234567"));
    assert_eq!(aziz.role(), Some(Role::Migrant));
    assert_eq!(app.count("SELECT COUNT(*) FROM users WHERE phone = '+998901234567' AND role = 'migrant'").await, 1);
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM consents WHERE notice_version = '{}' AND withdrawn_at IS NULL",
            app::accounts::PRIVACY_NOTICE_VERSION
        ))
        .await,
        1
    );
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM consents WHERE user_id = {}", aziz.id())).await, 1);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM users WHERE password_hash LIKE '$argon2id$v=19$m=19456,t=2,p=1$%'").await,
        1
    );
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM users WHERE password_hash LIKE '%{PASSWORD}%'")).await, 0);
}

#[tokio::test]
async fn session_cookie_is_httponly_samesite_and_stored_hashed() {
    let app = TestApp::new().await;
    let r = app
        .anonymous()
        .call::<SignUpEmployer>(&[
            ("name", "Ayşe Kaya"),
            ("email", "IK@Firma.com.tr"),
            ("password", PASSWORD),
            ("consent", "yes"),
        ])
        .await
        .ok();
    assert!(r.session_set_cookie().is_none(), "no session before the e-mail is proved");
    let ticket = r.set_cookies().into_iter().find(|c| c.starts_with("kopru_ticket=")).expect("a ticket");
    assert!(
        ticket.contains("HttpOnly") && ticket.contains("SameSite=Lax") && ticket.contains("Max-Age=900"),
        "{ticket}"
    );
    let r = app.verify_reply(&r, "ik@firma.com.tr").await.ok();
    let set = r.session_set_cookie().expect("session cookie");
    assert!(set.starts_with("kopru_session="), "development name: {set}");
    assert!(set.contains("HttpOnly") && set.contains("SameSite=Lax") && set.contains("Path=/"), "{set}");
    assert!(!set.contains("Secure"), "no Secure over plain HTTP in development: {set}");
    let token = set.split(';').next().unwrap().trim_start_matches("kopru_session=");
    assert!(token.len() >= 43, "256-bit token");
    assert_eq!(
        app.count(&format!("SELECT COUNT(*) FROM sessions WHERE id = '{token}'")).await,
        0,
        "raw token not stored"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM users WHERE email = 'ik@firma.com.tr' AND role = 'employer'").await, 1);
}

#[tokio::test]
async fn bad_sign_ups_are_refused_and_change_nothing() {
    let app = TestApp::new().await;
    let anon = app.anonymous();
    // (employer?, form, error)
    type Case<'a> = (bool, &'a [(&'a str, &'a str)], &'a str);
    let cases: &[Case] = &[
        (
            false,
            &[("name", "A"), ("phone", "+7 912 345 67 89"), ("password", PASSWORD), ("consent", "yes")],
            "InvalidPhone",
        ),
        (
            false,
            &[("name", "A"), ("phone", "+998901234567"), ("password", "password"), ("consent", "yes")],
            "PasswordTooCommon",
        ),
        (
            false,
            &[("name", "A"), ("phone", "+998901234567"), ("password", "short"), ("consent", "yes")],
            "PasswordTooShort",
        ),
        (false, &[("name", "A"), ("phone", "+998901234567"), ("password", PASSWORD)], "ConsentRequired"),
        (
            false,
            &[("name", " "), ("phone", "+998901234567"), ("password", PASSWORD), ("consent", "yes")],
            "NameRequired",
        ),
        (true, &[("name", "A"), ("email", "not-an-email"), ("password", PASSWORD), ("consent", "yes")], "InvalidEmail"),
        (false, &[("phone", "+998901234567")], "InvalidInput"),
    ];
    for (employer, form, want) in cases {
        let r =
            if *employer { anon.call::<SignUpEmployer>(*form).await } else { anon.call::<SignUpMigrant>(*form).await };
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{form:?}: {}", r.body);
        r.assert_err(want);
        assert!(r.session_cookie().is_none());
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM users").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM consents").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions").await, 0);

    // Without JavaScript the browser goes back to the form, which names the error.
    let r = anon
        .form_post::<SignUpMigrant>(
            &[("name", "A"), ("phone", "12"), ("password", PASSWORD), ("consent", "yes")],
            "/signup",
        )
        .await;
    assert_eq!(r.status, StatusCode::FOUND);
    assert_eq!(r.header("location"), Some("/signup?error=invalid_phone"));
    let page = anon.page("/signup?error=invalid_phone").await;
    assert!(
        page.body.contains("Telefon raqamini toʻliq kiriting, masalan 90 123 45 67 yoki 0532 123 45 67."),
        "message shown"
    );
    assert!(page.body.contains("aria-describedby=\"phone-hint phone-error\""), "tied to its field");
}

/// A refused form comes back with every error at once, each by its field, and
/// with what was typed — except the password — for this browser only.
#[tokio::test]
async fn a_refused_sign_up_comes_back_filled_in_with_every_error() {
    let app = TestApp::new().await;
    let anon = app.anonymous();
    let r = anon.call::<SignUpMigrant>(&[("name", " "), ("phone", "12"), ("password", "short")]).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    r.assert_fields(&[
        ("name", "NameRequired"),
        ("phone", "InvalidPhone"),
        ("password", "PasswordTooShort"),
        ("consent", "ConsentRequired"),
    ]);

    let typed = [("name", "Ali Valiyev"), ("phone", "90 123"), ("password", "s3cr-t"), ("next", "/vacancies/7")];
    let r = anon.form_post::<SignUpMigrant>(&typed, "/signup?next=%2Fvacancies%2F7").await;
    assert_eq!(r.status, StatusCode::FOUND);
    assert_eq!(
        r.header("location"),
        Some("/signup?next=%2Fvacancies%2F7&error=invalid_phone&error=password_too_short&error=consent_required")
    );
    let kept = r.set_cookies().into_iter().find(|c| c.starts_with("kopru_form=")).expect("the form is kept");
    assert!(kept.contains("HttpOnly") && kept.contains("Max-Age=900"), "{kept}");
    let cookie = kept.split(';').next().unwrap().to_string();
    let back = r.header("location").unwrap().to_string();

    let page = app.page_with_cookie(&back, &cookie).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("value=\"Ali Valiyev\""), "the name is back");
    assert!(page.body.contains("value=\"90 123\""), "the phone is back");
    assert!(!page.body.contains("s3cr-t"), "never the password");
    for id in ["phone-error", "password-error", "consent-error"] {
        assert!(page.body.contains(&format!("id=\"{id}\"")), "{id} next to its field");
    }
    assert!(page.body.contains("aria-describedby=\"phone-hint phone-error\""));
    assert!(page.body.contains("href=\"#consent\""), "the summary links to each field");

    // Another browser (no cookie), or the page without errors, shows nothing typed.
    assert!(!app.page_with_cookie(&back, "kopru_form=0123").await.body.contains("Ali Valiyev"));
    assert!(!app.page_with_cookie("/signup", &cookie).await.body.contains("Ali Valiyev"));

    // Once the form goes through, the kept copy is dropped.
    let ok = [
        ("name", "Ali Valiyev"),
        ("phone", "90 123 45 67"),
        ("password", PASSWORD),
        ("consent", "yes"),
        ("next", "/vacancies/7"),
    ];
    let r = anon.with_cookie(cookie.clone()).form_post::<SignUpMigrant>(&ok, "/signup").await;
    assert_eq!(r.status, StatusCode::FOUND);
    assert_eq!(r.header("location"), Some("/verify?next=%2Fvacancies%2F7"), "the code, then the vacancy");
    assert!(r.set_cookies().iter().any(|c| c.starts_with("kopru_form=;") && c.contains("Max-Age=0")));
    assert!(!app.page_with_cookie(&back, &cookie).await.body.contains("Ali Valiyev"));
}

/// The same phone number or e-mail address cannot open a second account, in
/// any spelling; the attempt is answered as a new sign-up (see `trust.rs`)
/// and stores nothing (no account, no consent, no session).
#[tokio::test]
async fn signing_up_twice_with_the_same_phone_or_email_makes_no_second_account() {
    let app = TestApp::new().await;
    let anon = app.anonymous();
    let aziz = app.sign_up_migrant("Aziz Karimov", "+998 90 123 45 67").await;
    for phone in ["+998901234567", "+998 90 123-45-67"] {
        let r = anon
            .call::<SignUpMigrant>(&[
                ("name", "Boshqa Odam"),
                ("phone", phone),
                ("password", PASSWORD),
                ("consent", "yes"),
            ])
            .await
            .ok();
        assert!(r.session_cookie().is_none(), "{phone}");
    }
    let r = anon
        .call::<SignUpEmployer>(&[
            ("name", "Ayşe Kaya"),
            ("email", "IK@Firma.com.tr"),
            ("password", PASSWORD),
            ("consent", "yes"),
        ])
        .await
        .ok();
    assert!(app.verify_reply(&r, "ik@firma.com.tr").await.ok().session_cookie().is_some());
    let r = anon
        .call::<SignUpEmployer>(&[
            ("name", "Başka Biri"),
            ("email", " ik@firma.com.tr "),
            ("password", PASSWORD),
            ("consent", "yes"),
        ])
        .await
        .ok();
    assert!(r.session_cookie().is_none());

    assert_eq!(app.count("SELECT COUNT(*) FROM users").await, 2, "one account per login");
    assert_eq!(app.count("SELECT COUNT(*) FROM users WHERE phone = '+998901234567'").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM users WHERE email = 'ik@firma.com.tr'").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM consents").await, 2, "no second consent");
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions").await, 2, "no session for a second sign-up");
    assert_eq!(app.count("SELECT COUNT(*) FROM users WHERE name = 'Boshqa Odam' OR name = 'Başka Biri'").await, 0);
    assert_eq!(app.messages_to("+998901234567", "logintaken").await, 2, "the owner is told instead");
    // The first account is untouched: its password and session still work.
    assert_eq!(aziz.current_login().await.as_deref(), Some("+998901234567"));
    app.sign_in("+998901234567", PASSWORD).await;
}

#[tokio::test]
async fn sign_in_rotates_the_session_and_sign_out_kills_it() {
    let app = TestApp::new().await;
    let first = app.sign_up_migrant("Aziz", "+998901234567").await;
    // Signing in from the same browser replaces its session id.
    let r = first.call::<SignIn>(&[("login", "+998 90 123 45 67"), ("password", PASSWORD)]).await.ok();
    let second = first.with_cookie(r.session_cookie().unwrap());
    assert_ne!(first.cookie(), second.cookie());
    assert_eq!(first.current_login().await, None, "old id is dead");
    assert_eq!(second.current_login().await.as_deref(), Some("+998901234567"));

    let r = second.call::<SignOut>(NO_ARGS).await.ok();
    assert!(r.set_cookies().iter().any(|c| c.starts_with("kopru_session=;") && c.contains("Max-Age=0")));
    assert_eq!(second.current_login().await, None, "replayed cookie refused");
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions").await, 0);
    second.call::<SignOut>(NO_ARGS).await.assert_err("NotSignedIn");
}

#[tokio::test]
async fn sessions_survive_a_restart() {
    let app = TestApp::new().await;
    let aziz = app.sign_up_migrant("Aziz", "+998901234567").await;
    let restarted = app.another_instance();
    assert_eq!(aziz.via(&restarted).current_login().await.as_deref(), Some("+998901234567"));
}

/// A session past its `expires_at` signs no one in, and `purge_expired`
/// removes it (and only it).
#[tokio::test]
async fn expired_sessions_no_longer_sign_in_and_are_purged() {
    use app::accounts::entity::session;
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

    let app = TestApp::new().await;
    let phone = app.sign_up_migrant("Aziz", "+998901234567").await;
    let laptop = app.sign_in("+998901234567", PASSWORD).await;
    let token = laptop.cookie().unwrap().split_once('=').unwrap().1.to_string();
    let hash = app::accounts::session::token_hash(&token);
    assert_eq!(app::accounts::session::purge_expired(&app.db).await.unwrap(), 0, "nothing expired yet");

    // The laptop's session ran out a minute ago.
    let past = chrono::Utc::now() - chrono::Duration::minutes(1);
    let changed = session::Entity::update_many()
        .col_expr(session::Column::ExpiresAt, Expr::value(past))
        .filter(session::Column::Id.eq(hash.clone()))
        .exec(&app.db)
        .await
        .unwrap();
    assert_eq!(changed.rows_affected, 1);
    assert_eq!(laptop.current_login().await, None, "an expired cookie signs no one in");
    laptop.call::<MyNotifications>(NO_ARGS).await.assert_err("NotSignedIn");
    let page = laptop.page("/account").await;
    assert!(!page.body.contains("+998901234567"), "the account page does not show the account");
    assert_eq!(phone.current_login().await.as_deref(), Some("+998901234567"), "the other session lives");

    assert_eq!(app::accounts::session::purge_expired(&app.db).await.unwrap(), 1);
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM sessions WHERE id = '{hash}'")).await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions").await, 1);
    assert_eq!(phone.current_login().await.as_deref(), Some("+998901234567"));
    assert_eq!(app::accounts::session::purge_expired(&app.db).await.unwrap(), 0);
}

/// In production the cookie is `__Host-kopru_session`, `Secure`, without a
/// Domain; the development name is not accepted there.
#[tokio::test]
async fn production_cookies_are_host_prefixed_and_secure() {
    let app = TestApp::with(Opts { production: true, ..Opts::default() }).await;
    assert_eq!(app.session_cookie_name(), "__Host-kopru_session");
    let r = app
        .anonymous()
        .call::<SignUpMigrant>(&[
            ("name", "Aziz"),
            ("phone", "+998901234567"),
            ("password", PASSWORD),
            ("consent", "yes"),
        ])
        .await
        .ok();
    let ticket = r.set_cookies().into_iter().find(|c| c.starts_with("__Host-kopru_ticket=")).expect("ticket");
    assert!(ticket.contains("Secure"), "{ticket}");
    let r = app.verify_reply(&r, "+998901234567").await.ok();
    let set = r.session_set_cookie().expect("session cookie");
    assert!(set.starts_with("__Host-kopru_session="), "{set}");
    let device = r.set_cookies().into_iter().find(|c| c.starts_with("__Host-kopru_device=")).expect("device");
    assert!(device.contains("Secure") && device.contains("HttpOnly"), "{device}");
    for part in ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(set.split(';').any(|p| p.trim() == part), "{part} in {set}");
    }
    assert!(!set.contains("Domain"), "__Host- cookies carry no Domain: {set}");
    let cookie = r.session_cookie().unwrap();
    let aziz = app.actor_from_cookie(cookie.clone()).await.expect("the __Host- cookie signs in");
    assert_eq!(aziz.login(), "+998901234567");
    // The same token under the development name is not a session here.
    let dev_name = cookie.trim_start_matches("__Host-").to_string();
    assert!(app.actor_from_cookie(dev_name).await.is_none());
    // Sign-in and sign-out set and clear the production cookie.
    let r = app.anonymous().call::<SignIn>(&[("login", "+998901234567"), ("password", PASSWORD)]).await.ok();
    assert!(r.session_set_cookie().unwrap().starts_with("__Host-kopru_session="));
    let r = aziz.call::<SignOut>(NO_ARGS).await.ok();
    let cleared =
        r.set_cookies().into_iter().find(|c| c.starts_with("__Host-kopru_session=;")).expect("clearing cookie");
    assert!(cleared.contains("Max-Age=0") && cleared.contains("Secure"), "{cleared}");
}

#[tokio::test]
async fn wrong_password_and_unknown_account_look_the_same() {
    let app = TestApp::new().await;
    app.sign_up_migrant("Aziz", "+998901234567").await;
    let anon = app.anonymous();
    let wrong = anon.call::<SignIn>(&[("login", "+998901234567"), ("password", "not-the-password")]).await;
    let unknown = anon.call::<SignIn>(&[("login", "+998909999999"), ("password", "not-the-password")]).await;
    let unknown_mail = anon.call::<SignIn>(&[("login", "nobody@firma.com"), ("password", "not-the-password")]).await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    for r in [&unknown, &unknown_mail] {
        assert_eq!(r.status, wrong.status);
        assert_eq!(r.body, wrong.body);
        assert!(r.session_cookie().is_none());
    }
    wrong.assert_err("BadCredentials");

    // What is neither a phone number nor an e-mail address is named as such (the
    // form alone decides: it says nothing of any account) and counts no attempt.
    let attempts = app.count("SELECT COUNT(*) FROM login_attempts").await;
    for login in ["12 34", "Aziz", "aziz@"] {
        let r = anon.call::<SignIn>(&[("login", login), ("password", "not-the-password")]).await;
        r.assert_fields(&[("login", "InvalidLogin")]);
        assert!(r.session_cookie().is_none());
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM login_attempts").await, attempts);
    let back = anon.form_post::<SignIn>(&[("login", "12 34"), ("password", "x")], "/signin").await;
    assert_eq!(back.header("location"), Some("/signin?error=invalid_login"));
    let page = anon.page("/signin?error=invalid_login").await;
    assert!(page.body.contains("aria-describedby=\"login-hint login-error\""), "tied to the field");
    assert!(page.body.contains("masalan 90 123 45 67) yoki e-pochta manzilini"));
}

#[tokio::test]
async fn change_password_ends_every_other_session() {
    let app = TestApp::new().await;
    let phone = app.sign_up_migrant("Aziz", "+998901234567").await;
    let laptop = app.sign_in("+998901234567", PASSWORD).await;
    let r = laptop
        .call::<ChangePassword>(&[("current_password", "wrong-one!"), ("new_password", "yangi-parol-2026")])
        .await;
    r.assert_err("BadCredentials");
    assert_eq!(phone.current_login().await.as_deref(), Some("+998901234567"), "a refused change ends nothing");
    let r = laptop.call::<ChangePassword>(&[("current_password", PASSWORD), ("new_password", "short")]).await;
    r.assert_err("PasswordTooShort");
    let r = laptop
        .call::<ChangePassword>(&[("current_password", PASSWORD), ("new_password", "yangi-parol-2026")])
        .await
        .ok();
    let fresh = laptop.with_cookie(r.session_cookie().expect("new session for this browser"));
    assert_eq!(phone.current_login().await, None);
    assert_eq!(laptop.current_login().await, None);
    assert_eq!(fresh.current_login().await.as_deref(), Some("+998901234567"));
    let old = app.anonymous().call::<SignIn>(&[("login", "+998901234567"), ("password", PASSWORD)]).await;
    old.assert_err("BadCredentials");
    app.sign_in("+998901234567", "yangi-parol-2026").await;
}

#[tokio::test]
async fn failed_sign_ins_are_limited_per_account() {
    let app = TestApp::new().await;
    app.sign_up_migrant("Aziz", "+998901234567").await;
    let anon = app.anonymous();
    for i in 0..100 {
        // Spread over addresses so only the per-account limit applies.
        let ip = format!("198.51.100.{}", i % 50);
        let r = anon.call_from::<SignIn>(&[("login", "+998901234567"), ("password", "guess-guess")], &ip).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    // The 101st, even with the right password, is refused.
    let r = anon.call_from::<SignIn>(&[("login", "+998901234567"), ("password", PASSWORD)], "192.0.2.1").await;
    r.assert_err("RateLimited");
    assert!(r.session_cookie().is_none());
    // An unknown account is limited the same way (no enumeration through the limit).
    for i in 0..100 {
        let ip = format!("198.51.100.{}", i % 50);
        anon.call_from::<SignIn>(&[("login", "+998909999999"), ("password", "x-x-x-x-x")], &ip).await;
    }
    let r = anon.call_from::<SignIn>(&[("login", "+998909999999"), ("password", "x-x-x-x-x")], "192.0.2.3").await;
    r.assert_err("RateLimited");
}

#[tokio::test]
async fn failed_sign_ins_are_limited_per_address() {
    let app = TestApp::with(Opts { max_failures_per_ip: 5, ..Opts::default() }).await;
    app.sign_up_migrant("Aziz", "+998901234567").await;
    let anon = app.anonymous();
    for i in 0..5 {
        let login = format!("+99890000000{i}");
        let r = anon.call_from::<SignIn>(&[("login", login.as_str()), ("password", "guess-guess")], "192.0.2.9").await;
        r.assert_err("BadCredentials");
    }
    let r = anon.call_from::<SignIn>(&[("login", "+998901234567"), ("password", PASSWORD)], "192.0.2.9").await;
    r.assert_err("RateLimited");
    // Another address is not affected.
    anon.call_from::<SignIn>(&[("login", "+998901234567"), ("password", PASSWORD)], "192.0.2.10").await.ok();
}

/// Without `trust_proxy`, `X-Forwarded-For` is ignored: the per-address limit
/// counts the connection's peer address, and without one (as in these
/// in-process requests) the fallback "unknown", whatever the header claims.
/// Behind the trusted proxy the client is the last `X-Forwarded-For` entry
/// (the one the proxy appended): addresses the client wrote in front of it do
/// not get round the per-address limit.
#[tokio::test]
async fn behind_a_proxy_the_last_forwarded_address_counts() {
    let app = TestApp::with(Opts { trust_proxy: true, max_failures_per_ip: 3, ..Opts::default() }).await;
    app.sign_up_migrant("Aziz", "+998901234567").await;
    let anon = app.anonymous();
    for i in 0..3 {
        let login = format!("+99890000002{i}");
        let spoofed = format!("10.0.0.{i}, 203.0.113.50");
        anon.call_from::<SignIn>(&[("login", login.as_str()), ("password", "guess-guess")], &spoofed)
            .await
            .assert_err("BadCredentials");
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM login_attempts WHERE ip = '203.0.113.50'").await, 3);
    let good = [("login", "+998901234567"), ("password", PASSWORD)];
    anon.call_from::<SignIn>(&good, "10.9.9.9, 203.0.113.50").await.assert_err("RateLimited");
    anon.call_from::<SignIn>(&good, "203.0.113.50, 203.0.113.51").await.ok();
}

#[tokio::test]
async fn without_trust_proxy_forwarded_for_is_ignored() {
    use axum::extract::ConnectInfo;
    use std::net::SocketAddr;

    let app = TestApp::with(Opts { trust_proxy: false, max_failures_per_ip: 3, ..Opts::default() }).await;
    app.sign_up_migrant("Aziz", "+998901234567").await;
    let anon = app.anonymous();
    let peer = |ip: &str| ConnectInfo(SocketAddr::new(ip.parse().unwrap(), 40000));

    // No peer address: three failures, each claiming another address, all count as "unknown".
    for (i, xff) in ["192.0.2.21", "192.0.2.22", "192.0.2.23"].into_iter().enumerate() {
        let login = format!("+99890000000{i}");
        anon.call_from::<SignIn>(&[("login", login.as_str()), ("password", "guess-guess")], xff)
            .await
            .assert_err("BadCredentials");
    }
    let r = anon.call_from::<SignIn>(&[("login", "+998901234567"), ("password", PASSWORD)], "192.0.2.24").await;
    r.assert_err("RateLimited");
    assert_eq!(app.count("SELECT COUNT(*) FROM login_attempts WHERE ip = 'unknown'").await, 3);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM login_attempts WHERE ip LIKE '192.0.2.%'").await,
        0,
        "the header is never recorded"
    );

    // With a peer address, that address counts, not the header.
    let from_peer = |ip: &'static str, xff: &'static str| {
        move |b: http::request::Builder| b.extension(peer(ip)).header("x-forwarded-for", xff)
    };
    for i in 0..3 {
        let login = format!("+99890000001{i}");
        anon.call_with::<SignIn>(
            &[("login", login.as_str()), ("password", "guess-guess")],
            from_peer("198.51.100.2", "192.0.2.30"),
        )
        .await
        .assert_err("BadCredentials");
    }
    let good = [("login", "+998901234567"), ("password", PASSWORD)];
    anon.call_with::<SignIn>(&good, from_peer("198.51.100.2", "192.0.2.31")).await.assert_err("RateLimited");
    // Another peer claiming the limited address in the header is not limited.
    anon.call_with::<SignIn>(&good, from_peer("198.51.100.3", "198.51.100.2")).await.ok();
    assert_eq!(app.count("SELECT COUNT(*) FROM login_attempts WHERE ip = '198.51.100.2'").await, 3);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM login_attempts WHERE ip = '198.51.100.3' AND succeeded = true").await,
        1
    );
}

#[tokio::test]
async fn current_user_sees_only_its_own_account() {
    let app = TestApp::new().await;
    let a = app.sign_up_migrant("Aziz", "+998901234567").await;
    let b = app.sign_up_migrant("Bekzod", "+905321234567").await;
    assert_eq!(a.current_login().await.as_deref(), Some("+998901234567"));
    assert_eq!(b.current_login().await.as_deref(), Some("+905321234567"));
    let me = a.call::<GetCurrentUser>(NO_ARGS).await.ok().json();
    assert_eq!(me["id"].as_i64(), Some(a.id()));
    assert_eq!(me["role"], "migrant");
    assert_eq!(me["name"], "Aziz");
    let forged = app.anonymous().with_cookie("kopru_session=forged-token-value".into());
    assert_eq!(forged.current_login().await, None);
    assert_eq!(app.anonymous().call::<GetCurrentUser>(NO_ARGS).await.ok().json(), Value::Null);
}
