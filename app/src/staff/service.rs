//! The staff console: its queues against their targets, and what waits, in one
//! list, urgent cases first, then the oldest. Free of HTTP.

use super::{Console, Queue, QueueKind, Waiting, WaitingFlag, TARGET_HOURS_MAX};
use crate::accounts::entity::user;
use crate::accounts::{Role, SessionUser};
use crate::applications::entity::application as a;
use crate::applications::Stage;
use crate::cases::entity::{case, message};
use crate::cases::{CaseKind, Stage as CaseStage};
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

/// The console for `staff`: every queue with its count, oldest item, target
/// and overdue count (the queues of cases also with what `staff` holds and
/// how many are urgent); the waiting items of all queues in one list, urgent
/// cases first, then the oldest, each with what it lacks; the emergency
/// numbers that are still samples. A fixed number of queries, whatever the
/// number of items.
pub async fn console<C: ConnectionTrait>(db: &C, staff: &SessionUser, now: DateTime<Utc>) -> Result<Console, AppError> {
    if !staff.role.is_staff() {
        return Err(AppError::Forbidden);
    }
    let targets = targets(db).await?;
    let since = |k: QueueKind| now - Duration::hours(targets[&k]);
    let hours = |t: DateTime<Utc>| (now - t).num_hours().max(0);

    let companies = c::Entity::find().filter(c::Column::Status.eq(CompanyStatus::Pending));
    let vacancies = v::Entity::find().filter(v::Column::Status.eq(VacancyStatus::Submitted));
    let applications = a::Entity::find().filter(a::Column::Stage.is_in([Stage::Submitted, Stage::Screening]));
    let mut queues = vec![
        queue(db, now, QueueKind::Companies, companies.clone(), c::Column::UpdatedAt, &targets).await?,
        queue(db, now, QueueKind::Vacancies, vacancies.clone(), v::Column::UpdatedAt, &targets).await?,
        queue(db, now, QueueKind::Applications, applications.clone(), a::Column::UpdatedAt, &targets).await?,
    ];
    queues.extend(case_queues(db, staff, now, &targets).await?);
    let assessments = crate::skills::entity::assessment::Entity::find().filter(
        crate::skills::entity::assessment::Column::Status
            .is_in([crate::skills::AssessmentStatus::Requested, crate::skills::AssessmentStatus::Scheduled]),
    );
    queues.push(
        queue(
            db,
            now,
            QueueKind::Assessments,
            assessments.clone(),
            crate::skills::entity::assessment::Column::UpdatedAt,
            &targets,
        )
        .await?,
    );

    let mut waiting: Vec<(DateTime<Utc>, Waiting)> = vec![];
    let item = |kind, id, name, occupation_id, at: DateTime<Utc>, flags| Waiting {
        kind,
        id,
        name,
        occupation_id,
        category: None,
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
    // The open cases that wait for staff (not for the migrant's documents):
    // urgent first, then the oldest; their migrants' names come with the candidates'.
    let cases = case::Entity::find()
        .filter(case::Column::Stage.is_in(staff_turn_stages()))
        .order_by_desc(case::Column::Urgent)
        .order_by_asc(case::Column::CreatedAt)
        .order_by_asc(case::Column::Id)
        .limit(LISTED_PER_QUEUE * CaseKind::all().count() as u64)
        .all(db)
        .await?;
    let awaiting = awaiting_staff(db, cases.iter().map(|c| c.id).collect()).await?;
    let tests = assessments
        .order_by_asc(crate::skills::entity::assessment::Column::UpdatedAt)
        .limit(LISTED_PER_QUEUE)
        .all(db)
        .await?;
    let mut people = migrants.clone();
    people.extend(cases.iter().map(|c| c.owner_user_id));
    people.extend(tests.iter().map(|t| t.migrant_id));
    let names: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(people))
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
    for co in cases {
        let kind = QueueKind::of_case(co.kind);
        let mut flags = if co.urgent { vec![WaitingFlag::Urgent] } else { vec![] };
        if awaiting.contains(&co.id) {
            flags.push(WaitingFlag::AwaitingStaff);
        }
        let name = names.get(&co.owner_user_id).cloned().unwrap_or_default();
        let mut w = item(kind, co.id, name, None, co.created_at, flags);
        w.category = co.category;
        w.overdue = w.overdue || co.due_at.is_some_and(|d| d < now);
        waiting.push((co.created_at, w));
    }
    for t in tests {
        let name = names.get(&t.migrant_id).cloned().unwrap_or_default();
        waiting.push((t.updated_at, item(QueueKind::Assessments, t.id, name, None, t.updated_at, vec![])));
    }
    // Urgent cases first; then the oldest, across the queues.
    waiting.sort_by_key(|(at, w)| (!w.flags.contains(&WaitingFlag::Urgent), *at, w.kind as u8, w.id));

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
    // One query: the count, the overdue ones, the oldest.
    let overdue = Condition::all().add(updated_at.lt(overdue_before));
    let (count, overdue, oldest): (i64, Option<i64>, Option<DateTime<Utc>>) = select
        .select_only()
        .column_as(updated_at.count(), "count")
        .column_as(count_if(overdue), "overdue")
        .column_as(updated_at.min(), "oldest")
        .into_tuple()
        .one(db)
        .await?
        .unwrap_or((0, None, None));
    Ok(Queue {
        kind,
        count: count.max(0) as u64,
        oldest_hours: oldest.map(|t| (now - t).num_hours().max(0)),
        target_hours: targets[&kind],
        overdue: overdue.unwrap_or(0).max(0) as u64,
        mine: 0,
        urgent: 0,
    })
}

/// `SUM(CASE WHEN cond THEN 1 ELSE 0 END)`: how many rows meet `cond`.
fn count_if(cond: Condition) -> sea_query::SimpleExpr {
    use sea_query::{Expr, Func};
    Func::sum(Expr::case(cond, 1).finally(0)).into()
}

/// The stages in which a case counts in its queue (`Stage::is_open`).
fn open_stages() -> Vec<CaseStage> {
    CaseStage::all().filter(|s| s.is_open()).collect()
}

/// The open stages in which it is staff's turn (not the migrant's documents).
fn staff_turn_stages() -> Vec<CaseStage> {
    CaseStage::all().filter(|s| s.is_open() && !s.waits_for_migrant()).collect()
}

/// The queues of cases, one per kind, in one grouped query: the open cases
/// (as `cases::service::counts` counts them), those `staff` holds, the urgent
/// ones, the oldest (since it was filed), and the overdue ones: staff's turn
/// and filed longer ago than the queue's target, or past their stage's due
/// date (urgent help is due within hours).
async fn case_queues<C: ConnectionTrait>(
    db: &C,
    staff: &SessionUser,
    now: DateTime<Utc>,
    targets: &HashMap<QueueKind, i64>,
) -> Result<Vec<Queue>, AppError> {
    let mut past_target = Condition::any();
    for kind in CaseKind::all() {
        let since = now - Duration::hours(targets[&QueueKind::of_case(kind)]);
        past_target = past_target.add(case::Column::Kind.eq(kind).and(case::Column::CreatedAt.lt(since)));
    }
    let overdue = Condition::all()
        .add(case::Column::Stage.is_in(staff_turn_stages()))
        .add(Condition::any().add(past_target).add(case::Column::DueAt.lt(now)));
    let rows: Vec<CaseCounts> = case::Entity::find()
        .select_only()
        .column(case::Column::Kind)
        .column_as(case::Column::Id.count(), "open")
        .column_as(count_if(Condition::all().add(case::Column::AssignedTo.eq(staff.id))), "mine")
        .column_as(count_if(Condition::all().add(case::Column::Urgent.eq(true))), "urgent")
        .column_as(count_if(overdue), "overdue")
        .column_as(case::Column::CreatedAt.min(), "oldest")
        .filter(case::Column::Stage.is_in(open_stages()))
        .group_by(case::Column::Kind)
        .into_tuple()
        .all(db)
        .await?;
    Ok(CaseKind::all()
        .map(|kind| {
            let q = QueueKind::of_case(kind);
            let (_, open, mine, urgent, overdue, oldest) =
                rows.iter().find(|r| r.0 == kind).copied().unwrap_or((kind, 0, 0, 0, 0, None));
            let n = |v: i64| v.max(0) as u64;
            Queue {
                kind: q,
                count: n(open),
                oldest_hours: oldest.map(|t| (now - t).num_hours().max(0)),
                target_hours: targets[&q],
                overdue: n(overdue),
                mine: n(mine),
                urgent: n(urgent),
            }
        })
        .collect())
}

/// One kind's row of [`case_queues`]: open, mine, urgent, overdue, the oldest.
type CaseCounts = (CaseKind, i64, i64, i64, i64, Option<DateTime<Utc>>);

/// The cases among `ids` whose thread's last word is the migrant's (one query).
async fn awaiting_staff<C: ConnectionTrait>(db: &C, ids: Vec<i32>) -> Result<std::collections::HashSet<i32>, AppError> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let newest = sea_query::Query::select()
        .expr(sea_query::Expr::col(message::Column::Id).max())
        .from(message::Entity)
        .and_where(message::Column::CaseId.is_in(ids))
        .group_by_col(message::Column::CaseId)
        .to_owned();
    let rows: Vec<(i32, Role)> = message::Entity::find()
        .select_only()
        .column(message::Column::CaseId)
        .column(message::Column::AuthorRole)
        .filter(message::Column::Id.in_subquery(newest))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().filter(|(_, role)| *role == Role::Migrant).map(|(id, _)| id).collect())
}
