//! A Köprü server in-process, on a fresh database: SQLite by default, or
//! PostgreSQL when `TEST_DATABASE_URL` names one (each test gets its own database).
#![allow(dead_code)]

use app::state::AppState;
use axum::body::Body;
use axum::Router;
use http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use server::config::Config;
use tower::ServiceExt;

pub const HOST: &str = "localhost:3000";
pub const ORIGIN: &str = "http://localhost:3000";
pub const PASSWORD: &str = "choy-va-non-2026";

pub struct TestApp {
    pub router: Router,
    pub state: AppState,
    pub db: DatabaseConnection,
    pub _dir: Option<tempfile::TempDir>,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: http::HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
    pub fn set_cookies(&self) -> Vec<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok().map(str::to_string))
            .collect()
    }
    /// The session cookie set by this reply, as `name=value`.
    pub fn session_cookie(&self) -> Option<String> {
        self.set_cookies()
            .into_iter()
            .find(|c| c.starts_with("kopru_session=") && !c.starts_with("kopru_session=;"))
            .map(|c| c.split(';').next().unwrap().to_string())
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|_| panic!("not JSON: {}", self.body))
    }
}

pub struct Opts {
    pub max_failures_per_ip: u64,
}

impl Default for Opts {
    fn default() -> Self {
        Opts { max_failures_per_ip: 1000 }
    }
}

impl TestApp {
    pub async fn new() -> TestApp {
        Self::with(Opts::default()).await
    }

    pub async fn with(opts: Opts) -> TestApp {
        let (url, dir) = match std::env::var("TEST_DATABASE_URL") {
            Ok(base) if base.starts_with("postgres") => (fresh_pg_database(&base).await, None),
            _ => {
                let dir = tempfile::tempdir().unwrap();
                let url = format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display());
                (url, Some(dir))
            }
        };
        let config = Config {
            database_url: url.clone(),
            secret: b"test-secret-test-secret-test-secret!".to_vec(),
            production: false,
            trust_proxy: true,
            max_failures_per_ip: opts.max_failures_per_ip,
            log_json: false,
        };
        let db = server::db::connect(&url).await.expect("connect");
        server::db::migrate(&db).await.expect("migrate");
        let state = server::state(&config, db.clone());
        let options = leptos::config::LeptosOptions::builder().output_name("kopru").build();
        let router = server::router(&config, state.clone(), options);
        TestApp { router, state, db, _dir: dir }
    }

    pub fn backend(&self) -> &'static str {
        match self.db.get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => "postgres",
            sea_orm::DatabaseBackend::Sqlite => "sqlite",
            _ => "other",
        }
    }

    pub async fn send(&self, req: Request<Body>) -> Reply {
        let path = req.uri().to_string();
        // A request that never answers fails the test instead of hanging the run.
        let res = tokio::time::timeout(std::time::Duration::from_secs(60), self.router.clone().oneshot(req))
            .await
            .unwrap_or_else(|_| panic!("no answer within 60 s: {path}"))
            .unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        Reply { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
    }

    pub async fn get(&self, path: &str, cookie: Option<&str>) -> Reply {
        let mut b = Request::get(path).header(header::HOST, HOST).header(header::ACCEPT, "text/html");
        if let Some(c) = cookie {
            b = b.header(header::COOKIE, c);
        }
        self.send(b.body(Body::empty()).unwrap()).await
    }

    /// A server-function call as the WASM client makes it.
    pub async fn call(&self, endpoint: &str, form: &[(&str, &str)], cookie: Option<&str>) -> Reply {
        self.call_from(endpoint, form, cookie, "203.0.113.7").await
    }

    pub async fn call_from(&self, endpoint: &str, form: &[(&str, &str)], cookie: Option<&str>, ip: &str) -> Reply {
        let mut b = Request::post(format!("/api/{endpoint}"))
            .header(header::HOST, HOST)
            .header(header::ORIGIN, ORIGIN)
            .header("sec-fetch-site", "same-origin")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .header("x-forwarded-for", ip);
        if let Some(c) = cookie {
            b = b.header(header::COOKIE, c);
        }
        self.send(b.body(Body::from(encode(form))).unwrap()).await
    }

    /// A read-only server function (GET, arguments in the query string).
    pub async fn call_get(&self, endpoint: &str, form: &[(&str, &str)], cookie: Option<&str>) -> Reply {
        let mut b = Request::get(format!("/api/{endpoint}?{}", encode(form)))
            .header(header::HOST, HOST)
            .header(header::ACCEPT, "application/json");
        if let Some(c) = cookie {
            b = b.header(header::COOKIE, c);
        }
        self.send(b.body(Body::empty()).unwrap()).await
    }

    /// A plain `<form>` post, as a browser without JavaScript sends it.
    pub async fn form_post(&self, endpoint: &str, form: &[(&str, &str)], cookie: Option<&str>, referer: &str) -> Reply {
        let mut b = Request::post(format!("/api/{endpoint}"))
            .header(header::HOST, HOST)
            .header(header::ORIGIN, ORIGIN)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
            .header(header::REFERER, format!("{ORIGIN}{referer}"));
        if let Some(c) = cookie {
            b = b.header(header::COOKIE, c);
        }
        self.send(b.body(Body::from(encode(form))).unwrap()).await
    }

    pub async fn sign_up_migrant(&self, name: &str, phone: &str) -> String {
        let r = self
            .call("sign_up_migrant", &[("name", name), ("phone", phone), ("password", PASSWORD), ("consent", "yes")], None)
            .await;
        assert_eq!(r.status, StatusCode::OK, "sign-up failed: {}", r.body);
        r.session_cookie().expect("session cookie after sign-up")
    }

    /// Creates an account of any role directly and signs it in; returns the cookie.
    pub async fn user(&self, role: app::accounts::Role, login: &str) -> String {
        use app::accounts::service::{create_account, NewLogin, SignUp};
        let l = if login.contains('@') { NewLogin::Email(login) } else { NewLogin::Phone(login) };
        create_account(
            &self.state,
            SignUp { role, name: "Test Person", login: l, password: PASSWORD, consent: true, locale: "uz" },
        )
        .await
        .expect("create account");
        self.sign_in(login, PASSWORD).await
    }

    pub async fn sign_in(&self, login: &str, password: &str) -> String {
        let r = self.call("sign_in", &[("login", login), ("password", password)], None).await;
        assert_eq!(r.status, StatusCode::OK, "sign-in failed: {}", r.body);
        r.session_cookie().expect("session cookie after sign-in")
    }

    pub async fn current_login(&self, cookie: &str) -> Option<String> {
        let r = self.call("current_user", &[], Some(cookie)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        r.json().get("login").and_then(|v| v.as_str()).map(str::to_string)
    }

    pub async fn count(&self, sql: &str) -> i64 {
        let row = self
            .db
            .query_one(sea_orm::Statement::from_string(self.db.get_database_backend(), sql.to_string()))
            .await
            .unwrap()
            .unwrap();
        // COUNT(*) is a BIGINT on PostgreSQL, MAX(id) an INTEGER: take either.
        row.try_get_by_index::<i64>(0)
            .or_else(|_| row.try_get_by_index::<i32>(0).map(i64::from))
            .unwrap()
    }
}

pub fn encode(form: &[(&str, &str)]) -> String {
    form.iter()
        .map(|(k, v)| format!("{}={}", urlencode(k), urlencode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn urlencode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

async fn fresh_pg_database(base: &str) -> String {
    let admin = sea_orm::Database::connect(base).await.expect("PostgreSQL reachable");
    let name = format!("kopru_t_{}", uuid::Uuid::new_v4().simple());
    admin
        .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
        .await
        .expect("create test database");
    let (prefix, _) = base.rsplit_once('/').unwrap();
    format!("{prefix}/{name}")
}
