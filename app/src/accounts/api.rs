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

    /// A cookie of the request, by name.
    pub fn cookie(name: &str) -> Option<String> {
        use_context::<http::request::Parts>().and_then(|p| super::super::session::cookie_from_headers(&p.headers, name))
    }

    /// Signed in (or verified, or reset): a fresh session, the device
    /// remembered, the code's ticket gone; the session the browser had ended.
    pub async fn signed_in(state: &AppState, s: &super::super::service::SignedIn) -> Result<(), AppError> {
        end_request_session(state).await?;
        crate::forms::set_cookie(&super::super::session::cookie(&state.security, &s.session));
        crate::forms::set_cookie(&super::super::session::device_cookie(&state.security, &s.device));
        // An account that has not proved its login yet may still type the code it was sent.
        if s.user.verified && cookie(state.security.ticket_cookie_name()).is_some() {
            crate::forms::set_cookie(&super::super::session::clearing_ticket_cookie(&state.security));
        }
        Ok(())
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

/// Both sign-ups: the same answer whether the login is free or taken (a code
/// ticket, then the code page); see `service::sign_up`.
#[cfg(feature = "ssr")]
async fn sign_up(
    role: super::Role,
    name: &str,
    login: super::service::NewLogin<'_>,
    password: &str,
    consent: bool,
    next: Option<String>,
) -> Result<(), AppError> {
    use super::service::SignUp;
    let (_, state) = visitor(Action::SignUp).await?;
    let locale = crate::lang::request_locale();
    let input = SignUp { role, name, login, password, consent, locale, verified: false };
    let ticket = super::service::sign_up(&state, input, &ctx::client_ip())
        .await
        .inspect_err(|e| tracing::info!(error = e.key(), ip = ctx::client_ip(), "sign-up refused"))?;
    crate::forms::set_cookie(&super::session::ticket_cookie(&state.security, &ticket));
    crate::forms::redirect(&verify_page(next.as_deref()));
    Ok(())
}

/// The code page, keeping where the person was going.
#[cfg(feature = "ssr")]
fn verify_page(next: Option<&str>) -> String {
    match next.map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => {
            let n: String = form_urlencoded::byte_serialize(crate::lang::safe_next(n).as_bytes()).collect();
            format!("/verify?next={n}")
        }
        None => "/verify".into(),
    }
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
    let device = ctx::cookie(state.security.device_cookie_name());
    let client = super::service::Client { ip: &ctx::client_ip(), device: device.as_deref() };
    let signed_in = super::service::sign_in(&state, &login, &password, &client).await?;
    // A new session id at every sign-in; the one the browser had is ended.
    ctx::signed_in(&state, &signed_in).await?;
    let to = if signed_in.user.verified {
        onward(next.as_deref(), signed_in.user.role)
    } else {
        verify_page(next.as_deref())
    };
    crate::forms::redirect(&to);
    Ok(())
}

/// F1.2: the code sent at sign-up, typed on the code page: the account is
/// verified and this browser signed in.
#[server(endpoint = "verify_account")]
pub async fn verify_account(code: String, next: Option<String>) -> Result<(), AppError> {
    let (_, state) = visitor(Action::VerifyLogin).await?;
    let ticket = ctx::cookie(state.security.ticket_cookie_name());
    let device = ctx::cookie(state.security.device_cookie_name());
    let client = super::service::Client { ip: &ctx::client_ip(), device: device.as_deref() };
    let signed_in = super::service::verify(&state, ticket.as_deref(), &code, &client).await?;
    ctx::signed_in(&state, &signed_in).await?;
    crate::forms::redirect(&onward(next.as_deref(), signed_in.user.role));
    Ok(())
}

/// A new code for the signed-in account that has not proved its login yet.
#[server(endpoint = "resend_code")]
pub async fn resend_code(next: Option<String>) -> Result<(), AppError> {
    let (user, state) = guard(Action::ResendCode).await?;
    let ticket = super::service::resend_verification(&state, &user, &ctx::client_ip()).await?;
    crate::forms::set_cookie(&super::session::ticket_cookie(&state.security, &ticket));
    let page = verify_page(next.as_deref());
    let sep = if page.contains('?') { '&' } else { '?' };
    crate::forms::redirect(&format!("{page}{sep}sent=1"));
    Ok(())
}

/// Forgot the password: a code to the account's phone, e-mail or Telegram.
/// The same answer whether the login has an account or not.
#[server(endpoint = "request_reset")]
pub async fn request_reset(login: String) -> Result<(), AppError> {
    let (_, state) = visitor(Action::ResetPassword).await?;
    let ticket = super::service::request_reset(&state, &login, &ctx::client_ip()).await?;
    crate::forms::set_cookie(&super::session::ticket_cookie(&state.security, &ticket));
    crate::forms::redirect("/reset?sent=1");
    Ok(())
}

/// The reset code and a new password: signed in, every other session ended.
#[server(endpoint = "reset_password")]
pub async fn reset_password(code: String, new_password: String) -> Result<(), AppError> {
    let (_, state) = visitor(Action::ResetPassword).await?;
    let ticket = ctx::cookie(state.security.ticket_cookie_name());
    let device = ctx::cookie(state.security.device_cookie_name());
    let client = super::service::Client { ip: &ctx::client_ip(), device: device.as_deref() };
    let signed_in = super::service::reset_password(&state, ticket.as_deref(), &code, &new_password, &client).await?;
    ctx::signed_in(&state, &signed_in).await?;
    crate::forms::redirect(&format!("{}?reset=1", signed_in.user.role.landing()));
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
    let ip = ctx::client_ip();
    let token = super::service::change_password(&state, &user, &current_password, &new_password, &ip).await?;
    crate::forms::set_cookie(&super::session::cookie(&state.security, &token));
    crate::forms::redirect("/account?changed=1");
    Ok(())
}
