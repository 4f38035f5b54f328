//! The skills server functions: guard → parse → service → view.

use super::{Assessment, Catalogue, Certificate, Qualification, SkillsOverview, Verification};
#[cfg(feature = "ssr")]
use super::{AssessmentStatus, Sector, UnitResult};
#[cfg(feature = "ssr")]
use crate::authz::Action;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::error::Checks;
#[cfg(feature = "ssr")]
use crate::guard::{guard, visitor};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// The qualification form, as the browser posts it (staff). Up to three
/// occupations, each a plain `<select>`, so it works without JavaScript.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QualificationForm {
    #[serde(default)]
    pub qualification_id: Option<String>,
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub title_tr: String,
    #[serde(default)]
    pub title_uz: String,
    #[serde(default)]
    pub sector: String,
    #[serde(default)]
    pub validity_years: String,
    #[serde(default, deserialize_with = "crate::parse::checkbox")]
    pub hazardous: bool,
    #[serde(default)]
    pub occupation_1: Option<String>,
    #[serde(default)]
    pub occupation_2: Option<String>,
    #[serde(default)]
    pub occupation_3: Option<String>,
}

#[cfg(feature = "ssr")]
impl QualificationForm {
    /// Every field checked at once.
    pub fn parse(&self) -> Result<super::service::QualificationInput, AppError> {
        use crate::parse::{int, optional_id, required_text};
        let mut c = Checks::default();
        let id = c.take_as("qualification_id", optional_id(self.qualification_id.as_deref()));
        let code = c.take(super::parse_qualification_code(&self.code));
        let title_tr = c.take_as("title_tr", required_text(&self.title_tr, 200, AppError::Required));
        let title_uz = c.take_as("title_uz", required_text(&self.title_uz, 200, AppError::Required));
        let sector = c.take_as("sector", self.sector.trim().parse::<Sector>().map_err(|_| AppError::ChoiceRequired));
        let years = c.take_as(
            "validity_years",
            int::<i32>(&self.validity_years, AppError::OutOfRange).and_then(|y| {
                if (2..=5).contains(&y) {
                    Ok(y)
                } else {
                    Err(AppError::OutOfRange)
                }
            }),
        );
        let mut occupations = vec![];
        for (name, v) in [
            ("occupation_1", &self.occupation_1),
            ("occupation_2", &self.occupation_2),
            ("occupation_3", &self.occupation_3),
        ] {
            if let Some(Some(o)) = c.take_as(name, optional_id(v.as_deref())) {
                occupations.push(o);
            }
        }
        let values = match (id, code, title_tr, title_uz, sector, years) {
            (Some(id), Some(code), Some(title_tr), Some(title_uz), Some(sector), Some(validity_years)) => {
                Some(super::service::QualificationInput {
                    id,
                    code,
                    title_tr,
                    title_uz,
                    sector,
                    validity_years,
                    hazardous: self.hazardous,
                    occupation_ids: occupations,
                })
            }
            _ => None,
        };
        c.finish(values)
    }
}

/// The request form of a migrant.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestForm {
    #[serde(default)]
    pub qualification_id: String,
    #[serde(default)]
    pub preferred_city: String,
    /// `YYYY-MM`, as `<input type="month">` sends it.
    #[serde(default)]
    pub preferred_month: String,
}

#[cfg(feature = "ssr")]
impl RequestForm {
    pub fn parse(&self, today: chrono::NaiveDate) -> Result<super::service::NewRequest, AppError> {
        use chrono::Datelike;
        let mut c = Checks::default();
        let q =
            c.take_as("qualification_id", crate::parse::int::<i32>(&self.qualification_id, AppError::ChoiceRequired));
        let city = c.take_as(
            "preferred_city",
            crate::parse::required_text(&self.preferred_city, 100, AppError::ChoiceRequired),
        );
        let month = c.take_as(
            "preferred_month",
            super::parse_month(&self.preferred_month).and_then(|m| {
                if m < today.with_day(1).expect("day 1") {
                    Err(AppError::DateInPast)
                } else {
                    Ok(m)
                }
            }),
        );
        let values = match (q, city, month) {
            (Some(qualification_id), Some(preferred_city), Some(preferred_month)) => {
                Some(super::service::NewRequest { qualification_id, preferred_city, preferred_month })
            }
            _ => None,
        };
        c.finish(values)
    }
}

/// The result form of staff.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultForm {
    #[serde(default)]
    pub assessment_id: String,
    /// `passed` or `failed`.
    #[serde(default)]
    pub result: String,
    #[serde(default)]
    pub units_passed: String,
    #[serde(default)]
    pub units_failed: String,
}

#[cfg(feature = "ssr")]
impl ResultForm {
    /// (id, passed, units). A pass needs its passed units and none failed; a
    /// failure at least one failed unit.
    pub fn parse(&self) -> Result<(i32, bool, Vec<UnitResult>), AppError> {
        let mut c = Checks::default();
        let id = c.take_as("assessment_id", crate::parse::int::<i32>(&self.assessment_id, AppError::InvalidInput));
        let passed = match self.result.trim() {
            "passed" => Some(true),
            "failed" => Some(false),
            _ => {
                c.fail("result", AppError::ChoiceRequired);
                None
            }
        };
        let ok = c.take_as("units_passed", super::parse_units(&self.units_passed));
        let bad = c.take_as("units_failed", super::parse_units(&self.units_failed));
        if let (Some(p), Some(ok), Some(bad)) = (passed, &ok, &bad) {
            if p && ok.is_empty() {
                c.fail("units_passed", AppError::Required);
            }
            if p && !bad.is_empty() {
                c.fail("units_failed", AppError::OutOfRange);
            }
            if !p && bad.is_empty() {
                c.fail("units_failed", AppError::Required);
            }
        }
        let values = match (id, passed, ok, bad) {
            (Some(id), Some(p), Some(ok), Some(bad)) => {
                let mut units: Vec<UnitResult> = ok.into_iter().map(|unit| UnitResult { unit, passed: true }).collect();
                units.extend(bad.into_iter().map(|unit| UnitResult { unit, passed: false }));
                Some((id, p, units))
            }
            _ => None,
        };
        c.finish(values)
    }
}

#[cfg(feature = "ssr")]
fn today() -> chrono::NaiveDate {
    chrono::Utc::now().with_timezone(&super::service::uzbekistan()).date_naive()
}

/// The client's address, as the server's middleware found it.
#[cfg(feature = "ssr")]
fn client_ip() -> String {
    use_context::<http::request::Parts>()
        .and_then(|p| p.extensions.get::<crate::state::ClientIp>().cloned())
        .map(|ip| ip.0)
        .unwrap_or_else(|| "unknown".into())
}

/// The site's own address, `https://host` (plain HTTP only in development):
/// the request's `Host`, which only the reader's own browser sends.
#[cfg(feature = "ssr")]
fn site_url(state: &crate::state::AppState) -> String {
    let host = use_context::<http::request::Parts>()
        .and_then(|p| p.headers.get(http::header::HOST).and_then(|h| h.to_str().ok()).map(str::to_string))
        .filter(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c)))
        .unwrap_or_else(|| "localhost".into());
    let scheme = if state.security.secure_cookies { "https" } else { "http" };
    format!("{scheme}://{host}")
}

/// The offered qualifications and centres, for anyone.
#[server(endpoint = "qualification_catalogue", input = GetUrl)]
pub async fn qualification_catalogue() -> Result<Catalogue, AppError> {
    let (_, state) = visitor(Action::ReadQualifications).await?;
    super::service::catalogue(&state.db, false).await
}

/// The public check of a certificate by its exact number (rate-limited per client address).
#[server(endpoint = "verify_certificate", input = GetUrl)]
pub async fn verify_certificate(number: String) -> Result<Verification, AppError> {
    let (_, state) = visitor(Action::VerifyCertificate).await?;
    let key = state.keys.rate_limit_key(&format!("certificate-lookup:{}", client_ip()));
    super::service::verify(&state.db, &key, &number, today()).await.inspect_err(|e| {
        if *e == AppError::RateLimited {
            tracing::warn!("certificate look-ups refused: rate limit");
        }
    })
}

/// The migrant's assessments and certificates.
#[server(endpoint = "my_skills")]
pub async fn my_skills() -> Result<SkillsOverview, AppError> {
    let (user, state) = guard(Action::ReadOwnSkills).await?;
    super::service::my_skills(&state.db, &user, today()).await
}

/// A migrant asks for an assessment.
#[server(endpoint = "request_assessment")]
pub async fn request_assessment(#[server(flatten)] form: RequestForm) -> Result<(), AppError> {
    let (user, state) = guard(Action::RequestAssessment).await?;
    let request = form.parse(today())?;
    super::service::request(&state.db, &user, request, today()).await?;
    crate::forms::redirect("/skills?requested=1");
    Ok(())
}

/// A migrant withdraws their own open request.
#[server(endpoint = "withdraw_assessment")]
pub async fn withdraw_assessment(assessment_id: i32) -> Result<(), AppError> {
    let (user, state) = guard(Action::RequestAssessment).await?;
    super::service::withdraw(&state.db, &user, assessment_id).await?;
    crate::forms::redirect("/skills?withdrawn=1");
    Ok(())
}

/// One certificate for its holder (or staff), with the QR code of its public check.
#[server(endpoint = "get_certificate")]
pub async fn get_certificate(id: i32) -> Result<Certificate, AppError> {
    let (user, state) = guard(Action::ReadQualifications).await?;
    let action = if user.role.is_staff() { Action::ReviewAssessments } else { Action::ReadOwnSkills };
    crate::authz::authorize(Some(&user), action)?;
    super::service::certificate(&state.db, &user, id, &site_url(&state), today()).await
}

/// Every qualification and centre, those withdrawn too (staff).
#[server(endpoint = "staff_catalogue")]
pub async fn staff_catalogue() -> Result<Catalogue, AppError> {
    let (_, state) = guard(Action::ManageQualifications).await?;
    super::service::catalogue(&state.db, true).await
}

/// One qualification, to edit it (staff).
#[server(endpoint = "staff_qualification")]
pub async fn staff_qualification(id: i32) -> Result<Qualification, AppError> {
    let (_, state) = guard(Action::ManageQualifications).await?;
    super::service::qualification(&state.db, id).await
}

/// Staff add or correct a qualification.
#[server(endpoint = "save_qualification")]
pub async fn save_qualification(#[server(flatten)] form: QualificationForm) -> Result<(), AppError> {
    let (_, state) = guard(Action::ManageQualifications).await?;
    let id = super::service::save_qualification(&state.db, form.parse()?).await?;
    crate::forms::redirect(&format!("/staff/qualifications/{id}?saved=1"));
    Ok(())
}

/// Staff withdraw a qualification (`active` false) or offer it again.
#[server(endpoint = "set_qualification_active")]
pub async fn set_qualification_active(qualification_id: i32, active: bool) -> Result<(), AppError> {
    let (_, state) = guard(Action::ManageQualifications).await?;
    super::service::set_qualification_active(&state.db, qualification_id, active).await?;
    crate::forms::redirect("/staff/qualifications?saved=1");
    Ok(())
}

/// Staff add (no `centre_id`) or correct a test centre.
#[server(endpoint = "save_centre")]
pub async fn save_centre(
    centre_id: Option<String>,
    name: Option<String>,
    city: Option<String>,
) -> Result<(), AppError> {
    let (name, city) = (name.unwrap_or_default(), city.unwrap_or_default());
    let (_, state) = guard(Action::ManageQualifications).await?;
    let mut c = Checks::default();
    let id = c.take_as("centre_id", crate::parse::optional_id(centre_id.as_deref()));
    let name = c.take_as("name", crate::parse::required_text(&name, 200, AppError::Required));
    let city = c.take_as("city", crate::parse::required_text(&city, 100, AppError::Required));
    let (id, name, city) = c.finish(match (id, name, city) {
        (Some(id), Some(n), Some(ci)) => Some((id, n, ci)),
        _ => None,
    })?;
    super::service::save_centre(&state.db, id, name, city).await?;
    crate::forms::redirect("/staff/qualifications?saved=1#centres");
    Ok(())
}

/// Staff withdraw a centre or offer it again.
#[server(endpoint = "set_centre_active")]
pub async fn set_centre_active(centre_id: i32, active: bool) -> Result<(), AppError> {
    let (_, state) = guard(Action::ManageQualifications).await?;
    super::service::set_centre_active(&state.db, centre_id, active).await?;
    crate::forms::redirect("/staff/qualifications?saved=1#centres");
    Ok(())
}

/// The staff queue: open assessments, or those of one status.
#[server(endpoint = "assessment_queue")]
pub async fn assessment_queue(status: Option<String>) -> Result<Vec<Assessment>, AppError> {
    let (_, state) = guard(Action::ReviewAssessments).await?;
    let status = match status.unwrap_or_default().trim() {
        "" => None,
        s => Some(s.parse::<AssessmentStatus>().map_err(|_| AppError::InvalidInput)?),
    };
    super::service::queue(&state.db, status).await
}

/// Staff schedule an assessment: a centre, a date and a time ahead (Uzbekistan time).
#[server(endpoint = "schedule_assessment")]
pub async fn schedule_assessment(
    assessment_id: Option<String>,
    centre_id: Option<String>,
    scheduled_at: Option<String>,
) -> Result<(), AppError> {
    let (assessment_id, centre_id, scheduled_at) =
        (assessment_id.unwrap_or_default(), centre_id.unwrap_or_default(), scheduled_at.unwrap_or_default());
    let (_, state) = guard(Action::ReviewAssessments).await?;
    let now = chrono::Utc::now();
    let mut c = Checks::default();
    let id = c.take_as("assessment_id", crate::parse::int::<i32>(&assessment_id, AppError::InvalidInput));
    let centre = c.take_as("centre_id", crate::parse::int::<i32>(&centre_id, AppError::ChoiceRequired));
    let at = c.take_as(
        "scheduled_at",
        super::service::parse_local(&scheduled_at)
            .and_then(|t| if t <= now { Err(AppError::DateInPast) } else { Ok(t) }),
    );
    let (id, centre, at) = c.finish(match (id, centre, at) {
        (Some(i), Some(c), Some(a)) => Some((i, c, a)),
        _ => None,
    })?;
    super::service::schedule(&state.db, id, centre, at, now).await?;
    crate::forms::redirect("/staff/assessments?scheduled=1");
    Ok(())
}

/// Staff record a result; a pass issues the certificate.
#[server(endpoint = "record_assessment_result")]
pub async fn record_assessment_result(#[server(flatten)] form: ResultForm) -> Result<(), AppError> {
    let (user, state) = guard(Action::ReviewAssessments).await?;
    let (id, passed, units) = form.parse()?;
    match super::service::record_result(&state.db, &user, id, passed, units, today()).await? {
        Some(cert) => crate::forms::redirect(&format!("/skills/certificates/{cert}?issued=1")),
        None => crate::forms::redirect("/staff/assessments?recorded=1"),
    }
    Ok(())
}

/// Staff cancel an open assessment.
#[server(endpoint = "cancel_assessment")]
pub async fn cancel_assessment(assessment_id: i32) -> Result<(), AppError> {
    let (_, state) = guard(Action::ReviewAssessments).await?;
    super::service::cancel(&state.db, assessment_id).await?;
    crate::forms::redirect("/staff/assessments?cancelled=1");
    Ok(())
}

/// Staff revoke a certificate, with the reason.
#[server(endpoint = "revoke_certificate")]
pub async fn revoke_certificate(certificate_id: i32, reason: Option<String>) -> Result<(), AppError> {
    let (user, state) = guard(Action::ReviewAssessments).await?;
    let reason = crate::parse::required_text(&reason.unwrap_or_default(), 1000, AppError::ReasonRequired)?;
    super::service::revoke(&state.db, &user, certificate_id, reason).await?;
    crate::forms::redirect(&format!("/skills/certificates/{certificate_id}?revoked=1"));
    Ok(())
}
