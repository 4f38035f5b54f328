//! Reasons for a refusal, picked from one bilingual list (issue 8): the person
//! who refuses picks a reason in their language, the person refused reads the
//! same reason in theirs. A note may follow; it stays in the language its
//! writer wrote it in, and pages label that language.

use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;

crate::state_enum! {
    pub enum ReasonCode {
        // An application, refused by staff at screening.
        ExperienceShort,
        TradeMismatch,
        TurkishShort,
        CertificateMissing,
        ProfileIncomplete,
        // An application, declined by the employer.
        PositionsFilled,
        InterviewMissed,
        OtherCandidate,
        // A vacancy, sent back or rejected by staff.
        DescriptionUnclear,
        ConditionsMissing,
        FeeAsked,
        Duplicate,
        NotLegalWork,
        // A company, rejected by staff.
        VknMismatch,
        NotInRegistry,
        Unreachable,
        /// Any decision: the note says what.
        Other,
    }
}

crate::state_enum! {
    /// The decisions a reason is given for.
    pub enum ReasonFor {
        Rejection,
        Decline,
        /// A vacancy sent back for corrections or rejected (one list for both).
        Vacancy,
        CompanyReject,
    }
}

impl ReasonFor {
    /// The reasons offered for this decision, `Other` last.
    pub fn codes(self) -> &'static [ReasonCode] {
        use ReasonCode::*;
        match self {
            ReasonFor::Rejection => {
                &[ExperienceShort, TradeMismatch, TurkishShort, CertificateMissing, ProfileIncomplete, Other]
            }
            ReasonFor::Decline => &[PositionsFilled, InterviewMissed, OtherCandidate, ExperienceShort, Other],
            ReasonFor::Vacancy => &[DescriptionUnclear, ConditionsMissing, FeeAsked, NotLegalWork, Duplicate, Other],
            ReasonFor::CompanyReject => &[VknMismatch, NotInRegistry, Unreachable, Other],
        }
    }
}

/// A reason as decided: its code and the optional note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    pub code: ReasonCode,
    pub note: Option<String>,
}

/// A reason as the database keeps it: the code, the note, and the note's
/// language (`lang`, the writer's page language), each `None` without a reason.
pub fn stored(reason: Option<(Reason, &str)>) -> (Option<ReasonCode>, Option<String>, Option<String>) {
    match reason {
        Some((r, lang)) => {
            let lang = r.note.is_some().then(|| lang.to_string());
            (Some(r.code), r.note, lang)
        }
        None => (None, None, None),
    }
}

/// Reads a reason from a form: a code from this decision's list (`reason`
/// field) and a note of at most 500 characters (`reason_note`), required
/// when the code is `Other`.
pub fn parse(decision: ReasonFor, code: Option<&str>, note: Option<&str>) -> Result<Reason, AppError> {
    let mut checks = crate::error::Checks::default();
    // None picked, or one that is not on this decision's list.
    let code = code.and_then(|c| c.trim().parse::<ReasonCode>().ok()).filter(|c| decision.codes().contains(c));
    if code.is_none() {
        checks.fail("reason", AppError::ReasonRequired);
    }
    let note = checks.take_as("reason_note", crate::parse::optional_text(note, 500)).flatten();
    if code == Some(ReasonCode::Other) && note.is_none() && !checks.refused("reason_note") {
        checks.fail("reason_note", AppError::Required);
    }
    let reason = code.map(|code| Reason { code, note });
    checks.finish(reason)
}

/// The reason in the reader's language.
pub fn text(i18n: leptos_i18n::I18nContext<Locale>, code: ReasonCode) -> &'static str {
    use ReasonCode::*;
    match code {
        ExperienceShort => tu_string!(i18n, reasons.experience_short),
        TradeMismatch => tu_string!(i18n, reasons.trade_mismatch),
        TurkishShort => tu_string!(i18n, reasons.turkish_short),
        CertificateMissing => tu_string!(i18n, reasons.certificate_missing),
        ProfileIncomplete => tu_string!(i18n, reasons.profile_incomplete),
        PositionsFilled => tu_string!(i18n, reasons.positions_filled),
        InterviewMissed => tu_string!(i18n, reasons.interview_missed),
        OtherCandidate => tu_string!(i18n, reasons.other_candidate),
        DescriptionUnclear => tu_string!(i18n, reasons.description_unclear),
        ConditionsMissing => tu_string!(i18n, reasons.conditions_missing),
        FeeAsked => tu_string!(i18n, reasons.fee_asked),
        Duplicate => tu_string!(i18n, reasons.duplicate),
        NotLegalWork => tu_string!(i18n, reasons.not_legal_work),
        VknMismatch => tu_string!(i18n, reasons.vkn_mismatch),
        NotInRegistry => tu_string!(i18n, reasons.not_in_registry),
        Unreachable => tu_string!(i18n, reasons.unreachable),
        Other => tu_string!(i18n, reasons.other),
    }
}

/// "(turkcha)" after a free text written in another language than the
/// reader's; nothing when it is the reader's own.
pub fn written_in(i18n: leptos_i18n::I18nContext<Locale>, lang: Locale) -> Option<&'static str> {
    (i18n.get_locale_untracked() != lang).then(|| match lang {
        Locale::tr => tu_string!(i18n, reasons.written_tr),
        Locale::uz => tu_string!(i18n, reasons.written_uz),
    })
}

/// The reason fields of a refusal form: the list for this decision, a line
/// that says which language the person refused reads, and the note. On a
/// page of several such forms, each but the one just refused gets `ids` (a
/// prefix that keeps its ids unique); the refused one keeps the plain ids,
/// its errors and what was typed, so the error summary's links find it.
#[component]
pub fn ReasonFields(
    decision: ReasonFor,
    #[prop(default = None)] reader: Option<Locale>,
    #[prop(default = None)] ids: Option<String>,
    /// What the refused form had (the page's [`crate::forms::use_echo`]).
    #[prop(default = Default::default())]
    echo: crate::forms::echo::Echo,
) -> impl IntoView {
    use crate::forms::{field_error_id, use_form_error};
    let i18n = use_i18n();
    let refused = ids.is_none();
    let error = use_form_error();
    let prefix = ids.unwrap_or_default();
    let (rid, nid, hid) = (format!("{prefix}reason"), format!("{prefix}reason_note"), format!("{prefix}reason-hint"));
    let picked = if refused { echo.value("reason") } else { None };
    let hint = reader.map(|l| match l {
        Locale::uz => tu_string!(i18n, reasons.reader_reads_uz),
        Locale::tr => tu_string!(i18n, reasons.reader_reads_tr),
    });
    let err = move |field: &'static str| refused.then(|| error.with(|e| e.get(field).cloned())).flatten();
    let (reason_err, note_err) = (err("reason"), err("reason_note"));
    let described = |field: &str, e: &Option<AppError>, hint: Option<&str>| {
        let ids: Vec<String> =
            hint.map(str::to_string).into_iter().chain(e.as_ref().map(|_| field_error_id(field))).collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    view! {
        <label for=rid.clone()>{tu_string!(i18n, reasons.pick)}</label>
        <select id=rid name="reason" required
            aria-describedby=described("reason", &reason_err, hint.map(|_| hid.as_str())) aria-invalid=reason_err.is_some().then_some("true")>
            <option value="" selected=picked.is_none()>{tu_string!(i18n, site.choose)}</option>
            {decision.codes().iter().map(|c| view! {
                <option value=c.as_str() selected=picked.as_deref() == Some(c.as_str())>{text(i18n, *c)}</option>
            }).collect_view()}
        </select>
        {hint.map(|h| view! { <p class="hint" id=hid.clone()>{h}</p> })}
        {reason_err.clone().map(|e| view! { <p class="field-error" id=field_error_id("reason")>{crate::forms::error_text(i18n, &e)}</p> })}
        <label for=nid.clone()>{tu_string!(i18n, reasons.note)}</label>
        <textarea id=nid name="reason_note" maxlength="500" rows="2"
            aria-describedby=described("reason_note", &note_err, None) aria-invalid=note_err.is_some().then_some("true")>
            {crate::ui::textarea_text(refused.then(|| echo.value("reason_note")).flatten().unwrap_or_default())}
        </textarea>
        {note_err.map(|e| view! { <p class="field-error" id=field_error_id("reason_note")>{crate::forms::error_text(i18n, &e)}</p> })}
    }
}

/// A decided reason as its reader sees it: the reason in the reader's
/// language, then the note in its writer's, labelled when that is not the
/// reader's.
#[component]
pub fn ReasonShown(code: Option<ReasonCode>, note: Option<String>, lang: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = lang.as_deref().and_then(crate::lang::parse_locale);
    let label = lang.and_then(|l| written_in(i18n, l));
    view! {
        {code.map(|c| view! { <p class="reason">{tu_string!(i18n, reasons.pick)} ": " {text(i18n, c)}</p> })}
        {note.map(|n| view! {
            <p class="reason-note">
                {tu_string!(i18n, reasons.note_shown)} {label.map(|l| format!(" {l}"))} ": "
                <span lang=lang.map(leptos_i18n::Locale::as_str)>{n}</span>
            </p>
        })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_belongs_to_a_decision_and_other_ends_each_list() {
        for code in ReasonCode::all() {
            assert!(ReasonFor::all().any(|d| d.codes().contains(&code)), "{code:?} is offered nowhere");
        }
        for d in ReasonFor::all() {
            assert_eq!(d.codes().last(), Some(&ReasonCode::Other), "{d:?}");
        }
    }

    #[test]
    fn a_code_from_the_list_with_or_without_a_note() {
        assert_eq!(
            parse(ReasonFor::Rejection, Some("turkishshort"), Some("  ")),
            Ok(Reason { code: ReasonCode::TurkishShort, note: None })
        );
        assert_eq!(
            parse(ReasonFor::Decline, Some("positionsfilled"), Some(" Kadro doldu ")),
            Ok(Reason { code: ReasonCode::PositionsFilled, note: Some("Kadro doldu".into()) })
        );
    }

    #[test]
    fn a_note_keeps_its_language_and_no_note_has_none() {
        let r = |note: Option<&str>| Reason { code: ReasonCode::Other, note: note.map(str::to_string) };
        assert_eq!(
            stored(Some((r(Some("izoh")), "uz"))),
            (Some(ReasonCode::Other), Some("izoh".into()), Some("uz".into()))
        );
        assert_eq!(stored(Some((r(None), "tr"))), (Some(ReasonCode::Other), None, None));
        assert_eq!(stored(None), (None, None, None));
    }

    #[test]
    fn refused_reasons() {
        // None picked, or one from another decision's list.
        assert_eq!(parse(ReasonFor::Rejection, None, None), Err(AppError::ReasonRequired));
        assert_eq!(parse(ReasonFor::Rejection, Some("feeasked"), None), Err(AppError::ReasonRequired));
        assert_eq!(parse(ReasonFor::CompanyReject, Some("nonsense"), None), Err(AppError::ReasonRequired));
        // "Other" says what in the note.
        let refused = parse(ReasonFor::Vacancy, Some("other"), Some(" ")).unwrap_err();
        assert_eq!(
            refused,
            AppError::Fields(vec![crate::error::FieldError { field: "reason_note".into(), error: AppError::Required }])
        );
        let too_long = "x".repeat(501);
        let refused = parse(ReasonFor::Vacancy, None, Some(&too_long)).unwrap_err();
        let AppError::Fields(f) = refused else { panic!("both fields") };
        assert_eq!(f.len(), 2);
    }
}
