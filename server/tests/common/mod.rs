//! A Köprü server in-process, on a fresh database: SQLite by default, or
//! PostgreSQL when `TEST_DATABASE_URL` names one (each test gets its own database).
//!
//! Tests talk to it as the browser does, through typed actors:
//!
//! ```ignore
//! let w = world().await;                                  // employer with a verified company, staff, migrant
//! let vid = w.published_vacancy(&w.employer, &VacancySpec::new("Duvar ustası")).await;
//! let aid = w.application(&w.migrant, vid).await;
//! w.staff.call::<MoveApplication>(&[("application_id", &*aid.to_string()), ("to", "screening")]).await.ok();
//! w.app.anonymous().get::<GetVacancy>(&[("id", &*vid.to_string())]).await.assert_err("NotFound");
//! ```
//!
//! A server function is named by its Leptos struct (`<SaveVacancy as ServerFn>::PATH`
//! is `/api/save_vacancy`), never by a string, so a renamed endpoint fails to compile.
#![allow(dead_code, unused_imports)]

pub use app::accounts::Role;
use app::state::AppState;
use axum::body::Body;
use axum::Router;
use http::{header, Request, StatusCode};
use http_body_util::BodyExt;
pub use leptos::server_fn::ServerFn;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use server::config::Config;
use std::time::Duration;
use tower::ServiceExt;

pub use app::accounts::api::{
    ChangePassword, GetCurrentUser, RequestReset, ResendCode, ResetPassword, SignIn, SignOut, SignUpEmployer,
    SignUpMigrant, VerifyAccount,
};
pub use app::applications::api::{
    Apply, GetApplication, ListApplications, MarkNotificationsRead, MoveApplication, MyNotifications, UnreadCount,
};
pub use app::companies::api::{DecideCompany, MyCompany, PendingCompanies, RegisterCompany};
pub use app::contacts::api::{EmergencyContacts, UpdateContact};
pub use app::lang::SetLanguage;
pub use app::profiles::api::{MyProfile, SaveProfile};
pub use app::reference::api::{FetchReferenceLists, MinimumWages, SetMinimumWage};
pub use app::staff::api::{CreateStaffAccount, SetQueueTarget, StaffAccounts, StaffConsole};
pub use app::vacancies::api::{
    CloseVacancy, EmployerDesk, GetProject, GetVacancy, MyProjects, MyVacancies, ReviewVacancy, SaveProject,
    SaveVacancy, SearchVacancies, VacancyReviewQueue,
};
pub use serde_json::{json, Value};

pub const HOST: &str = "localhost:3000";
pub const ORIGIN: &str = "http://localhost:3000";
pub const PASSWORD: &str = "choy-va-non-2026";
/// The address `call` claims through `X-Forwarded-For`.
pub const CLIENT_IP: &str = "203.0.113.7";
/// The form of a server function without arguments.
pub const NO_ARGS: &[(&str, &str)] = &[];
/// Every request fails the test after this long instead of hanging the run.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// Real VKNs (python-stdnum's list of published ones) and a MERSIS number.
pub const VKN: &str = "4540536920";
pub const VKN2: &str = "3810421550";
pub const MERSIS: &str = "0454053692000017";
/// Occupation 7112.01 (Gʻisht teruvchi / Duvar ustası), sector 1 (construction).
pub const MASON: &str = "1";
/// The gross monthly minimum wage of 2026 in kuruş, as the migrations seed it.
pub const MINIMUM_WAGE_2026: i64 = 3_303_000;

/// The day `days_from_today` days from today, `YYYY-MM-DD`.
/// The fields a move to `to` needs, valid: an interview three days ahead at
/// 10:30 (Türkiye time), in person; an offer of 40,000 lira with housing;
/// a reason from each refusal's list.
pub fn move_details(to: &str) -> Vec<(&'static str, String)> {
    match to {
        "interview" => vec![
            ("interview_at", format!("{}T10:30", ymd(3))),
            ("interview_mode", "inperson".into()),
            ("interview_place", "Organize Sanayi Bölgesi 3. Cadde No: 12, Gebze".into()),
            ("interview_contact", "Ayşe Demir, 0532 123 45 67".into()),
        ],
        "offer" => vec![
            ("offer_wage", "40.000".into()),
            ("offer_start", ymd(60)),
            ("offer_housing", "1".into()),
            ("offer_return_ticket", "1".into()),
        ],
        "rejected" => vec![("reason", "experienceshort".into())],
        "declined" => vec![("reason", "positionsfilled".into())],
        _ => vec![],
    }
}

/// What a tracing subscriber writes, kept for a test to read (the log
/// transport's lines): `fmt().with_writer(move || logs.clone())`.
#[derive(Clone, Default)]
pub struct LogBuffer(pub std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl LogBuffer {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

impl std::io::Write for LogBuffer {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The first run of six digits in a message: its one-time code.
pub fn code_in(text: &str) -> Option<String> {
    let digits: Vec<char> = text.chars().collect();
    digits.windows(6).enumerate().find_map(|(i, w)| {
        let before = i.checked_sub(1).map(|j| digits[j].is_ascii_digit()).unwrap_or(false);
        let after = digits.get(i + 6).is_some_and(|c| c.is_ascii_digit());
        (w.iter().all(char::is_ascii_digit) && !before && !after).then(|| w.iter().collect())
    })
}

pub fn ymd(days_from_today: i64) -> String {
    (chrono::Utc::now().date_naive() + chrono::Duration::days(days_from_today)).to_string()
}

/// A valid VKN (tax number) for every `n`: nine digits from `n`, then GİB's check digit.
pub fn vkn(n: u32) -> String {
    let first = format!("{:09}", 100_000_000 + n % 900_000_000);
    format!("{first}{}", app::reference::ids::vkn_check_digit(first.as_bytes()))
}

// ---------------------------------------------------------------------------
// Forms

/// Anything that can be sent as a url-encoded form or query string.
pub trait Form {
    fn pairs(&self) -> Vec<(String, String)>;
    fn encode(&self) -> String {
        // Brackets stay as they are in keys: `query[q]=…` is how Leptos nests a struct argument.
        let key = |k: &str| urlencode(k).replace("%5B", "[").replace("%5D", "]");
        self.pairs().iter().map(|(k, v)| format!("{}={}", key(k), urlencode(v))).collect::<Vec<_>>().join("&")
    }
}

impl<K: AsRef<str>, V: AsRef<str>> Form for [(K, V)] {
    fn pairs(&self) -> Vec<(String, String)> {
        self.iter().map(|(k, v)| (k.as_ref().to_string(), v.as_ref().to_string())).collect()
    }
}

impl<K: AsRef<str>, V: AsRef<str>, const N: usize> Form for [(K, V); N] {
    fn pairs(&self) -> Vec<(String, String)> {
        self.as_slice().pairs()
    }
}

impl<K: AsRef<str>, V: AsRef<str>> Form for Vec<(K, V)> {
    fn pairs(&self) -> Vec<(String, String)> {
        self.as_slice().pairs()
    }
}

impl<T: Form + ?Sized> Form for &T {
    fn pairs(&self) -> Vec<(String, String)> {
        (**self).pairs()
    }
}

pub fn encode(form: &(impl Form + ?Sized)) -> String {
    form.encode()
}

/// The boundary of the harness's multipart posts (Chromium's style).
pub const MULTIPART_BOUNDARY: &str = "----WebKitFormBoundaryK0pRu7MA5sXzE2uq";

pub fn multipart_content_type(boundary: &str) -> String {
    format!("multipart/form-data; boundary={boundary}")
}

/// A `multipart/form-data` body as a browser writes it: text `fields`, then
/// `files` as (field, file name, content), each file with the type a browser
/// guesses from its name. A file input left empty is `("file", "", b"")`.
pub fn multipart_body(boundary: &str, fields: &[(&str, &str)], files: &[(&str, &str, &[u8])]) -> Vec<u8> {
    let mut b = Vec::new();
    for (k, v) in fields {
        b.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n").as_bytes());
        b.extend_from_slice(v.as_bytes());
        b.extend_from_slice(b"\r\n");
    }
    for (k, name, content) in files {
        let lower = name.to_lowercase();
        let guessed = match lower.rsplit('.').next() {
            _ if name.is_empty() => "application/octet-stream",
            Some("pdf") => "application/pdf",
            Some("jpg" | "jpeg") => "image/jpeg",
            Some("png") => "image/png",
            _ => "application/octet-stream",
        };
        let name = name.replace('"', "%22");
        b.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"; filename=\"{name}\"\r\nContent-Type: {guessed}\r\n\r\n"
            )
            .as_bytes(),
        );
        b.extend_from_slice(content);
        b.extend_from_slice(b"\r\n");
    }
    b.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    b
}

/// `application/x-www-form-urlencoded` encoding of one value (the same crate as the app's).
pub fn urlencode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// The vacancy form as an employer fills it in: a legal vacancy by default
/// (İstanbul, 35,000 TL, 3 positions, closing in 30 days, housing).
#[derive(Clone, Debug)]
pub struct VacancySpec {
    pub vacancy_id: Option<i64>,
    pub sector: String,
    pub occupation: String,
    pub positions: String,
    pub province: String,
    pub district: String,
    pub wage: String,
    pub hours_per_week: String,
    pub housing: bool,
    pub contract_months: String,
    pub turkish_level: String,
    pub start: String,
    pub closing: String,
    pub text_tr: String,
    /// The employer's Uzbek text (a vacancy is published only with one).
    pub text_uz: Option<String>,
    pub project: Option<i64>,
    /// The MYK qualification whose certificate the work requires.
    pub qualification: Option<i64>,
}

impl VacancySpec {
    pub fn new(text_tr: &str) -> VacancySpec {
        VacancySpec {
            vacancy_id: None,
            sector: "1".into(),
            occupation: MASON.into(),
            positions: "3".into(),
            province: "34".into(),
            district: "Merkez".into(),
            wage: "35000".into(),
            hours_per_week: "45".into(),
            housing: true,
            contract_months: "12".into(),
            turkish_level: "none".into(),
            start: ymd(60),
            closing: ymd(30),
            text_tr: text_tr.into(),
            text_uz: Some("Oʻzbekcha matn.".into()),
            project: None,
            qualification: None,
        }
    }
    /// Without the Uzbek text: staff write it at review.
    pub fn without_uz(mut self) -> Self {
        self.text_uz = None;
        self
    }
    pub fn province(mut self, p: &str) -> Self {
        self.province = p.into();
        self
    }
    pub fn wage(mut self, w: &str) -> Self {
        self.wage = w.into();
        self
    }
    pub fn positions(mut self, n: &str) -> Self {
        self.positions = n.into();
        self
    }
    pub fn dates(mut self, closing: &str, start: &str) -> Self {
        self.closing = closing.into();
        self.start = start.into();
        self
    }
    pub fn housing(mut self, housing: bool) -> Self {
        self.housing = housing;
        self
    }
    pub fn project(mut self, id: i64) -> Self {
        self.project = Some(id);
        self
    }
    pub fn qualification(mut self, id: i64) -> Self {
        self.qualification = Some(id);
        self
    }
    /// A correction of vacancy `id` (one that staff returned).
    pub fn editing(mut self, id: i64) -> Self {
        self.vacancy_id = Some(id);
        self
    }
}

impl Form for VacancySpec {
    fn pairs(&self) -> Vec<(String, String)> {
        let mut v: Vec<(&str, String)> = vec![
            ("sector_id", self.sector.clone()),
            ("occupation_id", self.occupation.clone()),
            ("positions", self.positions.clone()),
            ("province_id", self.province.clone()),
            ("district", self.district.clone()),
            ("wage", self.wage.clone()),
            ("hours_per_week", self.hours_per_week.clone()),
            ("contract_months", self.contract_months.clone()),
            ("turkish_level", self.turkish_level.clone()),
            ("start_date", self.start.clone()),
            ("closing_date", self.closing.clone()),
            ("text_tr", self.text_tr.clone()),
        ];
        if let Some(t) = &self.text_uz {
            v.push(("text_uz", t.clone()));
        }
        if self.housing {
            v.push(("housing", "1".into()));
        }
        if let Some(p) = self.project {
            v.push(("project_id", p.to_string()));
        }
        if let Some(q) = self.qualification {
            v.push(("required_qualification_id", q.to_string()));
        }
        if let Some(id) = self.vacancy_id {
            v.push(("vacancy_id", id.to_string()));
        }
        v.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
    }
}

/// A company registration form (a valid one for `vkn`).
pub fn company_form(vkn: &str, name: &str) -> Vec<(&'static str, String)> {
    vec![
        ("legal_name", name.to_string()),
        ("vkn", vkn.to_string()),
        ("mersis", MERSIS.into()),
        ("sector_id", "1".into()),
        ("province_id", "34".into()),
        ("address", "Esenyurt, İstanbul".into()),
        ("contact_person", "Mehmet Yılmaz".into()),
        ("contact_phone", "+90 212 555 00 00".into()),
    ]
}

/// A migrant's profile form.
pub fn profile_form(passport: &str) -> Vec<(&'static str, String)> {
    vec![
        ("full_name", "Aziz Karimov".into()),
        ("birth_date", "1994-03-12".into()),
        ("passport", passport.into()),
        ("location", "uz:6".into()),
        ("occupation_id", MASON.into()),
        ("experience_years", "7".into()),
        ("turkish_level", "a2".into()),
        ("certificates", "MYK 11UY0012-3".into()),
    ]
}

// ---------------------------------------------------------------------------
// Replies

pub struct Reply {
    pub status: StatusCode,
    pub headers: http::HeaderMap,
    pub body: String,
    /// The body as it came (`body` is it read as UTF-8, lossily).
    pub bytes: axum::body::Bytes,
}

/// The HTTP status each of Köprü's errors is answered with.
pub fn status_of(error: &str) -> StatusCode {
    match error {
        "NotSignedIn" | "BadCredentials" => StatusCode::UNAUTHORIZED,
        "Forbidden" | "NotVerified" => StatusCode::FORBIDDEN,
        "Busy" => StatusCode::SERVICE_UNAVAILABLE,
        "NotFound" => StatusCode::NOT_FOUND,
        "AlreadyApplied" | "VacancyFull" => StatusCode::CONFLICT,
        "RateLimited" => StatusCode::TOO_MANY_REQUESTS,
        "FileTooLarge" | "ImageTooLarge" => StatusCode::PAYLOAD_TOO_LARGE,
        "Internal" => StatusCode::INTERNAL_SERVER_ERROR,
        _ => StatusCode::BAD_REQUEST,
    }
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
    pub fn set_cookies(&self) -> Vec<String> {
        self.headers.get_all(header::SET_COOKIE).iter().filter_map(|v| v.to_str().ok().map(str::to_string)).collect()
    }
    /// The `Set-Cookie` of the session (development or production name), in full.
    pub fn session_set_cookie(&self) -> Option<String> {
        self.set_cookies().into_iter().find(|c| {
            let c = c.strip_prefix("__Host-").unwrap_or(c);
            c.starts_with("kopru_session=") && !c.starts_with("kopru_session=;")
        })
    }
    /// The code ticket cookie set by this reply, as `name=value`.
    pub fn ticket_cookie(&self) -> Option<String> {
        self.set_cookies()
            .into_iter()
            .find(|c| {
                let c = c.strip_prefix("__Host-").unwrap_or(c);
                c.starts_with("kopru_ticket=") && !c.starts_with("kopru_ticket=;")
            })
            .map(|c| c.split(';').next().unwrap().to_string())
    }
    /// The device cookie set by this reply, as `name=value`.
    pub fn device_cookie(&self) -> Option<String> {
        self.set_cookies()
            .into_iter()
            .find(|c| c.strip_prefix("__Host-").unwrap_or(c).starts_with("kopru_device="))
            .map(|c| c.split(';').next().unwrap().to_string())
    }
    /// The session cookie set by this reply, as `name=value`.
    pub fn session_cookie(&self) -> Option<String> {
        self.session_set_cookie().map(|c| c.split(';').next().unwrap().to_string())
    }
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|_| panic!("not JSON ({}): {}", self.status, self.body))
    }
    /// The items of a JSON array answer.
    pub fn items(&self) -> Vec<Value> {
        self.json().as_array().unwrap_or_else(|| panic!("not a JSON array: {}", self.body)).clone()
    }
    /// The `id`s of a JSON array answer, in its order.
    pub fn ids(&self) -> Vec<i64> {
        self.items().iter().map(|v| v["id"].as_i64().expect("id")).collect()
    }
    /// Asserts success (200) and returns the reply.
    #[track_caller]
    pub fn ok(self) -> Self {
        assert_eq!(self.status, StatusCode::OK, "expected success, got: {}", self.body);
        self
    }
    /// The error value of a refusal (`"NotFound"`, `"InvalidInput"` …).
    pub fn error(&self) -> String {
        match self.json() {
            Value::String(s) => s,
            other => panic!("not an error value ({}): {other}", self.status),
        }
    }
    /// The refusals of a form, as `(field, error)`: one for a plain error
    /// (field empty), each refused field for `Fields`.
    pub fn refusals(&self) -> Vec<(String, String)> {
        match self.json() {
            // Refused fields travel as `Fields:field=Error,…`; one error on its own field alone.
            Value::String(s) => match s.strip_prefix("Fields:") {
                Some(list) => list
                    .split(',')
                    .map(|f| {
                        let (field, error) = f.split_once('=').expect("field=Error");
                        (field.to_string(), error.to_string())
                    })
                    .collect(),
                None => {
                    let own = serde_json::from_value::<app::error::AppError>(json!(s)).ok().and_then(|e| e.field());
                    vec![(own.unwrap_or("").to_string(), s)]
                }
            },
            other => panic!("not an error value ({}): {other}", self.status),
        }
    }
    /// Asserts a refusal with this one error value (alone, or as the only
    /// refused field of a form) and its status.
    #[track_caller]
    pub fn assert_err(&self, want: &str) {
        let errors: Vec<String> = self.refusals().into_iter().map(|(_, e)| e).collect();
        assert_eq!(errors, vec![want.to_string()], "expected {want}, got {}: {}", self.status, self.body);
        assert_eq!(self.status, status_of(want), "status of {want}: {}", self.body);
    }
    /// Asserts a refusal of exactly these fields, with these errors.
    #[track_caller]
    pub fn assert_fields(&self, want: &[(&str, &str)]) {
        let want: Vec<(String, String)> = want.iter().map(|(f, e)| (f.to_string(), e.to_string())).collect();
        assert_eq!(self.refusals(), want, "{}", self.body);
    }
}

// ---------------------------------------------------------------------------
// The application

pub struct Opts {
    pub max_failures_per_ip: u64,
    pub production: bool,
    pub trust_proxy: bool,
}

impl Default for Opts {
    fn default() -> Self {
        Opts { max_failures_per_ip: 1000, production: false, trust_proxy: true }
    }
}

pub struct TestApp {
    pub router: Router,
    pub state: AppState,
    pub db: DatabaseConnection,
    pub config: Config,
    pub _dir: Option<tempfile::TempDir>,
    /// This server's upload folder (`KOPRU_UPLOAD_DIR`), one per test app.
    pub uploads: tempfile::TempDir,
}

/// Something that answers requests: one server instance.
#[derive(Clone)]
pub struct Client {
    router: Router,
}

impl Client {
    pub async fn send(&self, req: Request<Body>) -> Reply {
        let path = req.uri().to_string();
        let res = tokio::time::timeout(REQUEST_TIMEOUT, self.router.clone().oneshot(req))
            .await
            .unwrap_or_else(|_| panic!("no answer within 60 s: {path}"))
            .unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = tokio::time::timeout(REQUEST_TIMEOUT, res.into_body().collect())
            .await
            .unwrap_or_else(|_| panic!("body not complete within 60 s: {path}"))
            .unwrap()
            .to_bytes();
        Reply { status, headers, body: String::from_utf8_lossy(&bytes).into_owned(), bytes }
    }
}

pub fn test_config(url: &str, opts: &Opts) -> Config {
    Config {
        database_url: url.to_string(),
        secret: b"test-secret-test-secret-test-secret!".to_vec(),
        production: opts.production,
        proxy_hops: usize::from(opts.trust_proxy),
        max_failures_per_ip: opts.max_failures_per_ip,
        max_codes_per_ip: 30,
        log_json: false,
        upload_dir: std::env::temp_dir().join("kopru-test-uploads"),
    }
}

fn leptos_options() -> leptos::config::LeptosOptions {
    leptos::config::LeptosOptions::builder().output_name("kopru").build()
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
        let uploads = tempfile::tempdir().unwrap();
        let config = Config { upload_dir: uploads.path().to_path_buf(), ..test_config(&url, &opts) };
        let db = server::db::connect(&url).await.expect("connect");
        server::db::migrate(&db).await.expect("migrate");
        let state = server::state(&config, db.clone());
        let router = server::router(&config, state.clone(), leptos_options());
        TestApp { router, state, db, config, _dir: dir, uploads }
    }

    pub fn client(&self) -> Client {
        Client { router: self.router.clone() }
    }

    /// A second server on the same database (a restart, or another instance).
    pub fn another_instance(&self) -> Client {
        let state = server::state(&self.config, self.db.clone());
        Client { router: server::router(&self.config, state, leptos_options()) }
    }

    /// Another server whose database connection is `db` (e.g. one with a
    /// metric callback that counts queries).
    pub fn instance_on(&self, db: DatabaseConnection) -> Client {
        let state = server::state(&self.config, db);
        Client { router: server::router(&self.config, state, leptos_options()) }
    }

    pub fn backend(&self) -> &'static str {
        match self.db.get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => "postgres",
            sea_orm::DatabaseBackend::Sqlite => "sqlite",
            _ => "other",
        }
    }

    /// The session cookie's name in this configuration.
    pub fn session_cookie_name(&self) -> &'static str {
        self.state.security.session_cookie_name()
    }

    pub async fn send(&self, req: Request<Body>) -> Reply {
        self.client().send(req).await
    }

    /// A page with a raw `Cookie` header (a language cookie, a forged session …).
    pub async fn page_with_cookie(&self, path: &str, cookie: &str) -> Reply {
        let b = Request::get(path)
            .header(header::HOST, HOST)
            .header(header::ACCEPT, "text/html")
            .header(header::COOKIE, cookie);
        self.send(b.body(Body::empty()).unwrap()).await
    }

    /// Someone without a session.
    pub fn anonymous(&self) -> Actor {
        Actor::Anonymous(self.client())
    }

    /// An account of any role, created directly (no HTTP), with a live session.
    pub async fn account(&self, role: Role, name: &str, login: &str) -> Actor {
        use app::accounts::service::{create_account, NewLogin, SignUp};
        let l = if login.contains('@') { NewLogin::Email(login) } else { NewLogin::Phone(login) };
        let user = create_account(
            &self.state,
            SignUp { role, name, login: l, password: PASSWORD, consent: true, locale: "uz", verified: true },
        )
        .await
        .unwrap_or_else(|e| panic!("create account {login}: {e:?}"));
        let login = user.phone.clone().or(user.email.clone()).unwrap();
        let cookie = self.new_session(i64::from(user.id)).await;
        Actor::SignedIn(self.client(), Account { role, id: i64::from(user.id), login, cookie })
    }

    pub async fn migrant(&self, phone: &str) -> Actor {
        self.account(Role::Migrant, "Aziz Karimov", phone).await
    }
    pub async fn employer(&self, email: &str) -> Actor {
        self.account(Role::Employer, "Ayşe Kaya", email).await
    }
    pub async fn staff(&self, email: &str) -> Actor {
        self.account(Role::Staff, "Dilnoza Rahimova", email).await
    }
    pub async fn admin(&self, email: &str) -> Actor {
        self.account(Role::Admin, "Bosh Admin", email).await
    }

    /// A new session for a user (as if they signed in on another device): its cookie.
    pub async fn new_session(&self, user_id: i64) -> String {
        let token = app::accounts::session::create(&self.db, &self.state.security, user_id as i32)
            .await
            .expect("create session");
        format!("{}={token}", self.session_cookie_name())
    }

    /// The same person on another device: a second live session.
    pub async fn another_device(&self, actor: &Actor) -> Actor {
        actor.with_cookie(self.new_session(actor.id()).await)
    }

    /// A migrant signed up over HTTP, as the sign-up form does it, and
    /// verified with the code that the outbox holds for the phone.
    pub async fn sign_up_migrant(&self, name: &str, phone: &str) -> Actor {
        let r = self
            .anonymous()
            .call::<SignUpMigrant>(&[("name", name), ("phone", phone), ("password", PASSWORD), ("consent", "yes")])
            .await;
        assert_eq!(r.status, StatusCode::OK, "sign-up failed: {}", r.body);
        assert!(r.session_cookie().is_none(), "no session before the code");
        let ticket = r.ticket_cookie().expect("a code ticket after sign-up");
        let normalized = app::accounts::validate::normalize_phone(phone).expect("a valid phone");
        let code = self.last_code(&normalized, "verifycode").await.expect("a verification code sent");
        self.verify(&ticket, &code).await
    }

    /// The answer to typing the code that `sign_up` (a sign-up's reply) sent to
    /// `recipient`, in the browser that signed up.
    pub async fn verify_reply(&self, sign_up: &Reply, recipient: &str) -> Reply {
        let ticket = sign_up.ticket_cookie().expect("a code ticket after sign-up");
        let code = self.last_code(recipient, "verifycode").await.expect("a verification code sent");
        self.anonymous().with_cookie(ticket).call::<VerifyAccount>(&[("code", code.as_str())]).await
    }

    /// Types `code` on the code page of the browser holding `ticket`: signed in.
    pub async fn verify(&self, ticket: &str, code: &str) -> Actor {
        let r = self.anonymous().with_cookie(ticket.to_string()).call::<VerifyAccount>(&[("code", code)]).await;
        assert_eq!(r.status, StatusCode::OK, "verification failed: {}", r.body);
        let cookie = r.session_cookie().expect("session cookie after verification");
        self.actor_from_cookie(cookie).await.expect("signed in after verification")
    }

    /// The code of the newest message of `kind` (`verifycode`, `resetcode`)
    /// queued for `recipient`, read from the outbox as the log transport
    /// would print it.
    pub async fn last_code(&self, recipient: &str, kind: &str) -> Option<String> {
        let body = self
            .text(&format!(
                "SELECT body FROM outbox WHERE recipient = '{recipient}' AND kind = '{kind}' ORDER BY id DESC LIMIT 1"
            ))
            .await?;
        code_in(&body)
    }

    /// How many messages of `kind` were queued for `recipient`.
    pub async fn messages_to(&self, recipient: &str, kind: &str) -> i64 {
        self.count(&format!("SELECT COUNT(*) FROM outbox WHERE recipient = '{recipient}' AND kind = '{kind}'")).await
    }

    /// Signs in over HTTP.
    pub async fn sign_in(&self, login: &str, password: &str) -> Actor {
        let r = self.anonymous().call::<SignIn>(&[("login", login), ("password", password)]).await;
        assert_eq!(r.status, StatusCode::OK, "sign-in failed: {}", r.body);
        let cookie = r.session_cookie().expect("session cookie after sign-in");
        self.actor_from_cookie(cookie).await.expect("signed in")
    }

    /// The actor a session cookie signs in, asked of the server.
    pub async fn actor_from_cookie(&self, cookie: String) -> Option<Actor> {
        let probe = Actor::SignedIn(
            self.client(),
            Account { role: Role::Migrant, id: 0, login: String::new(), cookie: cookie.clone() },
        );
        let me = probe.call::<GetCurrentUser>(NO_ARGS).await.ok().json();
        if me.is_null() {
            return None;
        }
        let role: Role = serde_json::from_value(me["role"].clone()).expect("role");
        Some(Actor::SignedIn(
            self.client(),
            Account {
                role,
                id: me["id"].as_i64().expect("id"),
                login: me["login"].as_str().unwrap_or_default().to_string(),
                cookie,
            },
        ))
    }

    /// `COUNT(*)`, `MAX(id)` or any single integer.
    pub async fn count(&self, sql: &str) -> i64 {
        let row = self
            .db
            .query_one(sea_orm::Statement::from_string(self.db.get_database_backend(), sql.to_string()))
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
            .unwrap_or_else(|| panic!("no row: {sql}"));
        // COUNT(*) is a BIGINT on PostgreSQL, MAX(id) an INTEGER: take either.
        row.try_get_by_index::<i64>(0).or_else(|_| row.try_get_by_index::<i32>(0).map(i64::from)).unwrap()
    }

    /// A single text value.
    pub async fn text(&self, sql: &str) -> Option<String> {
        let row = self
            .db
            .query_one(sea_orm::Statement::from_string(self.db.get_database_backend(), sql.to_string()))
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"))?;
        row.try_get_by_index::<Option<String>>(0).unwrap()
    }

    /// Runs SQL that changes rows (test set-up only: what HTTP cannot do, like time passing).
    pub async fn exec(&self, sql: &str) -> u64 {
        self.db
            .execute(sea_orm::Statement::from_string(self.db.get_database_backend(), sql.to_string()))
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
            .rows_affected()
    }

    /// Public search (the API): ids of the listed vacancies, sorted.
    pub async fn search(&self, q: &str) -> Vec<i64> {
        let mut ids: Vec<i64> = self.search_with(&[("query[q]", q)]).await.iter().map(|v| i64::from(v.id)).collect();
        ids.sort();
        ids
    }

    /// Public search with filters (`query[...]` pairs; the others get their defaults): the items.
    pub async fn search_with(&self, filters: &[(&str, &str)]) -> Vec<app::vacancies::VacancySummary> {
        let mut form: Vec<(&str, &str)> = vec![];
        for (k, default) in [
            ("query[q]", ""),
            ("query[sort]", "newest"),
            ("query[page]", "1"),
            ("query[housing]", "false"),
            ("query[no_certificate]", "false"),
        ] {
            let v = filters.iter().find(|(f, _)| *f == k).map(|(_, v)| *v).unwrap_or(default);
            form.push((k, v));
        }
        let extra: Vec<(&str, &str)> =
            filters.iter().copied().filter(|(f, _)| form.iter().all(|(k, _)| k != f)).collect();
        form.extend(extra);
        let r = self.anonymous().get::<SearchVacancies>(&form).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        serde_json::from_value(r.json()["items"].clone()).expect("items")
    }
}

// ---------------------------------------------------------------------------
// Actors

/// A signed-in person: role, user id, login and session cookie (`name=value`).
#[derive(Clone, Debug)]
pub struct Account {
    pub role: Role,
    pub id: i64,
    pub login: String,
    pub cookie: String,
}

/// Who makes a request: someone without a session, or a signed-in account.
#[derive(Clone)]
pub enum Actor {
    Anonymous(Client),
    SignedIn(Client, Account),
}

impl std::fmt::Debug for Actor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label())
    }
}

impl Actor {
    fn client(&self) -> &Client {
        match self {
            Actor::Anonymous(c) | Actor::SignedIn(c, _) => c,
        }
    }
    pub fn account(&self) -> Option<&Account> {
        match self {
            Actor::Anonymous(_) => None,
            Actor::SignedIn(_, a) => Some(a),
        }
    }
    /// The user id; panics for someone without a session.
    pub fn id(&self) -> i64 {
        self.account().expect("a signed-in actor").id
    }
    pub fn role(&self) -> Option<Role> {
        self.account().map(|a| a.role)
    }
    pub fn cookie(&self) -> Option<&str> {
        self.account().map(|a| a.cookie.as_str())
    }
    pub fn login(&self) -> &str {
        &self.account().expect("a signed-in actor").login
    }
    /// For assertion messages: `anonymous`, `employer #3 (ik@firma.example)`.
    pub fn label(&self) -> String {
        match self {
            Actor::Anonymous(_) => "anonymous".into(),
            Actor::SignedIn(_, a) => format!("{} #{} ({})", a.role.as_str(), a.id, a.login),
        }
    }
    /// The same person with another session cookie (after a sign-in or a password change).
    pub fn with_cookie(&self, cookie: String) -> Actor {
        match self {
            Actor::Anonymous(c) => {
                Actor::SignedIn(c.clone(), Account { role: Role::Migrant, id: 0, login: String::new(), cookie })
            }
            Actor::SignedIn(c, a) => Actor::SignedIn(c.clone(), Account { cookie, ..a.clone() }),
        }
    }
    /// The same browser also holding the ticket cookie of a sent code.
    pub fn holding(&self, ticket: &str) -> Actor {
        self.with_cookie(match self.cookie() {
            Some(session) => format!("{session}; {ticket}"),
            None => ticket.to_string(),
        })
    }
    /// The same person reading the site in Turkish (the language cookie beside the session).
    pub fn in_turkish(&self) -> Actor {
        let session = self.cookie().unwrap_or_default().split(';').next().unwrap_or_default().to_string();
        self.with_cookie(format!("{session}; i18n_pref_locale=tr"))
    }

    /// The same person talking to another server instance.
    pub fn via(&self, client: &Client) -> Actor {
        match self {
            Actor::Anonymous(_) => Actor::Anonymous(client.clone()),
            Actor::SignedIn(_, a) => Actor::SignedIn(client.clone(), a.clone()),
        }
    }

    fn with_session(&self, mut b: http::request::Builder) -> http::request::Builder {
        if let Some(c) = self.cookie() {
            b = b.header(header::COOKIE, c);
        }
        b
    }

    pub async fn send(&self, req: Request<Body>) -> Reply {
        self.client().send(req).await
    }

    /// A server-function call as the WASM client makes it (POST, url-encoded form).
    pub async fn call<S: ServerFn>(&self, form: &(impl Form + ?Sized)) -> Reply {
        self.call_from::<S>(form, CLIENT_IP).await
    }

    /// A call through a proxy that names the client `ip` in `X-Forwarded-For`.
    pub async fn call_from<S: ServerFn>(&self, form: &(impl Form + ?Sized), ip: &str) -> Reply {
        self.call_with::<S>(form, |b| b.header("x-forwarded-for", ip)).await
    }

    /// A call with extra headers or extensions (`ConnectInfo`, …).
    pub async fn call_with<S: ServerFn>(
        &self,
        form: &(impl Form + ?Sized),
        extra: impl FnOnce(http::request::Builder) -> http::request::Builder,
    ) -> Reply {
        let b = Request::post(S::PATH)
            .header(header::HOST, HOST)
            .header(header::ORIGIN, ORIGIN)
            .header("sec-fetch-site", "same-origin")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json");
        let b = extra(self.with_session(b));
        self.send(b.body(Body::from(form.encode())).unwrap()).await
    }

    /// A read-only server function (`GetUrl`: arguments in the query string).
    pub async fn get<S: ServerFn>(&self, query: &(impl Form + ?Sized)) -> Reply {
        let b = Request::get(format!("{}?{}", S::PATH, query.encode()))
            .header(header::HOST, HOST)
            .header(header::ACCEPT, "application/json");
        self.send(self.with_session(b).body(Body::empty()).unwrap()).await
    }

    /// A plain `<form>` post to a server function, as a browser without JavaScript sends it.
    pub async fn form_post<S: ServerFn>(&self, form: &(impl Form + ?Sized), referer: &str) -> Reply {
        let b = Request::post(S::PATH)
            .header(header::HOST, HOST)
            .header(header::ORIGIN, ORIGIN)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
            .header(header::REFERER, format!("{ORIGIN}{referer}"));
        self.send(self.with_session(b).body(Body::from(form.encode())).unwrap()).await
    }

    /// A post with files (`multipart/form-data`) to `path`, as a script sends
    /// it (`Accept: application/json`): text `fields`, then `files` as
    /// (field, file name, content).
    pub async fn post_multipart(&self, path: &str, fields: &[(&str, &str)], files: &[(&str, &str, &[u8])]) -> Reply {
        let body = multipart_body(MULTIPART_BOUNDARY, fields, files);
        let b = self
            .multipart_request(path, multipart_content_type(MULTIPART_BOUNDARY), body.len())
            .header(header::ACCEPT, "application/json");
        self.send(b.body(Body::from(body)).unwrap()).await
    }

    /// The same post as a browser without JavaScript sends its plain
    /// `<form enctype="multipart/form-data">` from the page `referer`: the
    /// answer is a redirect (not followed), back to `referer` with `?error=`
    /// when it was refused.
    pub async fn form_post_multipart(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        files: &[(&str, &str, &[u8])],
        referer: &str,
    ) -> Reply {
        let body = multipart_body(MULTIPART_BOUNDARY, fields, files);
        self.form_post_multipart_raw(path, multipart_content_type(MULTIPART_BOUNDARY), body, referer).await
    }

    /// A plain form post with this `Content-Type` and body exactly (a broken
    /// post, a boundary of one's own).
    pub async fn form_post_multipart_raw(
        &self,
        path: &str,
        content_type: String,
        body: Vec<u8>,
        referer: &str,
    ) -> Reply {
        let b = self
            .multipart_request(path, content_type, body.len())
            .header(header::ACCEPT, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
            .header(header::REFERER, format!("{ORIGIN}{referer}"));
        self.send(b.body(Body::from(body)).unwrap()).await
    }

    fn multipart_request(&self, path: &str, content_type: String, len: usize) -> http::request::Builder {
        let b = Request::post(path)
            .header(header::HOST, HOST)
            .header(header::ORIGIN, ORIGIN)
            .header("sec-fetch-site", "same-origin")
            .header(header::CONTENT_TYPE, content_type)
            .header(header::CONTENT_LENGTH, len)
            .header("x-forwarded-for", CLIENT_IP);
        self.with_session(b)
    }

    /// A page, as a browser asks for it.
    pub async fn page(&self, path: &str) -> Reply {
        let b = Request::get(path).header(header::HOST, HOST).header(header::ACCEPT, "text/html");
        self.send(self.with_session(b).body(Body::empty()).unwrap()).await
    }

    /// The login the server sees for this actor's cookie (None: not signed in).
    pub async fn current_login(&self) -> Option<String> {
        let r = self.call::<GetCurrentUser>(NO_ARGS).await.ok();
        r.json().get("login").and_then(|v| v.as_str()).map(str::to_string)
    }

    pub async fn is_signed_in(&self) -> bool {
        !self.call::<GetCurrentUser>(NO_ARGS).await.ok().json().is_null()
    }

    /// `unread_count` for this actor.
    pub async fn unread(&self) -> i64 {
        self.call::<UnreadCount>(NO_ARGS).await.ok().json().as_i64().expect("a count")
    }
}

// ---------------------------------------------------------------------------
// A small world: an employer with a verified company, staff and a migrant

pub type CompanyId = i64;

pub struct World {
    pub app: TestApp,
    pub employer: Actor,
    pub staff: Actor,
    pub migrant: Actor,
    /// The employer's verified company.
    pub company: CompanyId,
}

impl std::ops::Deref for World {
    type Target = TestApp;
    fn deref(&self) -> &TestApp {
        &self.app
    }
}

/// An employer with a verified company, a staff member and a migrant.
pub async fn world() -> World {
    world_with(Opts::default()).await
}

pub async fn world_with(opts: Opts) -> World {
    let app = TestApp::with(opts).await;
    let employer = app.employer("ik@anadolu-insaat.example").await;
    let staff = app.staff("staff@kopru.example").await;
    let migrant = app.migrant("+998901234567").await;
    let mut w = World { app, employer, staff, migrant, company: 0 };
    let company = w.verified_company(&w.employer).await;
    w.company = company;
    w
}

impl World {
    /// Registers a company for `employer` (pending verification): its id.
    pub async fn company(&self, employer: &Actor, vkn: &str, name: &str) -> CompanyId {
        employer.call::<RegisterCompany>(&company_form(vkn, name)).await.ok();
        let mine = employer.call::<MyCompany>(NO_ARGS).await.ok().json();
        mine["id"].as_i64().expect("company id")
    }

    /// Registers a company for `employer` and has staff verify it: its id.
    pub async fn verified_company(&self, employer: &Actor) -> CompanyId {
        let id =
            self.company(employer, &vkn(employer.id() as u32), &format!("Firma {} İnşaat A.Ş.", employer.id())).await;
        self.staff.call::<DecideCompany>(&[("company_id", &*id.to_string()), ("decision", "verify")]).await.ok();
        id
    }

    /// A vacancy submitted by `employer` (waiting for review): its id, as my_vacancies lists it.
    pub async fn vacancy(&self, employer: &Actor, spec: &VacancySpec) -> i64 {
        let before = employer.call::<MyVacancies>(NO_ARGS).await.ok().ids();
        employer.call::<SaveVacancy>(spec).await.ok();
        let new: Vec<i64> = employer
            .call::<MyVacancies>(NO_ARGS)
            .await
            .ok()
            .ids()
            .into_iter()
            .filter(|i| !before.contains(i))
            .collect();
        assert_eq!(new.len(), 1, "one new vacancy: {new:?}");
        new[0]
    }

    /// A vacancy submitted by `employer` and published by staff.
    pub async fn published_vacancy(&self, employer: &Actor, spec: &VacancySpec) -> i64 {
        let id = self.vacancy(employer, spec).await;
        self.publish(id).await;
        id
    }

    pub async fn publish(&self, vacancy: i64) {
        self.staff.call::<ReviewVacancy>(&[("vacancy_id", &*vacancy.to_string()), ("decision", "publish")]).await.ok();
    }

    /// The vacancy as its employer sees it.
    pub async fn vacancy_as(&self, actor: &Actor, vacancy: i64) -> Reply {
        actor.get::<GetVacancy>(&[("id", vacancy.to_string())]).await
    }

    /// Makes a row of `table` (companies, vacancies, applications) look as if it
    /// entered its queue `hours` ago (and a minute).
    pub async fn backdate(&self, table: &str, id: i64, hours: i64) {
        use sea_orm::sea_query::{Alias, Expr, Query};
        use sea_orm::ConnectionTrait;
        let at = chrono::Utc::now() - chrono::Duration::hours(hours) - chrono::Duration::minutes(1);
        let stmt = Query::update()
            .table(Alias::new(table))
            .value(Alias::new("updated_at"), at)
            .and_where(Expr::col(Alias::new("id")).eq(id))
            .to_owned();
        self.db.execute(self.db.get_database_backend().build(&stmt)).await.unwrap();
    }

    /// An application written straight to the database by a migrant without a
    /// profile (the site asks for one first; older rows may lack it).
    pub async fn application_without_profile(&self, migrant: &Actor, vacancy: i64) -> i64 {
        use app::applications::entity::application;
        use sea_orm::{ActiveModelTrait, Set};
        let now = chrono::Utc::now();
        let row = application::ActiveModel {
            vacancy_id: Set(vacancy as i32),
            migrant_user_id: Set(migrant.id() as i32),
            stage: Set(app::applications::Stage::Submitted),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        };
        i64::from(row.insert(&self.db).await.unwrap().id)
    }

    /// `migrant` applies to `vacancy`: the application's id, as list_applications lists it.
    /// An application by a migrant with a profile (applying asks for one).
    pub async fn application(&self, migrant: &Actor, vacancy: i64) -> i64 {
        if migrant.call::<MyProfile>(NO_ARGS).await.ok().json().is_null() {
            migrant.call::<SaveProfile>(&profile_form("")).await.ok();
        }
        let before = migrant.call::<ListApplications>(NO_ARGS).await.ok().ids();
        migrant.call::<Apply>(&[("vacancy_id", vacancy.to_string())]).await.ok();
        let new: Vec<i64> = migrant
            .call::<ListApplications>(NO_ARGS)
            .await
            .ok()
            .ids()
            .into_iter()
            .filter(|i| !before.contains(i))
            .collect();
        assert_eq!(new.len(), 1, "one new application: {new:?}");
        new[0]
    }

    /// Moves an application (by whoever owns the move), with what the move
    /// needs: an interview's time, mode, place and contact; an offer's terms;
    /// a refusal's reason from the list. Hiring's permit is the caller's.
    pub async fn move_app(&self, actor: &Actor, application: i64, to: &str) -> Reply {
        let mut form = vec![("application_id", application.to_string()), ("to", to.to_string())];
        form.extend(move_details(to));
        actor.call::<MoveApplication>(&form).await
    }

    /// Moves an application with exactly these fields besides its id and stage.
    pub async fn move_app_with(&self, actor: &Actor, application: i64, to: &str, fields: &[(&str, String)]) -> Reply {
        let mut form = vec![("application_id", application.to_string()), ("to", to.to_string())];
        form.extend(fields.iter().cloned());
        actor.call::<MoveApplication>(&form).await
    }

    /// Staff screen and forward an application to the employer.
    pub async fn forward(&self, application: i64) {
        for to in ["screening", "forwarded"] {
            self.move_app(&self.staff, application, to).await.ok();
        }
    }

    /// The stage of an application, as staff read it.
    pub async fn stage(&self, application: i64) -> String {
        let r = self.staff.get::<GetApplication>(&[("id", application.to_string())]).await.ok();
        r.json()["stage"].as_str().unwrap().to_string()
    }

    /// A vacancy's status, as staff read it.
    pub async fn vacancy_status(&self, vacancy: i64) -> String {
        let r = self.vacancy_as(&self.staff, vacancy).await.ok();
        r.json()["status"].as_str().unwrap().to_string()
    }

    /// A project of `employer`'s company: its id, as my_projects lists it.
    pub async fn project(&self, employer: &Actor, name: &str) -> i64 {
        let before = employer.call::<MyProjects>(NO_ARGS).await.ok().ids();
        employer
            .call::<SaveProject>(&[
                ("name", name),
                ("description_tr", "Otoyol inşaatı"),
                ("description_uz", "Avtomagistral qurilishi"),
                ("province_id", "34"),
            ])
            .await
            .ok();
        let new: Vec<i64> =
            employer.call::<MyProjects>(NO_ARGS).await.ok().ids().into_iter().filter(|i| !before.contains(i)).collect();
        assert_eq!(new.len(), 1, "one new project: {new:?}");
        new[0]
    }
}

/// The `/vacancies/<id>` links of a page, sorted and without duplicates.
pub fn vacancy_links(body: &str) -> Vec<String> {
    let mut v: Vec<String> = body
        .match_indices("href=\"/vacancies/")
        .map(|(i, _)| body[i + 17..].split('"').next().unwrap().to_string())
        .filter(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()))
        .collect();
    v.sort();
    v.dedup();
    v
}

async fn fresh_pg_database(base: &str) -> String {
    let admin = sea_orm::Database::connect(base).await.expect("PostgreSQL reachable");
    let name = format!("kopru_t_{}", uuid::Uuid::new_v4().simple());
    admin.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await.expect("create test database");
    let _ = admin.close().await;
    let (prefix, _) = base.rsplit_once('/').unwrap();
    format!("{prefix}/{name}")
}
