use super::{SearchQuery, SearchResult, Vacancy};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
pub mod ssr {
    use super::super::{entity, SearchQuery, SearchResult, Vacancy, VacancyStatus, PER_PAGE};
    use crate::companies::entity as company;
    use crate::error::AppError;
    use crate::reference::entity::{occupation, province, sector};
    use crate::reference::text::normalize_search;
    use sea_orm::sea_query::Expr;
    use sea_orm::*;
    use std::collections::HashMap;

    /// The folded text a vacancy is found by, in both languages.
    pub async fn search_text<C: ConnectionTrait>(
        db: &C,
        v: &entity::ActiveModel,
        company_name: &str,
    ) -> Result<String, AppError> {
        let occ = occupation::Entity::find_by_id(*v.occupation_id.as_ref()).one(db).await?.ok_or(AppError::InvalidInput)?;
        let sec = sector::Entity::find_by_id(*v.sector_id.as_ref()).one(db).await?.ok_or(AppError::InvalidInput)?;
        let prov = province::Entity::find_by_id(*v.province_id.as_ref()).one(db).await?.ok_or(AppError::InvalidInput)?;
        if occ.sector_id != sec.id {
            return Err(AppError::InvalidInput);
        }
        let parts = [
            occ.name_uz.as_str(),
            occ.name_tr.as_str(),
            sec.name_uz.as_str(),
            sec.name_tr.as_str(),
            prov.name_tr.as_str(),
            prov.name_uz.as_str(),
            v.district.as_ref().as_str(),
            company_name,
            v.text_tr.as_ref().as_str(),
            v.text_uz.as_ref().as_deref().unwrap_or(""),
        ];
        Ok(format!(" {} ", normalize_search(&parts.join(" "))))
    }

    pub async fn views<C: ConnectionTrait>(db: &C, rows: Vec<entity::Model>) -> Result<Vec<Vacancy>, AppError> {
        let ids: Vec<i32> = rows.iter().map(|r| r.company_id).collect();
        let companies: HashMap<i32, company::Model> = company::Entity::find()
            .filter(company::Column::Id.is_in(ids))
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.id, c))
            .collect();
        Ok(rows
            .into_iter()
            .map(|r| {
                let (name, verified) = companies
                    .get(&r.company_id)
                    .map(|c| (c.legal_name.clone(), c.status == "verified"))
                    .unwrap_or_default();
                r.view(name, verified)
            })
            .collect())
    }

    /// Published, open and not yet filled.
    pub fn open_condition(today: chrono::NaiveDate) -> Condition {
        Condition::all()
            .add(entity::Column::Status.eq(VacancyStatus::Published.as_str()))
            .add(entity::Column::ClosingDate.gte(today))
            .add(Expr::col(entity::Column::Filled).lt(Expr::col(entity::Column::Positions)))
    }

    pub async fn search<C: ConnectionTrait>(db: &C, q: &SearchQuery) -> Result<SearchResult, AppError> {
        let today = chrono::Utc::now().date_naive();
        let mut cond = open_condition(today);
        for token in crate::reference::text::tokens(&q.q).into_iter().take(8) {
            cond = cond.add(entity::Column::Search.contains(format!(" {token}").as_str()));
        }
        if let Some(s) = q.sector {
            cond = cond.add(entity::Column::SectorId.eq(s));
        }
        if let Some(p) = q.province {
            cond = cond.add(entity::Column::ProvinceId.eq(p));
        }
        if let Some(w) = q.min_wage {
            cond = cond.add(entity::Column::WageKurus.gte(w.saturating_mul(100)));
        }
        if q.housing {
            cond = cond.add(entity::Column::Housing.eq(true));
        }
        if q.no_certificate {
            cond = cond.add(entity::Column::CertificateRequired.eq(false));
        }
        let mut select = entity::Entity::find().filter(cond);
        select = match q.sort.as_str() {
            "wage" => select.order_by_desc(entity::Column::WageKurus).order_by_desc(entity::Column::Id),
            _ => select.order_by_desc(entity::Column::PublishedAt).order_by_desc(entity::Column::Id),
        };
        let page = q.page.max(1);
        let mut rows = select
            .offset(((page - 1) * PER_PAGE) as u64)
            .limit(PER_PAGE as u64 + 1)
            .all(db)
            .await?;
        let has_next = rows.len() > PER_PAGE as usize;
        rows.truncate(PER_PAGE as usize);
        Ok(SearchResult { has_next, page, per_page: PER_PAGE, items: views(db, rows).await? })
    }
}

/// Public search over open, published vacancies (F2.4).
#[server(endpoint = "search_vacancies", input = GetUrl)]
pub async fn search_vacancies(query: SearchQuery) -> Result<SearchResult, AppError> {
    ssr::search(&crate::state::app_state()?.db, &query).await
}

/// One vacancy: anyone sees a published one; its employer and staff see it in
/// any status; everyone else gets "not found".
#[server(endpoint = "get_vacancy", input = GetUrl)]
pub async fn get_vacancy(id: i32) -> Result<Vacancy, AppError> {
    use super::{entity, VacancyStatus};
    use crate::companies::entity as company;
    use sea_orm::*;
    let state = crate::state::app_state()?;
    let row = entity::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let owner = company::Entity::find_by_id(row.company_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let user = crate::accounts::session::current_user().await?;
    let published = row.status == VacancyStatus::Published.as_str();
    if !crate::authz::may_read_vacancy(user.as_ref(), owner.owner_user_id, published) {
        return Err(AppError::NotFound);
    }
    Ok(ssr::views(&state.db, vec![row]).await?.remove(0))
}

/// The employer's own vacancies, newest first.
#[server(endpoint = "my_vacancies")]
pub async fn my_vacancies() -> Result<Vec<Vacancy>, AppError> {
    use super::entity;
    use crate::companies::entity as company;
    use sea_orm::*;
    let user = crate::accounts::session::current_user().await?;
    crate::authz::authorize(user.as_ref(), crate::authz::Action::ManageOwnCompany)?;
    let user = user.ok_or(AppError::NotSignedIn)?;
    let state = crate::state::app_state()?;
    let Some(c) = company::Entity::find().filter(company::Column::OwnerUserId.eq(user.id)).one(&state.db).await? else {
        return Ok(vec![]);
    };
    let rows = entity::Entity::find()
        .filter(entity::Column::CompanyId.eq(c.id))
        .order_by_desc(entity::Column::Id)
        .all(&state.db)
        .await?;
    ssr::views(&state.db, rows).await
}

/// An employer of a verified company submits a vacancy for review, or
/// corrects one that staff sent back.
#[server(endpoint = "save_vacancy")]
#[allow(clippy::too_many_arguments)]
pub async fn save_vacancy(
    vacancy_id: Option<i32>,
    sector_id: i32,
    occupation_id: i32,
    positions: i32,
    province_id: i32,
    district: String,
    wage: String,
    hours_per_week: i32,
    housing: Option<String>,
    meals: Option<String>,
    transport: Option<String>,
    contract_months: i32,
    turkish_level: String,
    certificate_required: Option<String>,
    start_date: String,
    closing_date: String,
    text_tr: String,
    text_uz: Option<String>,
    project_id: Option<i32>,
) -> Result<(), AppError> {
    use super::rules::{check, Draft};
    use super::{entity, VacancyStatus};
    use crate::companies::{entity as company, CompanyStatus};
    use sea_orm::*;
    let result = async {
        let user = crate::accounts::session::current_user().await?;
        crate::authz::authorize(user.as_ref(), crate::authz::Action::ManageOwnCompany)?;
        let user = user.ok_or(AppError::NotSignedIn)?;
        let state = crate::state::app_state()?;
        let db = &state.db;
        let c = company::Entity::find()
            .filter(company::Column::OwnerUserId.eq(user.id))
            .one(db)
            .await?
            .ok_or(AppError::CompanyNotVerified)?;
        if c.status != CompanyStatus::Verified.as_str() {
            return Err(AppError::CompanyNotVerified);
        }
        let wage_kurus = crate::format::parse_try_to_kurus(&wage).ok_or(AppError::WageBelowMinimum)?;
        let draft = Draft {
            sector_id,
            occupation_id,
            positions,
            province_id,
            district,
            wage_kurus,
            hours_per_week,
            housing: housing.is_some(),
            meals: meals.is_some(),
            transport: transport.is_some(),
            contract_months,
            turkish_level,
            certificate_required: certificate_required.is_some(),
            start_date,
            closing_date,
            text_tr,
            text_uz,
        };
        let today = chrono::Utc::now().date_naive();
        let min = crate::reference::api::minimum_wage_on(db, today).await?;
        let ok = check(&draft, min, today)?;
        let now = chrono::Utc::now();
        let mut am = match vacancy_id {
            Some(id) => {
                let v = entity::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
                // Only the company's own vacancy, and only when staff sent it back.
                if v.company_id != c.id {
                    return Err(AppError::NotFound);
                }
                if v.status != VacancyStatus::Returned.as_str() {
                    return Err(AppError::InvalidInput);
                }
                let am: entity::ActiveModel = v.into();
                am
            }
            None => entity::ActiveModel {
                company_id: Set(c.id),
                filled: Set(0),
                created_at: Set(now),
                published_at: Set(None),
                ..Default::default()
            },
        };
        am.sector_id = Set(draft.sector_id);
        am.occupation_id = Set(draft.occupation_id);
        am.positions = Set(draft.positions);
        am.province_id = Set(draft.province_id);
        am.district = Set(ok.district);
        am.wage_kurus = Set(draft.wage_kurus);
        am.hours_per_week = Set(draft.hours_per_week);
        am.housing = Set(draft.housing);
        am.meals = Set(draft.meals);
        am.transport = Set(draft.transport);
        am.contract_months = Set(draft.contract_months);
        am.turkish_level = Set(draft.turkish_level);
        am.certificate_required = Set(draft.certificate_required);
        am.start_date = Set(ok.start_date);
        am.closing_date = Set(ok.closing_date);
        am.text_tr = Set(ok.text_tr);
        am.text_uz = Set(ok.text_uz);
        am.status = Set(VacancyStatus::Submitted.as_str().into());
        am.review_reason = Set(None);
        am.updated_at = Set(now);
        // A project must be the company's own.
        let project_id = project_id.filter(|p| *p > 0);
        if let Some(p) = project_id {
            let own = super::entity::project::Entity::find_by_id(p).one(db).await?;
            if own.map(|p| p.company_id) != Some(c.id) {
                return Err(AppError::InvalidInput);
            }
        }
        am.project_id = Set(project_id);
        let search = ssr::search_text(db, &am, &c.legal_name).await?;
        am.search = Set(search);
        am.save(db).await?;
        tracing::info!(user_id = user.id, company_id = c.id, "vacancy submitted for review");
        Ok(())
    }
    .await;
    crate::forms::finish(result, "/employer/vacancies?submitted=1")
}

/// Vacancies waiting for review, oldest first (staff).
#[server(endpoint = "vacancy_review_queue")]
pub async fn vacancy_review_queue() -> Result<Vec<Vacancy>, AppError> {
    use super::{entity, VacancyStatus};
    use sea_orm::*;
    let user = crate::accounts::session::current_user().await?;
    crate::authz::authorize(user.as_ref(), crate::authz::Action::ReviewVacancies)?;
    let state = crate::state::app_state()?;
    let rows = entity::Entity::find()
        .filter(entity::Column::Status.eq(VacancyStatus::Submitted.as_str()))
        .order_by_asc(entity::Column::UpdatedAt)
        .all(&state.db)
        .await?;
    ssr::views(&state.db, rows).await
}

/// Staff publish a vacancy, send it back with a reason, or reject it with one.
#[server(endpoint = "review_vacancy")]
pub async fn review_vacancy(vacancy_id: i32, decision: String, reason: Option<String>) -> Result<(), AppError> {
    use super::{entity, VacancyStatus};
    use sea_orm::*;
    let result = async {
        let user = crate::accounts::session::current_user().await?;
        crate::authz::authorize(user.as_ref(), crate::authz::Action::ReviewVacancies)?;
        let user = user.ok_or(AppError::NotSignedIn)?;
        let reason = reason.map(|r| r.trim().to_string()).filter(|r| !r.is_empty());
        let status = match (decision.as_str(), &reason) {
            ("publish", _) => VacancyStatus::Published,
            ("return", Some(_)) => VacancyStatus::Returned,
            ("reject", Some(_)) => VacancyStatus::Rejected,
            ("return" | "reject", None) => return Err(AppError::ReasonRequired),
            _ => return Err(AppError::InvalidInput),
        };
        let state = crate::state::app_state()?;
        let v = entity::Entity::find_by_id(vacancy_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
        if v.status != VacancyStatus::Submitted.as_str() {
            return Err(AppError::InvalidInput);
        }
        let now = chrono::Utc::now();
        let mut am: entity::ActiveModel = v.into();
        am.status = Set(status.as_str().into());
        am.review_reason = Set(reason);
        if status == VacancyStatus::Published {
            am.published_at = Set(Some(now));
        }
        am.updated_at = Set(now);
        am.update(&state.db).await?;
        tracing::info!(staff_id = user.id, vacancy_id, decision = status.as_str(), "vacancy reviewed");
        Ok(())
    }
    .await;
    crate::forms::finish(result, "/staff/vacancies")
}


/// Closes published vacancies whose closing date has passed or whose positions
/// are all filled; run periodically by the server. Returns how many closed.
#[cfg(feature = "ssr")]
pub async fn close_expired<C: sea_orm::ConnectionTrait>(db: &C, today: chrono::NaiveDate) -> Result<u64, AppError> {
    use super::{entity, VacancyStatus};
    use sea_orm::sea_query::Expr;
    use sea_orm::*;
    let r = entity::Entity::update_many()
        .col_expr(entity::Column::Status, Expr::value(VacancyStatus::Closed.as_str()))
        .col_expr(entity::Column::UpdatedAt, Expr::value(chrono::Utc::now()))
        .filter(entity::Column::Status.eq(VacancyStatus::Published.as_str()))
        .filter(
            Condition::any()
                .add(entity::Column::ClosingDate.lt(today))
                .add(Expr::col(entity::Column::Filled).gte(Expr::col(entity::Column::Positions))),
        )
        .exec(db)
        .await?;
    Ok(r.rows_affected)
}

/// An employer of a verified company opens a project (F2.3).
#[server(endpoint = "save_project")]
pub async fn save_project(
    name: String,
    description_tr: String,
    description_uz: Option<String>,
    province_id: i32,
) -> Result<(), AppError> {
    use super::entity::project;
    use crate::companies::{entity as company, CompanyStatus};
    use sea_orm::*;
    let result = async {
        let user = crate::accounts::session::current_user().await?;
        crate::authz::authorize(user.as_ref(), crate::authz::Action::ManageOwnCompany)?;
        let user = user.ok_or(AppError::NotSignedIn)?;
        let state = crate::state::app_state()?;
        let db = &state.db;
        let c = company::Entity::find()
            .filter(company::Column::OwnerUserId.eq(user.id))
            .one(db)
            .await?
            .filter(|c| c.status == CompanyStatus::Verified.as_str())
            .ok_or(AppError::CompanyNotVerified)?;
        let name = crate::accounts::validate::normalize_name(&name)?;
        let description_tr = description_tr.trim().to_string();
        if description_tr.is_empty() || description_tr.chars().count() > 5000 {
            return Err(AppError::TextRequired);
        }
        let description_uz = description_uz.map(|d| d.trim().to_string()).filter(|d| !d.is_empty());
        if crate::reference::entity::province::Entity::find_by_id(province_id).one(db).await?.is_none() {
            return Err(AppError::InvalidInput);
        }
        project::ActiveModel {
            company_id: Set(c.id),
            name: Set(name),
            description_tr: Set(description_tr),
            description_uz: Set(description_uz),
            province_id: Set(province_id),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        }
        .insert(db)
        .await?;
        Ok(())
    }
    .await;
    crate::forms::finish(result, "/employer/vacancies")
}

/// The employer's projects.
#[server(endpoint = "my_projects")]
pub async fn my_projects() -> Result<Vec<super::Project>, AppError> {
    use super::entity::project;
    use crate::companies::entity as company;
    use sea_orm::*;
    let user = crate::accounts::session::current_user().await?;
    crate::authz::authorize(user.as_ref(), crate::authz::Action::ManageOwnCompany)?;
    let user = user.ok_or(AppError::NotSignedIn)?;
    let state = crate::state::app_state()?;
    let Some(c) = company::Entity::find().filter(company::Column::OwnerUserId.eq(user.id)).one(&state.db).await? else {
        return Ok(vec![]);
    };
    let rows = project::Entity::find().filter(project::Column::CompanyId.eq(c.id)).order_by_desc(project::Column::Id).all(&state.db).await?;
    Ok(rows.into_iter().map(|p| ssr_project(p, c.legal_name.clone())).collect())
}

#[cfg(feature = "ssr")]
fn ssr_project(p: super::entity::project::Model, company_name: String) -> super::Project {
    super::Project {
        id: p.id,
        company_id: p.company_id,
        company_name,
        name: p.name,
        description_tr: p.description_tr,
        description_uz: p.description_uz,
        province_id: p.province_id,
    }
}

/// A project's public page: the project of a verified company and its open vacancies.
#[server(endpoint = "get_project", input = GetUrl)]
pub async fn get_project(id: i32) -> Result<(super::Project, Vec<Vacancy>), AppError> {
    use super::entity::{self, project};
    use crate::companies::{entity as company, CompanyStatus};
    use sea_orm::*;
    let state = crate::state::app_state()?;
    let db = &state.db;
    let p = project::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let c = company::Entity::find_by_id(p.company_id).one(db).await?.ok_or(AppError::NotFound)?;
    if c.status != CompanyStatus::Verified.as_str() {
        return Err(AppError::NotFound);
    }
    let rows = entity::Entity::find()
        .filter(ssr::open_condition(chrono::Utc::now().date_naive()))
        .filter(entity::Column::ProjectId.eq(p.id))
        .order_by_desc(entity::Column::PublishedAt)
        .limit(100)
        .all(db)
        .await?;
    let vacancies = ssr::views(db, rows).await?;
    Ok((ssr_project(p, c.legal_name), vacancies))
}
