//! The one error type of Köprü. Every variant maps to a catalogue key, so a user
//! only ever sees a translated message, never a raw database or parser error.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(
    Debug, Clone, PartialEq, Eq, Serialize, Deserialize, strum::EnumIter, strum::IntoStaticStr, strum::Display,
)]
#[strum(serialize_all = "snake_case")]
pub enum AppError {
    /// No session, or the session has expired.
    NotSignedIn,
    /// Signed in, but the role or the ownership does not allow it.
    Forbidden,
    /// Unknown account or wrong password: deliberately one answer for both.
    BadCredentials,
    /// Too many failed sign-ins for this account or address.
    RateLimited,
    InvalidPhone,
    InvalidEmail,
    PasswordTooShort,
    PasswordTooLong,
    PasswordTooCommon,
    NameRequired,
    ConsentRequired,
    /// Sign-up with a phone or e-mail that already has an account. The answer to
    /// the person is deliberately generic (see `accounts::server`).
    AccountExists,
    InvalidInput,
    NotFound,
    InvalidVkn,
    InvalidMersis,
    CompanyNotVerified,
    WageBelowMinimum,
    /// The wage field is not an amount of lira.
    InvalidWage,
    /// No legal minimum wage is on record for today: a vacancy cannot be checked.
    MinimumWageUnknown,
    ClosingDateInPast,
    InvalidPositions,
    InvalidDate,
    ReasonRequired,
    AlreadyApplied,
    /// Hiring on a vacancy whose positions are all filled.
    VacancyFull,
    /// Another company is registered with this tax number (VKN).
    CompanyExists,
    TextRequired,
    InvalidPassport,
    /// Anything unexpected (database down, bug). Details go to the log only.
    Internal,
}

impl std::error::Error for AppError {}

impl AppError {
    /// The catalogue key under `errors.` for this error.
    pub fn key(&self) -> &'static str {
        self.into()
    }

    pub fn all() -> impl Iterator<Item = AppError> {
        <AppError as strum::IntoEnumIterator>::iter()
    }

    pub fn from_key(key: &str) -> Option<AppError> {
        Self::all().find(|e| e.key() == key)
    }

    /// The form field an error belongs to, so the page can tie the message to
    /// the input with `aria-describedby`.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            AppError::InvalidPhone => Some("phone"),
            AppError::InvalidEmail => Some("email"),
            AppError::PasswordTooShort | AppError::PasswordTooLong | AppError::PasswordTooCommon => Some("password"),
            AppError::NameRequired => Some("name"),
            AppError::ConsentRequired => Some("consent"),
            AppError::InvalidVkn | AppError::CompanyExists => Some("vkn"),
            AppError::InvalidMersis => Some("mersis"),
            AppError::WageBelowMinimum | AppError::InvalidWage => Some("wage"),
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
            AppError::AlreadyApplied | AppError::VacancyFull | AppError::CompanyExists => 409,
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

/// A database error, except that breaking a unique constraint (a concurrent
/// request won the race for the same row) is the given error the person reads.
#[cfg(feature = "ssr")]
pub fn unique_violation_is(e: sea_orm::DbErr, instead: AppError) -> AppError {
    match e.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => instead,
        _ => e.into(),
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
        for e in AppError::all() {
            assert!(seen.insert(e.key()), "duplicate key {}", e.key());
            assert_eq!(AppError::from_key(e.key()), Some(e.clone()));
            assert_eq!(e.to_string(), e.key());
        }
        assert_eq!(AppError::from_key("no_such_key"), None);
    }

    #[test]
    fn bad_input_is_never_a_500() {
        for e in AppError::all() {
            if e != AppError::Internal {
                assert!(e.status() < 500, "{e:?}");
            }
        }
        assert_eq!(AppError::from_server_fn_error(ServerFnErrorErr::Args("x".into())), AppError::InvalidInput);
    }
}
