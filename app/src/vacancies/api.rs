//! The vacancy and project server functions: guard → parse → service → view.

use super::{Project, SearchQuery, SearchResult, TurkishLevel, Vacancy, VacancyDecision, VacancySummary};
#[cfg(feature = "ssr")]
use crate::authz::Action;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::guard::{guard, visitor};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// The vacancy form, as the browser posts it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VacancyForm {
    /// Set when correcting a vacancy that staff sent back.
    #[serde(default)]
    pub vacancy_id: Option<String>,
    pub sector_id: String,
    pub occupation_id: String,
    pub positions: String,
    pub province_id: String,
    #[serde(default)]
    pub district: String,
    /// Gross monthly, in lira.
    pub wage: String,
    pub hours_per_week: String,
    #[serde(default, deserialize_with = "crate::parse::checkbox")]
    pub housing: bool,
    #[serde(default, deserialize_with = "crate::parse::checkbox")]
    pub meals: bool,
    #[serde(default, deserialize_with = "crate::parse::checkbox")]
    pub transport: bool,
    pub contract_months: String,
    pub turkish_level: TurkishLevel,
    #[serde(default, deserialize_with = "crate::parse::checkbox")]
    pub certificate_required: bool,
    /// `0` or empty: no particular qualification.
    #[serde(default)]
    pub required_qualification_id: Option<String>,
    pub start_date: String,
    pub closing_date: String,
    pub text_tr: String,
    #[serde(default)]
    pub text_uz: Option<String>,
    /// `0` or empty: no project.
    #[serde(default)]
    pub project_id: Option<String>,
}

impl VacancyForm {
    /// Reads the form; what cannot be read is refused field by field and
    /// reported together with the rules' refusals ([`super::rules::check`]).
    #[cfg(feature = "ssr")]
    fn parse(self) -> Result<super::service::VacancyInput, AppError> {
        use crate::parse::{int, optional_id};
        let mut c = crate::error::Checks::default();
        let mut number = |field: &str, s: &str, e: AppError| c.take_as(field, int::<i32>(s, e)).unwrap_or_default();
        let sector_id = number("sector_id", &self.sector_id, AppError::ChoiceRequired);
        let occupation_id = number("occupation_id", &self.occupation_id, AppError::ChoiceRequired);
        let province_id = number("province_id", &self.province_id, AppError::ChoiceRequired);
        let positions = number("positions", &self.positions, AppError::InvalidPositions);
        let hours_per_week = number("hours_per_week", &self.hours_per_week, AppError::OutOfRange);
        let contract_months = number("contract_months", &self.contract_months, AppError::OutOfRange);
        let wage_kurus = c.take(crate::format::parse_try_to_kurus(&self.wage).ok_or(AppError::InvalidWage));
        let required_qualification_id =
            c.take_as("required_qualification_id", optional_id(self.required_qualification_id.as_deref())).flatten();
        Ok(super::service::VacancyInput {
            id: optional_id(self.vacancy_id.as_deref())?,
            project_id: optional_id(self.project_id.as_deref())?,
            draft: super::rules::Draft {
                sector_id,
                occupation_id,
                positions,
                province_id,
                district: self.district,
                wage_kurus: wage_kurus.unwrap_or_default(),
                hours_per_week,
                housing: self.housing,
                meals: self.meals,
                transport: self.transport,
                contract_months,
                turkish_level: self.turkish_level,
                // A required qualification is a required certificate (the search's filter reads this).
                certificate_required: self.certificate_required || required_qualification_id.is_some(),
                required_qualification_id,
                start_date: self.start_date,
                closing_date: self.closing_date,
                text_tr: self.text_tr,
                text_uz: self.text_uz,
                refused: c.into_refused(),
            },
        })
    }
}

/// Public search over open, published vacancies (F2.4).
#[server(endpoint = "search_vacancies", input = GetUrl)]
pub async fn search_vacancies(query: SearchQuery) -> Result<SearchResult, AppError> {
    let (_, state) = visitor(Action::SearchVacancies).await?;
    super::service::search(&state.db, &query, chrono::Utc::now().date_naive()).await
}

/// One vacancy: anyone sees a published one; its employer and staff see it in
/// any status; everyone else gets "not found".
#[server(endpoint = "get_vacancy", input = GetUrl)]
pub async fn get_vacancy(id: i32) -> Result<Vacancy, AppError> {
    let (user, state) = visitor(Action::ReadVacancy).await?;
    super::service::get(&state.db, user.as_ref(), id).await
}

/// The employer's own vacancies, newest first.
#[server(endpoint = "my_vacancies")]
pub async fn my_vacancies() -> Result<Vec<Vacancy>, AppError> {
    let (user, state) = guard(Action::ManageOwnVacancies).await?;
    super::service::mine(&state.db, user.id).await
}

/// An employer of a verified company submits a vacancy for review, or
/// corrects one that staff sent back.
#[server(endpoint = "save_vacancy")]
pub async fn save_vacancy(#[server(flatten)] form: VacancyForm) -> Result<(), AppError> {
    let (user, state) = guard(Action::ManageOwnVacancies).await?;
    let (_, status) = super::service::save(&state.db, &user, form.parse()?).await?;
    crate::forms::redirect(if status == super::VacancyStatus::Draft {
        "/employer/vacancies?drafted=1"
    } else {
        "/employer/vacancies?submitted=1"
    });
    Ok(())
}

/// What the employer's vacancies page shows, in one answer: whether the
/// company may post (its status and the staff's reason), the vacancies with
/// how many candidates staff forwarded to each, and the projects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Desk {
    pub company: Option<Standing>,
    pub vacancies: Vec<Vacancy>,
    /// `(vacancy id, candidates)` for the vacancies that have any.
    pub candidates: Vec<(i32, u32)>,
    pub projects: Vec<Project>,
}

/// Whether the employer's company may post, and the reason when staff rejected it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Standing {
    pub status: crate::companies::CompanyStatus,
    pub reason_code: Option<crate::reasons::ReasonCode>,
    pub reason: Option<String>,
    pub reason_lang: Option<String>,
}

/// The employer closes one of their published vacancies.
#[server(endpoint = "close_vacancy")]
pub async fn close_vacancy(vacancy_id: i32) -> Result<(), AppError> {
    let (user, state) = guard(Action::ManageOwnVacancies).await?;
    super::service::close(&state.db, &user, vacancy_id).await?;
    crate::forms::redirect("/employer/vacancies?closed=1");
    Ok(())
}

/// The employer's vacancies page (see [`Desk`]).
#[server(endpoint = "employer_desk")]
pub async fn employer_desk() -> Result<Desk, AppError> {
    let (user, state) = guard(Action::ManageOwnVacancies).await?;
    super::service::employer_desk(&state.db, &user).await
}

/// Vacancies waiting for review, oldest first (staff).
#[server(endpoint = "vacancy_review_queue")]
pub async fn vacancy_review_queue() -> Result<Vec<Vacancy>, AppError> {
    let (_, state) = guard(Action::ReviewVacancies).await?;
    super::service::review_queue(&state.db).await
}

/// Staff publish a vacancy, send it back with a reason, or reject it with one.
#[server(endpoint = "review_vacancy")]
pub async fn review_vacancy(
    vacancy_id: i32,
    decision: VacancyDecision,
    reason: Option<String>,
    reason_note: Option<String>,
    /// Publishing: the Uzbek text, when the employer left it out.
    text_uz: Option<String>,
) -> Result<(), AppError> {
    let (user, state) = guard(Action::ReviewVacancies).await?;
    let (reason, text_uz) = match decision {
        VacancyDecision::Publish => {
            (None, crate::parse::optional_text(text_uz.as_deref(), 5000).map_err(|e| e.at("text_uz"))?)
        }
        VacancyDecision::Return | VacancyDecision::Reject => {
            let r =
                crate::reasons::parse(crate::reasons::ReasonFor::Vacancy, reason.as_deref(), reason_note.as_deref())?;
            (Some((r, crate::lang::request_locale())), None)
        }
    };
    super::service::review(&state.db, user.id, vacancy_id, decision, reason, text_uz).await?;
    crate::forms::redirect("/staff/vacancies");
    Ok(())
}

/// An employer of a verified company opens a project (F2.3).
#[server(endpoint = "save_project")]
pub async fn save_project(
    name: String,
    description_tr: String,
    description_uz: Option<String>,
    province_id: i32,
) -> Result<(), AppError> {
    let (user, state) = guard(Action::ManageOwnProjects).await?;
    let input = super::service::ProjectInput {
        name: crate::parse::normalize_name(&name).map_err(|e| e.at("name"))?,
        description_tr: crate::parse::required_text(&description_tr, 5000, AppError::TextRequired)
            .map_err(|e| e.at("description_tr"))?,
        description_uz: crate::parse::optional_text(description_uz.as_deref(), 5000)
            .map_err(|e| e.at("description_uz"))?,
        province_id,
    };
    super::service::save_project(&state.db, user.id, input).await?;
    crate::forms::redirect("/employer/vacancies");
    Ok(())
}

/// The employer's projects.
#[server(endpoint = "my_projects")]
pub async fn my_projects() -> Result<Vec<Project>, AppError> {
    let (user, state) = guard(Action::ManageOwnProjects).await?;
    super::service::my_projects(&state.db, user.id).await
}

/// A project's public page: the project of a verified company and its open vacancies.
#[server(endpoint = "get_project", input = GetUrl)]
pub async fn get_project(id: i32) -> Result<(Project, Vec<VacancySummary>), AppError> {
    let (_, state) = visitor(Action::ReadProject).await?;
    super::service::project_page(&state.db, id, chrono::Utc::now().date_naive()).await
}
