//! Forms that work with and without JavaScript.
//!
//! Every core form is a plain `<form method="post">` aimed at a server function,
//! so a migrant whose WASM has not arrived yet can still submit it. The server
//! function ends with [`finish`]: on success the browser is sent on to the next
//! page; on failure it goes back to the form with `?error=<key>`, and the page
//! shows the translated message tied to its field.

use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[cfg(feature = "ssr")]
pub fn set_cookie(value: &str) {
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(v) = http::HeaderValue::from_str(value) {
            res.append_header(http::header::SET_COOKIE, v);
        }
    }
}

/// The request's headers, as the server function or page render sees them.
#[cfg(feature = "ssr")]
pub fn request_parts() -> Option<http::request::Parts> {
    use_context::<http::request::Parts>()
}

/// Sends the browser on (success) or back to the form with the error key.
/// Also sets the HTTP status of a failure, so a refusal is never a 500.
#[cfg(feature = "ssr")]
pub fn finish<T>(result: Result<T, AppError>, success_to: &str) -> Result<T, AppError> {
    match &result {
        Ok(_) => leptos_axum::redirect(success_to),
        Err(e) => {
            if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
                res.set_status(
                    http::StatusCode::from_u16(e.status())
                        .unwrap_or(http::StatusCode::BAD_REQUEST),
                );
            }
            if let Some(back) = back_with_error(e) {
                leptos_axum::redirect(&back);
            }
        }
    }
    result
}

/// For a plain (non-JS) form post: the page the form was on, with `error=`.
#[cfg(feature = "ssr")]
fn back_with_error(e: &AppError) -> Option<String> {
    let parts = request_parts()?;
    let accepts_html = parts
        .headers
        .get(http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    if !accepts_html {
        return None;
    }
    let referer = parts.headers.get(http::header::REFERER)?.to_str().ok()?;
    // Only the path and query of the referring page: never another site.
    let path_and_query = match referer.find("://") {
        Some(i) => {
            let rest = &referer[i + 3..];
            &rest[rest.find('/').unwrap_or(rest.len())..]
        }
        None => referer,
    };
    Some(with_error_param(&crate::lang::safe_next(path_and_query), e.key()))
}

/// `path` with its `error` query parameter replaced by `key`.
pub fn with_error_param(path: &str, key: &str) -> String {
    let (base, query) = path.split_once('?').unwrap_or((path, ""));
    let mut kept: Vec<&str> = query
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("error="))
        .collect();
    let pair = format!("error={key}");
    kept.push(&pair);
    format!("{base}?{}", kept.join("&"))
}

/// The error named in the URL by [`finish`], if any.
pub fn use_form_error() -> Memo<Option<AppError>> {
    let query = use_query_map();
    Memo::new(move |_| query.with(|q| q.get("error").and_then(|k| AppError::from_key(&k))))
}

/// The translated message of an error.
pub fn error_text(i18n: leptos_i18n::I18nContext<Locale>, e: &AppError) -> String {
    let s = match e {
        AppError::NotSignedIn => t_string!(i18n, errors.not_signed_in),
        AppError::Forbidden => t_string!(i18n, errors.forbidden),
        AppError::BadCredentials => t_string!(i18n, errors.bad_credentials),
        AppError::RateLimited => t_string!(i18n, errors.rate_limited),
        AppError::InvalidPhone => t_string!(i18n, errors.invalid_phone),
        AppError::InvalidEmail => t_string!(i18n, errors.invalid_email),
        AppError::PasswordTooShort => t_string!(i18n, errors.password_too_short),
        AppError::PasswordTooLong => t_string!(i18n, errors.password_too_long),
        AppError::PasswordTooCommon => t_string!(i18n, errors.password_too_common),
        AppError::NameRequired => t_string!(i18n, errors.name_required),
        AppError::ConsentRequired => t_string!(i18n, errors.consent_required),
        AppError::AccountExists => t_string!(i18n, errors.account_exists),
        AppError::InvalidInput => t_string!(i18n, errors.invalid_input),
        AppError::NotFound => t_string!(i18n, errors.not_found),
        AppError::InvalidVkn => t_string!(i18n, errors.invalid_vkn),
        AppError::InvalidMersis => t_string!(i18n, errors.invalid_mersis),
        AppError::CompanyNotVerified => t_string!(i18n, errors.company_not_verified),
        AppError::WageBelowMinimum => t_string!(i18n, errors.wage_below_minimum),
        AppError::InvalidWage => t_string!(i18n, errors.invalid_wage),
        AppError::MinimumWageUnknown => t_string!(i18n, errors.minimum_wage_unknown),
        AppError::ClosingDateInPast => t_string!(i18n, errors.closing_date_in_past),
        AppError::InvalidPositions => t_string!(i18n, errors.invalid_positions),
        AppError::InvalidDate => t_string!(i18n, errors.invalid_date),
        AppError::ReasonRequired => t_string!(i18n, errors.reason_required),
        AppError::AlreadyApplied => t_string!(i18n, errors.already_applied),
        AppError::TextRequired => t_string!(i18n, errors.text_required),
        AppError::InvalidPassport => t_string!(i18n, errors.invalid_passport),
        AppError::Internal => t_string!(i18n, errors.internal),
    };
    s.to_string()
}

/// The form-level message (announced by screen readers).
#[component]
pub fn FormError(error: Memo<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        error.get().map(|e| {
            view! {
                <p class="form-error" role="alert" id=field_error_id(e.field().unwrap_or("form"))>
                    {error_text(i18n, &e)}
                </p>
            }
        })
    }
}

pub fn field_error_id(field: &str) -> String {
    format!("{field}-error")
}

/// `aria-describedby` for an input: its hint, and the error when it is this field's.
pub fn described_by(error: Memo<Option<AppError>>, field: &'static str, hint: Option<&'static str>) -> impl Fn() -> Option<String> + Send + Sync + Copy + 'static {
    move || {
        let err = error
            .get()
            .filter(|e| e.field() == Some(field))
            .map(|_| field_error_id(field));
        match (hint, err) {
            (Some(h), Some(e)) => Some(format!("{h} {e}")),
            (Some(h), None) => Some(h.to_string()),
            (None, Some(e)) => Some(e),
            (None, None) => None,
        }
    }
}

/// `aria-invalid` for an input.
pub fn invalid(error: Memo<Option<AppError>>, field: &'static str) -> impl Fn() -> Option<&'static str> + Send + Sync + Copy + 'static {
    move || error.get().filter(|e| e.field() == Some(field)).map(|_| "true")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_param_replaces_old_one_and_keeps_others() {
        assert_eq!(with_error_param("/signin", "bad_credentials"), "/signin?error=bad_credentials");
        assert_eq!(
            with_error_param("/signin?next=/account&error=rate_limited", "bad_credentials"),
            "/signin?next=/account&error=bad_credentials"
        );
    }
}
