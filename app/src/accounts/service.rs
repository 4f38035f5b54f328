//! The accounts rules, free of HTTP: the server functions and the server's
//! commands both call these.

use super::entity::{consent, login_attempt, user};
use super::validate::{check_password, normalize_email, normalize_login, normalize_phone};
use super::{password, session, Role, SessionUser, CONSENT_PURPOSES, PRIVACY_NOTICE_VERSION};
use crate::error::AppError;
use crate::parse::normalize_name;
use crate::state::AppState;
use chrono::{Duration, Utc};
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
}

/// Creates an account. Migrants and employers give consent to the privacy
/// notice, stored with its version, purposes, language and time, in the same
/// transaction as the account.
pub async fn create_account(state: &AppState, input: SignUp<'_>) -> Result<user::Model, AppError> {
    let mut checks = crate::error::Checks::default();
    let name = checks.take(normalize_name(input.name));
    let login = checks.take(match input.login {
        NewLogin::Phone(p) => normalize_phone(p).map(|p| (Some(p), None)),
        NewLogin::Email(e) => normalize_email(e).map(|e| (None, Some(e))),
    });
    checks.take(check_password(input.password));
    let needs_consent = matches!(input.role, Role::Migrant | Role::Employer);
    if needs_consent && !input.consent {
        checks.fail("consent", AppError::ConsentRequired);
    }
    let (name, (phone, email)) = checks.finish(name.zip(login))?;
    let hash = password::hash(input.password.to_string()).await?;
    let locale = input.locale.to_string();
    let role = input.role;
    let created = state
        .db
        .transaction::<_, user::Model, AppError>(move |txn| {
            Box::pin(async move {
                let exists = user::Entity::find()
                    .filter(
                        Condition::any()
                            .add(user::Column::Phone.eq(phone.clone()))
                            .add(user::Column::Email.eq(email.clone())),
                    )
                    .count(txn)
                    .await?;
                if exists > 0 {
                    return Err(AppError::AccountExists);
                }
                let now = Utc::now();
                let u = user::ActiveModel {
                    role: Set(role),
                    phone: Set(phone),
                    email: Set(email),
                    name: Set(name),
                    password_hash: Set(hash),
                    locale: Set(locale.clone()),
                    disabled: Set(false),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                }
                .insert(txn)
                .await
                // Lost a race with a concurrent sign-up of the same login.
                .map_err(|e| crate::error::unique_violation_is(e, AppError::AccountExists))?;
                if needs_consent {
                    consent::ActiveModel {
                        user_id: Set(u.id),
                        notice_version: Set(PRIVACY_NOTICE_VERSION.to_string()),
                        purposes: Set(CONSENT_PURPOSES.to_string()),
                        locale: Set(locale),
                        given_at: Set(now),
                        withdrawn_at: Set(None),
                        ..Default::default()
                    }
                    .insert(txn)
                    .await?;
                }
                Ok(u)
            })
        })
        .await?;
    tracing::info!(user_id = created.id, role = %role, "account created");
    Ok(created)
}

/// Checks the credentials and opens a session; returns its token and the user.
///
/// An unknown account and a wrong password get the same error after the same
/// work (a dummy hash is verified), and failures are limited per account and
/// per client address.
pub async fn sign_in(
    state: &AppState,
    login: &str,
    password: &str,
    ip: &str,
) -> Result<(String, SessionUser), AppError> {
    let normalized = normalize_login(login)?;
    let account_key = state.keys.keyed_hash(&normalized);
    check_rate_limit(state, &account_key, ip).await?;

    let found = user::Entity::find()
        .filter(
            Condition::any()
                .add(user::Column::Phone.eq(normalized.clone()))
                .add(user::Column::Email.eq(normalized.clone())),
        )
        .one(&state.db)
        .await?;
    let stored = found.as_ref().map(|u| u.password_hash.clone());
    let ok = password::verify(stored, password.to_string()).await;
    let user = match found {
        Some(u) if ok && !u.disabled => u,
        _ => {
            record_attempt(state, &account_key, ip, false).await?;
            tracing::warn!(ip, "sign-in refused");
            return Err(AppError::BadCredentials);
        }
    };
    record_attempt(state, &account_key, ip, true).await?;
    let token = session::create(&state.db, &state.security, user.id).await?;
    tracing::info!(user_id = user.id, ip, "signed in");
    Ok((token, session::to_session_user(&user)))
}

async fn check_rate_limit(state: &AppState, account_key: &str, ip: &str) -> Result<(), AppError> {
    let since = Utc::now() - Duration::hours(1);
    let failures = |col: login_attempt::Column, value: String| {
        login_attempt::Entity::find()
            .filter(col.eq(value))
            .filter(login_attempt::Column::Succeeded.eq(false))
            .filter(login_attempt::Column::At.gt(since))
            .count(&state.db)
    };
    let per_account = failures(login_attempt::Column::AccountKey, account_key.to_string()).await?;
    let per_ip = failures(login_attempt::Column::Ip, ip.to_string()).await?;
    if per_account >= state.security.max_failures_per_account || per_ip >= state.security.max_failures_per_ip {
        tracing::warn!(ip, per_account, per_ip, "sign-in rate limited");
        return Err(AppError::RateLimited);
    }
    Ok(())
}

async fn record_attempt(state: &AppState, account_key: &str, ip: &str, succeeded: bool) -> Result<(), AppError> {
    let now = Utc::now();
    login_attempt::ActiveModel {
        account_key: Set(account_key.to_string()),
        ip: Set(ip.to_string()),
        succeeded: Set(succeeded),
        at: Set(now),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    // Attempts older than a day matter to no limit: keep the table small.
    login_attempt::Entity::delete_many()
        .filter(login_attempt::Column::At.lt(now - Duration::days(1)))
        .exec(&state.db)
        .await?;
    Ok(())
}

/// Changes a password after checking the current one; every other session of
/// the user ends, and a fresh one is returned for this browser.
pub async fn change_password(
    state: &AppState,
    user: &SessionUser,
    current: &str,
    new: &str,
) -> Result<String, AppError> {
    let u = user::Entity::find_by_id(user.id).one(&state.db).await?.ok_or(AppError::NotSignedIn)?;
    if !password::verify(Some(u.password_hash.clone()), current.to_string()).await {
        return Err(AppError::BadCredentials);
    }
    check_password(new)?;
    let hash = password::hash(new.to_string()).await?;
    let sec = state.security.clone();
    let user_id = u.id;
    let token = state
        .db
        .transaction::<_, String, AppError>(move |txn| {
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
    create_account(state, SignUp { role, name, login: NewLogin::Email(email), password, consent: false, locale }).await
}

/// Accounts of staff and admins, newest first.
pub async fn list_staff(state: &AppState) -> Result<Vec<user::Model>, AppError> {
    Ok(user::Entity::find()
        .filter(user::Column::Role.is_in([Role::Staff, Role::Admin]))
        .order_by_desc(user::Column::Id)
        .all(&state.db)
        .await?)
}
