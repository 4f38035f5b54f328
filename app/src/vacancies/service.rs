//! Vacancies and projects: search, the employer's own, staff review, closing.
//! Queries and mutations only, free of HTTP; callers pass the checked user.

use super::entity::{self, project};
use super::rules::{check, Draft};
use super::{
    Project, SearchQuery, SearchResult, Sort, Vacancy, VacancyDecision, VacancyStatus, VacancySummary,
    MATCHES_COUNTED_UP_TO, PER_PAGE,
};
use crate::accounts::SessionUser;
use crate::authz::{may_edit_company_row, may_read_vacancy};
use crate::companies::{entity as company, service as companies, CompanyStatus};
use crate::error::AppError;
use crate::reference::service as reference;
use crate::reference::text::normalize_search;
use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::*;
use std::collections::HashMap;

/// Views of vacancy rows with their companies, in two queries whatever the count.
pub async fn views<C: ConnectionTrait>(db: &C, rows: Vec<entity::Model>) -> Result<Vec<Vacancy>, AppError> {
    let ids: Vec<i32> = rows.iter().map(|r| r.company_id).collect();
    let companies: HashMap<i32, company::Model> = company::Entity::find()
        .filter(company::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    rows.into_iter()
        .map(|r| {
            let c = companies.get(&r.company_id).ok_or(AppError::Internal)?;
            Ok(r.into_view(c))
        })
        .collect()
}

/// Published, open, not yet filled, and its company not suspended.
pub fn open_condition(today: NaiveDate) -> Condition {
    let suspended = sea_orm::sea_query::Query::select()
        .column(company::Column::Id)
        .from(company::Entity)
        .and_where(company::Column::Status.eq(CompanyStatus::Suspended))
        .to_owned();
    Condition::all()
        .add(entity::Column::Status.eq(VacancyStatus::Published))
        .add(entity::Column::ClosingDate.gte(today))
        .add(Expr::col(entity::Column::Filled).lt(Expr::col(entity::Column::Positions)))
        .add(entity::Column::CompanyId.not_in_subquery(suspended))
}

pub async fn search<C: ConnectionTrait>(db: &C, q: &SearchQuery, today: NaiveDate) -> Result<SearchResult, AppError> {
    let mut cond = open_condition(today);
    let tokens: Vec<String> = crate::reference::text::tokens(&q.q).into_iter().take(8).collect();
    if !tokens.is_empty() {
        cond = cond.add(words_condition(db.get_database_backend(), &tokens));
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
    // One query: the card's columns and its company's, never the texts.
    use entity::Column as V;
    let select = entity::Entity::find()
        .select_only()
        .columns([V::Id, V::OccupationId, V::ProvinceId, V::District, V::WageKurus, V::Housing])
        .columns([V::CertificateRequired, V::ClosingDate])
        .column_as(company::Column::LegalName, "company_name")
        .column_as(company::Column::Status, "company_status")
        .join(
            JoinType::InnerJoin,
            entity::Entity::belongs_to(company::Entity).from(V::CompanyId).to(company::Column::Id).into(),
        )
        .filter(cond);
    let select = match q.sort {
        Sort::Wage => select.order_by_desc(V::WageKurus),
        Sort::Newest => select.order_by_desc(V::PublishedAt),
    }
    .order_by_desc(V::Id);
    let page = q.page.max(1);
    let matches = count_matches(db, cond_for_count(&select)).await?;
    let mut rows = select
        .offset(u64::from((page - 1) * PER_PAGE))
        .limit(u64::from(PER_PAGE) + 1)
        .into_model::<CardRow>()
        .all(db)
        .await?;
    let has_next = rows.len() > PER_PAGE as usize;
    rows.truncate(PER_PAGE as usize);
    Ok(SearchResult {
        has_next,
        page,
        per_page: PER_PAGE,
        matches,
        items: rows.into_iter().map(CardRow::into_view).collect(),
    })
}

/// The search's own rows, without their order, for counting.
fn cond_for_count(select: &Select<entity::Entity>) -> sea_orm::sea_query::SelectStatement {
    let mut inner = select.clone().into_query();
    inner.clear_order_by().clear_selects().column((entity::Entity, entity::Column::Id));
    inner.limit(u64::from(MATCHES_COUNTED_UP_TO) + 1);
    inner
}

/// How many rows a search matches, counted up to one more than
/// [`MATCHES_COUNTED_UP_TO`]: a page says "500+" rather than pay for a count
/// over the whole table.
async fn count_matches<C: ConnectionTrait>(db: &C, rows: sea_orm::sea_query::SelectStatement) -> Result<u32, AppError> {
    use sea_orm::sea_query::{Alias, Query};
    let stmt = Query::select()
        .expr_as(Expr::cust("COUNT(*)"), Alias::new("n"))
        .from_subquery(rows, Alias::new("m"))
        .to_owned();
    let row = db.query_one(db.get_database_backend().build(&stmt)).await?;
    let n: i64 = row.map(|r| r.try_get("", "n")).transpose()?.unwrap_or(0);
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// A result card as the search query reads it.
#[derive(Debug, FromQueryResult)]
struct CardRow {
    id: i32,
    occupation_id: i32,
    province_id: i32,
    district: String,
    wage_kurus: i64,
    housing: bool,
    certificate_required: bool,
    closing_date: NaiveDate,
    company_name: String,
    company_status: CompanyStatus,
}

impl CardRow {
    fn into_view(self) -> VacancySummary {
        VacancySummary {
            id: self.id,
            occupation_id: self.occupation_id,
            province_id: self.province_id,
            district: self.district,
            wage_kurus: self.wage_kurus,
            housing: self.housing,
            certificate_required: self.certificate_required,
            closing_date: self.closing_date.to_string(),
            company_name: self.company_name,
            company_verified: self.company_status == CompanyStatus::Verified,
        }
    }
}

/// Every token starts a word of the folded search text (`reference::text`):
/// through SQLite's FTS5 word index (`"token"*`: tokens are letters and digits
/// only, so they need no escaping), elsewhere `LIKE '% token%'`, which
/// PostgreSQL answers from its trigram index.
fn words_condition(backend: DbBackend, tokens: &[String]) -> Condition {
    match backend {
        DbBackend::Sqlite => {
            let query = tokens.iter().map(|t| format!("\"{t}\"*")).collect::<Vec<_>>().join(" ");
            Condition::all().add(Expr::cust_with_values(
                r#""vacancies"."id" IN (SELECT rowid FROM vacancy_search WHERE vacancy_search MATCH ?)"#,
                [query],
            ))
        }
        _ => tokens
            .iter()
            .fold(Condition::all(), |c, t| c.add(entity::Column::Search.contains(format!(" {t}").as_str()))),
    }
}

/// One vacancy for whoever may read it; "not found" for everyone else.
pub async fn get<C: ConnectionTrait>(db: &C, user: Option<&SessionUser>, id: i32) -> Result<Vacancy, AppError> {
    // One query: the vacancy with its company.
    let (row, owner) = entity::Entity::find_by_id(id)
        .select_also(company::Entity)
        .join(
            JoinType::InnerJoin,
            entity::Entity::belongs_to(company::Entity).from(entity::Column::CompanyId).to(company::Column::Id).into(),
        )
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let owner = owner.ok_or(AppError::NotFound)?;
    if !may_read_vacancy(user, owner.owner_user_id, row.status == VacancyStatus::Published) {
        return Err(AppError::NotFound);
    }
    let mut view = row.into_view(&owner);
    // A review's reason is between staff and the employer, never the public's.
    let insider = user.is_some_and(|u| u.role.is_staff() || u.id == owner.owner_user_id);
    if !insider {
        view.review_reason = None;
        view.review_reason_code = None;
        view.review_reason_lang = None;
    }
    // Staff deciding on it write for its employer: in which language do they read?
    if user.is_some_and(|u| u.role.is_staff()) {
        let employer = crate::accounts::entity::user::Entity::find_by_id(owner.owner_user_id).one(db).await?;
        view.owner_lang = employer.map(|u| u.locale);
    }
    // The qualification it requires and, for a migrant, whether a certificate of theirs counts.
    if let Some(q) = view.required_qualification_id {
        view.qualification = crate::skills::service::required_qualification(db, q).await?;
        if let Some(u) = user.filter(|u| u.role == crate::accounts::Role::Migrant) {
            let today = Utc::now().date_naive();
            view.reader_certificate = Some(crate::skills::service::reader_certificate(db, u.id, q, today).await?);
        }
    }
    Ok(view)
}

/// The employer's company's vacancies, newest first.
pub async fn mine<C: ConnectionTrait>(db: &C, owner_id: i32) -> Result<Vec<Vacancy>, AppError> {
    let Some(c) = companies::own(db, owner_id).await? else {
        return Ok(vec![]);
    };
    let rows = entity::Entity::find()
        .filter(entity::Column::CompanyId.eq(c.id))
        .order_by_desc(entity::Column::Id)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|r| r.into_view(&c)).collect())
}

/// The employer's vacancies page: the company's state, the vacancies with
/// their forwarded candidates counted, the projects.
pub async fn employer_desk<C: ConnectionTrait>(db: &C, user: &SessionUser) -> Result<super::api::Desk, AppError> {
    let company = companies::own(db, user.id).await?;
    let mut candidates: HashMap<i32, u32> = HashMap::new();
    if company.as_ref().is_some_and(|c| c.status == CompanyStatus::Verified) {
        for a in crate::applications::service::list(db, user).await? {
            *candidates.entry(a.vacancy_id).or_default() += 1;
        }
    }
    let mut candidates: Vec<(i32, u32)> = candidates.into_iter().collect();
    candidates.sort_unstable();
    Ok(super::api::Desk {
        company: company.map(|c| super::api::Standing {
            status: c.status,
            reason_code: c.decision_reason_code,
            reason: c.decision_reason,
            reason_lang: c.decision_reason_lang,
        }),
        vacancies: mine(db, user.id).await?,
        candidates,
        projects: my_projects(db, user.id).await?,
    })
}

/// A vacancy as the employer typed it, numbers parsed.
pub struct VacancyInput {
    /// Correcting a returned vacancy; `None` for a new one.
    pub id: Option<i32>,
    pub draft: Draft,
    pub project_id: Option<i32>,
}

/// Submits a new vacancy for review, or a corrected one that staff sent back.
/// While the company awaits verification it is saved as a draft, which goes
/// for review when staff verify the company. Returns its id and status.
pub async fn save<C: ConnectionTrait>(
    db: &C,
    user: &SessionUser,
    input: VacancyInput,
) -> Result<(i32, VacancyStatus), AppError> {
    let c = companies::own(db, user.id)
        .await?
        .filter(|c| matches!(c.status, CompanyStatus::Verified | CompanyStatus::Pending))
        .ok_or(AppError::CompanyNotVerified)?;
    let status = if c.status == CompanyStatus::Verified { VacancyStatus::Submitted } else { VacancyStatus::Draft };
    let today = Utc::now().date_naive();
    let ok = check(&input.draft, reference::minimum_wage_on(db, today).await?, today)?;
    let d = input.draft;
    let occupation = reference::check_occupation(db, d.occupation_id).await?;
    let sector = reference::check_sector(db, d.sector_id).await?;
    let province = reference::check_province(db, d.province_id).await?;
    if occupation.sector_id != sector.id {
        return Err(AppError::InvalidInput);
    }
    if let Some(q) = d.required_qualification_id {
        crate::skills::service::check_offered(db, q).await?;
    }
    if let Some(p) = input.project_id {
        let p = project::Entity::find_by_id(p).one(db).await?.ok_or(AppError::InvalidInput)?;
        let p_owner = company::Entity::find_by_id(p.company_id).one(db).await?.ok_or(AppError::InvalidInput)?;
        may_edit_company_row(user, p_owner.owner_user_id).map_err(|_| AppError::InvalidInput)?;
    }
    let now = Utc::now();
    let mut am = match input.id {
        Some(id) => {
            let v = entity::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
            let owner = company::Entity::find_by_id(v.company_id).one(db).await?.ok_or(AppError::NotFound)?;
            may_edit_company_row(user, owner.owner_user_id)?;
            // Only a draft, or what staff sent back, is corrected.
            if !matches!(v.status, VacancyStatus::Returned | VacancyStatus::Draft) {
                return Err(AppError::InvalidInput);
            }
            v.into_active_model()
        }
        None => entity::ActiveModel {
            company_id: Set(c.id),
            filled: Set(0),
            created_at: Set(now),
            published_at: Set(None),
            ..Default::default()
        },
    };
    let search = [
        occupation.name_uz.as_str(),
        &occupation.name_tr,
        &sector.name_uz,
        &sector.name_tr,
        &province.name_tr,
        &province.name_uz,
        &ok.district,
        &c.legal_name,
        &ok.text_tr,
        ok.text_uz.as_deref().unwrap_or(""),
    ]
    .join(" ");
    am.search = Set(format!(" {} ", normalize_search(&search)));
    am.sector_id = Set(d.sector_id);
    am.occupation_id = Set(d.occupation_id);
    am.positions = Set(d.positions);
    am.province_id = Set(d.province_id);
    am.district = Set(ok.district);
    am.wage_kurus = Set(d.wage_kurus);
    am.hours_per_week = Set(d.hours_per_week);
    am.housing = Set(d.housing);
    am.meals = Set(d.meals);
    am.transport = Set(d.transport);
    am.contract_months = Set(d.contract_months);
    am.turkish_level = Set(d.turkish_level);
    am.certificate_required = Set(d.certificate_required);
    am.required_qualification_id = Set(d.required_qualification_id);
    am.start_date = Set(ok.start_date);
    am.closing_date = Set(ok.closing_date);
    am.text_tr = Set(ok.text_tr);
    am.text_uz = Set(ok.text_uz);
    am.status = Set(status);
    am.review_reason = Set(None);
    am.review_reason_code = Set(None);
    am.review_reason_lang = Set(None);
    am.updated_at = Set(now);
    am.project_id = Set(input.project_id);
    let id = am.save(db).await?.try_into_model()?.id;
    tracing::info!(user_id = user.id, company_id = c.id, vacancy_id = id, status = %status, "vacancy saved");
    Ok((id, status))
}

/// Vacancies waiting for review, oldest first, each with the language its
/// employer reads (staff write the reason's note for them).
pub async fn review_queue<C: ConnectionTrait>(db: &C) -> Result<Vec<Vacancy>, AppError> {
    let rows = entity::Entity::find()
        .filter(entity::Column::Status.eq(VacancyStatus::Submitted))
        .order_by_asc(entity::Column::UpdatedAt)
        .all(db)
        .await?;
    let langs: HashMap<i32, String> = company::Entity::find()
        .select_only()
        .column(company::Column::Id)
        .column(crate::accounts::entity::user::Column::Locale)
        .join(
            JoinType::InnerJoin,
            company::Entity::belongs_to(crate::accounts::entity::user::Entity)
                .from(company::Column::OwnerUserId)
                .to(crate::accounts::entity::user::Column::Id)
                .into(),
        )
        .filter(company::Column::Id.is_in(rows.iter().map(|r| r.company_id).collect::<Vec<_>>()))
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let mut list = views(db, rows).await?;
    for v in &mut list {
        v.owner_lang = langs.get(&v.company_id).cloned();
    }
    Ok(list)
}

/// Staff publish a submitted vacancy (with both texts: staff supply the
/// Uzbek one the employer left out), or send it back or reject it with a
/// reason from the list.
pub async fn review<C: TransactionTrait>(
    db: &C,
    staff_id: i32,
    vacancy_id: i32,
    decision: VacancyDecision,
    reason: Option<(crate::reasons::Reason, &'static str)>,
    text_uz: Option<String>,
) -> Result<(), AppError> {
    use crate::applications::NotificationKind;
    let (status, kind) = match (decision, &reason) {
        (VacancyDecision::Publish, _) => (VacancyStatus::Published, NotificationKind::VacancyPublished),
        (VacancyDecision::Return, Some(_)) => (VacancyStatus::Returned, NotificationKind::VacancyReturned),
        (VacancyDecision::Reject, Some(_)) => (VacancyStatus::Rejected, NotificationKind::VacancyRejected),
        (VacancyDecision::Return | VacancyDecision::Reject, None) => return Err(AppError::ReasonRequired),
    };
    // The decision and the employer's notification of it: one transaction.
    crate::db::write(db, move |txn| {
        Box::pin(async move {
            let v = entity::Entity::find_by_id(vacancy_id).one(txn).await?.ok_or(AppError::NotFound)?;
            if v.status != VacancyStatus::Submitted {
                return Err(AppError::InvalidInput);
            }
            let owner =
                company::Entity::find_by_id(v.company_id).one(txn).await?.ok_or(AppError::NotFound)?.owner_user_id;
            let now = Utc::now();
            // Migrants read the vacancy in Uzbek: no publication without that text.
            let supplied = text_uz.is_some();
            let text_uz = text_uz.or_else(|| v.text_uz.clone());
            // What staff wrote is searched as well, like the employer's texts.
            let search = match (&text_uz, supplied) {
                (Some(t), true) => Some(format!("{}{} ", v.search, normalize_search(t))),
                _ => None,
            };
            if status == VacancyStatus::Published && text_uz.is_none() {
                return Err(AppError::TranslationRequired);
            }
            let mut am = v.into_active_model();
            am.status = Set(status);
            // Each decision has its own reason: publishing keeps none (a note typed in the
            // return form before pressing "publish" is not stored, let alone shown).
            let reason = if status == VacancyStatus::Published { None } else { reason };
            let (code, note, lang) = crate::reasons::stored(reason);
            am.review_reason_code = Set(code);
            am.review_reason = Set(note);
            am.review_reason_lang = Set(lang);
            if status == VacancyStatus::Published {
                am.published_at = Set(Some(now));
                am.text_uz = Set(text_uz);
                if let Some(search) = search {
                    am.search = Set(search);
                }
            }
            am.updated_at = Set(now);
            am.update(txn).await?;
            crate::applications::service::notify_decision(txn, owner, kind, Some(vacancy_id)).await
        })
    })
    .await?;
    tracing::info!(staff_id, vacancy_id, decision = %status, "vacancy reviewed");
    Ok(())
}

/// A company just verified: the drafts its employer saved meanwhile go for
/// review (in the caller's transaction). Returns how many.
pub async fn submit_drafts<C: ConnectionTrait>(db: &C, company_id: i32) -> Result<u64, AppError> {
    let r = entity::Entity::update_many()
        .col_expr(entity::Column::Status, Expr::value(VacancyStatus::Submitted.as_str()))
        .col_expr(entity::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(entity::Column::CompanyId.eq(company_id))
        .filter(entity::Column::Status.eq(VacancyStatus::Draft))
        .exec(db)
        .await?;
    Ok(r.rows_affected)
}

/// The employer closes a published vacancy before its closing date: it
/// leaves the search and takes no more applications; those made stay.
pub async fn close<C: ConnectionTrait>(db: &C, user: &SessionUser, vacancy_id: i32) -> Result<(), AppError> {
    let v = entity::Entity::find_by_id(vacancy_id).one(db).await?.ok_or(AppError::NotFound)?;
    let owner = company::Entity::find_by_id(v.company_id).one(db).await?.ok_or(AppError::NotFound)?;
    may_edit_company_row(user, owner.owner_user_id)?;
    let closed = entity::Entity::update_many()
        .col_expr(entity::Column::Status, Expr::value(VacancyStatus::Closed.as_str()))
        .col_expr(entity::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(entity::Column::Id.eq(v.id))
        .filter(entity::Column::Status.eq(VacancyStatus::Published))
        .exec(db)
        .await?;
    if closed.rows_affected != 1 {
        return Err(AppError::InvalidInput);
    }
    tracing::info!(user_id = user.id, vacancy_id, "vacancy closed by its employer");
    Ok(())
}

/// Closes published vacancies whose closing date has passed or whose positions
/// are all filled; run periodically by the server. Returns how many closed.
pub async fn close_expired<C: ConnectionTrait>(db: &C, today: NaiveDate) -> Result<u64, AppError> {
    let r = entity::Entity::update_many()
        .col_expr(entity::Column::Status, Expr::value(VacancyStatus::Closed.as_str()))
        .col_expr(entity::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(entity::Column::Status.eq(VacancyStatus::Published))
        .filter(
            Condition::any()
                .add(entity::Column::ClosingDate.lt(today))
                .add(Expr::col(entity::Column::Filled).gte(Expr::col(entity::Column::Positions))),
        )
        .exec(db)
        .await?;
    Ok(r.rows_affected)
}

/// A project as typed, checked except against the database.
pub struct ProjectInput {
    pub name: String,
    pub description_tr: String,
    pub description_uz: Option<String>,
    pub province_id: i32,
}

/// An employer of a verified company opens a project (F2.3).
pub async fn save_project<C: ConnectionTrait>(db: &C, owner_id: i32, input: ProjectInput) -> Result<i32, AppError> {
    let c = companies::own_verified(db, owner_id).await?;
    reference::check_province(db, input.province_id).await?;
    let p = project::ActiveModel {
        company_id: Set(c.id),
        name: Set(input.name),
        description_tr: Set(input.description_tr),
        description_uz: Set(input.description_uz),
        province_id: Set(input.province_id),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(p.id)
}

/// The employer's projects, newest first.
pub async fn my_projects<C: ConnectionTrait>(db: &C, owner_id: i32) -> Result<Vec<Project>, AppError> {
    let Some(c) = companies::own(db, owner_id).await? else {
        return Ok(vec![]);
    };
    let rows = project::Entity::find()
        .filter(project::Column::CompanyId.eq(c.id))
        .order_by_desc(project::Column::Id)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|p| p.into_view(c.legal_name.clone())).collect())
}

/// A project of a verified company with its open vacancies (public).
pub async fn project_page<C: ConnectionTrait>(
    db: &C,
    id: i32,
    today: NaiveDate,
) -> Result<(Project, Vec<VacancySummary>), AppError> {
    let p = project::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let c = company::Entity::find_by_id(p.company_id).one(db).await?.ok_or(AppError::NotFound)?;
    if c.status != CompanyStatus::Verified {
        return Err(AppError::NotFound);
    }
    let rows = entity::Entity::find()
        .filter(open_condition(today))
        .filter(entity::Column::ProjectId.eq(p.id))
        .order_by_desc(entity::Column::PublishedAt)
        .limit(100)
        .all(db)
        .await?;
    // What the page's cards show, not the texts.
    let vacancies = rows.into_iter().map(|r| r.into_view(&c).summary()).collect();
    Ok((p.into_view(c.legal_name), vacancies))
}
