//! The outbox's worker and transports (F5.3, F6.8).
//!
//! Services queue messages in the `outbox` table (`app::outbox::service::enqueue`,
//! in their own transactions). The worker here claims due rows, sends each
//! through its channel's transport and marks it sent or failed; a failed
//! message is tried again later, with a longer wait each time. Claims are
//! leases, so a worker that dies mid-send (a crash, a restart) loses nothing:
//! its rows are taken again once the lease runs out, by this or another
//! instance. With a Telegram bot configured, a second loop long-polls the
//! Bot API for `/start <code>` messages, which link a chat to an account.
//!
//! Each channel's transport is chosen by the environment ([`OutboxConfig`]);
//! the default for all three is the log: one `outbox message` line per
//! message, with its full text (that is how tests and operators without a
//! gateway read codes). No other line here ever holds a body, and errors are
//! kept without URLs (an SMS gateway's or the bot's token may be in them).

use anyhow::{bail, Context};
use app::outbox::entity::message;
use app::outbox::service::{self, LinkOutcome};
use app::outbox::{mask_recipient, Channel, OutboxStatus};
use app::state::{AppState, Keys};
use sea_orm::DatabaseConnection;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;
use tokio::task::JoinHandle;

/// How long a claimed message is a worker's before another may take it: far
/// longer than a send may take (each transport gives up after 30 s).
pub const LEASE: Duration = Duration::from_secs(300);
/// Messages claimed at once; they are sent side by side.
pub const BATCH: u64 = 16;
/// The pause when nothing is due.
pub const IDLE: Duration = Duration::from_millis(1500);
/// A send's time limit.
const SEND_TIMEOUT: Duration = Duration::from_secs(30);

// ---------------------------------------------------------------------------
// Configuration

/// How SMS go out.
#[derive(Clone)]
pub enum SmsConfig {
    Log,
    /// An HTTP gateway: `body` is a template with `{to}` and `{text}`, whose
    /// values are escaped for `content_type` (JSON string or form encoding).
    Http {
        url: String,
        body: String,
        content_type: String,
        authorization: Option<String>,
    },
}

/// How e-mails go out.
#[derive(Clone)]
pub enum EmailConfig {
    Log,
    /// `url` in lettre's form, `smtps://user:pass@host:465` or
    /// `smtp://user:pass@host:587?tls=required`.
    Smtp {
        url: String,
        from: lettre::message::Mailbox,
    },
}

/// The Telegram bot, when one is configured.
#[derive(Clone)]
pub struct TelegramConfig {
    pub token: String,
    pub username: Option<String>,
    /// The Bot API's base URL (a local stub in tests).
    pub api: String,
    /// Whether this instance long-polls `getUpdates` (the Bot API allows one
    /// poller per bot: turn it off on all instances but one).
    pub poll: bool,
    /// Seconds a `getUpdates` call waits for news.
    pub poll_timeout: u64,
}

/// The outbox's transports, from the environment. Deliberately not `Debug`:
/// it holds the bot's token and the SMTP and gateway credentials.
#[derive(Clone)]
pub struct OutboxConfig {
    pub sms: SmsConfig,
    pub email: EmailConfig,
    /// `None`: Telegram messages are written to the log.
    pub telegram: Option<TelegramConfig>,
}

impl Default for OutboxConfig {
    /// Everything to the log.
    fn default() -> Self {
        OutboxConfig { sms: SmsConfig::Log, email: EmailConfig::Log, telegram: None }
    }
}

impl OutboxConfig {
    pub fn from_env() -> anyhow::Result<OutboxConfig> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    /// Reads and checks the settings (without connecting anywhere), so that
    /// a wrong one stops the server at start, not at its first message.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> anyhow::Result<OutboxConfig> {
        let get = |k: &str| get(k).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        let required = |k: &str, why: &str| get(k).with_context(|| format!("{k} must be set {why}"));

        let sms = match get("KOPRU_SMS_TRANSPORT").as_deref() {
            None | Some("log") => SmsConfig::Log,
            Some("http") => {
                let url = required("KOPRU_SMS_URL", "when KOPRU_SMS_TRANSPORT=http")?;
                if !(url.starts_with("https://") || url.starts_with("http://")) {
                    bail!("KOPRU_SMS_URL must be an http(s) URL");
                }
                let content_type =
                    get("KOPRU_SMS_CONTENT_TYPE").unwrap_or_else(|| "application/x-www-form-urlencoded".into());
                let body = get("KOPRU_SMS_BODY").unwrap_or_else(|| {
                    if is_json(&content_type) {
                        r#"{"to":"{to}","text":"{text}"}"#.into()
                    } else {
                        "to={to}&text={text}".into()
                    }
                });
                if !body.contains("{to}") || !body.contains("{text}") {
                    bail!("KOPRU_SMS_BODY must contain {{to}} and {{text}}");
                }
                SmsConfig::Http { url, body, content_type, authorization: get("KOPRU_SMS_AUTHORIZATION") }
            }
            Some(other) => bail!("KOPRU_SMS_TRANSPORT must be log or http, not {other:?}"),
        };

        let email = match get("KOPRU_EMAIL_TRANSPORT").as_deref() {
            None | Some("log") => EmailConfig::Log,
            Some("smtp") => {
                let url = required("KOPRU_SMTP_URL", "when KOPRU_EMAIL_TRANSPORT=smtp")?;
                // Parsed now (no connection yet): a typo stops the start. The
                // error never repeats the URL, which holds the password.
                lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::from_url(&url)
                    .map_err(|_| anyhow::anyhow!("KOPRU_SMTP_URL is not an smtp:// or smtps:// URL"))?;
                let from = required("KOPRU_MAIL_FROM", "when KOPRU_EMAIL_TRANSPORT=smtp")?;
                let from = from.parse().with_context(|| format!("KOPRU_MAIL_FROM is not an address: {from:?}"))?;
                EmailConfig::Smtp { url, from }
            }
            Some(other) => bail!("KOPRU_EMAIL_TRANSPORT must be log or smtp, not {other:?}"),
        };

        let telegram = match get("KOPRU_TELEGRAM_BOT_TOKEN") {
            None => None,
            Some(token) => {
                let api = get("KOPRU_TELEGRAM_API").unwrap_or_else(|| "https://api.telegram.org".into());
                let poll = !matches!(get("KOPRU_TELEGRAM_POLL").as_deref(), Some("0" | "false" | "no" | "off"));
                Some(TelegramConfig {
                    token,
                    username: get("KOPRU_TELEGRAM_BOT_USERNAME").map(|u| u.trim_start_matches('@').to_string()),
                    api: api.trim_end_matches('/').to_string(),
                    poll,
                    poll_timeout: 25,
                })
            }
        };
        Ok(OutboxConfig { sms, email, telegram })
    }
}

fn is_json(content_type: &str) -> bool {
    content_type.split(';').next().is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
}

// ---------------------------------------------------------------------------
// Transports

pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Sends one message. `Err` holds what to record as the last error: a status
/// or the gateway's reason, never the body or a credential.
pub trait Transport: Send + Sync {
    fn send<'a>(&'a self, msg: &'a message::Model) -> BoxFuture<'a, Result<(), String>>;
}

/// The default: one structured line per message, with its full text.
pub struct LogTransport;

impl Transport for LogTransport {
    fn send<'a>(&'a self, m: &'a message::Model) -> BoxFuture<'a, Result<(), String>> {
        Box::pin(async move {
            tracing::info!(channel = %m.channel, to = %m.recipient, kind = %m.kind, text = %m.body, "outbox message");
            Ok(())
        })
    }
}

fn http_client(timeout: Duration) -> anyhow::Result<reqwest::Client> {
    reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(Duration::from_secs(10))
        .user_agent("kopru-outbox")
        .build()
        .context("HTTP client")
}

/// A transport's error as it is kept: without the URL, which may hold a token.
fn http_error(e: reqwest::Error) -> String {
    e.without_url().to_string()
}

/// E-mail over SMTP (lettre, rustls).
pub struct SmtpTransport {
    mailer: lettre::AsyncSmtpTransport<lettre::Tokio1Executor>,
    from: lettre::message::Mailbox,
}

impl SmtpTransport {
    pub fn new(url: &str, from: lettre::message::Mailbox) -> anyhow::Result<SmtpTransport> {
        let mailer = lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::from_url(url)
            .map_err(|_| anyhow::anyhow!("KOPRU_SMTP_URL is not an smtp:// or smtps:// URL"))?
            .timeout(Some(SEND_TIMEOUT))
            .build();
        Ok(SmtpTransport { mailer, from })
    }
}

impl Transport for SmtpTransport {
    fn send<'a>(&'a self, m: &'a message::Model) -> BoxFuture<'a, Result<(), String>> {
        Box::pin(async move {
            use lettre::AsyncTransport;
            let to: lettre::message::Mailbox = m.recipient.parse().map_err(|_| "not an e-mail address".to_string())?;
            let email = lettre::Message::builder()
                .from(self.from.clone())
                .to(to)
                .subject(m.subject.clone())
                .header(lettre::message::header::ContentType::TEXT_PLAIN)
                .body(m.body.clone())
                .map_err(|e| format!("message: {e}"))?;
            self.mailer.send(email).await.map(|_| ()).map_err(|e| format!("smtp: {e}"))
        })
    }
}

/// SMS through an HTTP gateway: a POST of the body template with `{to}` and
/// `{text}` filled in; any answer but 2xx is a failure.
pub struct HttpSmsTransport {
    client: reqwest::Client,
    url: String,
    body: String,
    content_type: String,
    authorization: Option<String>,
}

impl HttpSmsTransport {
    pub fn new(
        url: &str,
        body: &str,
        content_type: &str,
        authorization: Option<&str>,
    ) -> anyhow::Result<HttpSmsTransport> {
        Ok(HttpSmsTransport {
            client: http_client(SEND_TIMEOUT)?,
            url: url.to_string(),
            body: body.to_string(),
            content_type: content_type.to_string(),
            authorization: authorization.map(str::to_string),
        })
    }
}

/// The gateway's body: `template` with `{to}` and `{text}` replaced in one
/// pass (a text that itself holds `{to}` stays as it is), each value escaped
/// for the content type: inside a JSON string, or form-encoded.
pub fn fill_template(template: &str, to: &str, text: &str, json: bool) -> String {
    let escape = |v: &str| -> String {
        if json {
            let quoted = serde_json::to_string(v).unwrap_or_default();
            quoted[1..quoted.len() - 1].to_string()
        } else {
            form_urlencoded::byte_serialize(v.as_bytes()).collect()
        }
    };
    let mut out = String::with_capacity(template.len() + text.len() * 2);
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(after) = tail.strip_prefix("{to}") {
            out.push_str(&escape(to));
            rest = after;
        } else if let Some(after) = tail.strip_prefix("{text}") {
            out.push_str(&escape(text));
            rest = after;
        } else {
            out.push('{');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

impl Transport for HttpSmsTransport {
    fn send<'a>(&'a self, m: &'a message::Model) -> BoxFuture<'a, Result<(), String>> {
        Box::pin(async move {
            let body = fill_template(&self.body, &m.recipient, &m.body, is_json(&self.content_type));
            let mut req = self
                .client
                .post(&self.url)
                .header(reqwest::header::CONTENT_TYPE, self.content_type.as_str())
                .body(body);
            if let Some(auth) = &self.authorization {
                req = req.header(reqwest::header::AUTHORIZATION, auth.as_str());
            }
            let res = req.send().await.map_err(http_error)?;
            let status = res.status();
            if status.is_success() {
                Ok(())
            } else {
                Err(format!("sms gateway answered {status}"))
            }
        })
    }
}

/// Telegram messages through the Bot API's `sendMessage`.
pub struct TelegramTransport {
    client: reqwest::Client,
    api: String,
    token: String,
}

impl TelegramTransport {
    pub fn new(config: &TelegramConfig) -> anyhow::Result<TelegramTransport> {
        Ok(TelegramTransport {
            client: http_client(SEND_TIMEOUT)?,
            api: config.api.clone(),
            token: config.token.clone(),
        })
    }
}

/// The Bot API's answer: `ok`, and why not.
#[derive(serde::Deserialize)]
struct BotAnswer<T> {
    ok: bool,
    description: Option<String>,
    result: Option<T>,
}

impl Transport for TelegramTransport {
    fn send<'a>(&'a self, m: &'a message::Model) -> BoxFuture<'a, Result<(), String>> {
        Box::pin(async move {
            let url = format!("{}/bot{}/sendMessage", self.api, self.token);
            let payload = serde_json::json!({
                "chat_id": m.recipient,
                "text": m.body,
                "link_preview_options": {"is_disabled": true},
            });
            let res = self.client.post(url).json(&payload).send().await.map_err(http_error)?;
            let status = res.status();
            let answer = res.json::<BotAnswer<serde_json::Value>>().await.ok();
            match answer {
                Some(a) if status.is_success() && a.ok => Ok(()),
                a => Err(format!(
                    "telegram answered {status}{}",
                    a.and_then(|a| a.description).map(|d| format!(": {d}")).unwrap_or_default()
                )),
            }
        })
    }
}

/// One transport per channel.
#[derive(Clone)]
pub struct Transports {
    pub sms: Arc<dyn Transport>,
    pub email: Arc<dyn Transport>,
    pub telegram: Arc<dyn Transport>,
}

impl Transports {
    /// Every channel to the log.
    pub fn log() -> Transports {
        let log: Arc<dyn Transport> = Arc::new(LogTransport);
        Transports { sms: log.clone(), email: log.clone(), telegram: log }
    }

    pub fn from_config(c: &OutboxConfig) -> anyhow::Result<Transports> {
        let mut t = Transports::log();
        if let SmsConfig::Http { url, body, content_type, authorization } = &c.sms {
            t.sms = Arc::new(HttpSmsTransport::new(url, body, content_type, authorization.as_deref())?);
        }
        if let EmailConfig::Smtp { url, from } = &c.email {
            t.email = Arc::new(SmtpTransport::new(url, from.clone())?);
        }
        if let Some(tg) = &c.telegram {
            t.telegram = Arc::new(TelegramTransport::new(tg)?);
        }
        Ok(t)
    }

    pub fn of(&self, channel: Channel) -> &Arc<dyn Transport> {
        match channel {
            Channel::Sms => &self.sms,
            Channel::Email => &self.email,
            Channel::Telegram => &self.telegram,
        }
    }
}

// ---------------------------------------------------------------------------
// The worker

/// Claims due messages and sends them.
#[derive(Clone)]
pub struct Worker {
    pub db: DatabaseConnection,
    pub transports: Transports,
    pub lease: Duration,
    pub batch: u64,
}

impl Worker {
    pub fn new(db: DatabaseConnection, transports: Transports) -> Worker {
        Worker { db, transports, lease: LEASE, batch: BATCH }
    }

    /// One round: claims up to a batch of due messages, sends them side by
    /// side and records each outcome. How many it claimed.
    pub async fn run_once(&self) -> Result<usize, app::error::AppError> {
        self.round(None).await
    }

    /// [`Worker::run_once`] as if it were `now` (tests let time pass this way).
    pub async fn run_once_at(&self, now: chrono::DateTime<chrono::Utc>) -> Result<usize, app::error::AppError> {
        self.round(Some(now)).await
    }

    async fn round(&self, at: Option<chrono::DateTime<chrono::Utc>>) -> Result<usize, app::error::AppError> {
        let lease = chrono::Duration::from_std(self.lease).unwrap_or(chrono::Duration::minutes(5));
        let claimed = service::claim(&self.db, at.unwrap_or_else(chrono::Utc::now), lease, self.batch).await?;
        let n = claimed.len();
        let mut sends = tokio::task::JoinSet::new();
        for m in claimed {
            let worker = self.clone();
            sends.spawn(async move { worker.deliver(m, at).await });
        }
        while let Some(done) = sends.join_next().await {
            if let Err(e) = done {
                tracing::error!(error = %e, "outbox: a send task failed");
            }
        }
        Ok(n)
    }

    /// Sends one claimed message and records the outcome at `at` (else when the send ended).
    async fn deliver(&self, m: message::Model, at: Option<chrono::DateTime<chrono::Utc>>) {
        let transport = self.transports.of(m.channel).clone();
        let outcome = match tokio::time::timeout(SEND_TIMEOUT + Duration::from_secs(5), transport.send(&m)).await {
            Ok(r) => r,
            Err(_) => Err("timed out".to_string()),
        };
        let now = at.unwrap_or_else(chrono::Utc::now);
        let to = mask_recipient(m.channel, &m.recipient);
        match outcome {
            Ok(()) => {
                if service::mark_sent(&self.db, m.id, now).await.is_ok() {
                    tracing::debug!(id = m.id, channel = %m.channel, kind = %m.kind, to, "outbox: sent");
                }
            }
            Err(error) => match service::mark_failed(&self.db, m.id, &error, now).await {
                Ok(status) => {
                    let gave_up = status == OutboxStatus::Failed;
                    tracing::warn!(id = m.id, channel = %m.channel, kind = %m.kind, to, attempts = m.attempts,
                        error, gave_up, "outbox: message not sent");
                }
                Err(e) => tracing::error!(id = m.id, error = e.key(), "outbox: could not record a failed send"),
            },
        }
    }

    /// Forever: a round, then at once another while there was work, else a pause.
    pub async fn run(self) {
        loop {
            match self.run_once().await {
                Ok(n) if n > 0 => continue,
                Ok(_) => tokio::time::sleep(IDLE).await,
                // The database is down: logged by the error's conversion; wait longer.
                Err(_) => tokio::time::sleep(IDLE * 4).await,
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Telegram updates

/// Long-polls the Bot API for `/start <code>` messages (the bot's deep link
/// sends one) and links each chat to its code's account.
pub struct TelegramPoller {
    client: reqwest::Client,
    config: TelegramConfig,
    db: DatabaseConnection,
    keys: Arc<Keys>,
    /// The next update to ask for: those before it are confirmed to the API.
    pub offset: i64,
}

#[derive(serde::Deserialize)]
struct Update {
    update_id: i64,
    message: Option<UpdateMessage>,
}

#[derive(serde::Deserialize)]
struct UpdateMessage {
    chat: Chat,
    text: Option<String>,
}

#[derive(serde::Deserialize)]
struct Chat {
    id: i64,
    #[serde(rename = "type")]
    kind: String,
}

/// The code of a `/start` command (`/start CODE`, `/start@bot CODE`), empty
/// when it came without one; `None` for any other text.
pub fn start_argument(text: &str) -> Option<&str> {
    let text = text.trim();
    let rest = text.strip_prefix("/start")?;
    let rest = match rest.strip_prefix('@') {
        Some(r) => r.split_once(char::is_whitespace).map_or("", |(_, arg)| arg),
        None if rest.is_empty() || rest.starts_with(char::is_whitespace) => rest,
        None => return None,
    };
    Some(rest.trim())
}

impl TelegramPoller {
    pub fn new(config: TelegramConfig, db: DatabaseConnection, keys: Arc<Keys>) -> anyhow::Result<TelegramPoller> {
        let client = http_client(Duration::from_secs(config.poll_timeout + 15))?;
        Ok(TelegramPoller { client, config, db, keys, offset: 0 })
    }

    /// One `getUpdates` call and what it brought: how many `/start` messages
    /// were handled. `Err` holds why the call failed (no URL, no token).
    pub async fn poll_once(&mut self) -> Result<usize, String> {
        let url = format!("{}/bot{}/getUpdates", self.config.api, self.config.token);
        let payload = serde_json::json!({
            "offset": self.offset,
            "timeout": self.config.poll_timeout,
            "allowed_updates": ["message"],
        });
        let res = self.client.post(url).json(&payload).send().await.map_err(http_error)?;
        let status = res.status();
        let answer: BotAnswer<Vec<Update>> =
            res.json().await.map_err(|e| format!("telegram answered {status}: {}", http_error(e)))?;
        if !status.is_success() || !answer.ok {
            return Err(format!("telegram answered {status}: {}", answer.description.unwrap_or_default()));
        }
        let mut handled = 0;
        for update in answer.result.unwrap_or_default() {
            self.offset = self.offset.max(update.update_id + 1);
            let Some(msg) = update.message else { continue };
            // Only a person's own chat with the bot, never a group.
            if msg.chat.kind != "private" {
                continue;
            }
            let Some(code) = msg.text.as_deref().and_then(start_argument) else { continue };
            let chat_id = msg.chat.id.to_string();
            match service::link_from_update(&self.db, &self.keys, code, &chat_id, chrono::Utc::now()).await {
                Ok(LinkOutcome::Linked { user_id }) => tracing::info!(user_id, "telegram chat linked"),
                Ok(LinkOutcome::Refused) => tracing::info!("telegram: /start without a live code"),
                Err(e) => tracing::error!(error = e.key(), "telegram: could not handle /start"),
            }
            handled += 1;
        }
        Ok(handled)
    }

    /// Forever; after a failure it waits a little longer each time, at most a minute.
    pub async fn run(mut self) {
        let mut wait = Duration::from_secs(1);
        loop {
            match self.poll_once().await {
                Ok(_) => wait = Duration::from_secs(1),
                Err(error) => {
                    tracing::warn!(error, "telegram: getUpdates failed");
                    tokio::time::sleep(wait).await;
                    wait = (wait * 2).min(Duration::from_secs(60));
                }
            }
        }
    }
}

/// Starts the worker (and, with a bot that polls, the Telegram poller) for
/// the life of the server: abort the handle to stop both. A message being
/// sent at that moment is sent again after its lease, at worst.
pub fn spawn_worker(state: AppState, config: OutboxConfig) -> JoinHandle<()> {
    let transports = Transports::from_config(&config).unwrap_or_else(|e| {
        tracing::error!(error = %e, "outbox: transports not set up; every channel goes to the log");
        Transports::log()
    });
    for (channel, to_log) in [
        ("sms", matches!(config.sms, SmsConfig::Log)),
        ("email", matches!(config.email, EmailConfig::Log)),
        ("telegram", config.telegram.is_none()),
    ] {
        if to_log {
            tracing::warn!(channel, "outbox: messages of this channel are written to the log, not sent");
        }
    }
    let poller = match &config.telegram {
        Some(tg) => {
            if let Some(name) = &tg.username {
                service::set_bot_username(name);
            }
            match tg.poll.then(|| TelegramPoller::new(tg.clone(), state.db.clone(), state.keys.clone())) {
                Some(Ok(p)) => Some(p),
                Some(Err(e)) => {
                    tracing::error!(error = %e, "telegram: poller not started");
                    None
                }
                None => None,
            }
        }
        None => None,
    };
    let worker = Worker::new(state.db.clone(), transports);
    tokio::spawn(async move {
        match poller {
            Some(p) => {
                tokio::join!(worker.run(), p.run());
            }
            None => worker.run().await,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn cfg(pairs: &[(&str, &str)]) -> anyhow::Result<OutboxConfig> {
        let m: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        OutboxConfig::from_lookup(|k| m.get(k).cloned())
    }

    #[test]
    fn everything_goes_to_the_log_by_default() {
        let c = cfg(&[]).unwrap();
        assert!(matches!(c.sms, SmsConfig::Log));
        assert!(matches!(c.email, EmailConfig::Log));
        assert!(c.telegram.is_none());
    }

    /// A runtime: lettre's SMTP pool lives on it.
    #[tokio::test]
    async fn transports_are_checked_at_start() {
        assert!(cfg(&[("KOPRU_SMS_TRANSPORT", "carrier-pigeon")]).is_err());
        assert!(cfg(&[("KOPRU_SMS_TRANSPORT", "http")]).is_err(), "needs a URL");
        assert!(cfg(&[("KOPRU_SMS_TRANSPORT", "http"), ("KOPRU_SMS_URL", "ftp://x")]).is_err());
        let c = cfg(&[("KOPRU_SMS_TRANSPORT", "http"), ("KOPRU_SMS_URL", "https://sms.example/send")]).unwrap();
        match c.sms {
            SmsConfig::Http { body, content_type, authorization, .. } => {
                assert_eq!(body, "to={to}&text={text}");
                assert_eq!(content_type, "application/x-www-form-urlencoded");
                assert_eq!(authorization, None);
            }
            SmsConfig::Log => panic!("http expected"),
        }
        let c = cfg(&[
            ("KOPRU_SMS_TRANSPORT", "http"),
            ("KOPRU_SMS_URL", "https://sms.example/send"),
            ("KOPRU_SMS_CONTENT_TYPE", "application/json; charset=utf-8"),
        ])
        .unwrap();
        assert!(matches!(c.sms, SmsConfig::Http { ref body, .. } if body == r#"{"to":"{to}","text":"{text}"}"#));
        assert!(cfg(&[
            ("KOPRU_SMS_TRANSPORT", "http"),
            ("KOPRU_SMS_URL", "https://sms.example/send"),
            ("KOPRU_SMS_BODY", "to={to}"),
        ])
        .is_err());

        assert!(cfg(&[("KOPRU_EMAIL_TRANSPORT", "smtp")]).is_err());
        assert!(cfg(&[("KOPRU_EMAIL_TRANSPORT", "smtp"), ("KOPRU_SMTP_URL", "smtps://u:p@mail.example:465")]).is_err());
        let bad_url = cfg(&[
            ("KOPRU_EMAIL_TRANSPORT", "smtp"),
            ("KOPRU_SMTP_URL", "http://u:secret@mail.example"),
            ("KOPRU_MAIL_FROM", "Köprü <noreply@kopru.example>"),
        ]);
        let e = bad_url.err().expect("refused").to_string();
        assert!(!e.contains("secret"), "the password is not repeated: {e}");
        let c = cfg(&[
            ("KOPRU_EMAIL_TRANSPORT", "smtp"),
            ("KOPRU_SMTP_URL", "smtps://u:p@mail.example:465"),
            ("KOPRU_MAIL_FROM", "Köprü <noreply@kopru.example>"),
        ])
        .unwrap();
        assert!(matches!(c.email, EmailConfig::Smtp { .. }));
        assert!(Transports::from_config(&c).is_ok());

        let c = cfg(&[
            ("KOPRU_TELEGRAM_BOT_TOKEN", "123:abc"),
            ("KOPRU_TELEGRAM_BOT_USERNAME", "@kopru_bot"),
            ("KOPRU_TELEGRAM_API", "http://127.0.0.1:9/"),
            ("KOPRU_TELEGRAM_POLL", "0"),
        ])
        .unwrap();
        let tg = c.telegram.unwrap();
        assert_eq!(
            (tg.username.as_deref(), tg.api.as_str(), tg.poll),
            (Some("kopru_bot"), "http://127.0.0.1:9", false)
        );
    }

    #[test]
    fn templates_are_filled_once_and_escaped() {
        let json = fill_template(r#"{"to":"{to}","text":"{text}"}"#, "+998901234567", "Kod: \"12\"\n{to}", true);
        assert_eq!(json, r#"{"to":"+998901234567","text":"Kod: \"12\"\n{to}"}"#);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["text"], "Kod: \"12\"\n{to}");
        let form = fill_template("to={to}&msg={text}&x={y}", "+998901234567", "Kod & 12 = oʻn", false);
        assert_eq!(form, "to=%2B998901234567&msg=Kod+%26+12+%3D+o%CA%BBn&x={y}");
    }

    #[test]
    fn start_commands() {
        assert_eq!(start_argument("/start ABCD2345"), Some("ABCD2345"));
        assert_eq!(start_argument("  /start   ABCD2345 "), Some("ABCD2345"));
        assert_eq!(start_argument("/start@kopru_bot ABCD2345"), Some("ABCD2345"));
        assert_eq!(start_argument("/start"), Some(""));
        assert_eq!(start_argument("/started"), None);
        assert_eq!(start_argument("salom"), None);
    }
}
