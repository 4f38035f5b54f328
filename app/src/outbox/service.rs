//! The outbox's queue and Telegram linking: queries and mutations on a
//! connection or transaction, no HTTP. The transports live in the server
//! (`server/src/outbox.rs`); nothing here sends anything.
//!
//! A body may hold a one-time code: it is never logged here, never shown to
//! admins, and emptied once the message is sent.

use super::entity::{link_code, message, telegram_account};
use super::{backoff_seconds, LINK_CODE_MINUTES, MAX_ATTEMPTS};
use super::{Channel, LinkCode, MessageKind, OutboxStatus, OutboxView, StatusCount, TelegramState};
use crate::error::AppError;
use crate::state::Keys;
use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use sea_orm::sea_query::{Expr, LockBehavior, LockType, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait, Set, StatementBuilder, TransactionTrait,
};

/// A message to send, as the service that causes it writes it.
pub struct NewMessage {
    /// The account it is for, if any (kept for their data export).
    pub user_id: Option<i32>,
    pub channel: Channel,
    /// A phone number (E.164), an e-mail address or a Telegram chat id
    /// ([`telegram_chat_of`]).
    pub to: String,
    pub kind: MessageKind,
    /// The language the text is written in (`uz`, `tr`).
    pub locale: String,
    /// The e-mail's subject; unused by SMS and Telegram.
    pub subject: String,
    pub body: String,
}

/// Queues a message. Takes any connection, so a service calls it inside its own
/// transaction: the message exists exactly when what caused it does.
pub async fn enqueue<C: ConnectionTrait>(db: &C, msg: NewMessage) -> Result<(), AppError> {
    let to = msg.to.trim();
    if to.is_empty() {
        tracing::error!(channel = %msg.channel, kind = %msg.kind, "outbox: a message without a recipient");
        return Err(AppError::Internal);
    }
    let now = Utc::now();
    message::ActiveModel {
        user_id: Set(msg.user_id),
        channel: Set(msg.channel),
        recipient: Set(to.to_string()),
        kind: Set(msg.kind),
        locale: Set(msg.locale),
        subject: Set(msg.subject),
        body: Set(msg.body),
        status: Set(OutboxStatus::Queued),
        attempts: Set(0),
        next_attempt_at: Set(now),
        lease_until: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The Telegram chat a person's messages go to, once they have linked one.
pub async fn telegram_chat_of<C: ConnectionTrait>(db: &C, user_id: i32) -> Result<Option<String>, AppError> {
    Ok(telegram_account::Entity::find_by_id(user_id).one(db).await?.map(|a| a.chat_id))
}

/// Takes up to `batch` due messages for one worker and returns them: queued
/// ones whose time has come, and ones a worker took but never finished (it
/// crashed or was stopped) once their lease has run out. Each is `sending`
/// until `now + lease`, its try counted.
///
/// One statement, `UPDATE … WHERE id IN (SELECT … ) RETURNING *`: on
/// PostgreSQL the inner select locks its rows `FOR UPDATE SKIP LOCKED`, so
/// workers of several instances claiming at once each get other rows; SQLite
/// writes one statement at a time, so there the statement alone is atomic.
pub async fn claim<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    lease: Duration,
    batch: u64,
) -> Result<Vec<message::Model>, AppError> {
    use message::Column;
    // A message whose worker died on every one of its tries is given up, not
    // taken again: it may be what kills the worker.
    message::Entity::update_many()
        .set(message::ActiveModel {
            status: Set(OutboxStatus::Failed),
            lease_until: Set(None),
            last_error: Set(Some("abandoned: the worker stopped during every try".into())),
            ..Default::default()
        })
        .filter(Column::Status.eq(OutboxStatus::Sending))
        .filter(Column::LeaseUntil.lt(now))
        .filter(Column::Attempts.gte(MAX_ATTEMPTS))
        .exec(db)
        .await?;

    let mut claimed: Vec<message::Model> = returning(db, &claim_statement(now, lease, batch)).await?;
    claimed.sort_by_key(|m| (m.next_attempt_at, m.id));
    Ok(claimed)
}

/// The claim: `UPDATE outbox SET status = 'sending', lease_until = …,
/// attempts = attempts + 1 WHERE id IN (SELECT id … FOR UPDATE SKIP LOCKED)
/// RETURNING *` (without the lock clause on SQLite).
fn claim_statement(now: DateTime<Utc>, lease: Duration, batch: u64) -> sea_orm::sea_query::UpdateStatement {
    use message::Column;
    let due = Condition::any()
        .add(Condition::all().add(Column::Status.eq(OutboxStatus::Queued)).add(Column::NextAttemptAt.lte(now)))
        .add(Condition::all().add(Column::Status.eq(OutboxStatus::Sending)).add(Column::LeaseUntil.lt(now)));
    let ids = Query::select()
        .column(Column::Id)
        .from(message::Entity)
        .cond_where(due)
        .order_by(Column::NextAttemptAt, sea_orm::Order::Asc)
        .order_by(Column::Id, sea_orm::Order::Asc)
        .limit(batch)
        // Ignored by SQLite's query builder.
        .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
        .to_owned();
    message::Entity::update_many()
        .set(message::ActiveModel {
            status: Set(OutboxStatus::Sending),
            lease_until: Set(Some(now + lease)),
            ..Default::default()
        })
        .col_expr(Column::Attempts, Expr::col(Column::Attempts).add(1))
        .filter(Column::Id.in_subquery(ids))
        .into_query()
        .returning_all()
        .to_owned()
}

/// The rows a `… RETURNING *` statement wrote. (sea-orm's `exec_with_returning`
/// refuses SQLite unless built with a flag for SQLite 3.35; every SQLite sqlx
/// bundles has RETURNING.)
async fn returning<C: ConnectionTrait, M: FromQueryResult>(
    db: &C,
    stmt: &impl StatementBuilder,
) -> Result<Vec<M>, sea_orm::DbErr> {
    M::find_by_statement(db.get_database_backend().build(stmt)).all(db).await
}

/// A message went out: kept as a record (channel, recipient, kind, times),
/// its body emptied, since it may hold a one-time code.
pub async fn mark_sent<C: ConnectionTrait>(db: &C, id: i32, now: DateTime<Utc>) -> Result<(), AppError> {
    message::Entity::update_many()
        .set(message::ActiveModel {
            status: Set(OutboxStatus::Sent),
            body: Set(String::new()),
            sent_at: Set(Some(now)),
            lease_until: Set(None),
            last_error: Set(None),
            ..Default::default()
        })
        .filter(message::Column::Id.eq(id))
        .filter(message::Column::Status.eq(OutboxStatus::Sending))
        .exec(db)
        .await?;
    Ok(())
}

/// A try failed with `error` (a transport's answer, never the body): queued
/// again after [`backoff_seconds`], or `failed` for good after
/// [`MAX_ATTEMPTS`] tries (the body then emptied too). Returns where it stands.
pub async fn mark_failed<C: ConnectionTrait>(
    db: &C,
    id: i32,
    error: &str,
    now: DateTime<Utc>,
) -> Result<OutboxStatus, AppError> {
    let Some(row) = message::Entity::find_by_id(id).one(db).await? else {
        return Err(AppError::NotFound);
    };
    let error: String = error.chars().take(500).collect();
    let mut update =
        message::ActiveModel { last_error: Set(Some(error)), lease_until: Set(None), ..Default::default() };
    let status = if row.attempts >= MAX_ATTEMPTS {
        update.body = Set(String::new());
        OutboxStatus::Failed
    } else {
        update.next_attempt_at = Set(now + Duration::seconds(backoff_seconds(row.attempts)));
        OutboxStatus::Queued
    };
    update.status = Set(status);
    message::Entity::update_many()
        .set(update)
        .filter(message::Column::Id.eq(id))
        .filter(message::Column::Status.eq(OutboxStatus::Sending))
        .exec(db)
        .await?;
    Ok(status)
}

/// What admins see: the count per status (every status, zeros too) and the
/// newest `limit` messages, without their bodies.
pub async fn overview<C: ConnectionTrait>(db: &C, limit: u64) -> Result<OutboxView, AppError> {
    use message::Column;
    let counted: Vec<(OutboxStatus, i64)> = message::Entity::find()
        .select_only()
        .column(Column::Status)
        .column_as(Column::Id.count(), "count")
        .group_by(Column::Status)
        .into_tuple()
        .all(db)
        .await?;
    let counts = OutboxStatus::all()
        .map(|status| StatusCount {
            status,
            count: counted.iter().find(|(s, _)| *s == status).map_or(0, |(_, n)| *n as u64),
        })
        .collect();
    let recent = message::Entity::find().order_by_desc(Column::Id).limit(limit).all(db).await?;
    Ok(OutboxView { counts, recent: recent.into_iter().map(message::Model::into_view).collect() })
}

// ---------------------------------------------------------------------------
// Telegram linking

/// The bot's username (`KOPRU_TELEGRAM_BOT_USERNAME`), which the server sets
/// once at start: the account page's deep link needs it.
static BOT_USERNAME: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Sets the bot's username for the deep links (once per process; later calls
/// are ignored). A leading `@` is dropped.
pub fn set_bot_username(name: &str) {
    let name = name.trim().trim_start_matches('@');
    if !name.is_empty() {
        let _ = BOT_USERNAME.set(name.to_string());
    }
}

pub fn bot_username() -> Option<&'static str> {
    BOT_USERNAME.get().map(String::as_str)
}

/// No 0/O, 1/I: a code typed by hand is read right. 32 symbols, 8 of them: 40 bits.
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const CODE_LEN: usize = 8;
const SEAL_CONTEXT: &str = "telegram_link_code";

fn code_hash(keys: &Keys, code: &str) -> String {
    keys.code_hash(&format!("telegram-link:{code}"))
}

/// A code as typed or sent: spaces and dashes dropped, upper case; `None`
/// when it cannot be one of ours.
fn normalize_code(code: &str) -> Option<String> {
    let code: String = code.chars().filter(|c| !c.is_whitespace() && *c != '-').collect::<String>().to_uppercase();
    (code.len() == CODE_LEN && code.bytes().all(|b| CODE_ALPHABET.contains(&b))).then_some(code)
}

/// A new one-time code for `user_id` to send to the bot; it replaces any code
/// they had and lives [`LINK_CODE_MINUTES`].
pub async fn new_link_code<C: ConnectionTrait>(
    db: &C,
    keys: &Keys,
    user_id: i32,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let code: String = {
        let mut rng = rand::rngs::OsRng;
        (0..CODE_LEN).map(|_| CODE_ALPHABET[rng.gen_range(0..CODE_ALPHABET.len())] as char).collect()
    };
    link_code::Entity::delete_many().filter(link_code::Column::UserId.eq(user_id)).exec(db).await?;
    link_code::ActiveModel {
        code_hash: Set(code_hash(keys, &code)),
        code_sealed: Set(crate::crypto::seal(keys, SEAL_CONTEXT, &code)?),
        user_id: Set(user_id),
        expires_at: Set(now + Duration::minutes(LINK_CODE_MINUTES)),
        created_at: Set(now),
    }
    .insert(db)
    .await
    // Two requests of one person at once: the other's code stands.
    .map_err(|e| crate::error::unique_violation_is(e, AppError::InvalidInput))?;
    Ok(code)
}

/// A person's link as their account page shows it: the linked chat's date,
/// and the live code, if any, with the bot's deep link.
pub async fn link_status<C: ConnectionTrait>(
    db: &C,
    keys: &Keys,
    user_id: i32,
    now: DateTime<Utc>,
) -> Result<TelegramState, AppError> {
    let linked = telegram_account::Entity::find_by_id(user_id).one(db).await?;
    let live = link_code::Entity::find()
        .filter(link_code::Column::UserId.eq(user_id))
        .filter(link_code::Column::ExpiresAt.gt(now))
        .one(db)
        .await?;
    let code = match live {
        Some(row) => {
            let code = crate::crypto::open(keys, SEAL_CONTEXT, &row.code_sealed)?;
            let bot = bot_username().map(str::to_string);
            let minutes_left = ((row.expires_at - now).num_seconds() + 59) / 60;
            Some(LinkCode {
                deep_link: bot.as_ref().map(|b| format!("https://t.me/{b}?start={code}")),
                bot,
                code,
                minutes_left,
            })
        }
        None => None,
    };
    Ok(TelegramState { linked_at: linked.map(|a| a.linked_at.format("%Y-%m-%d").to_string()), code })
}

/// What became of a `/start <code>` sent to the bot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkOutcome {
    /// The chat now receives `user_id`'s messages.
    Linked { user_id: i32 },
    /// No live code of that value (unknown, used, expired or none given): the
    /// chat is told how to link.
    Refused,
}

/// The bot received `code` from `chat_id`: a live code is used up (once: its
/// row is deleted by the same statement that reads it) and links the chat to
/// its owner, replacing the chat they had and unlinking the chat from whoever
/// had it before; the owner is told so in their language. Anything else
/// answers the chat with how to link, in both languages.
pub async fn link_from_update<C: TransactionTrait>(
    db: &C,
    keys: &Keys,
    code: &str,
    chat_id: &str,
    now: DateTime<Utc>,
) -> Result<LinkOutcome, AppError> {
    use crate::i18n::*;
    use leptos_i18n::Locale as _;
    let txn = db.begin().await?;
    let used = match normalize_code(code) {
        Some(code) => {
            let delete = link_code::Entity::delete_many()
                .filter(link_code::Column::CodeHash.eq(code_hash(keys, &code)))
                .into_query()
                .returning_all()
                .to_owned();
            returning::<_, link_code::Model>(&txn, &delete).await?
        }
        None => vec![],
    };
    let outcome = match used.into_iter().next() {
        Some(row) if row.expires_at > now => {
            telegram_account::Entity::delete_many()
                .filter(
                    Condition::any()
                        .add(telegram_account::Column::ChatId.eq(chat_id))
                        .add(telegram_account::Column::UserId.eq(row.user_id)),
                )
                .exec(&txn)
                .await?;
            telegram_account::ActiveModel {
                user_id: Set(row.user_id),
                chat_id: Set(chat_id.to_string()),
                linked_at: Set(now),
            }
            .insert(&txn)
            .await?;
            let user = crate::accounts::entity::user::Entity::find_by_id(row.user_id).one(&txn).await?;
            let locale = user.as_ref().and_then(|u| crate::lang::parse_locale(&u.locale)).unwrap_or(Locale::uz);
            enqueue(
                &txn,
                NewMessage {
                    user_id: Some(row.user_id),
                    channel: Channel::Telegram,
                    to: chat_id.to_string(),
                    kind: MessageKind::TelegramLinked,
                    locale: locale.as_str().to_string(),
                    subject: String::new(),
                    body: td_string!(locale, outbox.telegram_linked_message).to_string(),
                },
            )
            .await?;
            LinkOutcome::Linked { user_id: row.user_id }
        }
        // An expired code is used up all the same (deleted above).
        _ => {
            let body = format!(
                "{}\n\n{}",
                td_string!(Locale::uz, outbox.telegram_help_message),
                td_string!(Locale::tr, outbox.telegram_help_message)
            );
            enqueue(
                &txn,
                NewMessage {
                    user_id: None,
                    channel: Channel::Telegram,
                    to: chat_id.to_string(),
                    kind: MessageKind::TelegramHelp,
                    locale: Locale::uz.as_str().to_string(),
                    subject: String::new(),
                    body,
                },
            )
            .await?;
            LinkOutcome::Refused
        }
    };
    txn.commit().await?;
    Ok(outcome)
}

/// Unlinks a person's Telegram chat (and drops a code they had not used).
/// Whether a chat was linked.
pub async fn unlink<C: ConnectionTrait>(db: &C, user_id: i32) -> Result<bool, AppError> {
    link_code::Entity::delete_many().filter(link_code::Column::UserId.eq(user_id)).exec(db).await?;
    let gone = telegram_account::Entity::delete_by_id(user_id).exec(db).await?;
    Ok(gone.rows_affected > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_claim_skips_rows_other_workers_hold() {
        use sea_orm::DbBackend;
        let stmt = claim_statement(Utc::now(), Duration::minutes(5), 16);
        let pg = DbBackend::Postgres.build(&stmt).to_string();
        assert!(pg.starts_with(r#"UPDATE "outbox" SET"#), "{pg}");
        assert!(pg.contains(r#"WHERE "outbox"."id" IN (SELECT "id" FROM "outbox" WHERE"#), "{pg}");
        assert!(pg.contains("LIMIT 16 FOR UPDATE SKIP LOCKED) RETURNING *"), "{pg}");
        let sqlite = DbBackend::Sqlite.build(&stmt).to_string();
        assert!(
            !sqlite.contains("FOR UPDATE") && sqlite.contains("LIMIT 16") && sqlite.ends_with("RETURNING *"),
            "{sqlite}"
        );
    }

    #[test]
    fn codes_are_read_as_typed() {
        assert_eq!(normalize_code("abcd-2345"), Some("ABCD2345".into()));
        assert_eq!(normalize_code(" ABCD 2345 "), Some("ABCD2345".into()));
        assert_eq!(normalize_code("ABCD234"), None, "too short");
        assert_eq!(normalize_code("ABCD2340"), None, "0 is not in the alphabet");
        assert_eq!(normalize_code("ABCDO234"), None, "nor O");
        assert_eq!(normalize_code(""), None);
        assert_eq!(CODE_ALPHABET.len(), 32);
    }
}
