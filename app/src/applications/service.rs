//! Applications, their history and notifications: queries and mutations, free
//! of HTTP. A list of applications is read in a fixed number of queries,
//! whatever its length (see [`views`]).

use super::entity::{application, event, notification};
use super::{Application, Notification, NotificationKind, Stage};
use crate::accounts::{entity::user, Role, SessionUser};
use crate::authz::{may_move_application, may_read_application};
use crate::companies::{entity as company, service as companies};
use crate::error::AppError;
use crate::profiles::entity as profile;
use crate::reasons::Reason;
use crate::vacancies::{entity as vacancy, service::open_condition, VacancyStatus};
use chrono::{NaiveDate, NaiveDateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::*;
use std::collections::HashMap;

/// An application with the rows that decide who may touch it.
struct Row {
    app: application::Model,
    vacancy: vacancy::Model,
    company: company::Model,
}

async fn load<C: ConnectionTrait>(db: &C, id: i32) -> Result<Row, AppError> {
    let app = application::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let vacancy = vacancy::Entity::find_by_id(app.vacancy_id).one(db).await?.ok_or(AppError::NotFound)?;
    let company = company::Entity::find_by_id(vacancy.company_id).one(db).await?.ok_or(AppError::NotFound)?;
    Ok(Row { app, vacancy, company })
}

/// Views of applications: their vacancies, companies, candidates and profiles
/// are read with one query each (five queries in all, whatever the count).
pub async fn views<C: ConnectionTrait>(db: &C, apps: Vec<application::Model>) -> Result<Vec<Application>, AppError> {
    fn by_id<K: std::hash::Hash + Eq, M>(rows: Vec<M>, key: impl Fn(&M) -> K) -> HashMap<K, M> {
        rows.into_iter().map(|m| (key(&m), m)).collect()
    }
    let vacancy_ids: Vec<i32> = apps.iter().map(|a| a.vacancy_id).collect();
    let migrant_ids: Vec<i32> = apps.iter().map(|a| a.migrant_user_id).collect();
    let vacancies =
        by_id(vacancy::Entity::find().filter(vacancy::Column::Id.is_in(vacancy_ids)).all(db).await?, |v| v.id);
    let company_ids: Vec<i32> = vacancies.values().map(|v| v.company_id).collect();
    let companies =
        by_id(company::Entity::find().filter(company::Column::Id.is_in(company_ids)).all(db).await?, |c| c.id);
    let users =
        by_id(user::Entity::find().filter(user::Column::Id.is_in(migrant_ids.clone())).all(db).await?, |u| u.id);
    let mut profiles =
        by_id(profile::Entity::find().filter(profile::Column::UserId.is_in(migrant_ids)).all(db).await?, |p| p.user_id);
    apps.into_iter()
        .map(|app| {
            let v = vacancies.get(&app.vacancy_id).ok_or(AppError::Internal)?;
            let c = companies.get(&v.company_id).ok_or(AppError::Internal)?;
            let candidate = users.get(&app.migrant_user_id);
            Ok(Application {
                candidate_profile: profiles.remove(&app.migrant_user_id).map(profile::Model::into_employer_view),
                id: app.id,
                vacancy_id: v.id,
                occupation_id: v.occupation_id,
                company_name: c.legal_name.clone(),
                stage: app.stage,
                review_within_hours: None,
                interview: app.interview(),
                offer: app.offer(),
                work_permit_no: app.work_permit_no,
                start_date: app.start_date.map(|d| d.to_string()),
                candidate_name: candidate.map(|u| u.name.clone()).unwrap_or_default(),
                candidate_phone: candidate.and_then(|u| u.phone.clone()).unwrap_or_default(),
                candidate_lang: candidate.map(|u| u.locale.clone()).unwrap_or_default(),
                passport_shared: false,
                candidate_certificates: vec![],
                required_qualification_id: v.required_qualification_id,
                created_at: app.created_at.to_rfc3339(),
                history: vec![],
                usual_secs: vec![],
            })
        })
        .collect()
}

/// A new, unread notification: about an application's stage, or (without
/// one) a decision on a company or a vacancy.
struct Note {
    user_id: i32,
    kind: NotificationKind,
    application_id: Option<i32>,
    vacancy_id: Option<i32>,
    stage: Option<Stage>,
}

async fn insert_note<C: ConnectionTrait>(db: &C, n: Note) -> Result<(), AppError> {
    notification::ActiveModel {
        user_id: Set(n.user_id),
        kind: Set(n.kind),
        application_id: Set(n.application_id),
        vacancy_id: Set(n.vacancy_id),
        stage: Set(n.stage),
        case_id: Set(None),
        case_stage: Set(None),
        created_at: Set(Utc::now()),
        read_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

async fn notify<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    kind: NotificationKind,
    app: &application::Model,
    stage: Stage,
) -> Result<(), AppError> {
    let note =
        Note { user_id, kind, application_id: Some(app.id), vacancy_id: Some(app.vacancy_id), stage: Some(stage) };
    insert_note(db, note).await
}

/// Tells an employer of a staff decision on their company or vacancy (in the
/// caller's transaction).
pub async fn notify_decision<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    kind: NotificationKind,
    vacancy_id: Option<i32>,
) -> Result<(), AppError> {
    insert_note(db, Note { user_id, kind, application_id: None, vacancy_id, stage: None }).await
}

async fn record<C: ConnectionTrait>(
    db: &C,
    app_id: i32,
    actor: &SessionUser,
    from: Option<Stage>,
    to: Stage,
    reason: Option<(Reason, &'static str)>,
) -> Result<(), AppError> {
    let (code, note, lang) = crate::reasons::stored(reason);
    event::ActiveModel {
        application_id: Set(app_id),
        actor_user_id: Set(actor.id),
        actor_role: Set(actor.role),
        from_stage: Set(from),
        to_stage: Set(to),
        reason_code: Set(code),
        reason: Set(note),
        reason_lang: Set(lang),
        at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// A migrant applies to an open, published vacancy: once, or again after
/// withdrawing (the same application, its history showing both). The
/// application, its history entry and the notification are one transaction.
pub async fn apply<C: TransactionTrait>(
    db: &C,
    migrant: &SessionUser,
    vacancy_id: i32,
    today: NaiveDate,
) -> Result<i32, AppError> {
    let actor = migrant.clone();
    let id = crate::db::write(db, move |txn| {
        Box::pin(async move { apply_in(txn, &actor, actor.id, vacancy_id, today).await })
    })
    .await?;
    tracing::info!(user_id = migrant.id, application_id = id, "applied");
    Ok(id)
}

/// Applies `migrant_id` to an open vacancy in the caller's transaction: the
/// migrant themself, or staff on their behalf (a worker moved away from an
/// employer, `cases::service::move_worker`; the history names staff as the actor).
pub async fn apply_in<C: ConnectionTrait>(
    txn: &C,
    actor: &SessionUser,
    migrant_id: i32,
    vacancy_id: i32,
    today: NaiveDate,
) -> Result<i32, AppError> {
    let open = vacancy::Entity::find_by_id(vacancy_id)
        .filter(open_condition(today))
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)?;
    // Staff and the employer judge an application by the profile: it comes first.
    if profile::Entity::find_by_id(migrant_id).one(txn).await?.is_none() {
        return Err(AppError::ProfileRequired);
    }
    let earlier = application::Entity::find()
        .filter(application::Column::VacancyId.eq(open.id))
        .filter(application::Column::MigrantUserId.eq(migrant_id))
        .one(txn)
        .await?;
    let now = Utc::now();
    let app = match earlier {
        // Withdrawn earlier: the same application comes back, and its history says so.
        Some(a) if a.stage == Stage::Withdrawn => {
            let moved = application::Entity::update_many()
                .col_expr(application::Column::Stage, Expr::value(Stage::Submitted.as_str()))
                .col_expr(application::Column::UpdatedAt, Expr::value(now))
                .filter(application::Column::Id.eq(a.id))
                .filter(application::Column::Stage.eq(Stage::Withdrawn))
                .exec(txn)
                .await?;
            if moved.rows_affected != 1 {
                return Err(AppError::AlreadyApplied);
            }
            record(txn, a.id, actor, Some(Stage::Withdrawn), Stage::Submitted, None).await?;
            application::Model { stage: Stage::Submitted, updated_at: now, ..a }
        }
        Some(_) => return Err(AppError::AlreadyApplied),
        None => {
            let app = application::ActiveModel {
                vacancy_id: Set(open.id),
                migrant_user_id: Set(migrant_id),
                stage: Set(Stage::Submitted),
                work_permit_no: Set(None),
                start_date: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(txn)
            .await
            .map_err(|e| crate::error::unique_violation_is(e, AppError::AlreadyApplied))?;
            record(txn, app.id, actor, None, Stage::Submitted, None).await?;
            app
        }
    };
    notify(txn, migrant_id, NotificationKind::Stage, &app, Stage::Submitted).await?;
    Ok(app.id)
}

/// What a move records besides the stage: the interview, the offer's terms,
/// the hire's permit number and first day.
#[derive(Debug, Clone, PartialEq)]
pub enum Details {
    None,
    Interview { at: NaiveDateTime, mode: super::InterviewMode, place: String, contact: String },
    Offer { wage_kurus: i64, start: NaiveDate, housing: bool, return_ticket: bool },
    Hire { permit: String, start: NaiveDate },
}

impl Details {
    /// The details that a move to `to` needs (and no other move may carry).
    fn fits(&self, to: Stage) -> bool {
        match self {
            Details::Interview { .. } => to == Stage::Interview,
            Details::Offer { .. } => to == Stage::Offer,
            Details::Hire { .. } => to == Stage::Hired,
            Details::None => !matches!(to, Stage::Interview | Stage::Offer | Stage::Hired),
        }
    }
}

/// A move as asked for, its fields parsed.
pub struct Move {
    pub id: i32,
    pub to: Stage,
    /// Refusals: the reason from the list, its note.
    pub reason: Option<Reason>,
    /// The language the mover writes in (their page's), for the free texts.
    pub lang: &'static str,
    pub details: Details,
}

/// Moves an application: only the role that owns the move, only on a row it may
/// see. The change, its details, its history entry, the notifications and (on
/// hiring) the vacancy's filled count are written in one transaction.
pub async fn move_to<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    actor: &SessionUser,
    m: Move,
) -> Result<(), AppError> {
    let id = m.id;
    let row = load(db, id).await?;
    let from = row.app.stage;
    let owner_id = row.company.owner_user_id;
    let code = m.reason.as_ref().map(|r| r.code.as_str());
    may_move_application(Some(actor), row.app.migrant_user_id, owner_id, from, m.to, code).map_err(|e| {
        if e == AppError::InvalidInput && m.to.needs_reason() && m.reason.is_none() {
            AppError::ReasonRequired
        } else {
            e
        }
    })?;
    if !m.details.fits(m.to) {
        return Err(AppError::InvalidInput);
    }
    if let Details::Offer { wage_kurus, .. } = &m.details {
        let minimum = crate::reference::service::minimum_wage_on(db, Utc::now().date_naive()).await?;
        if *wage_kurus < minimum {
            return Err(AppError::WageBelowMinimum.at("offer_wage"));
        }
    }
    let actor = actor.clone();
    let to = m.to;
    let lang = m.lang;
    crate::db::write(db, move |txn| {
        Box::pin(async move {
            let now = Utc::now();
            // Guard against a concurrent move: only from the stage we checked.
            let mut update = application::Entity::update_many()
                .col_expr(application::Column::Stage, Expr::value(to.as_str()))
                .col_expr(application::Column::UpdatedAt, Expr::value(now));
            update = match m.details {
                Details::None => update,
                Details::Interview { at, mode, place, contact } => update
                    .col_expr(application::Column::InterviewAt, Expr::value(at))
                    .col_expr(application::Column::InterviewMode, Expr::value(mode.as_str()))
                    .col_expr(application::Column::InterviewPlace, Expr::value(place))
                    .col_expr(application::Column::InterviewContact, Expr::value(contact))
                    .col_expr(application::Column::TermsLang, Expr::value(lang)),
                Details::Offer { wage_kurus, start, housing, return_ticket } => update
                    .col_expr(application::Column::OfferWageKurus, Expr::value(wage_kurus))
                    .col_expr(application::Column::OfferStart, Expr::value(start))
                    .col_expr(application::Column::OfferHousing, Expr::value(housing))
                    .col_expr(application::Column::OfferReturnTicket, Expr::value(return_ticket)),
                Details::Hire { permit, start } => update
                    .col_expr(application::Column::WorkPermitNo, Expr::value(permit))
                    .col_expr(application::Column::StartDate, Expr::value(start)),
            };
            let updated = update
                .filter(application::Column::Id.eq(row.app.id))
                .filter(application::Column::Stage.eq(from))
                .exec(txn)
                .await?;
            if updated.rows_affected != 1 {
                return Err(AppError::InvalidInput);
            }
            record(txn, row.app.id, &actor, Some(from), to, m.reason.map(|r| (r, lang))).await?;
            if actor.id != row.app.migrant_user_id {
                notify(txn, row.app.migrant_user_id, NotificationKind::Stage, &row.app, to).await?;
            }
            // The employer hears of a new candidate, of an answer to the offer, of a withdrawal.
            if to == Stage::Forwarded || to == Stage::Accepted || (to == Stage::Withdrawn && from.visible_to_employer())
            {
                notify(txn, owner_id, NotificationKind::Candidate, &row.app, to).await?;
            }
            if to == Stage::Hired {
                // One position more filled, counted in the database so two hires at
                // once both count, and never beyond the positions offered.
                let taken = vacancy::Entity::update_many()
                    .col_expr(vacancy::Column::Filled, Expr::col(vacancy::Column::Filled).add(1))
                    .col_expr(vacancy::Column::UpdatedAt, Expr::value(now))
                    .filter(vacancy::Column::Id.eq(row.vacancy.id))
                    .filter(Expr::col(vacancy::Column::Filled).lt(Expr::col(vacancy::Column::Positions)))
                    .exec(txn)
                    .await?;
                if taken.rows_affected != 1 {
                    return Err(AppError::VacancyFull);
                }
                vacancy::Entity::update_many()
                    .col_expr(vacancy::Column::Status, Expr::value(VacancyStatus::Closed.as_str()))
                    .filter(vacancy::Column::Id.eq(row.vacancy.id))
                    .filter(Expr::col(vacancy::Column::Filled).gte(Expr::col(vacancy::Column::Positions)))
                    .exec(txn)
                    .await?;
            }
            Ok(())
        })
    })
    .await?;
    tracing::info!(application_id = id, from = %from, to = %to, "application moved");
    Ok(())
}

/// The median stay in each stage of all applications over the last 90 days.
pub async fn usual_stays<C: ConnectionTrait>(db: &C) -> Result<Vec<(Stage, i64)>, AppError> {
    use crate::cases::timing::{median_stays, Entry, WINDOW_DAYS};
    let since = Utc::now() - chrono::Duration::days(WINDOW_DAYS);
    let rows: Vec<(i32, Stage, chrono::DateTime<Utc>)> = event::Entity::find()
        .select_only()
        .column(event::Column::ApplicationId)
        .column(event::Column::ToStage)
        .column(event::Column::At)
        .filter(event::Column::At.gte(since))
        .into_tuple()
        .all(db)
        .await?;
    let entries: Vec<Entry<Stage>> =
        rows.into_iter().map(|(row, stage, at)| Entry { row, stage, at: at.timestamp() }).collect();
    let mut usual: Vec<(Stage, i64)> = median_stays(&entries).into_iter().collect();
    usual.sort_by_key(|(s, _)| s.as_str());
    Ok(usual)
}

/// One application with its history, for those who may read it.
pub async fn get<C: ConnectionTrait>(db: &C, user: &SessionUser, id: i32) -> Result<Application, AppError> {
    let row = load(db, id).await?;
    if !may_read_application(Some(user), row.app.migrant_user_id, row.company.owner_user_id, row.app.stage) {
        return Err(AppError::NotFound);
    }
    let history = event::Entity::find()
        .filter(event::Column::ApplicationId.eq(id))
        .order_by_asc(event::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(event::Model::into_view)
        .collect();
    let migrant_id = row.app.migrant_user_id;
    let mut view = views(db, vec![row.app]).await?.pop().ok_or(AppError::Internal)?;
    view.history = history;
    view.usual_secs = usual_stays(db).await?;
    if user.role.is_staff() {
        view.passport_shared =
            crate::profiles::service::shared_passports(db, &[migrant_id]).await?.contains(&migrant_id);
    }
    // Whoever reads the candidate (staff; the employer once forwarded, see
    // `may_read_application`) sees the certificates that count.
    if user.role != Role::Migrant {
        let today = Utc::now().date_naive();
        view.candidate_certificates = crate::skills::service::valid_certificates_of(db, migrant_id, today).await?;
    }
    // How long it takes: the target that admins set for the staff's queue.
    if matches!(view.stage, Stage::Submitted | Stage::Screening) {
        let targets = crate::staff::service::targets(db).await?;
        view.review_within_hours = targets.get(&crate::staff::QueueKind::Applications).copied();
    }
    Ok(view)
}

/// The migrant's own applications; the employer's candidates (once
/// forwarded); for staff, the applications waiting for screening, oldest first.
pub async fn list<C: ConnectionTrait>(db: &C, user: &SessionUser) -> Result<Vec<Application>, AppError> {
    let apps = match user.role {
        Role::Migrant => {
            application::Entity::find()
                .filter(application::Column::MigrantUserId.eq(user.id))
                .order_by_desc(application::Column::Id)
                .all(db)
                .await?
        }
        Role::Employer => {
            let Some(c) = companies::own(db, user.id).await? else {
                return Ok(vec![]);
            };
            let visible: Vec<Stage> = Stage::all().filter(|s| s.visible_to_employer()).collect();
            application::Entity::find()
                .filter(
                    application::Column::VacancyId.in_subquery(
                        sea_orm::sea_query::Query::select()
                            .column(vacancy::Column::Id)
                            .from(vacancy::Entity)
                            .and_where(vacancy::Column::CompanyId.eq(c.id))
                            .to_owned(),
                    ),
                )
                .filter(application::Column::Stage.is_in(visible))
                .order_by_desc(application::Column::UpdatedAt)
                .all(db)
                .await?
        }
        Role::Staff | Role::Admin => {
            let apps = application::Entity::find()
                .filter(application::Column::Stage.is_in([Stage::Submitted, Stage::Screening]))
                .order_by_asc(application::Column::UpdatedAt)
                .all(db)
                .await?;
            let migrants: Vec<i32> = apps.iter().map(|a| a.migrant_user_id).collect();
            let shared = crate::profiles::service::shared_passports(db, &migrants).await?;
            let owners: HashMap<i32, i32> = apps.iter().map(|a| (a.id, a.migrant_user_id)).collect();
            let mut list = views(db, apps).await?;
            for a in &mut list {
                a.passport_shared = owners.get(&a.id).is_some_and(|m| shared.contains(m));
            }
            return Ok(list);
        }
    };
    views(db, apps).await
}

/// The person's notifications, newest first (at most 100).
pub async fn notifications<C: ConnectionTrait>(db: &C, user_id: i32) -> Result<Vec<Notification>, AppError> {
    let rows = notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .order_by_desc(notification::Column::Id)
        .limit(100)
        .all(db)
        .await?;
    // Each names its job and company: one query for all of them.
    let vacancy_ids: Vec<i32> = rows.iter().filter_map(|n| n.vacancy_id).collect();
    let jobs: HashMap<i32, (i32, String)> = vacancy::Entity::find()
        .select_only()
        .column(vacancy::Column::Id)
        .column(vacancy::Column::OccupationId)
        .column(company::Column::LegalName)
        .join(
            JoinType::InnerJoin,
            vacancy::Entity::belongs_to(company::Entity)
                .from(vacancy::Column::CompanyId)
                .to(company::Column::Id)
                .into(),
        )
        .filter(vacancy::Column::Id.is_in(vacancy_ids))
        .into_tuple::<(i32, i32, String)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, occupation, company)| (id, (occupation, company)))
        .collect();
    Ok(rows
        .into_iter()
        .map(|n| {
            let job = n.vacancy_id.and_then(|v| jobs.get(&v).cloned());
            let mut view = n.into_view();
            if let Some((occupation_id, company_name)) = job {
                view.occupation_id = Some(occupation_id);
                view.company_name = Some(company_name);
            }
            view
        })
        .collect())
}

pub async fn unread<C: ConnectionTrait>(db: &C, user_id: i32) -> Result<u64, AppError> {
    Ok(notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::ReadAt.is_null())
        .count(db)
        .await?)
}

/// Marks the person's own unread notifications read; returns how many.
pub async fn mark_read<C: ConnectionTrait>(db: &C, user_id: i32) -> Result<u64, AppError> {
    let r = notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(Some(Utc::now())))
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::ReadAt.is_null())
        .exec(db)
        .await?;
    Ok(r.rows_affected)
}
