//! Forms that work with and without JavaScript.
//!
//! Every core form is a plain `<form method="post">` aimed at a server function,
//! so a migrant whose WASM has not arrived yet can still submit it. On success
//! the server function sends the browser on with [`redirect`]; on failure the
//! server's middleware sends it back to the form with `?error=<key>`
//! ([`back_with_error`]), and the page shows the translated message tied to
//! its field.

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

/// Where a server function sends the browser when it succeeds. (A failure
/// needs nothing: the server's middleware sends a plain form post back to its
/// page with `?error=<key>`, see [`back_with_error`], and answers a script with
/// the error's own status.)
#[cfg(feature = "ssr")]
pub fn redirect(to: &str) {
    leptos_axum::redirect(to)
}

/// For a plain (non-JS) form post that failed: the page the form was on
/// (path and query of the `Referer`, never another site), with `error=<key>`.
pub fn back_with_error(referer: &str, e: &AppError) -> String {
    let path_and_query = match referer.find("://") {
        Some(i) => {
            let rest = &referer[i + 3..];
            &rest[rest.find('/').unwrap_or(rest.len())..]
        }
        None => referer,
    };
    with_error_param(&crate::lang::safe_next(path_and_query), e.key())
}

/// `path` with its `error` query parameter replaced by `key`.
pub fn with_error_param(path: &str, key: &str) -> String {
    let (base, query) = path.split_once('?').unwrap_or((path, ""));
    let mut kept: Vec<&str> = query.split('&').filter(|p| !p.is_empty() && !p.starts_with("error=")).collect();
    let pair = format!("error={key}");
    kept.push(&pair);
    format!("{base}?{}", kept.join("&"))
}

/// The error named in the URL by [`back_with_error`], if any.
pub fn use_form_error() -> Memo<Option<AppError>> {
    let query = use_query_map();
    Memo::new(move |_| query.with(|q| q.get("error").and_then(|k| AppError::from_key(&k))))
}

/// The translated message of an error.
pub fn error_text(i18n: leptos_i18n::I18nContext<Locale>, e: &AppError) -> String {
    let s = match e {
        AppError::NotSignedIn => tu_string!(i18n, errors.not_signed_in),
        AppError::Forbidden => tu_string!(i18n, errors.forbidden),
        AppError::BadCredentials => tu_string!(i18n, errors.bad_credentials),
        AppError::RateLimited => tu_string!(i18n, errors.rate_limited),
        AppError::InvalidPhone => tu_string!(i18n, errors.invalid_phone),
        AppError::InvalidEmail => tu_string!(i18n, errors.invalid_email),
        AppError::PasswordTooShort => tu_string!(i18n, errors.password_too_short),
        AppError::PasswordTooLong => tu_string!(i18n, errors.password_too_long),
        AppError::PasswordTooCommon => tu_string!(i18n, errors.password_too_common),
        AppError::NameRequired => tu_string!(i18n, errors.name_required),
        AppError::ConsentRequired => tu_string!(i18n, errors.consent_required),
        AppError::AccountExists => tu_string!(i18n, errors.account_exists),
        AppError::InvalidInput => tu_string!(i18n, errors.invalid_input),
        AppError::NotFound => tu_string!(i18n, errors.not_found),
        AppError::InvalidVkn => tu_string!(i18n, errors.invalid_vkn),
        AppError::InvalidMersis => tu_string!(i18n, errors.invalid_mersis),
        AppError::CompanyNotVerified => tu_string!(i18n, errors.company_not_verified),
        AppError::WageBelowMinimum => tu_string!(i18n, errors.wage_below_minimum),
        AppError::InvalidWage => tu_string!(i18n, errors.invalid_wage),
        AppError::MinimumWageUnknown => tu_string!(i18n, errors.minimum_wage_unknown),
        AppError::ClosingDateInPast => tu_string!(i18n, errors.closing_date_in_past),
        AppError::InvalidPositions => tu_string!(i18n, errors.invalid_positions),
        AppError::InvalidDate => tu_string!(i18n, errors.invalid_date),
        AppError::ReasonRequired => tu_string!(i18n, errors.reason_required),
        AppError::AlreadyApplied => tu_string!(i18n, errors.already_applied),
        AppError::VacancyFull => tu_string!(i18n, errors.vacancy_full),
        AppError::CompanyExists => tu_string!(i18n, errors.company_exists),
        AppError::TextRequired => tu_string!(i18n, errors.text_required),
        AppError::InvalidPassport => tu_string!(i18n, errors.invalid_passport),
        AppError::Internal => tu_string!(i18n, errors.internal),
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
pub fn described_by(
    error: Memo<Option<AppError>>,
    field: &'static str,
    hint: Option<&'static str>,
) -> impl Fn() -> Option<String> + Send + Sync + Copy + 'static {
    move || {
        let err = error.get().filter(|e| e.field() == Some(field)).map(|_| field_error_id(field));
        match (hint, err) {
            (Some(h), Some(e)) => Some(format!("{h} {e}")),
            (Some(h), None) => Some(h.to_string()),
            (None, Some(e)) => Some(e),
            (None, None) => None,
        }
    }
}

/// `aria-invalid` for an input.
pub fn invalid(
    error: Memo<Option<AppError>>,
    field: &'static str,
) -> impl Fn() -> Option<&'static str> + Send + Sync + Copy + 'static {
    move || error.get().filter(|e| e.field() == Some(field)).map(|_| "true")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_posts_go_back_to_their_own_page_only() {
        assert_eq!(
            back_with_error("http://localhost:3000/signup", &AppError::InvalidPhone),
            "/signup?error=invalid_phone"
        );
        assert_eq!(
            back_with_error("https://kopru.uz/profile?saved=1", &AppError::InvalidDate),
            "/profile?saved=1&error=invalid_date"
        );
        assert_eq!(back_with_error("https://evil.example//evil.example/x", &AppError::Forbidden), "/?error=forbidden");
        assert_eq!(back_with_error("https://kopru.uz", &AppError::Internal), "/?error=internal");
    }

    #[test]
    fn error_param_replaces_old_one_and_keeps_others() {
        assert_eq!(with_error_param("/signin", "bad_credentials"), "/signin?error=bad_credentials");
        assert_eq!(
            with_error_param("/signin?next=/account&error=rate_limited", "bad_credentials"),
            "/signin?next=/account&error=bad_credentials"
        );
    }
}
