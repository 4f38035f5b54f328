//! The one error type of Köprü. Every variant maps to a catalogue key, so a user
//! only ever sees a translated message, never a raw database or parser error.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// On the wire (server-function answers, the browser's hydration data) an
/// error is one string: its name (`"InvalidPhone"`), or for refused fields
/// `"Fields:phone=InvalidPhone,consent=ConsentRequired"`. A string, not
/// serde's derived enum format, keeps the browser's decoder small.
#[derive(Debug, Clone, PartialEq, Eq, strum::EnumIter, strum::IntoStaticStr, strum::Display)]
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
    /// At sign-in: what was typed is neither a phone number nor an e-mail address.
    InvalidLogin,
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
    /// Work would start before applications close.
    StartBeforeClosing,
    InvalidPositions,
    InvalidDate,
    ReasonRequired,
    AlreadyApplied,
    /// Applying needs the minimal profile first (staff and employers read it).
    ProfileRequired,
    /// Hiring on a vacancy whose positions are all filled.
    VacancyFull,
    TextRequired,
    InvalidPassport,
    /// A number field (hours, months …) outside what it allows.
    OutOfRange,
    /// A required field left empty.
    Required,
    /// A free text longer than its field allows.
    TextTooLong,
    /// A required choice (a select, a radio group) left empty.
    ChoiceRequired,
    /// A date or time that has to lie ahead (an interview, a first day of work).
    DateInPast,
    /// A vacancy is published only with its Uzbek text too: staff supply it
    /// at review when the employer left it out.
    TranslationRequired,
    /// A destructive step (erasing one's account) asked without ticking its
    /// confirmation box.
    ConfirmationRequired,
    /// An employer erasing their account while migrants still depend on it: a
    /// published vacancy, or candidates waiting for the employer's answer.
    StillHiring,
    /// Too many passwords being checked at once: try again in a moment (503).
    Busy,
    /// The account has not proved its phone or e-mail yet: it cannot apply,
    /// post or file anything until it does.
    NotVerified,
    /// A one-time code that is wrong, used, expired or tried too often.
    BadCode,
    /// A closed or withdrawn case takes no more messages or documents.
    CaseClosed,
    /// An upload that is not a PDF, JPEG or PNG by its content (whatever its name says).
    FileTypeNotAllowed,
    /// An upload over the size limit (`documents::MAX_FILE_BYTES`), or a post over its total (413).
    FileTooLarge,
    /// More files in one post than `documents::MAX_FILES`.
    TooManyFiles,
    /// A photo of more pixels than `documents::MAX_PIXELS` (413).
    ImageTooLarge,
    /// A file that starts like a PDF, JPEG or PNG but cannot be read as one.
    FileUnreadable,
    /// A qualification code not in MYK's shape `11UY0012-3` or `11UY0012-3/03`.
    InvalidQualificationCode,
    /// A qualification code that another qualification of the catalogue has.
    CodeTaken,
    /// A hazardous qualification's assessment asked for by someone under 18 (MYK accepts no one younger).
    TooYoungForHazardous,
    /// An assessment or a certificate that cannot take this step in its state.
    WrongState,
    /// Contributions: a work period that shares days with another of the person's.
    PeriodsOverlap,
    /// Contributions: a period that ends before it starts.
    EndBeforeStart,
    /// Contributions: not a 26-digit SGK workplace registration number.
    InvalidSgkNumber,
    /// Contributions: no claim is taken while the agreement is negotiated.
    AgreementNotInForce,
    /// Contributions: a claim is already open.
    ClaimAlreadyOpen,
    /// Contributions: a claim needs at least one ended work period.
    ClaimNeedsPeriods,
    /// Several fields of one form refused at once, each with its own error:
    /// the page shows every message next to its field.
    Fields(Vec<FieldError>),
    /// Anything unexpected (database down, bug). Details go to the log only.
    Internal,
}

impl std::error::Error for AppError {}

/// One refused field of a form: the field's `name` and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub error: AppError,
}

/// Collects the errors of every field of a form, so a person sees them all
/// at once instead of one per attempt.
#[derive(Debug, Default)]
pub struct Checks(Vec<FieldError>);

impl Checks {
    /// Checks that go on from refusals already made (a form that could not be read).
    pub fn from_refused(refused: Vec<FieldError>) -> Checks {
        Checks(refused)
    }

    /// Whether `field` is already refused.
    pub fn refused(&self, field: &str) -> bool {
        self.0.iter().any(|f| f.field == field)
    }

    /// The refusals so far.
    pub fn into_refused(self) -> Vec<FieldError> {
        self.0
    }

    /// The value, or `None` with the error recorded under its own field
    /// ([`AppError::field`]; the form itself when it has none).
    pub fn take<T>(&mut self, r: Result<T, AppError>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                let field = e.field().unwrap_or("").to_string();
                self.push(field, e);
                None
            }
        }
    }

    /// The value, or `None` with the error recorded under `field`.
    pub fn take_as<T>(&mut self, field: &str, r: Result<T, AppError>) -> Option<T> {
        r.map_err(|e| self.push(field.to_string(), e)).ok()
    }

    /// Records an error under `field`.
    pub fn fail(&mut self, field: &str, e: AppError) {
        self.push(field.to_string(), e);
    }

    fn push(&mut self, field: String, e: AppError) {
        match e {
            AppError::Fields(inner) => self.0.extend(inner),
            // A failure that is nobody's input (the database) ends the checks.
            e => self.0.push(FieldError { field, error: e }),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `values` when nothing was refused; else the one error (as it is, when
    /// it sits on its own field) or all of them.
    pub fn finish<T>(mut self, values: Option<T>) -> Result<T, AppError> {
        if let Some(i) = self.0.iter().position(|f| f.error == AppError::Internal) {
            return Err(self.0.swap_remove(i).error);
        }
        match self.0.len() {
            0 => values.ok_or(AppError::Internal),
            1 if self.0[0].error.field().unwrap_or("") == self.0[0].field => Err(self.0.remove(0).error),
            _ => Err(AppError::Fields(self.0)),
        }
    }
}

/// `invalid_phone` → `InvalidPhone`.
fn wire_name(key: &str) -> String {
    key.split('_').map(|w| w[..1].to_ascii_uppercase() + &w[1..]).collect()
}

/// `InvalidPhone` → the error, for a single (not a `Fields`) error.
fn from_wire_name(name: &str) -> Option<AppError> {
    AppError::all().find(|e| !matches!(e, AppError::Fields(_)) && wire_name(e.key()) == name)
}

impl Serialize for AppError {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            AppError::Fields(list) => {
                let fields: Vec<String> =
                    list.iter().map(|f| format!("{}={}", f.field, wire_name(f.error.key()))).collect();
                s.serialize_str(&format!("Fields:{}", fields.join(",")))
            }
            e => s.serialize_str(&wire_name(e.key())),
        }
    }
}

impl<'de> Deserialize<'de> for AppError {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let bad = || serde::de::Error::custom("not a Köprü error");
        match s.strip_prefix("Fields:") {
            Some(list) => list
                .split(',')
                .filter(|f| !f.is_empty())
                .map(|f| {
                    let (field, name) = f.split_once('=').ok_or_else(bad)?;
                    Ok(FieldError { field: field.to_string(), error: from_wire_name(name).ok_or_else(bad)? })
                })
                .collect::<Result<Vec<_>, D::Error>>()
                .map(AppError::Fields),
            None => from_wire_name(&s).ok_or_else(bad),
        }
    }
}

impl AppError {
    /// This error, refused on `field` (which is not the error's own).
    pub fn at(self, field: &str) -> AppError {
        AppError::Fields(vec![FieldError { field: field.to_string(), error: self }])
    }

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
            AppError::InvalidLogin => Some("login"),
            AppError::PasswordTooShort | AppError::PasswordTooLong | AppError::PasswordTooCommon => Some("password"),
            AppError::NameRequired => Some("name"),
            AppError::ConsentRequired => Some("consent"),
            AppError::InvalidVkn => Some("vkn"),
            AppError::InvalidMersis => Some("mersis"),
            AppError::WageBelowMinimum | AppError::InvalidWage => Some("wage"),
            AppError::ClosingDateInPast => Some("closing_date"),
            AppError::StartBeforeClosing => Some("start_date"),
            AppError::InvalidPositions => Some("positions"),
            AppError::ReasonRequired => Some("reason"),
            AppError::TextRequired => Some("text_tr"),
            AppError::InvalidPassport => Some("passport"),
            AppError::TranslationRequired => Some("text_uz"),
            AppError::ConfirmationRequired => Some("confirm"),
            AppError::InvalidSgkNumber => Some("sgk_number"),
            AppError::BadCode | AppError::InvalidQualificationCode | AppError::CodeTaken => Some("code"),
            AppError::FileTypeNotAllowed
            | AppError::FileTooLarge
            | AppError::TooManyFiles
            | AppError::ImageTooLarge
            | AppError::FileUnreadable => Some("file"),
            _ => None,
        }
    }

    /// The HTTP status the server answers with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotSignedIn => 401,
            AppError::Forbidden | AppError::NotVerified => 403,
            AppError::Busy => 503,
            AppError::NotFound => 404,
            AppError::RateLimited => 429,
            AppError::Internal => 500,
            AppError::BadCredentials => 401,
            AppError::AlreadyApplied | AppError::VacancyFull => 409,
            AppError::FileTooLarge | AppError::ImageTooLarge => 413,
            AppError::Fields(f) => f.iter().map(|f| f.error.status()).max().unwrap_or(400),
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
    fn errors_travel_as_one_string_and_back() {
        for e in AppError::all().filter(|e| !matches!(e, AppError::Fields(_))) {
            let json = serde_json::to_string(&e).unwrap();
            assert_eq!(json, format!("\"{}\"", wire_name(e.key())));
            assert_eq!(serde_json::from_str::<AppError>(&json).unwrap(), e);
        }
        assert_eq!(serde_json::to_string(&AppError::InvalidPhone).unwrap(), "\"InvalidPhone\"");
        let many = AppError::Fields(vec![
            FieldError { field: "hours_per_week".into(), error: AppError::OutOfRange },
            FieldError { field: "consent".into(), error: AppError::ConsentRequired },
        ]);
        let json = serde_json::to_string(&many).unwrap();
        assert_eq!(json, "\"Fields:hours_per_week=OutOfRange,consent=ConsentRequired\"");
        assert_eq!(serde_json::from_str::<AppError>(&json).unwrap(), many);
        for bad in ["\"NoSuchError\"", "\"Fields:x\"", "\"Fields:x=Nope\"", "3", "{\"Fields\":[]}"] {
            assert!(serde_json::from_str::<AppError>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn checks_keep_every_refusal_with_its_field() {
        let mut c = Checks::default();
        let a = c.take::<u8>(Err(AppError::InvalidPhone));
        let b = c.take_as::<u8>("hours_per_week", Err(AppError::OutOfRange));
        let ok = c.take(Ok(3u8));
        c.fail("consent", AppError::ConsentRequired);
        assert_eq!((a, b, ok), (None, None, Some(3)));
        assert_eq!(
            c.finish(Some(())),
            Err(AppError::Fields(vec![
                FieldError { field: "phone".into(), error: AppError::InvalidPhone },
                FieldError { field: "hours_per_week".into(), error: AppError::OutOfRange },
                FieldError { field: "consent".into(), error: AppError::ConsentRequired },
            ]))
        );
    }

    #[test]
    fn one_refusal_on_its_own_field_stays_itself() {
        let mut c = Checks::default();
        c.take::<()>(Err(AppError::InvalidPhone));
        assert_eq!(c.finish(Some(())), Err(AppError::InvalidPhone));
        // … but not on another field: the page must know which one.
        let mut c = Checks::default();
        c.take_as::<()>("contact_phone", Err(AppError::InvalidPhone));
        assert_eq!(
            c.finish(Some(())),
            Err(AppError::Fields(vec![FieldError { field: "contact_phone".into(), error: AppError::InvalidPhone }]))
        );
        assert_eq!(Checks::default().finish(Some(7)), Ok(7));
    }

    #[test]
    fn a_database_failure_wins_over_bad_input() {
        let mut c = Checks::default();
        c.take::<()>(Err(AppError::InvalidPhone));
        c.take::<()>(Err(AppError::Internal));
        assert_eq!(c.finish(Some(())), Err(AppError::Internal));
    }

    #[test]
    fn many_refusals_answer_with_the_strongest_status() {
        let e = AppError::Fields(vec![
            FieldError { field: "offer_wage".into(), error: AppError::VacancyFull },
            FieldError { field: "phone".into(), error: AppError::InvalidPhone },
        ]);
        assert_eq!(e.status(), 409);
        assert_eq!(e.key(), "fields");
    }

    #[test]
    fn bad_input_is_never_a_500() {
        for e in AppError::all() {
            match e {
                AppError::Internal => assert_eq!(e.status(), 500),
                // Not the input's fault either: the server had no room for it, try again.
                AppError::Busy => assert_eq!(e.status(), 503),
                e => assert!(e.status() < 500, "{e:?}"),
            }
        }
        assert_eq!(AppError::from_server_fn_error(ServerFnErrorErr::Args("x".into())), AppError::InvalidInput);
    }
}
