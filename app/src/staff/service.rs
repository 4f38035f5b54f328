//! The staff console: its queues against their targets, and what waits, in one
//! list, oldest first. Free of HTTP.

use super::{Console, Queue, QueueKind, Waiting, WaitingFlag, TARGET_HOURS_MAX};
use crate::accounts::entity::user;
use crate::applications::entity::application as a;
use crate::applications::Stage;
use crate::companies::{entity as c, CompanyStatus};
use crate::error::AppError;
use crate::profiles::entity as profile;
use crate::vacancies::{entity as v, VacancyStatus};
use chrono::{DateTime, Duration, Utc};
use sea_orm::*;
use std::collections::HashMap;

/// The per-queue targets that admins set.
pub mod target {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "queue_targets")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub queue: crate::staff::QueueKind,
        pub target_hours: i32,
        pub updated_at: ChronoDateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// How many items of each queue the single list shows at most.
const LISTED_PER_QUEUE: u64 = 50;

/// Each queue's target in hours: as an admin set it, else the default.
pub async fn targets<C: ConnectionTrait>(db: &C) -> Result<HashMap<QueueKind, i64>, AppError> {
    let set: HashMap<QueueKind, i64> =
        target::Entity::find().all(db).await?.into_iter().map(|t| (t.queue, i64::from(t.target_hours))).collect();
    Ok(QueueKind::all().map(|k| (k, set.get(&k).copied().unwrap_or(k.default_target_hours()))).collect())
}

/// An admin sets a queue's target (1 to 720 hours).
pub async fn set_target<C: ConnectionTrait>(db: &C, queue: QueueKind, hours: i64) -> Result<(), AppError> {
    if !(1..=TARGET_HOURS_MAX).contains(&hours) {
        return Err(AppError::OutOfRange.at("target_hours"));
    }
    let row = target::ActiveModel { queue: Set(queue), target_hours: Set(hours as i32), updated_at: Set(Utc::now()) };
    target::Entity::insert(row)
        .on_conflict(
            sea_query::OnConflict::column(target::Column::Queue)
                .update_columns([target::Column::TargetHours, target::Column::UpdatedAt])
                .to_owned(),
        )
        .exec(db)
        .await?;
    Ok(())
}

/// The console: every queue with its count, oldest item, target and overdue
/// count; the waiting items of all queues in one list, oldest first, each
/// with what it lacks; the emergency numbers that are still samples.
pub async fn console<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> Result<Console, AppError> {
    let targets = targets(db).await?;
    let since = |k: QueueKind| now - Duration::hours(targets[&k]);
    let hours = |t: DateTime<Utc>| (now - t).num_hours().max(0);

    let companies = c::Entity::find().filter(c::Column::Status.eq(CompanyStatus::Pending));
    let vacancies = v::Entity::find().filter(v::Column::Status.eq(VacancyStatus::Submitted));
    let applications = a::Entity::find().filter(a::Column::Stage.is_in([Stage::Submitted, Stage::Screening]));
    let queues = vec![
        queue(db, now, QueueKind::Companies, companies.clone(), c::Column::UpdatedAt, &targets).await?,
        queue(db, now, QueueKind::Vacancies, vacancies.clone(), v::Column::UpdatedAt, &targets).await?,
        queue(db, now, QueueKind::Applications, applications.clone(), a::Column::UpdatedAt, &targets).await?,
    ];

    let mut waiting: Vec<(DateTime<Utc>, Waiting)> = vec![];
    let item = |kind, id, name, occupation_id, at: DateTime<Utc>, flags| Waiting {
        kind,
        id,
        name,
        occupation_id,
        hours: hours(at),
        overdue: at < since(kind),
        flags,
    };
    for co in companies.order_by_asc(c::Column::UpdatedAt).limit(LISTED_PER_QUEUE).all(db).await? {
        waiting.push((co.updated_at, item(QueueKind::Companies, co.id, co.legal_name, None, co.updated_at, vec![])));
    }
    let rows = vacancies
        .select_also(c::Entity)
        .join(JoinType::LeftJoin, v::Entity::belongs_to(c::Entity).from(v::Column::CompanyId).to(c::Column::Id).into())
        .order_by_asc(v::Column::UpdatedAt)
        .limit(LISTED_PER_QUEUE)
        .all(db)
        .await?;
    for (va, co) in rows {
        let flags = if va.text_uz.is_none() { vec![WaitingFlag::NoTranslation] } else { vec![] };
        let name = co.map(|c| c.legal_name).unwrap_or_default();
        waiting.push((
            va.updated_at,
            item(QueueKind::Vacancies, va.id, name, Some(va.occupation_id), va.updated_at, flags),
        ));
    }
    let apps = applications.order_by_asc(a::Column::UpdatedAt).limit(LISTED_PER_QUEUE).all(db).await?;
    let migrants: Vec<i32> = apps.iter().map(|x| x.migrant_user_id).collect();
    let names: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(migrants.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let with_profile: std::collections::HashSet<i32> = profile::Entity::find()
        .select_only()
        .column(profile::Column::UserId)
        .filter(profile::Column::UserId.is_in(migrants))
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let jobs: HashMap<i32, i32> = v::Entity::find()
        .select_only()
        .column(v::Column::Id)
        .column(v::Column::OccupationId)
        .filter(v::Column::Id.is_in(apps.iter().map(|x| x.vacancy_id).collect::<Vec<_>>()))
        .into_tuple::<(i32, i32)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    for ap in apps {
        let flags = if with_profile.contains(&ap.migrant_user_id) { vec![] } else { vec![WaitingFlag::NoProfile] };
        let name = names.get(&ap.migrant_user_id).cloned().unwrap_or_default();
        let job = jobs.get(&ap.vacancy_id).copied();
        waiting.push((ap.updated_at, item(QueueKind::Applications, ap.id, name, job, ap.updated_at, flags)));
    }
    waiting.sort_by_key(|(at, w)| (*at, w.kind as u8, w.id));

    let sample_contacts = crate::contacts::entity::Entity::find()
        .filter(crate::contacts::entity::Column::Placeholder.eq(true))
        .count(db)
        .await?;
    Ok(Console { queues, waiting: waiting.into_iter().map(|(_, w)| w).collect(), sample_contacts })
}

async fn queue<C: ConnectionTrait, E: EntityTrait>(
    db: &C,
    now: DateTime<Utc>,
    kind: QueueKind,
    select: Select<E>,
    updated_at: E::Column,
    targets: &HashMap<QueueKind, i64>,
) -> Result<Queue, AppError>
where
    E::Model: Sync,
{
    let overdue_before = now - Duration::hours(targets[&kind]);
    let count = select.clone().count(db).await?;
    let overdue = select.clone().filter(updated_at.lt(overdue_before)).count(db).await?;
    let oldest: Option<DateTime<Utc>> =
        select.select_only().column(updated_at).order_by_asc(updated_at).into_tuple().one(db).await?;
    Ok(Queue {
        kind,
        count,
        oldest_hours: oldest.map(|t| (now - t).num_hours().max(0)),
        target_hours: targets[&kind],
        overdue,
    })
}
