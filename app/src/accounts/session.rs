//! Server-side sessions: a 256-bit random token in an HttpOnly cookie, its
//! SHA-256 in the database. They survive restarts and serve every instance.

use super::entity::{session, user};
use super::SessionUser;
use crate::error::AppError;
use crate::state::{AppState, Security};
use base64::Engine as _;
use chrono::{Duration, Utc};
use rand::RngCore;
use sea_orm::*;
use sha2::{Digest, Sha256};

pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Creates a session and returns the token for the cookie.
pub async fn create<C: ConnectionTrait>(db: &C, sec: &Security, user_id: i32) -> Result<String, AppError> {
    let token = new_token();
    let now = Utc::now();
    session::ActiveModel {
        id: Set(token_hash(&token)),
        user_id: Set(user_id),
        created_at: Set(now),
        expires_at: Set(now + Duration::days(sec.session_days)),
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The user of a live session, if the token names one and the account is enabled.
pub async fn lookup<C: ConnectionTrait>(db: &C, token: &str) -> Result<Option<SessionUser>, AppError> {
    let found = session::Entity::find_by_id(token_hash(token)).find_also_related(user::Entity).one(db).await?;
    let Some((s, Some(u))) = found else {
        return Ok(None);
    };
    if s.expires_at <= Utc::now() || u.disabled {
        return Ok(None);
    }
    Ok(Some(to_session_user(&u)))
}

pub fn to_session_user(u: &user::Model) -> SessionUser {
    SessionUser {
        id: u.id,
        role: u.role,
        name: u.name.clone(),
        login: u.phone.clone().or_else(|| u.email.clone()).unwrap_or_default(),
        verified: u.verified_at.is_some(),
    }
}

pub async fn delete<C: ConnectionTrait>(db: &C, token: &str) -> Result<(), AppError> {
    session::Entity::delete_by_id(token_hash(token)).exec(db).await?;
    Ok(())
}

/// Ends every session of a user (password change, account disabled).
pub async fn delete_all_for_user<C: ConnectionTrait>(db: &C, user_id: i32) -> Result<(), AppError> {
    session::Entity::delete_many().filter(session::Column::UserId.eq(user_id)).exec(db).await?;
    Ok(())
}

/// Removes expired sessions; run now and then by the server.
pub async fn purge_expired<C: ConnectionTrait>(db: &C) -> Result<u64, AppError> {
    let r = session::Entity::delete_many().filter(session::Column::ExpiresAt.lte(Utc::now())).exec(db).await?;
    Ok(r.rows_affected)
}

/// A `Set-Cookie` value of ours: HttpOnly, SameSite=Lax, the whole site,
/// `Secure` in production; `max_age` zero removes it.
fn set_cookie(sec: &Security, name: &'static str, value: &str, max_age: cookie::time::Duration) -> String {
    cookie::Cookie::build((name, value.to_string()))
        .path("/")
        .http_only(true)
        .secure(sec.secure_cookies)
        .same_site(cookie::SameSite::Lax)
        .max_age(max_age)
        .build()
        .to_string()
}

/// `Set-Cookie` value for a new session.
pub fn cookie(sec: &Security, token: &str) -> String {
    set_cookie(sec, sec.session_cookie_name(), token, cookie::time::Duration::days(sec.session_days))
}

/// `Set-Cookie` value that removes the session cookie.
pub fn clearing_cookie(sec: &Security) -> String {
    set_cookie(sec, sec.session_cookie_name(), "", cookie::time::Duration::ZERO)
}

/// `Set-Cookie` value of the device cookie: a year, renewed at each sign-in.
pub fn device_cookie(sec: &Security, token: &str) -> String {
    set_cookie(sec, sec.device_cookie_name(), token, cookie::time::Duration::days(365))
}

/// `Set-Cookie` value of the ticket that ties a sent code to this browser:
/// as long as the code lives.
pub fn ticket_cookie(sec: &Security, ticket: &str) -> String {
    let minutes = cookie::time::Duration::minutes(super::service::CODE_MINUTES);
    set_cookie(sec, sec.ticket_cookie_name(), ticket, minutes)
}

/// `Set-Cookie` value that removes the ticket (its code is used).
pub fn clearing_ticket_cookie(sec: &Security) -> String {
    set_cookie(sec, sec.ticket_cookie_name(), "", cookie::time::Duration::ZERO)
}

/// The session token in a request's `Cookie` headers.
pub fn token_from_headers(sec: &Security, headers: &http::HeaderMap) -> Option<String> {
    cookie_from_headers(headers, sec.session_cookie_name())
}

/// A cookie's value in a request's `Cookie` headers (none when empty).
pub fn cookie_from_headers(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
        .filter(|v| !v.is_empty())
}

/// The signed-in user of the current request (server functions and page renders).
pub async fn current_user() -> Result<Option<SessionUser>, AppError> {
    use leptos::prelude::use_context;
    let (Some(state), Some(parts)) = (use_context::<AppState>(), use_context::<http::request::Parts>()) else {
        return Ok(None);
    };
    let Some(token) = token_from_headers(&state.security, &parts.headers) else {
        return Ok(None);
    };
    // Once per request: the header and the page ask for the user each.
    match crate::state::RequestCache::current() {
        Some(cache) => cache.user.get_or_try_init(|| lookup(&state.db, &token)).await.cloned(),
        None => lookup(&state.db, &token).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_256_bit_and_distinct() {
        let a = new_token();
        let b = new_token();
        assert_ne!(a, b);
        let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(&a).unwrap();
        assert_eq!(raw.len(), 32);
        assert_eq!(token_hash(&a).len(), 64);
        assert_ne!(token_hash(&a), a);
    }

    #[test]
    fn cookie_attributes() {
        let dev = Security::default();
        let c = cookie(&dev, "tok");
        assert!(c.starts_with("kopru_session=tok"), "{c}");
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax") && c.contains("Path=/"));
        assert!(!c.contains("Secure"));
        let prod = Security { secure_cookies: true, ..Security::default() };
        let c = cookie(&prod, "tok");
        assert!(c.starts_with("__Host-kopru_session=tok") && c.contains("Secure"), "{c}");
        assert!(!c.contains("Domain"), "__Host- cookies carry no Domain");
        assert!(clearing_cookie(&dev).contains("Max-Age=0"));
    }

    #[test]
    fn token_is_read_from_cookie_header() {
        let sec = Security::default();
        let mut h = http::HeaderMap::new();
        h.insert(http::header::COOKIE, "a=1; kopru_session=abc; b=2".parse().unwrap());
        assert_eq!(token_from_headers(&sec, &h).as_deref(), Some("abc"));
        h.insert(http::header::COOKIE, "kopru_session_x=abc".parse().unwrap());
        assert_eq!(token_from_headers(&sec, &h), None);
    }
}
