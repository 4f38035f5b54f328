//! The accounts rules, free of HTTP: the server functions and the server's
//! commands both call these.

use super::entity::{consent, login_attempt, login_device, one_time_code, user};
use super::validate::{check_password, normalize_email, normalize_login, normalize_phone};
use super::{password, session, CodePurpose, Role, SessionUser, CONSENT_PURPOSES, PRIVACY_NOTICE_VERSION};
use crate::error::AppError;
use crate::outbox::service::{enqueue, NewMessage};
use crate::outbox::{Channel, MessageKind};
use crate::parse::normalize_name;
use crate::state::AppState;
use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::*;

/// What a new account signs in with.
pub enum NewLogin<'a> {
    Phone(&'a str),
    Email(&'a str),
}

pub struct SignUp<'a> {
    pub role: Role,
    pub name: &'a str,
    pub login: NewLogin<'a>,
    pub password: &'a str,
    pub consent: bool,
    pub locale: &'a str,
    /// Made by someone who vouches for the login (an admin, the CLI, the demo
    /// world): verified at once. Sign-ups over the web prove it with a code.
    pub verified: bool,
}

/// Where a request comes from, as far as the limits care.
pub struct Client<'a> {
    /// The client's address (see the server's `client_ip` middleware).
    pub ip: &'a str,
    /// The browser's device cookie, if it has one (see `login_device`).
    pub device: Option<&'a str>,
}

/// How long a verification or reset code lives, and how often it may be tried.
pub const CODE_MINUTES: i64 = 15;
pub const CODE_ATTEMPTS: i32 = 5;

/// A sign-up form, checked; every field's error at once.
fn check_sign_up(input: &SignUp<'_>) -> Result<(String, Option<String>, Option<String>), AppError> {
    let mut checks = crate::error::Checks::default();
    let name = checks.take_as("name", normalize_name(input.name));
    let login = checks.take(match input.login {
        NewLogin::Phone(p) => normalize_phone(p).map(|p| (Some(p), None)),
        NewLogin::Email(e) => normalize_email(e).map(|e| (None, Some(e))),
    });
    checks.take(check_password(input.password));
    if needs_consent(input.role) && !input.consent {
        checks.fail("consent", AppError::ConsentRequired);
    }
    let (name, (phone, email)) = checks.finish(name.zip(login))?;
    Ok((name, phone, email))
}

fn needs_consent(role: Role) -> bool {
    matches!(role, Role::Migrant | Role::Employer)
}

async fn find_by_login<C: ConnectionTrait>(db: &C, login: &str) -> Result<Option<user::Model>, AppError> {
    Ok(user::Entity::find()
        .filter(Condition::any().add(user::Column::Phone.eq(login)).add(user::Column::Email.eq(login)))
        .one(db)
        .await?)
}

/// An account to insert, checked and hashed.
struct NewAccount {
    role: Role,
    name: String,
    phone: Option<String>,
    email: Option<String>,
    hash: String,
    locale: String,
    verified: bool,
}

impl NewAccount {
    /// The login the account signs in with.
    fn login(&self) -> String {
        self.phone.clone().or(self.email.clone()).unwrap_or_default()
    }
}

/// Checks a sign-up and hashes its password.
async fn prepare(input: &SignUp<'_>) -> Result<NewAccount, AppError> {
    let (name, phone, email) = check_sign_up(input)?;
    let hash = password::hash(input.password.to_string()).await?;
    Ok(NewAccount {
        role: input.role,
        name,
        phone,
        email,
        hash,
        locale: input.locale.to_string(),
        verified: input.verified,
    })
}

/// Inserts an account (and its consent, for migrants and employers).
async fn insert_account<C: ConnectionTrait>(db: &C, input: NewAccount) -> Result<user::Model, AppError> {
    let now = Utc::now();
    let u = user::ActiveModel {
        role: Set(input.role),
        phone: Set(input.phone),
        email: Set(input.email),
        name: Set(input.name),
        password_hash: Set(input.hash),
        locale: Set(input.locale.clone()),
        disabled: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        verified_at: Set(input.verified.then_some(now)),
        ..Default::default()
    }
    .insert(db)
    .await
    // Lost a race with a concurrent sign-up of the same login.
    .map_err(|e| crate::error::unique_violation_is(e, AppError::AccountExists))?;
    if needs_consent(input.role) {
        consent::ActiveModel {
            user_id: Set(u.id),
            notice_version: Set(PRIVACY_NOTICE_VERSION.to_string()),
            purposes: Set(CONSENT_PURPOSES.to_string()),
            locale: Set(input.locale),
            given_at: Set(now),
            withdrawn_at: Set(None),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(u)
}

/// Creates an account directly (the CLI, an admin, the demo world, tests): a
/// taken login is refused plainly, since whoever calls this is trusted.
pub async fn create_account(state: &AppState, input: SignUp<'_>) -> Result<user::Model, AppError> {
    let account = prepare(&input).await?;
    let created = crate::db::write(&state.db, |txn| {
        Box::pin(async move {
            if find_by_login(txn, &account.login()).await?.is_some() {
                return Err(AppError::AccountExists);
            }
            insert_account(txn, account).await
        })
    })
    .await?;
    tracing::info!(user_id = created.id, role = %created.role, "account created");
    Ok(created)
}

/// Sign-up over the web. The answer is the same whether the login is free or
/// taken, so nobody learns whose number has an account: a ticket for the
/// browser (the cookie that the code page reads). For a free login the account
/// is made, unverified, and a code goes to the phone or e-mail; for a taken
/// one nothing is made and its owner is told that someone tried.
pub async fn sign_up(state: &AppState, input: SignUp<'_>, ip: &str) -> Result<String, AppError> {
    // Hashed in both cases: a taken login answers no faster.
    let account = prepare(&input).await?;
    let address = account.login();
    let channel = if account.phone.is_some() { Channel::Sms } else { Channel::Email };
    let (st, ip_owned) = (state.clone(), ip.to_string());
    let result = crate::db::write(&state.db, |txn| {
        Box::pin(async move {
            let mut existing = find_by_login(txn, &address).await?;
            // A login held by an account that never proved it, past its code's life, is
            // nobody's: whoever typed someone else's number first does not keep it.
            if let Some(stale) = existing.as_ref().filter(|u| is_stale_unverified(u, Utc::now())) {
                user::Entity::delete_by_id(stale.id).exec(txn).await?;
                tracing::info!(user_id = stale.id, "an unverified account gave way to a new sign-up of its login");
                existing = None;
            }
            match existing {
                None => {
                    let u = insert_account(txn, account).await?;
                    let issued =
                        issue_code(txn, &st, CodePurpose::Verify, Some(&u), channel, &address, &ip_owned).await?;
                    tracing::info!(user_id = u.id, role = %u.role, "account created; verification code sent");
                    Ok(issued)
                }
                Some(owner) => {
                    let issued = issue_code(txn, &st, CodePurpose::Verify, None, channel, &address, &ip_owned).await?;
                    let text = Texts::LoginTaken.render(&owner.locale, "");
                    send(txn, &owner, channel, &address, MessageKind::LoginTaken, text).await?;
                    tracing::info!(user_id = owner.id, "sign-up with a taken login: its owner told");
                    Ok(issued)
                }
            }
        })
    })
    .await;
    match result {
        Ok(ticket) => Ok(ticket),
        // A concurrent sign-up of the same login won the race: answer as for a taken one.
        Err(AppError::AccountExists) => Ok(session::new_token()),
        Err(e) => Err(e),
    }
}

/// An account that never proved its login and whose code has expired: its
/// login is free again (it cannot have applied, posted or filed anything).
fn is_stale_unverified(u: &user::Model, now: chrono::DateTime<Utc>) -> bool {
    u.verified_at.is_none() && u.deleted_at.is_none() && u.created_at < now - Duration::minutes(CODE_MINUTES)
}

/// The texts of the messages that accounts send, in the recipient's language.
#[derive(Clone, Copy)]
enum Texts {
    VerifyCode,
    ResetCode,
    LoginTaken,
}

impl Texts {
    /// (subject, body)
    fn render(self, locale: &str, code: &str) -> (String, String) {
        use crate::i18n::Locale;
        use leptos_i18n::td_string;
        let l = crate::lang::parse_locale(locale).unwrap_or(Locale::uz);
        match self {
            Texts::VerifyCode => {
                (td_string!(l, messages.verify_subject).to_string(), fill(td_string!(l, messages.verify_code), code))
            }
            Texts::ResetCode => {
                (td_string!(l, messages.reset_subject).to_string(), fill(td_string!(l, messages.reset_code), code))
            }
            Texts::LoginTaken => {
                (td_string!(l, messages.taken_subject).to_string(), td_string!(l, messages.login_taken).to_string())
            }
        }
    }
}

/// A message's text with its code and the code's lifetime in place
/// (`%CODE%`, `%MINUTES%` in the catalogue).
fn fill(text: &str, code: &str) -> String {
    text.replace("%CODE%", code).replace("%MINUTES%", &CODE_MINUTES.to_string())
}

/// Queues a message to an account's phone or e-mail.
async fn send<C: ConnectionTrait>(
    db: &C,
    to: &user::Model,
    channel: Channel,
    address: &str,
    kind: MessageKind,
    (subject, body): (String, String),
) -> Result<(), AppError> {
    enqueue(
        db,
        NewMessage {
            user_id: Some(to.id),
            channel,
            to: address.to_string(),
            kind,
            locale: to.locale.clone(),
            subject,
            body,
        },
    )
    .await
}

/// Records a code for `address` and, when there is an account to send it
/// to, sends it; returns the browser's ticket. The row is written either way,
/// so that the limits (per address, per client address) count a taken login,
/// an unknown one and a real sign-up alike.
async fn issue_code<C: ConnectionTrait>(
    db: &C,
    state: &AppState,
    purpose: CodePurpose,
    to: Option<&user::Model>,
    channel: Channel,
    address: &str,
    ip: &str,
) -> Result<String, AppError> {
    let now = Utc::now();
    let address_key = state.keys.rate_limit_key(&format!("address:{address}"));
    let ip_key = state.keys.rate_limit_key(&format!("ip:{ip}"));
    let recent = |col: one_time_code::Column, key: String| {
        one_time_code::Entity::find()
            .filter(col.eq(key))
            .filter(one_time_code::Column::CreatedAt.gt(now - Duration::hours(1)))
            .count(db)
    };
    if recent(one_time_code::Column::AddressKey, address_key.clone()).await? >= state.security.max_codes_per_address
        || recent(one_time_code::Column::IpKey, ip_key.clone()).await? >= state.security.max_codes_per_ip
    {
        tracing::warn!(ip, purpose = %purpose, "one-time codes rate limited");
        return Err(AppError::RateLimited);
    }
    let ticket = session::new_token();
    let ticket_hash = session::token_hash(&ticket);
    let code = new_code();
    one_time_code::ActiveModel {
        user_id: Set(to.map(|u| u.id)),
        purpose: Set(purpose),
        channel: Set(channel.as_str().to_string()),
        address_key: Set(address_key),
        ip_key: Set(ip_key),
        code_hash: Set(state.keys.code_hash(&format!("{ticket_hash}:{code}"))),
        ticket_hash: Set(ticket_hash),
        attempts: Set(0),
        expires_at: Set(now + Duration::minutes(CODE_MINUTES)),
        used_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    if let Some(u) = to {
        let (texts, kind) = match purpose {
            CodePurpose::Verify => (Texts::VerifyCode, MessageKind::VerifyCode),
            CodePurpose::Reset => (Texts::ResetCode, MessageKind::ResetCode),
        };
        let text = texts.render(&u.locale, &code);
        send(db, u, channel, address, kind, text.clone()).await?;
        // A reset code also goes to the Telegram chat the account linked.
        if purpose == CodePurpose::Reset {
            if let Some(chat) = crate::outbox::service::telegram_chat_of(db, u.id).await? {
                send(db, u, Channel::Telegram, &chat, kind, text).await?;
            }
        }
    }
    Ok(ticket)
}

/// Six random digits.
fn new_code() -> String {
    use rand::Rng;
    format!("{:06}", rand::rngs::OsRng.gen_range(0..1_000_000u32))
}

/// Checks a code against the ticket's row. The attempt is counted (and
/// committed) before the comparison, so parallel guesses get no more than
/// [`CODE_ATTEMPTS`]; a good code is used up. `None` for a bad one: the
/// caller's transaction still commits the count.
async fn take_code<C: ConnectionTrait>(
    db: &C,
    state: &AppState,
    purpose: CodePurpose,
    ticket: Option<&str>,
    code: &str,
) -> Result<Option<i32>, AppError> {
    let Some(ticket) = ticket else {
        return Ok(None);
    };
    let now = Utc::now();
    let ticket_hash = session::token_hash(ticket);
    let Some(row) = one_time_code::Entity::find()
        .filter(one_time_code::Column::TicketHash.eq(ticket_hash.clone()))
        .filter(one_time_code::Column::Purpose.eq(purpose))
        .filter(one_time_code::Column::UsedAt.is_null())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let counted = one_time_code::Entity::update_many()
        .col_expr(one_time_code::Column::Attempts, Expr::col(one_time_code::Column::Attempts).add(1))
        .filter(one_time_code::Column::Id.eq(row.id))
        .filter(one_time_code::Column::Attempts.lt(CODE_ATTEMPTS))
        .filter(one_time_code::Column::ExpiresAt.gt(now))
        .filter(one_time_code::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    let code: String = code.chars().filter(char::is_ascii_digit).collect();
    let matches = state.keys.code_hash(&format!("{ticket_hash}:{code}")) == row.code_hash;
    if counted.rows_affected != 1 || !matches {
        return Ok(None);
    }
    let Some(user_id) = row.user_id else {
        return Ok(None);
    };
    let used = one_time_code::Entity::update_many()
        .col_expr(one_time_code::Column::UsedAt, Expr::value(now))
        .filter(one_time_code::Column::Id.eq(row.id))
        .filter(one_time_code::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok((used.rows_affected == 1).then_some(user_id))
}

/// What signing in (or verifying, or resetting) gives the browser.
pub struct SignedIn {
    pub session: String,
    pub user: SessionUser,
    /// The device cookie to set (a new one, or the one the browser has).
    pub device: String,
}

/// Proves the login of a new account with the code sent there: the account is
/// verified and this browser signed in (a fresh session).
pub async fn verify(
    state: &AppState,
    ticket: Option<&str>,
    code: &str,
    client: &Client<'_>,
) -> Result<SignedIn, AppError> {
    let st = state.clone();
    let (ticket, code) = (ticket.map(str::to_string), code.to_string());
    let verified = crate::db::write(&state.db, |txn| {
        Box::pin(async move {
            let Some(user_id) = take_code(txn, &st, CodePurpose::Verify, ticket.as_deref(), &code).await? else {
                return Ok(None);
            };
            let now = Utc::now();
            user::Entity::update_many()
                .col_expr(user::Column::VerifiedAt, Expr::value(now))
                .filter(user::Column::Id.eq(user_id))
                .filter(user::Column::VerifiedAt.is_null())
                .exec(txn)
                .await?;
            Ok(Some(user_id))
        })
    })
    .await?;
    let user_id = verified.ok_or(AppError::BadCode)?;
    tracing::info!(user_id, "login verified");
    open_session(state, user_id, client).await
}

/// A new verification code for a signed-in account that has not proved its
/// login yet (the first one expired or never came): the browser's new ticket.
pub async fn resend_verification(state: &AppState, user: &SessionUser, ip: &str) -> Result<String, AppError> {
    let st = state.clone();
    let (id, ip) = (user.id, ip.to_string());
    crate::db::write(&state.db, |txn| {
        Box::pin(async move {
            let u = user::Entity::find_by_id(id).one(txn).await?.ok_or(AppError::NotSignedIn)?;
            if u.verified_at.is_some() {
                return Err(AppError::InvalidInput);
            }
            let (channel, address) = login_address(&u)?;
            issue_code(txn, &st, CodePurpose::Verify, Some(&u), channel, &address, &ip).await
        })
    })
    .await
}

fn login_address(u: &user::Model) -> Result<(Channel, String), AppError> {
    match (&u.phone, &u.email) {
        (Some(p), _) => Ok((Channel::Sms, p.clone())),
        (None, Some(e)) => Ok((Channel::Email, e.clone())),
        (None, None) => Err(AppError::Internal),
    }
}

/// Asks for a password reset: a code goes to the account's phone or e-mail
/// (and its Telegram chat). The answer is the same ticket whether the login
/// has an account or not.
pub async fn request_reset(state: &AppState, login: &str, ip: &str) -> Result<String, AppError> {
    let normalized = normalize_login(login)?;
    let st = state.clone();
    let ip = ip.to_string();
    crate::db::write(&state.db, |txn| {
        Box::pin(async move {
            let found = find_by_login(txn, &normalized).await?.filter(|u| !u.disabled);
            let channel = if normalized.contains('@') { Channel::Email } else { Channel::Sms };
            issue_code(txn, &st, CodePurpose::Reset, found.as_ref(), channel, &normalized, &ip).await
        })
    })
    .await
}

/// Sets a new password with a reset code: every session of the account ends,
/// the failed sign-ins against it are forgotten (a reset also unlocks), the
/// login counts as verified (the code reached it), and this browser is signed in.
pub async fn reset_password(
    state: &AppState,
    ticket: Option<&str>,
    code: &str,
    new_password: &str,
    client: &Client<'_>,
) -> Result<SignedIn, AppError> {
    check_new_password(new_password)?;
    let hash = password::hash(new_password.to_string()).await?;
    let st = state.clone();
    let (ticket, code) = (ticket.map(str::to_string), code.to_string());
    let reset = crate::db::write(&state.db, |txn| {
        Box::pin(async move {
            let Some(user_id) = take_code(txn, &st, CodePurpose::Reset, ticket.as_deref(), &code).await? else {
                return Ok(None);
            };
            let u = user::Entity::find_by_id(user_id).one(txn).await?.ok_or(AppError::BadCode)?;
            let now = Utc::now();
            let login = u.phone.clone().or(u.email.clone()).unwrap_or_default();
            let verified_at = u.verified_at.unwrap_or(now);
            let mut am: user::ActiveModel = u.into();
            am.password_hash = Set(hash);
            am.verified_at = Set(Some(verified_at));
            am.updated_at = Set(now);
            am.update(txn).await?;
            session::delete_all_for_user(txn, user_id).await?;
            login_attempt::Entity::delete_many()
                .filter(login_attempt::Column::AccountKey.eq(st.keys.rate_limit_key(&login)))
                .exec(txn)
                .await?;
            Ok(Some(user_id))
        })
    })
    .await?;
    let user_id = reset.ok_or(AppError::BadCode)?;
    tracing::info!(user_id, "password reset with a code; every other session ended");
    open_session(state, user_id, client).await
}

/// A fresh session for the account, and the browser remembered as one that
/// signed in to it.
async fn open_session(state: &AppState, user_id: i32, client: &Client<'_>) -> Result<SignedIn, AppError> {
    let u = user::Entity::find_by_id(user_id).one(&state.db).await?.ok_or(AppError::Internal)?;
    let token = session::create(&state.db, &state.security, user_id).await?;
    let device = remember_device(state, user_id, client.device).await?;
    Ok(SignedIn { session: token, user: session::to_session_user(&u), device })
}

/// Whether the browser's device cookie is one that signed in to this account.
async fn known_device(state: &AppState, user_id: i32, device: Option<&str>) -> Result<bool, AppError> {
    let Some(d) = device else {
        return Ok(false);
    };
    Ok(login_device::Entity::find_by_id(session::token_hash(d))
        .one(&state.db)
        .await?
        .is_some_and(|row| row.user_id == user_id))
}

/// Keeps the browser's device cookie when it already belongs to the account,
/// else makes a new one; returns the cookie's value.
async fn remember_device(state: &AppState, user_id: i32, device: Option<&str>) -> Result<String, AppError> {
    let now = Utc::now();
    if let Some(d) = device {
        let touched = login_device::Entity::update_many()
            .col_expr(login_device::Column::LastUsedAt, Expr::value(now))
            .filter(login_device::Column::TokenHash.eq(session::token_hash(d)))
            .filter(login_device::Column::UserId.eq(user_id))
            .exec(&state.db)
            .await?;
        if touched.rows_affected == 1 {
            return Ok(d.to_string());
        }
    }
    let token = session::new_token();
    login_device::ActiveModel {
        token_hash: Set(session::token_hash(&token)),
        user_id: Set(user_id),
        created_at: Set(now),
        last_used_at: Set(now),
    }
    .insert(&state.db)
    .await?;
    Ok(token)
}

/// Checks the credentials and opens a session.
///
/// An unknown account and a wrong password get the same error after the same
/// work (a dummy hash is verified). The attempt is recorded as a failure
/// *before* the hash and the limits are read after it, so however many
/// attempts arrive at once, no more than each limit get to the hash. The
/// limits: per account and client address, per client address, and per
/// account — except that a browser which signed in to the account before
/// (its device cookie) is not held by the per-account limit, so a stranger
/// who knows a migrant's phone number cannot lock the migrant out.
pub async fn sign_in(state: &AppState, login: &str, password: &str, client: &Client<'_>) -> Result<SignedIn, AppError> {
    let normalized = normalize_login(login)?;
    let account_key = state.keys.rate_limit_key(&normalized);
    let found = find_by_login(&state.db, &normalized).await?;
    let known = match &found {
        Some(u) => known_device(state, u.id, client.device).await?,
        None => false,
    };
    let attempt = reserve_attempt(state, &account_key, client.ip, known).await?;
    let stored = found.as_ref().map(|u| u.password_hash.clone());
    let ok = match password::verify(stored, password.to_string()).await {
        Ok(ok) => ok,
        Err(e) => {
            // Not an attempt at all: the server had no time for it.
            login_attempt::Entity::delete_by_id(attempt).exec(&state.db).await?;
            return Err(e);
        }
    };
    let user = match found {
        Some(u) if ok && !u.disabled => u,
        _ => {
            tracing::warn!(ip = client.ip, "sign-in refused");
            return Err(AppError::BadCredentials);
        }
    };
    attempt_succeeded(state, attempt).await?;
    tracing::info!(user_id = user.id, ip = client.ip, "signed in");
    open_session(state, user.id, client).await
}

/// Records a failed attempt (until it succeeds) and refuses it when it passes
/// a limit; returns its id.
async fn reserve_attempt(state: &AppState, account_key: &str, ip: &str, known_device: bool) -> Result<i32, AppError> {
    let now = Utc::now();
    // Attempts older than a day matter to no limit: keep the table small.
    login_attempt::Entity::delete_many()
        .filter(login_attempt::Column::At.lt(now - Duration::days(1)))
        .exec(&state.db)
        .await?;
    let id = login_attempt::ActiveModel {
        account_key: Set(account_key.to_string()),
        ip: Set(ip.to_string()),
        succeeded: Set(false),
        at: Set(now),
        ..Default::default()
    }
    .insert(&state.db)
    .await?
    .id;
    let since = now - Duration::hours(1);
    let failures = |filter: Condition| {
        login_attempt::Entity::find()
            .filter(filter)
            .filter(login_attempt::Column::Succeeded.eq(false))
            .filter(login_attempt::Column::At.gt(since))
            .count(&state.db)
    };
    let by_account = || Condition::all().add(login_attempt::Column::AccountKey.eq(account_key));
    let sec = &state.security;
    let per_pair = failures(by_account().add(login_attempt::Column::Ip.eq(ip))).await?;
    let per_ip = failures(Condition::all().add(login_attempt::Column::Ip.eq(ip))).await?;
    let per_account = if known_device { 0 } else { failures(by_account()).await? };
    if per_pair > sec.max_failures_per_account_and_ip
        || per_ip > sec.max_failures_per_ip
        || per_account > sec.max_failures_per_account
    {
        tracing::warn!(ip, per_pair, per_ip, per_account, known_device, "sign-in rate limited");
        // Refused before any password was checked: no failure to count.
        login_attempt::Entity::delete_by_id(id).exec(&state.db).await?;
        return Err(AppError::RateLimited);
    }
    Ok(id)
}

/// A new password (a change, a reset), refused on its own field `new_password`.
fn check_new_password(new: &str) -> Result<(), AppError> {
    check_password(new).map_err(|e| e.at("new_password"))
}

/// The reserved attempt was the right password: no failure.
async fn attempt_succeeded(state: &AppState, attempt: i32) -> Result<(), AppError> {
    login_attempt::Entity::update_many()
        .col_expr(login_attempt::Column::Succeeded, Expr::value(true))
        .filter(login_attempt::Column::Id.eq(attempt))
        .exec(&state.db)
        .await?;
    Ok(())
}

/// Changes a password after checking the current one (limited like a
/// sign-in: a stolen session cannot try passwords without end); every other
/// session of the user ends, and a fresh one is returned for this browser.
pub async fn change_password(
    state: &AppState,
    user: &SessionUser,
    current: &str,
    new: &str,
    ip: &str,
) -> Result<String, AppError> {
    let u = user::Entity::find_by_id(user.id).one(&state.db).await?.ok_or(AppError::NotSignedIn)?;
    let account_key = state.keys.rate_limit_key(&user.login);
    let attempt = reserve_attempt(state, &account_key, ip, true).await?;
    let ok = match password::verify(Some(u.password_hash.clone()), current.to_string()).await {
        Ok(ok) => ok,
        Err(e) => {
            login_attempt::Entity::delete_by_id(attempt).exec(&state.db).await?;
            return Err(e);
        }
    };
    if !ok {
        return Err(AppError::BadCredentials);
    }
    attempt_succeeded(state, attempt).await?;
    check_new_password(new)?;
    let hash = password::hash(new.to_string()).await?;
    let sec = state.security.clone();
    let user_id = u.id;
    let token = crate::db::write(&state.db, move |txn| {
        Box::pin(async move {
            let mut am: user::ActiveModel = u.into();
            am.password_hash = Set(hash);
            am.updated_at = Set(Utc::now());
            am.update(txn).await?;
            session::delete_all_for_user(txn, user_id).await?;
            session::create(txn, &sec, user_id).await
        })
    })
    .await?;
    tracing::info!(user_id, "password changed; other sessions ended");
    Ok(token)
}

/// Removes what no longer matters: codes an hour past their end, devices
/// unused for a year. Run now and then by the server.
pub async fn purge<C: ConnectionTrait>(db: &C) -> Result<(), AppError> {
    let now = Utc::now();
    one_time_code::Entity::delete_many()
        .filter(one_time_code::Column::ExpiresAt.lt(now - Duration::hours(1)))
        .exec(db)
        .await?;
    login_device::Entity::delete_many()
        .filter(login_device::Column::LastUsedAt.lt(now - Duration::days(365)))
        .exec(db)
        .await?;
    Ok(())
}

/// Staff and admin accounts (by an admin, or the first admin by the CLI).
pub async fn create_staff_account(
    state: &AppState,
    role: Role,
    name: &str,
    email: &str,
    password: &str,
    locale: &str,
) -> Result<user::Model, AppError> {
    if !matches!(role, Role::Staff | Role::Admin) {
        return Err(AppError::InvalidInput);
    }
    let login = NewLogin::Email(email);
    create_account(state, SignUp { role, name, login, password, consent: false, locale, verified: true }).await
}

/// Accounts of staff and admins, newest first.
pub async fn list_staff(state: &AppState) -> Result<Vec<user::Model>, AppError> {
    Ok(user::Entity::find()
        .filter(user::Column::Role.is_in([Role::Staff, Role::Admin]))
        .order_by_desc(user::Column::Id)
        .all(&state.db)
        .await?)
}
