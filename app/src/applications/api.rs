use super::{Application, Notification};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
pub mod ssr {
    use super::super::entity::{application, event, notification};
    use super::super::{Application, Event, Stage};
    use crate::accounts::entity::user;
    use crate::companies::entity as company;
    use crate::error::AppError;
    use crate::vacancies::entity as vacancy;
    use sea_orm::*;

    /// The application with the ids that decide who may touch it.
    pub struct Row {
        pub app: application::Model,
        pub vacancy: vacancy::Model,
        pub company: company::Model,
    }

    pub async fn load<C: ConnectionTrait>(db: &C, id: i32) -> Result<Row, AppError> {
        let app = application::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
        let vacancy = vacancy::Entity::find_by_id(app.vacancy_id).one(db).await?.ok_or(AppError::NotFound)?;
        let company = company::Entity::find_by_id(vacancy.company_id).one(db).await?.ok_or(AppError::NotFound)?;
        Ok(Row { app, vacancy, company })
    }

    pub async fn notify<C: ConnectionTrait>(
        db: &C,
        user_id: i32,
        kind: &str,
        app: &application::Model,
        stage: Option<Stage>,
    ) -> Result<(), AppError> {
        notification::ActiveModel {
            user_id: Set(user_id),
            kind: Set(kind.into()),
            application_id: Set(Some(app.id)),
            vacancy_id: Set(Some(app.vacancy_id)),
            stage: Set(stage.map(|s| s.as_str().to_string())),
            created_at: Set(chrono::Utc::now()),
            read_at: Set(None),
            ..Default::default()
        }
        .insert(db)
        .await?;
        Ok(())
    }

    pub async fn view<C: ConnectionTrait>(db: &C, row: Row, with_history: bool) -> Result<Application, AppError> {
        let candidate = user::Entity::find_by_id(row.app.migrant_user_id).one(db).await?;
        let history = if with_history {
            event::Entity::find()
                .filter(event::Column::ApplicationId.eq(row.app.id))
                .order_by_asc(event::Column::Id)
                .all(db)
                .await?
                .into_iter()
                .filter_map(|e| {
                    Some(Event {
                        from: e.from_stage.as_deref().and_then(Stage::parse),
                        to: Stage::parse(&e.to_stage)?,
                        actor_role: e.actor_role,
                        reason: e.reason,
                        at: e.at.to_rfc3339(),
                    })
                })
                .collect()
        } else {
            vec![]
        };
        let profile = crate::profiles::entity::Entity::find_by_id(row.app.migrant_user_id)
            .one(db)
            .await?
            .map(crate::profiles::api::for_employer);
        Ok(Application {
            candidate_profile: profile,
            id: row.app.id,
            vacancy_id: row.vacancy.id,
            occupation_id: row.vacancy.occupation_id,
            company_name: row.company.legal_name,
            stage: Stage::parse(&row.app.stage).unwrap_or(Stage::Submitted),
            work_permit_no: row.app.work_permit_no,
            start_date: row.app.start_date.map(|d| d.to_string()),
            candidate_name: candidate.as_ref().map(|u| u.name.clone()).unwrap_or_default(),
            candidate_phone: candidate.and_then(|u| u.phone).unwrap_or_default(),
            created_at: row.app.created_at.to_rfc3339(),
            history,
        })
    }

    pub async fn views<C: ConnectionTrait>(db: &C, apps: Vec<application::Model>) -> Result<Vec<Application>, AppError> {
        let mut out = Vec::with_capacity(apps.len());
        for app in apps {
            let vacancy = vacancy::Entity::find_by_id(app.vacancy_id).one(db).await?.ok_or(AppError::NotFound)?;
            let company = company::Entity::find_by_id(vacancy.company_id).one(db).await?.ok_or(AppError::NotFound)?;
            out.push(view(db, Row { app, vacancy, company }, false).await?);
        }
        Ok(out)
    }
}

/// A migrant applies to an open, published vacancy (once).
#[server(endpoint = "apply")]
pub async fn apply(vacancy_id: i32) -> Result<(), AppError> {
    use super::entity::{application, event};
    use super::Stage;
    use crate::accounts::Role;
    use crate::vacancies::entity as vacancy;
    use sea_orm::*;
    let mut to = String::from("/applications");
    let result = async {
        let user = crate::accounts::session::current_user().await?.ok_or(AppError::NotSignedIn)?;
        if user.role != Role::Migrant {
            return Err(AppError::Forbidden);
        }
        let state = crate::state::app_state()?;
        let today = chrono::Utc::now().date_naive();
        let open = vacancy::Entity::find_by_id(vacancy_id)
            .filter(crate::vacancies::api::ssr::open_condition(today))
            .one(&state.db)
            .await?
            .ok_or(AppError::NotFound)?;
        let migrant_id = user.id;
        let app = state
            .db
            .transaction::<_, application::Model, AppError>(move |txn| {
                Box::pin(async move {
                    let exists = application::Entity::find()
                        .filter(application::Column::VacancyId.eq(open.id))
                        .filter(application::Column::MigrantUserId.eq(migrant_id))
                        .count(txn)
                        .await?;
                    if exists > 0 {
                        return Err(AppError::AlreadyApplied);
                    }
                    let now = chrono::Utc::now();
                    let app = application::ActiveModel {
                        vacancy_id: Set(open.id),
                        migrant_user_id: Set(migrant_id),
                        stage: Set(Stage::Submitted.as_str().into()),
                        work_permit_no: Set(None),
                        start_date: Set(None),
                        created_at: Set(now),
                        updated_at: Set(now),
                        ..Default::default()
                    }
                    .insert(txn)
                    .await
                    .map_err(|e| match e.sql_err() {
                        Some(SqlErr::UniqueConstraintViolation(_)) => AppError::AlreadyApplied,
                        _ => e.into(),
                    })?;
                    event::ActiveModel {
                        application_id: Set(app.id),
                        actor_user_id: Set(migrant_id),
                        actor_role: Set(Role::Migrant.as_str().into()),
                        from_stage: Set(None),
                        to_stage: Set(Stage::Submitted.as_str().into()),
                        reason: Set(None),
                        at: Set(now),
                        ..Default::default()
                    }
                    .insert(txn)
                    .await?;
                    ssr::notify(txn, migrant_id, "stage", &app, Some(Stage::Submitted)).await?;
                    Ok(app)
                })
            })
            .await?;
        tracing::info!(user_id = user.id, application_id = app.id, "applied");
        to = format!("/applications/{}", app.id);
        Ok(())
    }
    .await;
    crate::forms::finish(result, &to)
}

/// Moves an application to another stage: only the role that owns the move,
/// only on a row it may see; the change, its history entry and the
/// notifications are written in one transaction.
#[server(endpoint = "move_application")]
pub async fn move_application(
    application_id: i32,
    to: String,
    reason: Option<String>,
    work_permit_no: Option<String>,
    start_date: Option<String>,
) -> Result<(), AppError> {
    use super::entity::{application, event};
    use super::Stage;
    use crate::vacancies::{entity as vacancy, VacancyStatus};
    use sea_orm::*;
    let result = async {
        let user = crate::accounts::session::current_user().await?;
        if user.is_none() {
            return Err(AppError::NotSignedIn);
        }
        let to = Stage::parse(&to).ok_or(AppError::InvalidInput)?;
        let reason = reason.map(|r| r.trim().to_string()).filter(|r| !r.is_empty());
        let state = crate::state::app_state()?;
        let row = ssr::load(&state.db, application_id).await?;
        let from = Stage::parse(&row.app.stage).ok_or(AppError::Internal)?;
        crate::authz::may_move_application(
            user.as_ref(),
            row.app.migrant_user_id,
            row.company.owner_user_id,
            from,
            to,
            reason.as_deref(),
        )
        .map_err(|e| if e == AppError::InvalidInput && to.needs_reason() && reason.is_none() { AppError::ReasonRequired } else { e })?;
        let user = user.ok_or(AppError::NotSignedIn)?;
        let (permit, start) = if to == Stage::Hired {
            let permit = work_permit_no.map(|p| p.trim().to_string()).filter(|p| !p.is_empty() && p.len() <= 40)
                .ok_or(AppError::InvalidInput)?;
            let start = crate::vacancies::rules::parse_date(start_date.as_deref().unwrap_or(""))?;
            (Some(permit), Some(start))
        } else {
            (None, None)
        };
        let owner_id = row.company.owner_user_id;
        let actor = user.clone();
        state
            .db
            .transaction::<_, (), AppError>(move |txn| {
                Box::pin(async move {
                    let now = chrono::Utc::now();
                    // Guard against a concurrent move: only from the stage we checked.
                    let updated = application::Entity::update_many()
                        .col_expr(application::Column::Stage, sea_orm::sea_query::Expr::value(to.as_str()))
                        .col_expr(application::Column::UpdatedAt, sea_orm::sea_query::Expr::value(now))
                        .col_expr(application::Column::WorkPermitNo, sea_orm::sea_query::Expr::value(permit.clone()))
                        .col_expr(application::Column::StartDate, sea_orm::sea_query::Expr::value(start))
                        .filter(application::Column::Id.eq(row.app.id))
                        .filter(application::Column::Stage.eq(from.as_str()))
                        .exec(txn)
                        .await?;
                    if updated.rows_affected != 1 {
                        return Err(AppError::InvalidInput);
                    }
                    event::ActiveModel {
                        application_id: Set(row.app.id),
                        actor_user_id: Set(actor.id),
                        actor_role: Set(actor.role.as_str().into()),
                        from_stage: Set(Some(from.as_str().into())),
                        to_stage: Set(to.as_str().into()),
                        reason: Set(reason),
                        at: Set(now),
                        ..Default::default()
                    }
                    .insert(txn)
                    .await?;
                    if actor.id != row.app.migrant_user_id {
                        ssr::notify(txn, row.app.migrant_user_id, "stage", &row.app, Some(to)).await?;
                    }
                    if to == Stage::Forwarded || (to == Stage::Withdrawn && from.visible_to_employer()) {
                        ssr::notify(txn, owner_id, "candidate", &row.app, Some(to)).await?;
                    }
                    if to == Stage::Hired {
                        let v = row.vacancy;
                        let filled = v.filled + 1;
                        let full = filled >= v.positions;
                        let mut am: vacancy::ActiveModel = v.into();
                        am.filled = Set(filled);
                        if full {
                            am.status = Set(VacancyStatus::Closed.as_str().into());
                        }
                        am.updated_at = Set(now);
                        am.update(txn).await?;
                    }
                    Ok(())
                })
            })
            .await?;
        tracing::info!(user_id = user.id, application_id, from = from.as_str(), to = to.as_str(), "application moved");
        Ok(())
    }
    .await;
    crate::forms::finish(result, &format!("/applications/{application_id}"))
}

/// One application with its history, for those who may read it.
#[server(endpoint = "get_application", input = leptos::server_fn::codec::GetUrl)]
pub async fn get_application(id: i32) -> Result<Application, AppError> {
    use super::Stage;
    let user = crate::accounts::session::current_user().await?;
    if user.is_none() {
        return Err(AppError::NotSignedIn);
    }
    let state = crate::state::app_state()?;
    let row = ssr::load(&state.db, id).await?;
    let stage = Stage::parse(&row.app.stage).ok_or(AppError::Internal)?;
    if !crate::authz::may_read_application(user.as_ref(), row.app.migrant_user_id, row.company.owner_user_id, stage) {
        return Err(AppError::NotFound);
    }
    ssr::view(&state.db, row, true).await
}

/// The migrant's own applications; the employer's forwarded candidates; for
/// staff, the applications waiting for screening (oldest first).
#[server(endpoint = "list_applications")]
pub async fn list_applications() -> Result<Vec<Application>, AppError> {
    use super::entity::application;
    use super::Stage;
    use crate::accounts::Role;
    use crate::companies::entity as company;
    use crate::vacancies::entity as vacancy;
    use sea_orm::*;
    let user = crate::accounts::session::current_user().await?.ok_or(AppError::NotSignedIn)?;
    let state = crate::state::app_state()?;
    let db = &state.db;
    let apps = match user.role {
        Role::Migrant => {
            application::Entity::find()
                .filter(application::Column::MigrantUserId.eq(user.id))
                .order_by_desc(application::Column::Id)
                .all(db)
                .await?
        }
        Role::Employer => {
            let Some(c) = company::Entity::find().filter(company::Column::OwnerUserId.eq(user.id)).one(db).await? else {
                return Ok(vec![]);
            };
            let vacancy_ids: Vec<i32> = vacancy::Entity::find()
                .filter(vacancy::Column::CompanyId.eq(c.id))
                .all(db)
                .await?
                .into_iter()
                .map(|v| v.id)
                .collect();
            let visible: Vec<&str> =
                Stage::ALL.into_iter().filter(|s| s.visible_to_employer()).map(|s| s.as_str()).collect();
            application::Entity::find()
                .filter(application::Column::VacancyId.is_in(vacancy_ids))
                .filter(application::Column::Stage.is_in(visible))
                .order_by_desc(application::Column::UpdatedAt)
                .all(db)
                .await?
        }
        Role::Staff | Role::Admin => {
            application::Entity::find()
                .filter(application::Column::Stage.is_in([Stage::Submitted.as_str(), Stage::Screening.as_str()]))
                .order_by_asc(application::Column::UpdatedAt)
                .all(db)
                .await?
        }
    };
    ssr::views(db, apps).await
}

/// The signed-in person's notifications, newest first.
#[server(endpoint = "my_notifications")]
pub async fn my_notifications() -> Result<Vec<Notification>, AppError> {
    use super::entity::notification;
    use super::Stage;
    use sea_orm::*;
    let user = crate::accounts::session::current_user().await?.ok_or(AppError::NotSignedIn)?;
    let rows = notification::Entity::find()
        .filter(notification::Column::UserId.eq(user.id))
        .order_by_desc(notification::Column::Id)
        .limit(100)
        .all(&crate::state::app_state()?.db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|n| Notification {
            id: n.id,
            kind: n.kind,
            application_id: n.application_id,
            stage: n.stage.as_deref().and_then(Stage::parse),
            created_at: n.created_at.to_rfc3339(),
            read: n.read_at.is_some(),
        })
        .collect())
}

/// How many unread notifications (the counter in the header; 0 for visitors).
#[server(endpoint = "unread_count")]
pub async fn unread_count() -> Result<u64, AppError> {
    use super::entity::notification;
    use sea_orm::*;
    let Some(user) = crate::accounts::session::current_user().await? else {
        return Ok(0);
    };
    Ok(notification::Entity::find()
        .filter(notification::Column::UserId.eq(user.id))
        .filter(notification::Column::ReadAt.is_null())
        .count(&crate::state::app_state()?.db)
        .await?)
}

/// Marks all of one's notifications read.
#[server(endpoint = "mark_notifications_read")]
pub async fn mark_notifications_read() -> Result<(), AppError> {
    use super::entity::notification;
    use sea_orm::*;
    let result = async {
        let user = crate::accounts::session::current_user().await?.ok_or(AppError::NotSignedIn)?;
        notification::Entity::update_many()
            .col_expr(notification::Column::ReadAt, sea_orm::sea_query::Expr::value(Some(chrono::Utc::now())))
            .filter(notification::Column::UserId.eq(user.id))
            .filter(notification::Column::ReadAt.is_null())
            .exec(&crate::state::app_state()?.db)
            .await?;
        Ok(())
    }
    .await;
    crate::forms::finish(result, "/notifications")
}
