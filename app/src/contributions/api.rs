//! The contributions server functions: guard → parse → service → view. The
//! claim is a multipart post (its documents), so that a phone without
//! JavaScript files it with a plain `<form enctype="multipart/form-data">`.

use super::{ClaimPeriod, Overview, RulesVersion};
#[cfg(feature = "ssr")]
use crate::authz::Action;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::guard::guard;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, MultipartData, MultipartFormData};
use serde::{Deserialize, Serialize};

/// A work period as the form posts it; every field may be missing (refused
/// on its own field, not as a broken form).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodForm {
    /// Set when correcting a period.
    #[serde(default)]
    pub period_id: Option<String>,
    #[serde(default)]
    pub employer_name: String,
    #[serde(default)]
    pub company_id: Option<String>,
    #[serde(default)]
    pub started_on: String,
    #[serde(default)]
    pub ended_on: String,
    #[serde(default)]
    pub wage: String,
    #[serde(default)]
    pub sgk_number: String,
    #[serde(default)]
    pub insured_days: String,
}

/// The rules form as staff post it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RulesForm {
    #[serde(default)]
    pub employee_rate: String,
    #[serde(default)]
    pub employer_rate: String,
    #[serde(default, deserialize_with = "crate::parse::checkbox")]
    pub floor: bool,
    #[serde(default)]
    pub ceiling: String,
    #[serde(default)]
    pub reclaim_share: String,
    #[serde(default)]
    pub agreement: String,
    #[serde(default)]
    pub in_force_on: String,
    #[serde(default)]
    pub reminder_days: String,
}

/// The migrant's periods, the estimate, the rules it used and their claims.
#[server(endpoint = "my_contributions", input = GetUrl)]
pub async fn my_contributions() -> Result<Overview, AppError> {
    let (user, state) = guard(Action::ManageOwnContributions).await?;
    super::service::overview(&state.db, &user).await
}

/// A migrant records an insured work period, or corrects one of their own.
#[server(endpoint = "save_contribution_period")]
pub async fn save_contribution_period(#[server(flatten)] form: PeriodForm) -> Result<(), AppError> {
    let (user, state) = guard(Action::ManageOwnContributions).await?;
    let input = super::check_period(
        form.period_id.as_deref(),
        &form.employer_name,
        form.company_id.as_deref(),
        &form.started_on,
        &form.ended_on,
        &form.wage,
        &form.sgk_number,
        &form.insured_days,
        chrono::Utc::now().date_naive(),
    )?;
    super::service::save_period(&state.db, &user, input).await?;
    crate::forms::redirect("/contributions?saved=1#periods");
    Ok(())
}

/// A migrant deletes one of their own periods.
#[server(endpoint = "delete_contribution_period")]
pub async fn delete_contribution_period(period_id: i32) -> Result<(), AppError> {
    let (user, state) = guard(Action::ManageOwnContributions).await?;
    super::service::delete_period(&state.db, &user, period_id).await?;
    crate::forms::redirect("/contributions?deleted=1#periods");
    Ok(())
}

/// The rules in force and their history (staff).
#[server(endpoint = "contribution_rules", input = GetUrl)]
pub async fn contribution_rules() -> Result<Vec<RulesVersion>, AppError> {
    let (_, state) = guard(Action::SetContributionRules).await?;
    super::service::history(&state.db).await
}

/// Staff set the estimate's rules, the agreement's state and the reminders.
#[server(endpoint = "set_contribution_rules")]
pub async fn set_contribution_rules(#[server(flatten)] form: RulesForm) -> Result<(), AppError> {
    let (user, state) = guard(Action::SetContributionRules).await?;
    let rules = super::check_rules(
        &form.employee_rate,
        &form.employer_rate,
        form.floor,
        &form.ceiling,
        &form.reclaim_share,
        &form.agreement,
        &form.in_force_on,
        &form.reminder_days,
        chrono::Utc::now().date_naive(),
    )?;
    super::service::set_rules(&state.db, &user, rules).await?;
    crate::forms::redirect("/staff/contributions?saved=1");
    Ok(())
}

/// A migrant files a claim with their periods and documents, once the
/// agreement is in force (a multipart post: `note`, `file`…).
#[server(endpoint = "file_contributions_claim", input = MultipartFormData)]
pub async fn file_contributions_claim(data: MultipartData) -> Result<(), AppError> {
    let (user, state) = guard(Action::FileClaim).await?;
    let form = crate::documents::read_form(data).await?;
    let note = form.fields.iter().find(|(k, _)| k == "note").map(|(_, v)| v.as_str()).unwrap_or("");
    let note = match crate::parse::optional_text(Some(note), super::service::MAX_NOTE) {
        Ok(n) => n.unwrap_or_default(),
        Err(e) => return Err(e.at("note")),
    };
    let mut stored = Vec::with_capacity(form.files.len());
    for upload in form.files {
        match crate::documents::store(&state.uploads, upload).await {
            Ok(s) => stored.push(s),
            Err(e) => {
                crate::documents::discard(&state.uploads, stored).await;
                return Err(e.at("file"));
            }
        }
    }
    let lang = crate::lang::request_locale();
    match super::service::file_claim(&state.db, &user, note, lang, stored.clone()).await {
        Ok(id) => {
            crate::forms::redirect(&format!("/cases/{id}"));
            Ok(())
        }
        Err(e) => {
            crate::documents::discard(&state.uploads, stored).await;
            Err(e)
        }
    }
}

/// The periods a claim carried: for its migrant and staff.
#[server(endpoint = "claim_periods", input = GetUrl)]
pub async fn claim_periods(case_id: i32) -> Result<Vec<ClaimPeriod>, AppError> {
    let (user, state) = guard(Action::ReadCase).await?;
    super::service::claim_periods(&state.db, &user, case_id).await
}
