//! The one error type of Köprü. Every variant maps to a catalogue key, so a user
//! only ever sees a translated message, never a raw database or parser error.

use serde::{Deserialize, Serialize};
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// No session, or the session has expired.
    #[error("not_signed_in")]
    NotSignedIn,
    /// Signed in, but the role or the ownership does not allow it.
    #[error("forbidden")]
    Forbidden,
    /// Unknown account or wrong password: deliberately one answer for both.
    #[error("bad_credentials")]
    BadCredentials,
    /// Too many failed sign-ins for this account or address.
    #[error("rate_limited")]
    RateLimited,
    #[error("invalid_phone")]
    InvalidPhone,
    #[error("invalid_email")]
    InvalidEmail,
    #[error("password_too_short")]
    PasswordTooShort,
    #[error("password_too_long")]
    PasswordTooLong,
    #[error("password_too_common")]
    PasswordTooCommon,
    #[error("name_required")]
    NameRequired,
    #[error("consent_required")]
    ConsentRequired,
    /// Sign-up with a phone or e-mail that already has an account. The answer to
    /// the person is deliberately generic (see `accounts::server`).
    #[error("account_exists")]
    AccountExists,
    #[error("invalid_input")]
    InvalidInput,
    #[error("not_found")]
    NotFound,
    #[error("invalid_vkn")]
    InvalidVkn,
    #[error("invalid_mersis")]
    InvalidMersis,
    #[error("company_not_verified")]
    CompanyNotVerified,
    #[error("wage_below_minimum")]
    WageBelowMinimum,
    #[error("closing_date_in_past")]
    ClosingDateInPast,
    #[error("invalid_positions")]
    InvalidPositions,
    #[error("invalid_date")]
    InvalidDate,
    #[error("reason_required")]
    ReasonRequired,
    #[error("already_applied")]
    AlreadyApplied,
    #[error("text_required")]
    TextRequired,
    #[error("invalid_passport")]
    InvalidPassport,
    /// Anything unexpected (database down, bug). Details go to the log only.
    #[error("internal")]
    Internal,
}

impl AppError {
    /// The catalogue key under `errors.` for this error.
    pub fn key(&self) -> &'static str {
        match self {
            AppError::NotSignedIn => "not_signed_in",
            AppError::Forbidden => "forbidden",
            AppError::BadCredentials => "bad_credentials",
            AppError::RateLimited => "rate_limited",
            AppError::InvalidPhone => "invalid_phone",
            AppError::InvalidEmail => "invalid_email",
            AppError::PasswordTooShort => "password_too_short",
            AppError::PasswordTooLong => "password_too_long",
            AppError::PasswordTooCommon => "password_too_common",
            AppError::NameRequired => "name_required",
            AppError::ConsentRequired => "consent_required",
            AppError::AccountExists => "account_exists",
            AppError::InvalidInput => "invalid_input",
            AppError::NotFound => "not_found",
            AppError::InvalidVkn => "invalid_vkn",
            AppError::InvalidMersis => "invalid_mersis",
            AppError::CompanyNotVerified => "company_not_verified",
            AppError::WageBelowMinimum => "wage_below_minimum",
            AppError::ClosingDateInPast => "closing_date_in_past",
            AppError::InvalidPositions => "invalid_positions",
            AppError::InvalidDate => "invalid_date",
            AppError::ReasonRequired => "reason_required",
            AppError::AlreadyApplied => "already_applied",
            AppError::TextRequired => "text_required",
            AppError::InvalidPassport => "invalid_passport",
            AppError::Internal => "internal",
        }
    }

    pub const ALL: [AppError; 26] = [
        AppError::NotSignedIn,
        AppError::Forbidden,
        AppError::BadCredentials,
        AppError::RateLimited,
        AppError::InvalidPhone,
        AppError::InvalidEmail,
        AppError::PasswordTooShort,
        AppError::PasswordTooLong,
        AppError::PasswordTooCommon,
        AppError::NameRequired,
        AppError::ConsentRequired,
        AppError::AccountExists,
        AppError::InvalidInput,
        AppError::NotFound,
        AppError::InvalidVkn,
        AppError::InvalidMersis,
        AppError::CompanyNotVerified,
        AppError::WageBelowMinimum,
        AppError::ClosingDateInPast,
        AppError::InvalidPositions,
        AppError::InvalidDate,
        AppError::ReasonRequired,
        AppError::AlreadyApplied,
        AppError::TextRequired,
        AppError::InvalidPassport,
        AppError::Internal,
    ];

    pub fn from_key(key: &str) -> Option<AppError> {
        Self::ALL.into_iter().find(|e| e.key() == key)
    }

    /// The form field an error belongs to, so the page can tie the message to
    /// the input with `aria-describedby`.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            AppError::InvalidPhone => Some("phone"),
            AppError::InvalidEmail => Some("email"),
            AppError::PasswordTooShort
            | AppError::PasswordTooLong
            | AppError::PasswordTooCommon => Some("password"),
            AppError::NameRequired => Some("name"),
            AppError::ConsentRequired => Some("consent"),
            AppError::InvalidVkn => Some("vkn"),
            AppError::InvalidMersis => Some("mersis"),
            AppError::WageBelowMinimum => Some("wage"),
            AppError::ClosingDateInPast => Some("closing_date"),
            AppError::InvalidPositions => Some("positions"),
            AppError::ReasonRequired => Some("reason"),
            AppError::TextRequired => Some("text_tr"),
            AppError::InvalidPassport => Some("passport"),
            _ => None,
        }
    }

    /// The HTTP status the server answers with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotSignedIn => 401,
            AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::RateLimited => 429,
            AppError::Internal => 500,
            AppError::BadCredentials => 401,
            AppError::AlreadyApplied => 409,
            _ => 400,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // Bad or missing form fields are the caller's fault: a clear 400.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => AppError::InvalidInput,
            _ => AppError::Internal,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(e: sea_orm::DbErr) -> Self {
        tracing::error!(error = %e, "database error");
        AppError::Internal
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::TransactionError<AppError>> for AppError {
    fn from(e: sea_orm::TransactionError<AppError>) -> Self {
        match e {
            sea_orm::TransactionError::Connection(e) => e.into(),
            sea_orm::TransactionError::Transaction(e) => e,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for e in AppError::ALL {
            assert!(seen.insert(e.key()), "duplicate key {}", e.key());
            assert_eq!(AppError::from_key(e.key()), Some(e.clone()));
            assert_eq!(e.to_string(), e.key());
        }
        assert_eq!(AppError::from_key("no_such_key"), None);
    }

    #[test]
    fn bad_input_is_never_a_500() {
        for e in AppError::ALL {
            if e != AppError::Internal {
                assert!(e.status() < 500, "{e:?}");
            }
        }
        assert_eq!(
            AppError::from_server_fn_error(ServerFnErrorErr::Args("x".into())),
            AppError::InvalidInput
        );
    }
}
