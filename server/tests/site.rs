//! The site as a whole over HTTP: languages, security headers and CSP, HSTS,
//! compression, health, 404 pages, cross-site and GET refusal, and the
//! emergency contacts on every page. They run on SQLite, and on PostgreSQL
//! with `TEST_DATABASE_URL`.

mod common;

use axum::body::Body;
use common::*;
use http::StatusCode;

fn html_lang(body: &str) -> Option<&str> {
    let i = body.find("<html")?;
    let tag = &body[i..i + body[i..].find('>')?];
    let j = tag.find("lang=\"")? + 6;
    Some(&tag[j..j + tag[j..].find('"')?])
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

#[tokio::test]
async fn health_reports_the_database() {
    let app = TestApp::new().await;
    let r = app.anonymous().page("/healthz").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["database"], "ok", "{} on {}", r.body, app.backend());
    assert_eq!(r.json()["status"], "ok");
}

#[tokio::test]
async fn language_is_cookie_then_accept_language_then_uzbek() {
    let app = TestApp::new().await;
    let r = app.anonymous().page("/").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(html_lang(&r.body), Some("uz"));
    assert_eq!(r.body[..r.body.find('>').unwrap_or(0) + 200].matches("<html").count(), 1);
    assert!(r.body.contains("Roʻyxatdan oʻtish"), "Uzbek text rendered");

    let req = http::Request::get("/")
        .header("host", HOST)
        .header("accept-language", "tr-TR,tr;q=0.9")
        .body(Body::empty())
        .unwrap();
    let r = app.send(req).await;
    assert_eq!(html_lang(&r.body), Some("tr"));
    assert!(r.body.contains("Kayıt ol"), "Turkish text rendered");

    let req = http::Request::get("/")
        .header("host", HOST)
        .header("accept-language", "tr-TR")
        .header("cookie", "i18n_pref_locale=uz")
        .body(Body::empty())
        .unwrap();
    assert_eq!(html_lang(&app.send(req).await.body), Some("uz"), "cookie beats header");
}

#[tokio::test]
async fn language_switch_works_as_a_plain_form() {
    let app = TestApp::new().await;
    let anon = app.anonymous();
    let r = anon.form_post::<SetLanguage>(&[("lang", "tr"), ("next", "/signin?next=/account")], "/signin").await;
    assert_eq!(r.status, StatusCode::FOUND);
    assert_eq!(r.header("location"), Some("/signin?next=/account"));
    let cookie = r.set_cookies().into_iter().find(|c| c.starts_with("i18n_pref_locale=tr")).expect("cookie");
    assert!(cookie.contains("SameSite=Lax") && cookie.contains("Path=/"));
    let page = app.page_with_cookie("/signin", "i18n_pref_locale=tr").await;
    assert_eq!(html_lang(&page.body), Some("tr"));

    // Off-site `next` is not followed; a bad language changes nothing.
    let r = anon.form_post::<SetLanguage>(&[("lang", "tr"), ("next", "//evil.example/")], "/").await;
    assert_eq!(r.header("location"), Some("/"));
    let r = anon.form_post::<SetLanguage>(&[("lang", "xx"), ("next", "/")], "/").await;
    assert!(r.set_cookies().iter().all(|c| !c.starts_with("i18n_pref_locale")));
    assert_eq!(r.header("location"), Some("/?error=invalid_input"));
    // The same with JavaScript: the error value.
    let r = anon.call::<SetLanguage>(&[("lang", "xx"), ("next", "/")]).await;
    r.assert_err("InvalidInput");
    assert!(r.set_cookies().iter().all(|c| !c.starts_with("i18n_pref_locale")));
}

#[tokio::test]
async fn cross_site_posts_are_refused() {
    let app = TestApp::new().await;
    let form = encode(&[("name", "X"), ("phone", "+998901234567"), ("password", PASSWORD), ("consent", "yes")]);
    for (origin, fetch_site) in [
        (Some("https://evil.example"), None),
        (None, Some("cross-site")),
        (Some("null"), None),
        (Some("http://localhost:3000.evil.example"), None),
    ] {
        let mut b = http::Request::post(<SignUpMigrant as ServerFn>::PATH)
            .header("host", HOST)
            .header("content-type", "application/x-www-form-urlencoded");
        if let Some(o) = origin {
            b = b.header("origin", o);
        }
        if let Some(s) = fetch_site {
            b = b.header("sec-fetch-site", s);
        }
        let r = app.send(b.body(Body::from(form.clone())).unwrap()).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{origin:?} {fetch_site:?}");
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM users").await, 0);
    // The same request from the site itself goes through.
    app.anonymous()
        .call::<SignUpMigrant>(&[("name", "X"), ("phone", "+998901234567"), ("password", PASSWORD), ("consent", "yes")])
        .await
        .ok();
    assert_eq!(app.count("SELECT COUNT(*) FROM users").await, 1);
}

#[tokio::test]
async fn state_changing_functions_refuse_get() {
    let app = TestApp::new().await;
    let staff = app.staff("staff@kopru.example").await;
    let paths = [
        <SignIn as ServerFn>::PATH,
        <SignOut as ServerFn>::PATH,
        <SignUpMigrant as ServerFn>::PATH,
        <SignUpEmployer as ServerFn>::PATH,
        <ChangePassword as ServerFn>::PATH,
        <CreateStaffAccount as ServerFn>::PATH,
        <UpdateContact as ServerFn>::PATH,
        <SetLanguage as ServerFn>::PATH,
        <SetMinimumWage as ServerFn>::PATH,
        <RegisterCompany as ServerFn>::PATH,
        <DecideCompany as ServerFn>::PATH,
        <SaveVacancy as ServerFn>::PATH,
        <ReviewVacancy as ServerFn>::PATH,
        <SaveProject as ServerFn>::PATH,
        <Apply as ServerFn>::PATH,
        <MoveApplication as ServerFn>::PATH,
        <MarkNotificationsRead as ServerFn>::PATH,
        <SaveProfile as ServerFn>::PATH,
    ];
    let query = encode(&[
        ("login", "a"),
        ("password", PASSWORD),
        ("name", "X"),
        ("phone", "+998901112233"),
        ("consent", "yes"),
        ("kind", "hotline"),
        ("lang", "tr"),
        ("next", "/"),
    ]);
    for path in paths {
        let r = staff.page(&format!("{path}?{query}")).await;
        assert!(
            [StatusCode::METHOD_NOT_ALLOWED, StatusCode::NOT_FOUND, StatusCode::BAD_REQUEST].contains(&r.status),
            "{path}: {}",
            r.status
        );
        assert!(r.set_cookies().iter().all(|c| !c.starts_with("i18n_pref_locale") && !c.contains("kopru_session")));
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM users").await, 1, "no account made by a GET");
    assert_eq!(app.count("SELECT COUNT(*) FROM emergency_contacts WHERE phone = '+998901112233'").await, 0);
    assert!(staff.is_signed_in().await, "no GET signed the staff member out");
}

#[tokio::test]
async fn pages_carry_security_headers_and_a_csp_nonce() {
    let app = TestApp::new().await;
    let r = app.anonymous().page("/").await;
    let csp = r.header("content-security-policy").expect("CSP");
    for part in ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"] {
        assert!(csp.contains(part), "{csp}");
    }
    let nonce = csp.split("'nonce-").nth(1).and_then(|s| s.split('\'').next()).expect("nonce in CSP");
    assert!(nonce.len() >= 16);
    assert!(r.body.contains(&format!("nonce=\"{nonce}\"")), "scripts carry the response's nonce");
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(r.header("referrer-policy"), Some("same-origin"));
    assert_eq!(r.header("x-frame-options"), Some("DENY"));
    assert!(r.header("permissions-policy").is_some_and(|p| p.contains("camera=()")));
    assert_eq!(r.header("cache-control"), Some("no-store"));
    assert!(r.header("x-request-id").is_some_and(|v| !v.is_empty()));
    assert_eq!(r.header("strict-transport-security"), None, "no HSTS in development (plain HTTP)");
    let other = app.anonymous().page("/").await;
    assert_ne!(other.header("content-security-policy"), Some(csp), "a new nonce per response");
    // Server-function answers may carry personal data: not cached either.
    let api = app.anonymous().call::<GetCurrentUser>(NO_ARGS).await.ok();
    assert!(api.header("cache-control").is_some_and(|c| c.starts_with("no-")), "{:?}", api.header("cache-control"));
}

#[tokio::test]
async fn production_sends_hsts() {
    let app = TestApp::with(Opts { production: true, ..Opts::default() }).await;
    let page = app.anonymous().page("/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.header("strict-transport-security"), Some("max-age=31536000; includeSubDomains"));
    let api = app.anonymous().call::<GetCurrentUser>(NO_ARGS).await.ok();
    assert_eq!(api.header("strict-transport-security"), Some("max-age=31536000; includeSubDomains"));
    let missing = app.anonymous().page("/no-such-page").await;
    assert!(missing.header("strict-transport-security").is_some(), "on every response");
}

#[tokio::test]
async fn pages_are_compressed() {
    let app = TestApp::new().await;
    let req =
        http::Request::get("/").header("host", HOST).header("accept-encoding", "br, gzip").body(Body::empty()).unwrap();
    let r = app.send(req).await;
    assert_eq!(r.header("content-encoding"), Some("br"));
    let req =
        http::Request::get("/").header("host", HOST).header("accept-encoding", "gzip").body(Body::empty()).unwrap();
    assert_eq!(app.send(req).await.header("content-encoding"), Some("gzip"));
    let plain = app.anonymous().page("/").await;
    assert_eq!(plain.header("content-encoding"), None);
}

#[tokio::test]
async fn emergency_contacts_come_from_the_database_on_every_page() {
    let app = TestApp::new().await;
    let anon = app.anonymous();
    let seeded: Vec<String> = anon
        .call::<EmergencyContacts>(NO_ARGS)
        .await
        .ok()
        .items()
        .iter()
        .map(|c| c["phone"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(seeded.len(), 3);
    for path in ["/", "/signin", "/signup", "/privacy", "/no-such-page", "/vacancies"] {
        let r = anon.page(path).await;
        for phone in &seeded {
            assert!(r.body.contains(&format!("href=\"tel:{phone}\"")), "{path}: {phone}");
        }
    }
    let staff = app.staff("staff@kopru.example").await;
    staff.call::<UpdateContact>(&[("kind", "embassy"), ("phone", "+90 312 441 38 71")]).await.ok();
    for path in ["/signin", "/", "/no-such-page"] {
        let page = anon.page(path).await;
        assert!(page.body.contains("href=\"tel:+903124413871\""), "{path}");
        assert!(page.body.contains("+90 312 441 38 71"), "{path}: shown grouped");
    }
    // The other two still have their numbers.
    let page = anon.page("/signin").await;
    for phone in &seeded[1..] {
        assert!(page.body.contains(&format!("href=\"tel:{phone}\"")), "{phone}");
    }
    staff.call::<UpdateContact>(&[("kind", "embassy"), ("phone", "call us")]).await.assert_err("InvalidPhone");
    assert!(anon.page("/signin").await.body.contains("href=\"tel:+903124413871\""), "a refused change changes nothing");
}

#[tokio::test]
async fn unknown_pages_are_404_in_the_language() {
    let app = TestApp::new().await;
    let r = app.page_with_cookie("/no-such-page", "i18n_pref_locale=tr").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.body.contains("Sayfa bulunamadı."));
    assert_eq!(html_lang(&r.body), Some("tr"));
    let r = app.anonymous().page("/no-such-page").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(html_lang(&r.body), Some("uz"));
}

/// Many pages rendered at once by one server all answer: no render may
/// touch another request's (disposed) reactive state. (Concurrent renders
/// used to panic inside reactive_graph now and then, and the response never
/// ended.)
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn pages_render_concurrently() {
    let app = TestApp::new().await;
    let migrant = app.migrant("+998901234567").await;
    for round in 0..5 {
        let mut renders = vec![];
        for i in 0..40 {
            let actor = if i % 3 == 0 { migrant.clone() } else { app.anonymous() };
            let path = ["/", "/signin", "/signup", "/privacy", "/vacancies", "/no-such-page"][i % 6];
            renders.push(tokio::spawn(async move { (path, actor.page(path).await.status) }));
        }
        for render in renders {
            let (path, status) = render.await.unwrap_or_else(|e| panic!("round {round}: a render failed: {e}"));
            let want = if path == "/no-such-page" { StatusCode::NOT_FOUND } else { StatusCode::OK };
            assert_eq!(status, want, "round {round}: {path}");
        }
    }
}
