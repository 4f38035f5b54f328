//! Forms that work with and without JavaScript.
//!
//! Every core form is a plain `<form method="post">` aimed at a server function,
//! so a migrant whose WASM has not arrived yet can still submit it. On success
//! the server function sends the browser on with [`redirect`]; on failure the
//! server's middleware sends it back to the form with one `?error=<key>` per
//! refused field ([`back_with_error`]) and keeps what was typed ([`echo`]);
//! the page shows every message next to its field and the values again.

use crate::error::{AppError, FieldError};
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

pub mod echo;

pub use echo::Echo;

/// For a plain (non-JS) form post that failed: the page the form was on
/// (path and query of the `Referer`, never another site), with its errors.
pub fn back_with_error(referer: &str, e: &AppError) -> String {
    with_error_params(&referer_path(referer), e)
}

/// The path and query of a `Referer`, kept on this site.
pub fn referer_path(referer: &str) -> String {
    let path_and_query = match referer.find("://") {
        Some(i) => {
            let rest = &referer[i + 3..];
            &rest[rest.find('/').unwrap_or(rest.len())..]
        }
        None => referer,
    };
    crate::lang::safe_next(path_and_query)
}

/// `path` with its `error` query parameters replaced by those of `e`: one
/// `error=<key>` per refused field, `<key>:<field>` when the field is not the
/// error's own.
pub fn with_error_params(path: &str, e: &AppError) -> String {
    let (base, query) = path.split_once('?').unwrap_or((path, ""));
    let mut kept: Vec<String> =
        query.split('&').filter(|p| !p.is_empty() && !p.starts_with("error=")).map(str::to_string).collect();
    for f in FormErrors::of(e).0 {
        let own = f.error.field().unwrap_or("");
        let value = if f.field == own { f.error.key().to_string() } else { format!("{}:{}", f.error.key(), f.field) };
        kept.push(crate::parse::query_string([("error", value)]));
    }
    format!("{base}?{}", kept.join("&"))
}

/// The errors a refused form came back with, each with its field (empty for
/// the form as a whole).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormErrors(pub Vec<FieldError>);

impl FormErrors {
    /// The errors of a server function's answer, one per field.
    pub fn of(e: &AppError) -> FormErrors {
        match e {
            AppError::Fields(f) => FormErrors(f.clone()),
            e => FormErrors(vec![FieldError { field: e.field().unwrap_or("").to_string(), error: e.clone() }]),
        }
    }

    /// The errors named in a URL's `error` parameters (unknown ones are left out).
    pub fn from_params(values: &[String]) -> FormErrors {
        FormErrors(
            values
                .iter()
                .filter_map(|v| {
                    let (key, field) = match v.split_once(':') {
                        Some((k, f)) => (k, Some(f)),
                        None => (v.as_str(), None),
                    };
                    let error = AppError::from_key(key).filter(|e| !matches!(e, AppError::Fields(_)))?;
                    let field = field.map(str::to_string).unwrap_or_else(|| error.field().unwrap_or("").to_string());
                    Some(FieldError { field, error })
                })
                .collect(),
        )
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The error of one field.
    pub fn get(&self, field: &str) -> Option<&AppError> {
        self.0.iter().find(|f| f.field == field).map(|f| &f.error)
    }

    /// Whether `e` is among them (whatever its field).
    pub fn has(&self, e: &AppError) -> bool {
        self.0.iter().any(|f| &f.error == e)
    }
}

/// The errors named in the URL by [`back_with_error`].
pub fn use_form_error() -> Memo<FormErrors> {
    let query = use_query_map();
    Memo::new(move |_| query.with(|q| FormErrors::from_params(&q.get_all("error").unwrap_or_default())))
}

/// What this browser had typed into the page's refused form (empty when the
/// page shows no errors). Read on the server and handed to the browser with
/// the page, so the hydrated form keeps the same values.
pub fn use_echo() -> Echo {
    SharedValue::new_str(|| {
        #[cfg(feature = "ssr")]
        {
            echo::for_this_page()
        }
        #[cfg(not(feature = "ssr"))]
        {
            Echo::default()
        }
    })
    .into_inner()
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
        AppError::InvalidLogin => tu_string!(i18n, errors.invalid_login),
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
        AppError::ProfileRequired => tu_string!(i18n, errors.profile_required),
        AppError::VacancyFull => tu_string!(i18n, errors.vacancy_full),
        AppError::TextRequired => tu_string!(i18n, errors.text_required),
        AppError::InvalidPassport => tu_string!(i18n, errors.invalid_passport),
        AppError::OutOfRange => tu_string!(i18n, errors.out_of_range),
        AppError::TextTooLong => tu_string!(i18n, errors.text_too_long),
        AppError::Required => tu_string!(i18n, errors.required),
        AppError::StartBeforeClosing => tu_string!(i18n, errors.start_before_closing),
        AppError::ChoiceRequired => tu_string!(i18n, errors.choice_required),
        AppError::DateInPast => tu_string!(i18n, errors.date_in_past),
        AppError::TranslationRequired => tu_string!(i18n, errors.translation_required),
        AppError::Busy => tu_string!(i18n, errors.busy),
        AppError::NotVerified => tu_string!(i18n, errors.not_verified),
        AppError::BadCode => tu_string!(i18n, errors.bad_code),
        AppError::CaseClosed => tu_string!(i18n, errors.case_closed),
        AppError::FileTypeNotAllowed => tu_string!(i18n, errors.file_type_not_allowed),
        AppError::FileTooLarge => tu_string!(i18n, errors.file_too_large),
        AppError::TooManyFiles => tu_string!(i18n, errors.too_many_files),
        AppError::ImageTooLarge => tu_string!(i18n, errors.image_too_large),
        AppError::FileUnreadable => tu_string!(i18n, errors.file_unreadable),
        AppError::ConfirmationRequired => tu_string!(i18n, errors.confirmation_required),
        AppError::StillHiring => tu_string!(i18n, errors.still_hiring),
        AppError::InvalidQualificationCode => tu_string!(i18n, errors.invalid_qualification_code),
        AppError::CodeTaken => tu_string!(i18n, errors.code_taken),
        AppError::TooYoungForHazardous => tu_string!(i18n, errors.too_young_for_hazardous),
        AppError::WrongState => tu_string!(i18n, errors.wrong_state),
        AppError::PeriodsOverlap => tu_string!(i18n, errors.periods_overlap),
        AppError::EndBeforeStart => tu_string!(i18n, errors.end_before_start),
        AppError::InvalidSgkNumber => tu_string!(i18n, errors.invalid_sgk_number),
        AppError::AgreementNotInForce => tu_string!(i18n, errors.agreement_not_in_force),
        AppError::ClaimAlreadyOpen => tu_string!(i18n, errors.claim_already_open),
        AppError::ClaimNeedsPeriods => tu_string!(i18n, errors.claim_needs_periods),
        AppError::Fields(_) => tu_string!(i18n, errors.fields),
        AppError::Internal => tu_string!(i18n, errors.internal),
    };
    s.to_string()
}

/// The top of a refused form (announced by screen readers): what went wrong
/// with the form as a whole, and a link to each refused field.
#[component]
pub fn FormError(error: Memo<FormErrors>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let errors = error.get();
        (!errors.is_empty()).then(|| {
            let (general, fields): (Vec<FieldError>, Vec<FieldError>) =
                errors.0.into_iter().partition(|f| f.field.is_empty());
            view! {
                <div class="form-error" role="alert" id="form-error">
                    {general.into_iter().map(|f| view! { <p>{error_text(i18n, &f.error)}</p> }).collect_view()}
                    {(!fields.is_empty()).then(|| view! {
                        <p>{tu_string!(i18n, errors.fields)}</p>
                        <ul>
                            {fields.into_iter().map(|f| view! {
                                <li><a href=format!("#{}", f.field)>{error_text(i18n, &f.error)}</a></li>
                            }).collect_view()}
                        </ul>
                    })}
                </div>
            }
        })
    }
}

/// The message under a refused field (the input points at it with
/// [`described_by`]).
#[component]
pub fn FieldError(error: Memo<FormErrors>, field: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        error.with(|e| e.get(field).cloned()).map(|e| {
            view! { <p class="field-error" id=field_error_id(field)>{error_text(i18n, &e)}</p> }
        })
    }
}

pub fn field_error_id(field: &str) -> String {
    format!("{field}-error")
}

/// `aria-describedby` for an input: its hint, and its error when refused.
pub fn described_by(
    error: Memo<FormErrors>,
    field: &'static str,
    hint: Option<&'static str>,
) -> impl Fn() -> Option<String> + Send + Sync + Copy + 'static {
    move || {
        let err = error.with(|e| e.get(field).is_some()).then(|| field_error_id(field));
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
    error: Memo<FormErrors>,
    field: &'static str,
) -> impl Fn() -> Option<&'static str> + Send + Sync + Copy + 'static {
    move || error.with(|e| e.get(field).is_some()).then_some("true")
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
    fn error_params_replace_old_ones_and_keep_others() {
        assert_eq!(with_error_params("/signin", &AppError::BadCredentials), "/signin?error=bad_credentials");
        assert_eq!(
            with_error_params("/signin?next=/account&error=rate_limited&error=x", &AppError::BadCredentials),
            "/signin?next=/account&error=bad_credentials"
        );
    }

    #[test]
    fn every_refused_field_travels_in_the_url_and_back() {
        let e = AppError::Fields(vec![
            FieldError { field: "name".into(), error: AppError::NameRequired },
            FieldError { field: "hours_per_week".into(), error: AppError::OutOfRange },
            FieldError { field: "contact_phone".into(), error: AppError::InvalidPhone },
        ]);
        let url = back_with_error("http://localhost:3000/employer/company", &e);
        assert_eq!(
            url,
            "/employer/company?error=name_required&error=out_of_range%3Ahours_per_week&error=invalid_phone%3Acontact_phone"
        );
        let values: Vec<String> = form_urlencoded::parse(url.split_once('?').unwrap().1.as_bytes())
            .filter(|(k, _)| k == "error")
            .map(|(_, v)| v.into_owned())
            .collect();
        let back = FormErrors::from_params(&values);
        assert_eq!(back, FormErrors::of(&e));
        assert_eq!(back.get("contact_phone"), Some(&AppError::InvalidPhone));
        assert_eq!(back.get("phone"), None);
    }

    #[test]
    fn unknown_or_nested_keys_in_the_url_are_ignored() {
        let back = FormErrors::from_params(&["fields".into(), "nonsense".into(), "bad_credentials".into()]);
        assert_eq!(back.0, vec![FieldError { field: String::new(), error: AppError::BadCredentials }]);
    }
}
