//! Contributions: queries and mutations, free of HTTP. Every mutation runs in
//! one transaction ([`crate::db::write`]) that first locks the person's
//! account row on PostgreSQL (SQLite's write lock serialises them anyway), so
//! that two concurrent posts cannot both pass the overlap or one-claim check.

use super::entity::{claim_period, period, reminder, rules};
use super::estimate::{self, PeriodIn, Rates};
use super::{
    AgreementStatus, ClaimLine, ContributionsData, Estimate, Overview, Period, PeriodInput, Rules, RulesVersion,
};
use crate::accounts::{entity::user, Role, SessionUser};
use crate::cases::entity::{case, event};
use crate::cases::{CaseKind, EventKind, Stage};
use crate::companies::{entity as company, CompanyStatus};
use crate::documents::{service as documents, Stored};
use crate::error::AppError;
use crate::outbox::service::{enqueue, telegram_chat_of, NewMessage};
use crate::outbox::{Channel, MessageKind};
use crate::reference::entity::minimum_wage;
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use sea_orm::*;
use std::collections::{HashMap, HashSet};

/// The most periods one person keeps (a working life, month by month, and more).
pub const MAX_PERIODS: u64 = 200;
/// The longest note a claim carries.
pub const MAX_NOTE: usize = 4000;

/// Locks the person's account row on PostgreSQL for the rest of the transaction.
async fn lock_person<C: ConnectionTrait>(txn: &C, user_id: i32) -> Result<(), AppError> {
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        user::Entity::find_by_id(user_id).lock_exclusive().one(txn).await?;
    }
    Ok(())
}

/// The rules in force (the newest version) with its row id; the defaults when staff set none.
pub async fn current<C: ConnectionTrait>(db: &C) -> Result<(Rules, Option<i32>), AppError> {
    let row = rules::Entity::find().order_by_desc(rules::Column::Id).one(db).await?;
    Ok(match row {
        Some(r) => (r.into_rules(), Some(r.id)),
        None => (Rules::default(), None),
    })
}

/// Every version of the rules, newest first, with who set it (the defaults last).
pub async fn history<C: ConnectionTrait>(db: &C) -> Result<Vec<RulesVersion>, AppError> {
    let rows = rules::Entity::find().order_by_desc(rules::Column::Id).limit(200).all(db).await?;
    let ids: HashSet<i32> = rows.iter().filter_map(|r| r.set_by_user_id).collect();
    let names: HashMap<i32, String> = user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .column(user::Column::Name)
        .filter(user::Column::Id.is_in(ids))
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let mut out: Vec<RulesVersion> = rows
        .into_iter()
        .map(|r| RulesVersion {
            rules: r.into_rules(),
            by: r.set_by_user_id.and_then(|id| names.get(&id).cloned()),
            at: r.created_at.to_rfc3339(),
        })
        .collect();
    if out.is_empty() {
        out.push(RulesVersion { rules: Rules::default(), by: None, at: String::new() });
    }
    Ok(out)
}

/// Staff set new rules: a new version, on record with who and when.
pub async fn set_rules<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    staff: &SessionUser,
    new: Rules,
) -> Result<(), AppError> {
    if !staff.role.is_staff() {
        return Err(AppError::Forbidden);
    }
    let by = staff.id;
    let saved = new.clone();
    crate::db::write(db, move |txn| {
        Box::pin(async move {
            let in_force_on = match saved.in_force_on.as_deref() {
                Some(d) => Some(crate::parse::parse_date(d)?),
                None => None,
            };
            rules::ActiveModel {
                employee_bp: Set(saved.employee_bp),
                employer_bp: Set(saved.employer_bp),
                floor_minimum_wage: Set(saved.floor_minimum_wage),
                ceiling_hundredths: Set(saved.ceiling_hundredths),
                reclaim_bp: Set(saved.reclaim_bp),
                agreement: Set(saved.agreement),
                in_force_on: Set(in_force_on),
                reminder_days: Set(saved.reminder_days),
                set_by_user_id: Set(Some(by)),
                created_at: Set(Utc::now()),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            Ok(())
        })
    })
    .await?;
    tracing::info!(
        user_id = staff.id,
        agreement = %new.agreement,
        employee_bp = new.employee_bp,
        employer_bp = new.employer_bp,
        reminder_days = new.reminder_days,
        "contribution rules set"
    );
    Ok(())
}

/// The minimum-wage history as (valid from, kuruş).
async fn minimum_wages<C: ConnectionTrait>(db: &C) -> Result<Vec<(NaiveDate, i64)>, AppError> {
    Ok(minimum_wage::Entity::find()
        .select_only()
        .column(minimum_wage::Column::ValidFrom)
        .column(minimum_wage::Column::GrossMonthlyKurus)
        .into_tuple()
        .all(db)
        .await?)
}

fn period_in(p: &period::Model, today: NaiveDate) -> PeriodIn {
    PeriodIn {
        id: p.id,
        from: p.started_on,
        to: p.ended_on.unwrap_or(today).min(today.max(p.started_on)),
        gross_monthly_kurus: p.gross_monthly_kurus,
        insured_days: p.insured_days,
    }
}

async fn periods_of<C: ConnectionTrait>(db: &C, user_id: i32) -> Result<Vec<period::Model>, AppError> {
    Ok(period::Entity::find()
        .filter(period::Column::UserId.eq(user_id))
        .order_by_asc(period::Column::StartedOn)
        .order_by_asc(period::Column::Id)
        .limit(MAX_PERIODS)
        .all(db)
        .await?)
}

/// The estimate of a person's periods under the rules (an open period runs to `today`).
async fn estimate_of<C: ConnectionTrait>(
    db: &C,
    rows: &[period::Model],
    rules: &Rules,
    today: NaiveDate,
) -> Result<Estimate, AppError> {
    if rows.is_empty() {
        return Ok(Estimate::default());
    }
    let wages = minimum_wages(db).await?;
    let ins: Vec<PeriodIn> = rows.iter().map(|p| period_in(p, today)).collect();
    Ok(estimate::estimate(&ins, &Rates::from(rules), &wages))
}

async fn claims_of<C: ConnectionTrait>(db: &C, user_id: i32) -> Result<Vec<case::Model>, AppError> {
    Ok(case::Entity::find()
        .filter(case::Column::OwnerUserId.eq(user_id))
        .filter(case::Column::Kind.eq(CaseKind::Claim))
        .order_by_desc(case::Column::Id)
        .all(db)
        .await?)
}

/// The migrant's contributions page: periods, estimate, rules, claims, companies.
pub async fn overview<C: ConnectionTrait>(db: &C, migrant: &SessionUser) -> Result<Overview, AppError> {
    if migrant.role != Role::Migrant {
        return Err(AppError::Forbidden);
    }
    let today = Utc::now().date_naive();
    let rows = periods_of(db, migrant.id).await?;
    let (rules, _) = current(db).await?;
    let estimate = estimate_of(db, &rows, &rules, today).await?;
    let claims = claims_of(db, migrant.id)
        .await?
        .into_iter()
        .map(|c| ClaimLine { case_id: c.id, stage: c.stage, created_at: c.created_at.to_rfc3339() })
        .collect();
    let companies = crate::cases::service::hiring_companies(db).await?;
    Ok(Overview {
        periods: rows.into_iter().map(period::Model::into_view).collect(),
        estimate,
        rules,
        claims,
        companies,
        today: today.to_string(),
    })
}

/// Adds a period or corrects one of the person's own: the dates may not share
/// a day with another of their periods; a picked company must be verified (its
/// name is then the employer's). `NotFound` for someone else's period.
pub async fn save_period<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    migrant: &SessionUser,
    input: PeriodInput,
) -> Result<i32, AppError> {
    if migrant.role != Role::Migrant {
        return Err(AppError::Forbidden);
    }
    let owner = migrant.id;
    let id = crate::db::write(db, move |txn| {
        Box::pin(async move {
            lock_person(txn, owner).await?;
            let existing = match input.id {
                Some(id) => Some(
                    period::Entity::find_by_id(id)
                        .filter(period::Column::UserId.eq(owner))
                        .one(txn)
                        .await?
                        .ok_or(AppError::NotFound)?,
                ),
                None => None,
            };
            let employer_name = match input.company_id {
                Some(c) => company::Entity::find_by_id(c)
                    .filter(company::Column::Status.eq(CompanyStatus::Verified))
                    .one(txn)
                    .await?
                    .map(|co| co.legal_name)
                    .ok_or(AppError::InvalidInput.at("company_id"))?,
                None => input.employer_name.clone(),
            };
            let others = period::Entity::find()
                .filter(period::Column::UserId.eq(owner))
                .filter(period::Column::Id.ne(input.id.unwrap_or(0)))
                .all(txn)
                .await?;
            if others.iter().any(|o| super::overlaps((o.started_on, o.ended_on), (input.started_on, input.ended_on))) {
                return Err(AppError::PeriodsOverlap.at("started_on"));
            }
            if existing.is_none() && others.len() as u64 >= MAX_PERIODS {
                return Err(AppError::OutOfRange);
            }
            let now = Utc::now();
            let mut am = match existing {
                Some(row) => row.into_active_model(),
                None => period::ActiveModel { user_id: Set(owner), created_at: Set(now), ..Default::default() },
            };
            am.employer_name = Set(employer_name);
            am.company_id = Set(input.company_id);
            am.started_on = Set(input.started_on);
            am.ended_on = Set(input.ended_on);
            am.gross_monthly_kurus = Set(input.gross_monthly_kurus);
            am.sgk_number = Set(input.sgk_number);
            am.insured_days = Set(input.insured_days);
            am.updated_at = Set(now);
            let row = am.save(txn).await?;
            Ok(row.id.unwrap())
        })
    })
    .await?;
    tracing::info!(user_id = migrant.id, period_id = id, "contribution period saved");
    Ok(id)
}

/// Deletes one of the person's own periods (`NotFound` for anyone else's).
/// A claim already filed keeps its copy.
pub async fn delete_period<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    migrant: &SessionUser,
    id: i32,
) -> Result<(), AppError> {
    if migrant.role != Role::Migrant {
        return Err(AppError::Forbidden);
    }
    let owner = migrant.id;
    let gone = period::Entity::delete_many()
        .filter(period::Column::Id.eq(id))
        .filter(period::Column::UserId.eq(owner))
        .exec(db)
        .await?
        .rows_affected;
    if gone == 0 {
        return Err(AppError::NotFound);
    }
    tracing::info!(user_id = owner, period_id = id, "contribution period deleted");
    Ok(())
}

/// Files a claim: only while the agreement is in force, with at least one
/// ended period, one open claim at a time. The case (kind `claim`) carries
/// copies of every period with its estimate then, and the documents; its
/// history starts with "opened". Nothing is written when it is refused.
pub async fn file_claim<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    migrant: &SessionUser,
    note: String,
    lang: &'static str,
    files: Vec<Stored>,
) -> Result<i32, AppError> {
    if migrant.role != Role::Migrant {
        return Err(AppError::Forbidden);
    }
    let actor = migrant.clone();
    let id = crate::db::write(db, move |txn| {
        Box::pin(async move {
            lock_person(txn, actor.id).await?;
            let (rules, rules_id) = current(txn).await?;
            if rules.agreement != AgreementStatus::InForce {
                return Err(AppError::AgreementNotInForce);
            }
            if claims_of(txn, actor.id).await?.iter().any(|c| !c.stage.is_final()) {
                return Err(AppError::ClaimAlreadyOpen);
            }
            let rows = periods_of(txn, actor.id).await?;
            if !rows.iter().any(|p| p.ended_on.is_some()) {
                return Err(AppError::ClaimNeedsPeriods);
            }
            let today = Utc::now().date_naive();
            let est = estimate_of(txn, &rows, &rules, today).await?;
            let now = Utc::now();
            let kind = CaseKind::Claim;
            let row = case::ActiveModel {
                kind: Set(kind),
                owner_user_id: Set(actor.id),
                stage: Set(Stage::Submitted),
                vacancy_id: Set(None),
                company_id: Set(None),
                application_id: Set(None),
                assigned_to: Set(None),
                category: Set(None),
                urgent: Set(false),
                summary: Set(note),
                lang: Set(lang.to_string()),
                entered_on: Set(None),
                entry_route: Set(None),
                current_status: Set(None),
                sector_id: Set(None),
                employer_company_id: Set(None),
                employer_name: Set(None),
                fee_kurus: Set(None),
                decision: Set(None),
                decision_reason: Set(None),
                decision_lang: Set(None),
                stage_entered_at: Set(now),
                due_at: Set(crate::cases::stage::due_after(kind, Stage::Submitted, false).map(|d| now + d)),
                last_reply_at: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            event::ActiveModel {
                case_id: Set(row.id),
                actor_user_id: Set(Some(actor.id)),
                actor_role: Set(actor.role),
                kind: Set(EventKind::Opened),
                from_stage: Set(None),
                to_stage: Set(Some(Stage::Submitted)),
                reason: Set(None),
                reason_lang: Set(None),
                detail: Set(None),
                at: Set(now),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            let by_id: HashMap<i32, &super::PeriodEstimate> = est.periods.iter().map(|e| (e.period_id, e)).collect();
            for p in &rows {
                let e = by_id.get(&p.id).copied().cloned().unwrap_or_default();
                claim_period::ActiveModel {
                    case_id: Set(row.id),
                    rules_id: Set(rules_id),
                    employer_name: Set(p.employer_name.clone()),
                    company_id: Set(p.company_id),
                    started_on: Set(p.started_on),
                    ended_on: Set(p.ended_on),
                    gross_monthly_kurus: Set(p.gross_monthly_kurus),
                    sgk_number: Set(p.sgk_number.clone()),
                    insured_days: Set(p.insured_days),
                    days: Set(e.days),
                    employee_kurus: Set(e.employee_kurus),
                    employer_kurus: Set(e.employer_kurus),
                    reclaimable_kurus: Set(e.reclaimable_kurus),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
            }
            for f in files {
                documents::attach(txn, row.id, None, &actor, f).await?;
            }
            Ok(row.id)
        })
    })
    .await?;
    tracing::info!(user_id = migrant.id, case_id = id, "contributions claim filed");
    Ok(id)
}

/// The periods a claim carried, for its migrant and staff (`NotFound` for anyone else).
pub async fn claim_periods<C: ConnectionTrait>(
    db: &C,
    reader: &SessionUser,
    case_id: i32,
) -> Result<Vec<super::ClaimPeriod>, AppError> {
    let row = case::Entity::find_by_id(case_id)
        .filter(case::Column::Kind.eq(CaseKind::Claim))
        .one(db)
        .await?
        .filter(|c| crate::authz::may_read_case(reader, c.owner_user_id))
        .ok_or(AppError::NotFound)?;
    Ok(claim_period::Entity::find()
        .filter(claim_period::Column::CaseId.eq(row.id))
        .order_by_asc(claim_period::Column::StartedOn)
        .order_by_asc(claim_period::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(claim_period::Model::into_view)
        .collect())
}

/// The texts of the reminder, in the person's language, by the agreement's state.
fn reminder_texts(locale: &str, agreement: AgreementStatus) -> (String, String) {
    use crate::i18n::Locale;
    use leptos_i18n::td_string;
    let l = crate::lang::parse_locale(locale).unwrap_or(Locale::uz);
    match agreement {
        AgreementStatus::InForce => (
            td_string!(l, contributions.remind_subject).to_string(),
            td_string!(l, contributions.remind_in_force).to_string(),
        ),
        AgreementStatus::Negotiating => (
            td_string!(l, contributions.remind_subject).to_string(),
            td_string!(l, contributions.remind_negotiating).to_string(),
        ),
    }
}

/// The latest due time at or before `now` of a schedule of `every` days that
/// starts the day after `ended` (00:00 UTC): `ended + 1 day + k × every`, k ≥ 1.
pub fn due_time(ended: NaiveDate, every_days: i32, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    if every_days <= 0 {
        return None;
    }
    let start = (ended + Duration::days(1)).and_time(NaiveTime::MIN).and_utc();
    let step = Duration::days(i64::from(every_days));
    let k = (now - start).num_seconds().div_euclid(step.num_seconds());
    (k >= 1).then(|| start + step * k as i32)
}

/// Reminds returnees of their contributions: migrants with at least one period,
/// every period ended, back in Uzbekistan (their profile's location), with no
/// claim (a withdrawn one does not count), whose account is live. Each is
/// reminded once per due time of the staff's schedule ([`due_time`]), never
/// sooner than the schedule after the last reminder; off when the schedule is 0.
/// Through the outbox (their Telegram chat, else SMS, else e-mail), each in one
/// transaction with the record of the reminder. Answers how many were reminded.
pub async fn remind_returnees<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    use crate::profiles::{entity as profile, LocationKind};
    let (rules, _) = current(db).await?;
    if rules.reminder_days <= 0 {
        return Ok(0);
    }
    // Per person: how many periods, how many still running, the last end.
    let rows: Vec<(i32, Option<NaiveDate>)> = period::Entity::find()
        .select_only()
        .column(period::Column::UserId)
        .column(period::Column::EndedOn)
        .into_tuple()
        .all(db)
        .await?;
    let mut last_end: HashMap<i32, Option<NaiveDate>> = HashMap::new();
    for (user_id, ended) in rows {
        let slot = last_end.entry(user_id).or_insert(ended);
        *slot = match (*slot, ended) {
            (Some(a), Some(b)) => Some(a.max(b)),
            _ => None,
        };
    }
    let candidates: Vec<i32> = last_end.iter().filter(|(_, e)| e.is_some()).map(|(id, _)| *id).collect();
    if candidates.is_empty() {
        return Ok(0);
    }
    let mut sent = 0;
    for chunk in candidates.chunks(500) {
        let home: HashSet<i32> = profile::Entity::find()
            .select_only()
            .column(profile::Column::UserId)
            .filter(profile::Column::UserId.is_in(chunk.iter().copied()))
            .filter(profile::Column::LocationKind.eq(LocationKind::Uz))
            .into_tuple::<i32>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        let claimed: HashSet<i32> = case::Entity::find()
            .select_only()
            .column(case::Column::OwnerUserId)
            .filter(case::Column::OwnerUserId.is_in(chunk.iter().copied()))
            .filter(case::Column::Kind.eq(CaseKind::Claim))
            .filter(case::Column::Stage.ne(Stage::Withdrawn))
            .into_tuple::<i32>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        let reminded: HashMap<i32, reminder::Model> = reminder::Entity::find()
            .filter(reminder::Column::UserId.is_in(chunk.iter().copied()))
            .all(db)
            .await?
            .into_iter()
            .map(|r| (r.user_id, r))
            .collect();
        let people: HashMap<i32, user::Model> = user::Entity::find()
            .filter(user::Column::Id.is_in(chunk.iter().copied()))
            .filter(user::Column::Role.eq(Role::Migrant))
            .filter(user::Column::DeletedAt.is_null())
            .filter(user::Column::Disabled.eq(false))
            .all(db)
            .await?
            .into_iter()
            .map(|u| (u.id, u))
            .collect();
        let every = Duration::days(i64::from(rules.reminder_days));
        for &user_id in chunk {
            let (Some(person), true, false) =
                (people.get(&user_id), home.contains(&user_id), claimed.contains(&user_id))
            else {
                continue;
            };
            let Some(Some(ended)) = last_end.get(&user_id).copied() else { continue };
            let Some(due) = due_time(ended, rules.reminder_days, now) else { continue };
            if let Some(r) = reminded.get(&user_id) {
                if r.last_due_at >= due || now - r.last_sent_at < every {
                    continue;
                }
            }
            let (subject, body) = reminder_texts(&person.locale, rules.agreement);
            let locale = person.locale.clone();
            let (phone, email) = (person.phone.clone(), person.email.clone());
            let had = reminded.contains_key(&user_id);
            let done = crate::db::write(db, move |txn| {
                Box::pin(async move {
                    let (channel, to) = match (telegram_chat_of(txn, user_id).await?, phone, email) {
                        (Some(chat), _, _) => (Channel::Telegram, chat),
                        (None, Some(phone), _) => (Channel::Sms, phone),
                        (None, None, Some(email)) => (Channel::Email, email),
                        (None, None, None) => return Ok(false),
                    };
                    enqueue(
                        txn,
                        NewMessage {
                            user_id: Some(user_id),
                            channel,
                            to,
                            kind: MessageKind::Notification,
                            locale,
                            subject,
                            body,
                        },
                    )
                    .await?;
                    let am =
                        reminder::ActiveModel { user_id: Set(user_id), last_due_at: Set(due), last_sent_at: Set(now) };
                    if had {
                        am.update(txn).await?;
                    } else {
                        am.insert(txn).await?;
                    }
                    Ok(true)
                })
            })
            .await?;
            if done {
                sent += 1;
            }
        }
    }
    if sent > 0 {
        tracing::info!(reminded = sent, "returnees reminded of their contributions");
    }
    Ok(sent)
}

/// A person's contributions data for their export.
pub async fn export_for<C: ConnectionTrait>(db: &C, user_id: i32) -> Result<ContributionsData, AppError> {
    let periods = periods_of(db, user_id).await?.into_iter().map(period::Model::into_view).collect::<Vec<Period>>();
    let claims = claims_of(db, user_id).await?;
    let copies = claim_period::Entity::find()
        .filter(claim_period::Column::CaseId.is_in(claims.iter().map(|c| c.id)))
        .order_by_asc(claim_period::Column::Id)
        .all(db)
        .await?;
    let mut by_case: Vec<(i32, Vec<super::ClaimPeriod>)> = claims.iter().rev().map(|c| (c.id, Vec::new())).collect();
    for c in copies {
        if let Some((_, list)) = by_case.iter_mut().find(|(id, _)| *id == c.case_id) {
            list.push(c.into_view());
        }
    }
    let last_reminded_at = reminder::Entity::find_by_id(user_id).one(db).await?.map(|r| r.last_sent_at.to_rfc3339());
    Ok(ContributionsData { periods, claims: by_case, last_reminded_at })
}

/// Erases a person's periods, their claims' copies and their reminder record,
/// in the caller's transaction (the claim cases themselves go with the cases).
pub async fn erase_for<C: ConnectionTrait>(txn: &C, user_id: i32) -> Result<(), AppError> {
    let theirs = sea_orm::sea_query::Query::select()
        .column(case::Column::Id)
        .from(case::Entity)
        .and_where(case::Column::OwnerUserId.eq(user_id))
        .to_owned();
    claim_period::Entity::delete_many().filter(claim_period::Column::CaseId.in_subquery(theirs)).exec(txn).await?;
    period::Entity::delete_many().filter(period::Column::UserId.eq(user_id)).exec(txn).await?;
    reminder::Entity::delete_many().filter(reminder::Column::UserId.eq(user_id)).exec(txn).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn due_times_follow_the_schedule_from_the_day_after_the_last_period() {
        let ended = NaiveDate::from_ymd_opt(2026, 1, 31).unwrap();
        assert_eq!(due_time(ended, 30, at("2026-03-02T23:59:59Z")), None);
        assert_eq!(due_time(ended, 30, at("2026-03-03T00:00:00Z")), Some(at("2026-03-03T00:00:00Z")));
        assert_eq!(due_time(ended, 30, at("2026-04-01T12:00:00Z")), Some(at("2026-03-03T00:00:00Z")));
        assert_eq!(due_time(ended, 30, at("2026-04-02T00:00:00Z")), Some(at("2026-04-02T00:00:00Z")));
        assert_eq!(due_time(ended, 0, at("2027-01-01T00:00:00Z")), None);
        assert_eq!(due_time(ended, 30, at("2025-01-01T00:00:00Z")), None);
    }
}
