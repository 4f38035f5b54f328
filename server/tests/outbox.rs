//! The outbox (F5.3) and Telegram linking (F6.8): messages queued in a
//! transaction are delivered once, failures back off and give up, a crashed
//! worker's claim is taken again, concurrent workers of two instances never
//! take the same row, the SMS gateway and Telegram Bot API transports speak
//! HTTP as configured (against local stubs), `/start <code>` links a chat
//! once, and admins see the queue without a single body. SQLite, and
//! PostgreSQL with `TEST_DATABASE_URL`.

mod common;

use app::outbox::api::{OutboxOverview, TelegramLink, TelegramLinkCode, UnlinkTelegram};
use app::outbox::entity::message;
use app::outbox::service::{self, LinkOutcome, NewMessage};
use app::outbox::{Channel, MessageKind, OutboxStatus, MAX_ATTEMPTS};
use axum::routing::post;
use common::*;
use sea_orm::{EntityTrait, QueryOrder, TransactionTrait};
use server::outbox::{BoxFuture, HttpSmsTransport, TelegramConfig, TelegramPoller, Transport, Transports, Worker};
use std::sync::{Arc, Mutex};

/// Remembers what it was asked to send, or fails every send with `fail`.
#[derive(Default)]
struct Capture {
    sent: Mutex<Vec<(Channel, String, String)>>,
    fail: Option<&'static str>,
}

impl Transport for Capture {
    fn send<'a>(&'a self, m: &'a message::Model) -> BoxFuture<'a, Result<(), String>> {
        Box::pin(async move {
            if let Some(e) = self.fail {
                return Err(e.to_string());
            }
            self.sent.lock().unwrap().push((m.channel, m.recipient.clone(), m.body.clone()));
            Ok(())
        })
    }
}

fn all(t: Arc<Capture>) -> Transports {
    Transports { sms: t.clone(), email: t.clone(), telegram: t }
}

fn sms(to: &str, body: &str) -> NewMessage {
    NewMessage {
        user_id: None,
        channel: Channel::Sms,
        to: to.into(),
        kind: MessageKind::VerifyCode,
        locale: "uz".into(),
        subject: String::new(),
        body: body.into(),
    }
}

async fn row(app: &TestApp, id: i32) -> message::Model {
    message::Entity::find_by_id(id).one(&app.db).await.unwrap().expect("the row")
}

async fn only_row(app: &TestApp) -> message::Model {
    let rows = message::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(rows.len(), 1, "one message");
    rows.into_iter().next().unwrap()
}

/// A local HTTP server answering with `router`: its base URL.
async fn stub(router: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    format!("http://{addr}")
}

#[tokio::test]
async fn queued_in_a_transaction_delivered_once_and_the_code_forgotten() {
    let app = TestApp::new().await;
    let migrant = app.migrant("+998901234567").await;

    // Rolled back with what caused it: no message.
    let txn = app.db.begin().await.unwrap();
    service::enqueue(&txn, sms("+998901234567", "Köprü kodi: 111111")).await.unwrap();
    txn.rollback().await.unwrap();
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox").await, 0);

    let txn = app.db.begin().await.unwrap();
    let mut msg = sms("+998901234567", "Köprü kodi: 482913");
    msg.user_id = Some(migrant.id() as i32);
    service::enqueue(&txn, msg).await.unwrap();
    txn.commit().await.unwrap();
    let queued = only_row(&app).await;
    assert_eq!((queued.status, queued.attempts, queued.user_id), (OutboxStatus::Queued, 0, Some(migrant.id() as i32)));

    let capture = Arc::new(Capture::default());
    let worker = Worker::new(app.db.clone(), all(capture.clone()));
    assert_eq!(worker.run_once().await.unwrap(), 1);
    assert_eq!(worker.run_once().await.unwrap(), 0, "sent once");
    assert_eq!(
        *capture.sent.lock().unwrap(),
        vec![(Channel::Sms, "+998901234567".to_string(), "Köprü kodi: 482913".to_string())]
    );
    let sent = row(&app, queued.id).await;
    assert_eq!(sent.status, OutboxStatus::Sent);
    assert_eq!(sent.body, "", "the code is not kept once sent");
    assert!(sent.sent_at.is_some() && sent.lease_until.is_none());
    assert_eq!(
        (sent.channel, sent.kind, sent.recipient.as_str()),
        (Channel::Sms, MessageKind::VerifyCode, "+998901234567")
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox WHERE body LIKE '%482913%'").await, 0);

    // No recipient: a bug of the caller, refused.
    assert!(service::enqueue(&app.db, sms("  ", "x")).await.is_err());
}

#[tokio::test]
async fn a_failing_transport_backs_off_then_gives_up() {
    let app = TestApp::new().await;
    service::enqueue(&app.db, sms("+998901234567", "Kod: 555000")).await.unwrap();
    let id = only_row(&app).await.id;
    let failing =
        Arc::new(Capture { fail: Some("sms gateway answered 503 Service Unavailable"), ..Default::default() });
    let worker = Worker::new(app.db.clone(), all(failing));

    // PostgreSQL keeps microseconds.
    let mut now = chrono::SubsecRound::trunc_subsecs(chrono::Utc::now(), 6);
    let mut waits = vec![];
    for attempt in 1..=MAX_ATTEMPTS {
        assert_eq!(worker.run_once_at(now).await.unwrap(), 1, "try {attempt}");
        let r = row(&app, id).await;
        assert_eq!(r.attempts, attempt);
        assert_eq!(r.last_error.as_deref(), Some("sms gateway answered 503 Service Unavailable"));
        assert!(r.lease_until.is_none());
        if attempt < MAX_ATTEMPTS {
            assert_eq!(r.status, OutboxStatus::Queued);
            assert_eq!(r.body, "Kod: 555000", "kept for the next try");
            let wait = r.next_attempt_at - now;
            waits.push(wait.num_seconds());
            // Not due a second before its time, due at it.
            assert_eq!(worker.run_once_at(r.next_attempt_at - chrono::Duration::seconds(1)).await.unwrap(), 0);
            now = r.next_attempt_at;
        } else {
            assert_eq!(r.status, OutboxStatus::Failed);
            assert_eq!(r.body, "", "given up: the text is not kept");
        }
    }
    assert_eq!(waits, [30, 60, 120, 240, 480, 960, 1920]);
    assert_eq!(worker.run_once_at(now + chrono::Duration::days(1)).await.unwrap(), 0, "failed stays failed");
}

#[tokio::test]
async fn a_crashed_claim_is_taken_again_when_its_lease_runs_out() {
    let app = TestApp::new().await;
    service::enqueue(&app.db, sms("+998901234567", "Kod: 777111")).await.unwrap();
    let lease = chrono::Duration::minutes(5);
    let now = chrono::SubsecRound::trunc_subsecs(chrono::Utc::now(), 6);

    // A worker claims and dies before it sends.
    let first = service::claim(&app.db, now, lease, 10).await.unwrap();
    assert_eq!(first.len(), 1);
    assert_eq!((first[0].status, first[0].attempts), (OutboxStatus::Sending, 1));
    assert_eq!(first[0].lease_until, Some(now + lease));
    assert!(service::claim(&app.db, now + chrono::Duration::minutes(4), lease, 10).await.unwrap().is_empty(), "leased");

    // After the lease, another worker (a restarted server) takes it and sends it.
    let capture = Arc::new(Capture::default());
    let worker = Worker::new(app.db.clone(), all(capture.clone()));
    assert_eq!(worker.run_once_at(now + chrono::Duration::minutes(6)).await.unwrap(), 1);
    let r = row(&app, first[0].id).await;
    assert_eq!((r.status, r.attempts), (OutboxStatus::Sent, 2));
    assert_eq!(capture.sent.lock().unwrap().len(), 1);

    // A message whose worker died on every try is given up, not taken again.
    service::enqueue(&app.db, sms("+998901234568", "Kod: 777222")).await.unwrap();
    let mut at = now + chrono::Duration::minutes(10);
    for _ in 0..MAX_ATTEMPTS {
        assert_eq!(service::claim(&app.db, at, lease, 10).await.unwrap().len(), 1);
        at += chrono::Duration::minutes(6);
    }
    assert!(service::claim(&app.db, at, lease, 10).await.unwrap().is_empty());
    let abandoned =
        message::Entity::find().all(&app.db).await.unwrap().into_iter().find(|m| m.recipient.ends_with("68"));
    let abandoned = abandoned.unwrap();
    assert_eq!((abandoned.status, abandoned.attempts), (OutboxStatus::Failed, MAX_ATTEMPTS));
    assert!(abandoned.last_error.is_some_and(|e| e.starts_with("abandoned")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn workers_of_two_instances_never_take_the_same_row() {
    let app = TestApp::new().await;
    const N: usize = 240;
    for i in 0..N {
        service::enqueue(&app.db, sms(&format!("+998900{i:06}"), "Kod: 000000")).await.unwrap();
    }
    // A second instance: its own connection pool on the same database.
    let other = server::db::connect(&app.config.database_url).await.unwrap();
    let now = chrono::Utc::now();
    let mut tasks = vec![];
    for w in 0..12 {
        let db = if w % 2 == 0 { app.db.clone() } else { other.clone() };
        tasks.push(tokio::spawn(async move {
            let mut mine = vec![];
            loop {
                let got = service::claim(&db, now, chrono::Duration::minutes(5), 7).await.expect("claim");
                if got.is_empty() {
                    return mine;
                }
                mine.extend(got.into_iter().map(|m| m.id));
                tokio::task::yield_now().await;
            }
        }));
    }
    let mut claimed: Vec<i32> = vec![];
    let mut busy_workers = 0;
    for t in tasks {
        let mine = t.await.unwrap();
        busy_workers += usize::from(!mine.is_empty());
        claimed.extend(mine);
    }
    let total = claimed.len();
    claimed.sort();
    claimed.dedup();
    assert_eq!(claimed.len(), total, "a row was claimed twice");
    assert_eq!(total, N, "every row claimed");
    assert!(busy_workers > 1, "the workers did run side by side ({busy_workers})");
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox WHERE status = 'sending' AND attempts = 1").await, N as i64);
}

#[tokio::test]
async fn the_sms_gateway_gets_the_filled_template() {
    let app = TestApp::new().await;
    type Seen = Arc<Mutex<Vec<(Option<String>, Option<String>, String)>>>;
    let seen: Seen = Arc::default();
    let gateway = {
        let seen = seen.clone();
        axum::Router::new()
            .route(
                "/send",
                post(move |headers: http::HeaderMap, body: String| {
                    let seen = seen.clone();
                    async move {
                        let h = |n: http::HeaderName| headers.get(n).and_then(|v| v.to_str().ok()).map(str::to_string);
                        seen.lock().unwrap().push((
                            h(http::header::CONTENT_TYPE),
                            h(http::header::AUTHORIZATION),
                            body,
                        ));
                        "queued"
                    }
                }),
            )
            .route("/down", post(|| async { (http::StatusCode::SERVICE_UNAVAILABLE, "maintenance") }))
    };
    let base = stub(gateway).await;
    let text = "Köprü: kod \"482913\"\nOʻzbekiston & {to}";

    // JSON: the values inside JSON strings.
    let json = HttpSmsTransport::new(
        &format!("{base}/send"),
        r#"{"phone":"{to}","message":"{text}","sender":"KOPRU"}"#,
        "application/json",
        Some("Bearer sms-secret"),
    )
    .unwrap();
    let m = message::Model {
        id: 1,
        user_id: None,
        channel: Channel::Sms,
        recipient: "+998901234567".into(),
        kind: MessageKind::VerifyCode,
        locale: "uz".into(),
        subject: String::new(),
        body: text.into(),
        status: OutboxStatus::Sending,
        attempts: 1,
        next_attempt_at: chrono::Utc::now(),
        lease_until: None,
        last_error: None,
        created_at: chrono::Utc::now(),
        sent_at: None,
    };
    json.send(&m).await.unwrap();
    // Form-encoded, without an Authorization header.
    let form = HttpSmsTransport::new(
        &format!("{base}/send"),
        "to={to}&text={text}",
        "application/x-www-form-urlencoded",
        None,
    )
    .unwrap();
    form.send(&m).await.unwrap();
    {
        let seen = seen.lock().unwrap();
        assert_eq!(seen.len(), 2);
        let (ct, auth, body) = &seen[0];
        assert_eq!((ct.as_deref(), auth.as_deref()), (Some("application/json"), Some("Bearer sms-secret")));
        let v: Value = serde_json::from_str(body).expect("valid JSON");
        assert_eq!(v, json!({"phone": "+998901234567", "message": text, "sender": "KOPRU"}));
        let (ct, auth, body) = &seen[1];
        assert_eq!((ct.as_deref(), auth.as_deref()), (Some("application/x-www-form-urlencoded"), None));
        let pairs: Vec<(String, String)> =
            form_urlencoded::parse(body.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
        assert_eq!(pairs, [("to".to_string(), "+998901234567".to_string()), ("text".to_string(), text.to_string())]);
    }

    // A gateway that does not answer 2xx: a failure with the status, retried later.
    let down = HttpSmsTransport::new(&format!("{base}/down"), "to={to}&text={text}", "text/plain", None).unwrap();
    assert_eq!(down.send(&m).await, Err("sms gateway answered 503 Service Unavailable".to_string()));
    service::enqueue(&app.db, sms("+998901234567", "Kod: 1")).await.unwrap();
    let transports = Transports { sms: Arc::new(down), ..Transports::log() };
    Worker::new(app.db.clone(), transports).run_once().await.unwrap();
    let r = only_row(&app).await;
    assert_eq!(
        (r.status, r.last_error.as_deref()),
        (OutboxStatus::Queued, Some("sms gateway answered 503 Service Unavailable"))
    );
}

/// A Bot API stub: `getUpdates` answers what the test put in `updates` (once),
/// `sendMessage` keeps what it was sent.
#[derive(Clone, Default)]
struct Bot {
    updates: Arc<Mutex<Vec<Value>>>,
    offsets: Arc<Mutex<Vec<i64>>>,
    sent: Arc<Mutex<Vec<Value>>>,
}

impl Bot {
    fn router(&self) -> axum::Router {
        let (updates, offsets, sent) = (self.updates.clone(), self.offsets.clone(), self.sent.clone());
        axum::Router::new()
            .route(
                "/bot123:TEST/getUpdates",
                post(move |axum::Json(q): axum::Json<Value>| {
                    let (updates, offsets) = (updates.clone(), offsets.clone());
                    async move {
                        offsets.lock().unwrap().push(q["offset"].as_i64().unwrap());
                        let result: Vec<Value> = std::mem::take(&mut *updates.lock().unwrap());
                        axum::Json(json!({"ok": true, "result": result}))
                    }
                }),
            )
            .route(
                "/bot123:TEST/sendMessage",
                post(move |axum::Json(m): axum::Json<Value>| {
                    let sent = sent.clone();
                    async move {
                        if m["chat_id"] == "403" {
                            return (
                                http::StatusCode::FORBIDDEN,
                                axum::Json(
                                    json!({"ok": false, "description": "Forbidden: bot was blocked by the user"}),
                                ),
                            );
                        }
                        sent.lock().unwrap().push(m);
                        (http::StatusCode::OK, axum::Json(json!({"ok": true, "result": {}})))
                    }
                }),
            )
    }

    fn push_start(&self, update_id: i64, chat: i64, text: &str) {
        self.updates.lock().unwrap().push(json!({
            "update_id": update_id,
            "message": {"message_id": 1, "date": 0, "chat": {"id": chat, "type": "private"}, "text": text},
        }));
    }
}

#[tokio::test]
async fn a_start_code_links_a_chat_once() {
    let app = TestApp::new().await;
    let migrant = app.migrant("+998901234567").await;
    let other = app.migrant("+998935551122").await;
    service::set_bot_username("kopru_test_bot");

    // No code yet; then one, with the bot's deep link.
    let state = migrant.call::<TelegramLink>(NO_ARGS).await.ok().json();
    assert_eq!(state, json!({"linked_at": null, "code": null}));
    let issued = migrant.call::<TelegramLinkCode>(NO_ARGS).await.ok().json();
    let code = issued["code"].as_str().unwrap().to_string();
    assert_eq!(code.len(), 8);
    assert_eq!(issued["deep_link"], format!("https://t.me/kopru_test_bot?start={code}"));
    assert_eq!(issued["minutes_left"], 15);
    // The page shows it again; the database holds neither the code nor a plain hash of it.
    assert_eq!(migrant.call::<TelegramLink>(NO_ARGS).await.ok().json()["code"]["code"], code.as_str());
    assert_eq!(app.count("SELECT COUNT(*) FROM telegram_link_codes").await, 1);
    let stored = format!(
        "{}{}",
        app.text("SELECT code_hash FROM telegram_link_codes").await.unwrap(),
        app.text("SELECT code_sealed FROM telegram_link_codes").await.unwrap()
    );
    assert!(!stored.contains(&code));
    // A new code replaces the old one: one live per person.
    let again = migrant.call::<TelegramLinkCode>(NO_ARGS).await.ok().json()["code"].as_str().unwrap().to_string();
    assert_ne!(again, code);
    assert_eq!(app.count("SELECT COUNT(*) FROM telegram_link_codes").await, 1);
    let code = again;
    other.call::<TelegramLinkCode>(NO_ARGS).await.ok();

    let bot = Bot::default();
    let api = stub(bot.router()).await;
    let config = TelegramConfig { token: "123:TEST".into(), username: None, api, poll: true, poll_timeout: 0 };
    let mut poller = TelegramPoller::new(config.clone(), app.db.clone(), app.state.keys.clone()).unwrap();

    // The deep link sends `/start CODE`: the chat is linked, the code used up.
    bot.push_start(41, 5550001, &format!("/start {code}"));
    assert_eq!(poller.poll_once().await.unwrap(), 1);
    assert_eq!(service::telegram_chat_of(&app.db, migrant.id() as i32).await.unwrap().as_deref(), Some("5550001"));
    assert_eq!(
        app.count(&format!("SELECT COUNT(*) FROM telegram_link_codes WHERE user_id = {}", migrant.id())).await,
        0
    );
    let linked = migrant.call::<TelegramLink>(NO_ARGS).await.ok().json();
    assert!(linked["linked_at"].is_string() && linked["code"].is_null(), "{linked}");

    // The same code again, from another chat: refused; the link stays.
    bot.push_start(42, 5550002, &format!("/start {}", code.to_lowercase()));
    bot.push_start(43, 5550003, "salom");
    assert_eq!(poller.poll_once().await.unwrap(), 1, "only /start is handled");
    assert_eq!(*bot.offsets.lock().unwrap(), [0, 42], "updates confirmed");
    assert_eq!(service::telegram_chat_of(&app.db, migrant.id() as i32).await.unwrap().as_deref(), Some("5550001"));
    assert_eq!(app.count("SELECT COUNT(*) FROM telegram_accounts").await, 1);

    // An expired code is refused (and used up all the same).
    let keys = app.state.keys.clone();
    let late = chrono::Utc::now() + chrono::Duration::minutes(16);
    let other_code =
        other.call::<TelegramLink>(NO_ARGS).await.ok().json()["code"]["code"].as_str().unwrap().to_string();
    assert_eq!(
        service::link_from_update(&app.db, &keys, &other_code, "5550004", late).await.unwrap(),
        LinkOutcome::Refused
    );
    assert_eq!(service::telegram_chat_of(&app.db, other.id() as i32).await.unwrap(), None);
    assert_eq!(app.count("SELECT COUNT(*) FROM telegram_link_codes").await, 0);
    assert_eq!(service::link_from_update(&app.db, &keys, "", "5550005", late).await.unwrap(), LinkOutcome::Refused);

    // What the bot answers: the confirmation in the person's language, and how to link to the refused chats.
    let outbox: Vec<(String, MessageKind)> = message::Entity::find()
        .order_by_asc(message::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|m| (m.recipient, m.kind))
        .collect();
    assert_eq!(
        outbox,
        [
            ("5550001".to_string(), MessageKind::TelegramLinked),
            ("5550002".to_string(), MessageKind::TelegramHelp),
            ("5550004".to_string(), MessageKind::TelegramHelp),
            ("5550005".to_string(), MessageKind::TelegramHelp),
        ]
    );
    let transports =
        Transports::from_config(&server::outbox::OutboxConfig { telegram: Some(config), ..Default::default() })
            .unwrap();
    assert_eq!(Worker::new(app.db.clone(), transports.clone()).run_once().await.unwrap(), 4);
    let sent = bot.sent.lock().unwrap().clone();
    assert_eq!(sent.len(), 4);
    assert_eq!(sent[0]["chat_id"], "5550001");
    let linked_text = sent[0]["text"].as_str().unwrap();
    assert!(linked_text.contains("Telegram") && linked_text.contains("ulandi"), "Uzbek: {linked_text}");
    let help = sent.iter().find(|m| m["chat_id"] == "5550002").unwrap()["text"].as_str().unwrap();
    assert!(help.contains("yaroqsiz") && help.contains("geçersiz"), "both languages: {help}");
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox WHERE status = 'sent'").await, 4);

    // A chat that blocked the bot: the Bot API's reason is the last error.
    service::enqueue(
        &app.db,
        NewMessage { channel: Channel::Telegram, to: "403".into(), kind: MessageKind::Notification, ..sms("", "x") },
    )
    .await
    .unwrap();
    Worker::new(app.db.clone(), transports).run_once().await.unwrap();
    assert_eq!(
        app.text("SELECT last_error FROM outbox WHERE recipient = '403'").await.as_deref(),
        Some("telegram answered 403 Forbidden: Forbidden: bot was blocked by the user")
    );

    // Unlinking: no chat any more.
    migrant.call::<UnlinkTelegram>(NO_ARGS).await.ok();
    assert_eq!(service::telegram_chat_of(&app.db, migrant.id() as i32).await.unwrap(), None);
    assert_eq!(migrant.call::<TelegramLink>(NO_ARGS).await.ok().json(), json!({"linked_at": null, "code": null}));
    app.anonymous().call::<TelegramLinkCode>(NO_ARGS).await.assert_err("NotSignedIn");
}

#[tokio::test]
async fn admins_see_the_queue_without_a_single_body() {
    let w = world().await;
    let admin = w.admin("admin@kopru.example").await;
    service::enqueue(&w.db, sms("+998901234567", "Köprü kodi: 482913")).await.unwrap();
    service::enqueue(
        &w.db,
        NewMessage {
            channel: Channel::Email,
            to: "ali@firma.example".into(),
            kind: MessageKind::ResetCode,
            subject: "Parol".into(),
            ..sms("", "Sıfırlama kodu: 739155")
        },
    )
    .await
    .unwrap();
    // The e-mail fails once: its error shows, its body does not.
    let failing = Arc::new(Capture { fail: Some("smtp: connection refused"), ..Default::default() });
    let t = Transports { email: failing, ..Transports::log() };
    Worker::new(w.db.clone(), t).run_once().await.unwrap();

    for actor in [w.anonymous(), w.migrant.clone(), w.employer.clone(), w.staff.clone()] {
        let r = actor.call::<OutboxOverview>(NO_ARGS).await;
        r.assert_err(if actor.account().is_some() { "Forbidden" } else { "NotSignedIn" });
        assert!(!r.body.contains("482913"));
    }
    let r = admin.call::<OutboxOverview>(NO_ARGS).await.ok();
    let v = r.json();
    assert_eq!(
        v["counts"],
        json!([
            {"status": "queued", "count": 1},
            {"status": "sending", "count": 0},
            {"status": "sent", "count": 1},
            {"status": "failed", "count": 0},
        ])
    );
    let recipients: Vec<&str> =
        v["recent"].as_array().unwrap().iter().map(|m| m["recipient"].as_str().unwrap()).collect();
    assert_eq!(recipients, ["a***@firma.example", "+99890*****67"], "newest first, masked");
    assert_eq!(v["recent"][0]["last_error"], "smtp: connection refused");
    assert_eq!(v["recent"][0]["kind"], "resetcode");
    for secret in ["482913", "739155", "1234567", "ali@", "body", "Parol"] {
        assert!(!r.body.contains(secret), "{secret} in {}", r.body);
    }
    // The page too.
    let page = admin.page("/admin/outbox").await;
    assert_eq!(page.status, http::StatusCode::OK);
    assert!(page.body.contains("+99890*****67") && page.body.contains("a***@firma.example"));
    for secret in ["482913", "739155", "+998901234567"] {
        assert!(!page.body.contains(secret), "{secret} on the page");
    }
}

#[tokio::test]
async fn the_account_page_links_telegram_without_javascript() {
    let app = TestApp::new().await;
    let migrant = app.migrant("+998901234567").await;
    let page = migrant.page("/account").await;
    assert_eq!(page.status, http::StatusCode::OK);
    assert!(page.body.contains(r#"id="telegram""#), "the Telegram box");
    assert!(page.body.contains(&format!(r#"action="{}""#, <TelegramLinkCode as ServerFn>::PATH)));

    // A plain form post: back to the account page, which shows the code.
    let r = migrant.form_post::<TelegramLinkCode>(NO_ARGS, "/account").await;
    assert!(r.status.is_redirection(), "{} {}", r.status, r.body);
    assert_eq!(r.header("location"), Some("/account#telegram"));
    let code = migrant.call::<TelegramLink>(NO_ARGS).await.ok().json()["code"]["code"].as_str().unwrap().to_string();
    let page = migrant.page("/account").await;
    assert!(page.body.contains(&code), "the code on the page");
    assert!(page.body.contains(&format!("/start {code}")), "how to send it");

    // Linked: the page says so and offers to unlink.
    let linked = service::link_from_update(&app.db, &app.state.keys, &code, "5550001", chrono::Utc::now()).await;
    assert_eq!(linked.unwrap(), LinkOutcome::Linked { user_id: migrant.id() as i32 });
    let page = migrant.page("/account").await;
    assert!(!page.body.contains(&code));
    assert!(page.body.contains(&format!(r#"action="{}""#, <UnlinkTelegram as ServerFn>::PATH)));
    let r = migrant.form_post::<UnlinkTelegram>(NO_ARGS, "/account").await;
    assert_eq!(r.header("location"), Some("/account?telegram=unlinked#telegram"));
    assert_eq!(app.count("SELECT COUNT(*) FROM telegram_accounts").await, 0);

    // A visitor sees the sign-in prompt and no Telegram box.
    assert!(!app.anonymous().page("/account").await.body.contains(r#"id="telegram""#));
}

/// The server's own worker (as `kopru serve` starts it) with the default
/// configuration: the message goes to the log as one line with its text.
#[tokio::test]
async fn the_spawned_worker_logs_each_message_as_one_line() {
    let app = TestApp::new().await;
    let logs = LogBuffer::default();
    let subscriber = {
        let logs = logs.clone();
        tracing_subscriber::fmt().json().with_writer(move || logs.clone()).finish()
    };
    // This test's runtime has one thread: the worker's task logs to this subscriber.
    let _guard = tracing::subscriber::set_default(subscriber);
    let worker = server::outbox::spawn_worker(app.state.clone(), server::outbox::OutboxConfig::default());
    service::enqueue(&app.db, sms("+998901234567", "Köprü kodi: 482913")).await.unwrap();
    let mut waited = 0;
    while app.count("SELECT COUNT(*) FROM outbox WHERE status = 'sent'").await == 0 {
        assert!(waited < 100, "not sent within 10 s");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        waited += 1;
    }
    worker.abort();
    let text = logs.text();
    let lines: Vec<Value> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|l| l["fields"]["message"] == "outbox message")
        .collect();
    assert_eq!(lines.len(), 1, "{text}");
    assert_eq!(lines[0]["level"], "INFO");
    let f = &lines[0]["fields"];
    assert_eq!(
        (&f["channel"], &f["to"], &f["kind"], &f["text"]),
        (&json!("sms"), &json!("+998901234567"), &json!("verifycode"), &json!("Köprü kodi: 482913"))
    );
    assert_eq!(text.matches("482913").count(), 1, "the code in that line only: {text}");
}
