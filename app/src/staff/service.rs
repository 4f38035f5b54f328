//! The staff console's queues. Free of HTTP.

use super::{Queue, QueueKind};
use crate::applications::entity::application as a;
use crate::applications::Stage;
use crate::companies::{entity as c, CompanyStatus};
use crate::error::AppError;
use crate::vacancies::{entity as v, VacancyStatus};
use chrono::{DateTime, Utc};
use sea_orm::*;

/// Each queue with its count and the age of its oldest item.
pub async fn queues<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> Result<Vec<Queue>, AppError> {
    let companies = c::Entity::find().filter(c::Column::Status.eq(CompanyStatus::Pending));
    let vacancies = v::Entity::find().filter(v::Column::Status.eq(VacancyStatus::Submitted));
    let applications = a::Entity::find().filter(a::Column::Stage.is_in([Stage::Submitted, Stage::Screening]));
    Ok(vec![
        queue(db, now, QueueKind::Companies, companies, c::Column::UpdatedAt).await?,
        queue(db, now, QueueKind::Vacancies, vacancies, v::Column::UpdatedAt).await?,
        queue(db, now, QueueKind::Applications, applications, a::Column::UpdatedAt).await?,
    ])
}

async fn queue<C: ConnectionTrait, E: EntityTrait>(
    db: &C,
    now: DateTime<Utc>,
    kind: QueueKind,
    select: Select<E>,
    updated_at: E::Column,
) -> Result<Queue, AppError>
where
    E::Model: Sync,
{
    let count = select.clone().count(db).await?;
    let oldest: Option<DateTime<Utc>> =
        select.select_only().column(updated_at).order_by_asc(updated_at).into_tuple().one(db).await?;
    Ok(Queue { kind, count, oldest_hours: oldest.map(|t| (now - t).num_hours().max(0)) })
}
