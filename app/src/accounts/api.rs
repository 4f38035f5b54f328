//! The accounts server functions: public HTTP endpoints, each checking what it must.

use super::SessionUser;
#[cfg(feature = "ssr")]
use crate::authz::Action;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::guard::{guard, visitor};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
mod ctx {
    use crate::error::AppError;
    use crate::state::{AppState, ClientIp};
    use leptos::prelude::use_context;

    pub fn client_ip() -> String {
        use_context::<http::request::Parts>()
            .and_then(|p| p.extensions.get::<ClientIp>().cloned())
            .map(|ip| ip.0)
            .unwrap_or_else(|| "unknown".into())
    }

    /// Ends the session the request came with (if any): rotation at sign-in.
    pub async fn end_request_session(state: &AppState) -> Result<(), AppError> {
        if let Some(parts) = use_context::<http::request::Parts>() {
            if let Some(old) = super::super::session::token_from_headers(&state.security, &parts.headers) {
                super::super::session::delete(&state.db, &old).await?;
            }
        }
        Ok(())
    }
}

/// Who is signed in (None for a visitor).
#[server(endpoint = "current_user")]
pub async fn get_current_user() -> Result<Option<SessionUser>, AppError> {
    let (user, _) = visitor(Action::ReadCurrentUser).await?;
    Ok(user)
}

/// F1.2: a migrant signs up with a phone number (+998 or +90).
#[server(endpoint = "sign_up_migrant")]
pub async fn sign_up_migrant(
    name: String,
    phone: String,
    password: String,
    consent: Option<String>,
    next: Option<String>,
) -> Result<(), AppError> {
    use super::service::NewLogin;
    sign_up(super::Role::Migrant, &name, NewLogin::Phone(&phone), &password, consent.is_some(), next).await
}

/// F1.2: an employer signs up with an e-mail address.
#[server(endpoint = "sign_up_employer")]
pub async fn sign_up_employer(
    name: String,
    email: String,
    password: String,
    consent: Option<String>,
    next: Option<String>,
) -> Result<(), AppError> {
    use super::service::NewLogin;
    sign_up(super::Role::Employer, &name, NewLogin::Email(&email), &password, consent.is_some(), next).await
}

/// Both sign-ups: the account and its consent, then a fresh session.
#[cfg(feature = "ssr")]
async fn sign_up(
    role: super::Role,
    name: &str,
    login: super::service::NewLogin<'_>,
    password: &str,
    consent: bool,
    next: Option<String>,
) -> Result<(), AppError> {
    use super::service::{create_account, SignUp};
    let (_, state) = visitor(Action::SignUp).await?;
    let input = SignUp { role, name, login, password, consent, locale: crate::lang::request_locale() };
    let user = create_account(&state, input)
        .await
        .inspect_err(|e| tracing::info!(error = e.key(), ip = ctx::client_ip(), "sign-up refused"))?;
    ctx::end_request_session(&state).await?;
    let token = super::session::create(&state.db, &state.security, user.id).await?;
    crate::forms::set_cookie(&super::session::cookie(&state.security, &token));
    crate::forms::redirect(&onward(next.as_deref(), role));
    Ok(())
}

/// Where the browser goes after signing in or up: the page the person came
/// from (`next`, on this site only), else where their role's work is.
#[cfg(feature = "ssr")]
fn onward(next: Option<&str>, role: super::Role) -> String {
    match next.map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => crate::lang::safe_next(n),
        None => role.landing().to_string(),
    }
}

/// Sign-in with a phone number or an e-mail address.
#[server(endpoint = "sign_in")]
pub async fn sign_in(login: String, password: String, next: Option<String>) -> Result<(), AppError> {
    let (_, state) = visitor(Action::SignIn).await?;
    let (token, user) = super::service::sign_in(&state, &login, &password, &ctx::client_ip()).await?;
    // A new session id at every sign-in; the one the browser had is ended.
    ctx::end_request_session(&state).await?;
    crate::forms::set_cookie(&super::session::cookie(&state.security, &token));
    crate::forms::redirect(&onward(next.as_deref(), user.role));
    Ok(())
}

/// Ends this browser's session.
#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    let (_, state) = guard(Action::SignOut).await?;
    ctx::end_request_session(&state).await?;
    crate::forms::set_cookie(&super::session::clearing_cookie(&state.security));
    crate::forms::redirect("/");
    Ok(())
}

/// Changes the password; every other session of the account ends.
#[server(endpoint = "change_password")]
pub async fn change_password(current_password: String, new_password: String) -> Result<(), AppError> {
    let (user, state) = guard(Action::ChangePassword).await?;
    let token = super::service::change_password(&state, &user, &current_password, &new_password).await?;
    crate::forms::set_cookie(&super::session::cookie(&state.security, &token));
    crate::forms::redirect("/account?changed=1");
    Ok(())
}
