//! A case's checklist kept by staff, and the reminders before its due dates
//! (issue 11 item 6b; F6.7). SSR only.
//!
//! Staff add next steps with a due date to any case that is not closed or
//! withdrawn, of any kind, in the language they write (the migrant's: the
//! form says which, as the decision form does), and edit or remove those the
//! migrant has not ticked; the migrant hears of a new or changed step in the
//! site and through the outbox. Only the migrant ticks.
//!
//! The owner is reminded through the outbox [`LEADS`] days before a due date:
//! three days before, and the day before. Each reminder is sent once per step,
//! lead and due date (moving a step's date re-arms the reminders for the new
//! one); never for a ticked step, a closed or withdrawn case, a date that has
//! come, nor for a lead whose day had already come when the step was added or
//! last dated (the "new step" message told it then). Days are counted in
//! Türkiye time (UTC+3). A reminder missed on its day (the server was down) is
//! sent late while its window lasts: the three-day one until two days before,
//! the one-day one until the day itself.
//!
//! The job ([`remind_checklists`]) runs every few minutes in each server
//! process. Each reminder is claimed by inserting its `checklist_reminders`
//! row under a unique key (step, lead, due date) in the same transaction as
//! its outbox message: of two processes at once, one writes both, the other
//! nothing.

use super::entity::{case, checklist};
use super::Stage;
use crate::accounts::{entity::user, SessionUser};
use crate::applications::NotificationKind;
use crate::authz::may_read_case;
use crate::error::AppError;
use crate::outbox::service::{enqueue, telegram_chat_of, NewMessage};
use crate::outbox::{Channel, MessageKind};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::*;

/// How many days before a due date the owner is reminded, largest first.
pub const LEADS: [i64; 2] = [3, 1];

/// The most steps one case carries.
pub const MAX_STEPS: u64 = 30;

/// The longest step label.
pub const MAX_LABEL: usize = 300;

/// How far ahead a due date may lie.
pub const MAX_DAYS_AHEAD: i64 = 730;

pub mod reminder {
    use crate::outbox::Channel;
    use sea_orm::entity::prelude::*;
    /// One reminder sent (see migration `m20261202_000019_reminders`).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "checklist_reminders")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub item_id: i32,
        pub lead_days: i32,
        pub due_on: ChronoDate,
        pub channel: Channel,
        pub sent_at: ChronoDateTimeUtc,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

/// The date in Türkiye (UTC+3, no summer time) at `now`.
pub fn turkiye_date(now: DateTime<Utc>) -> NaiveDate {
    (now + Duration::hours(3)).date_naive()
}

/// A step as staff type it: the label and its due date (`YYYY-MM-DD`), both
/// required, the date from today (Türkiye) to two years ahead. Refusals on the
/// form's fields (`label_field`, `due_field`), all at once.
pub fn parse_step(
    label: &str,
    due_on: &str,
    today: NaiveDate,
    label_field: &str,
    due_field: &str,
) -> Result<(String, NaiveDate), AppError> {
    let mut c = crate::error::Checks::default();
    let label = c.take_as(
        label_field,
        crate::parse::required_text(label, MAX_LABEL, AppError::Required)
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")),
    );
    let due = c.take_as(
        due_field,
        match due_on.trim() {
            "" => Err(AppError::Required),
            d => crate::parse::parse_date(d).and_then(|d| {
                if d < today {
                    Err(AppError::DateInPast)
                } else if d > today + Duration::days(MAX_DAYS_AHEAD) {
                    Err(AppError::OutOfRange)
                } else {
                    Ok(d)
                }
            }),
        },
    );
    c.finish(label.zip(due))
}

/// A case staff may change the checklist of: one they may read, not closed or withdrawn.
async fn open_case_for_staff<C: ConnectionTrait>(
    db: &C,
    staff: &SessionUser,
    case_id: i32,
) -> Result<case::Model, AppError> {
    if !staff.role.is_staff() {
        return Err(AppError::Forbidden);
    }
    let row = case::Entity::find_by_id(case_id).one(db).await?.ok_or(AppError::NotFound)?;
    if !may_read_case(staff, row.owner_user_id) {
        return Err(AppError::NotFound);
    }
    if row.stage.is_final() {
        return Err(AppError::CaseClosed);
    }
    Ok(row)
}

/// A step staff may change, with its case: not ticked yet.
async fn open_step_for_staff<C: ConnectionTrait>(
    db: &C,
    staff: &SessionUser,
    item_id: i32,
) -> Result<(checklist::Model, case::Model), AppError> {
    if !staff.role.is_staff() {
        return Err(AppError::Forbidden);
    }
    let item = checklist::Entity::find_by_id(item_id).one(db).await?.ok_or(AppError::NotFound)?;
    let row = open_case_for_staff(db, staff, item.case_id).await?;
    if item.done_at.is_some() {
        return Err(AppError::InvalidInput);
    }
    Ok((item, row))
}

/// Staff add a step with its due date to a case; its migrant hears of it.
/// Returns the case's id.
pub async fn add_step<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    staff: &SessionUser,
    case_id: i32,
    label: String,
    due_on: NaiveDate,
    lang: &'static str,
) -> Result<i32, AppError> {
    let row = open_case_for_staff(db, staff, case_id).await?;
    let existing = checklist::Entity::find().filter(checklist::Column::CaseId.eq(row.id)).count(db).await?;
    if existing >= MAX_STEPS {
        return Err(AppError::OutOfRange);
    }
    let owner = row.owner_user_id;
    let id = crate::db::write(db, move |txn| {
        Box::pin(async move {
            let last: Option<i32> = checklist::Entity::find()
                .select_only()
                .column_as(checklist::Column::Position.max(), "last")
                .filter(checklist::Column::CaseId.eq(row.id))
                .into_tuple::<Option<i32>>()
                .one(txn)
                .await?
                .flatten();
            let item = checklist::ActiveModel {
                case_id: Set(row.id),
                position: Set(last.map_or(0, |p| p + 1)),
                label: Set(label),
                label_lang: Set(lang.to_string()),
                due_on: Set(Some(due_on)),
                done_at: Set(None),
                created_at: Set(Some(Utc::now())),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            super::service::notify(txn, owner, NotificationKind::CaseStep, row.id, None).await?;
            Ok(item.id)
        })
    })
    .await?;
    tracing::info!(case_id, item_id = id, staff_id = staff.id, "case step added");
    Ok(case_id)
}

/// Staff change a step not yet ticked (its label, its date); its migrant
/// hears of it. The step counts as dated now for its reminders. Returns the case's id.
pub async fn edit_step<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    staff: &SessionUser,
    item_id: i32,
    label: String,
    due_on: NaiveDate,
    lang: &'static str,
) -> Result<i32, AppError> {
    let (item, row) = open_step_for_staff(db, staff, item_id).await?;
    if item.label == label && item.due_on == Some(due_on) {
        return Ok(row.id);
    }
    let redated = item.due_on != Some(due_on);
    let owner = row.owner_user_id;
    crate::db::write(db, move |txn| {
        Box::pin(async move {
            let mut update = checklist::Entity::update_many()
                .col_expr(checklist::Column::Label, Expr::value(label))
                .col_expr(checklist::Column::LabelLang, Expr::value(lang))
                .col_expr(checklist::Column::DueOn, Expr::value(due_on));
            if redated {
                update = update.col_expr(checklist::Column::CreatedAt, Expr::value(Utc::now()));
            }
            // Ticked meanwhile: left as the migrant ticked it.
            let changed = update
                .filter(checklist::Column::Id.eq(item.id))
                .filter(checklist::Column::DoneAt.is_null())
                .exec(txn)
                .await?;
            if changed.rows_affected != 1 {
                return Err(AppError::InvalidInput);
            }
            super::service::notify(txn, owner, NotificationKind::CaseStep, row.id, None).await?;
            Ok(())
        })
    })
    .await?;
    tracing::info!(case_id = row.id, item_id, staff_id = staff.id, "case step changed");
    Ok(row.id)
}

/// Staff remove a step not yet ticked. Returns the case's id.
pub async fn remove_step<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    staff: &SessionUser,
    item_id: i32,
) -> Result<i32, AppError> {
    let (item, row) = open_step_for_staff(db, staff, item_id).await?;
    let gone = checklist::Entity::delete_many()
        .filter(checklist::Column::Id.eq(item.id))
        .filter(checklist::Column::DoneAt.is_null())
        .exec(db)
        .await?;
    if gone.rows_affected != 1 {
        return Err(AppError::InvalidInput);
    }
    tracing::info!(case_id = row.id, item_id, staff_id = staff.id, "case step removed");
    Ok(row.id)
}

/// When each step of a case was reminded of (RFC 3339, oldest first), by step.
pub async fn reminders_of<C: ConnectionTrait>(
    db: &C,
    item_ids: Vec<i32>,
) -> Result<std::collections::HashMap<i32, Vec<String>>, AppError> {
    let mut out: std::collections::HashMap<i32, Vec<String>> = std::collections::HashMap::new();
    if item_ids.is_empty() {
        return Ok(out);
    }
    for r in reminder::Entity::find()
        .filter(reminder::Column::ItemId.is_in(item_ids))
        .order_by_asc(reminder::Column::SentAt)
        .order_by_asc(reminder::Column::Id)
        .all(db)
        .await?
    {
        out.entry(r.item_id).or_default().push(r.sent_at.to_rfc3339());
    }
    Ok(out)
}

/// The lead a step is due to be reminded with on `today`, if any: three days
/// ahead for two or three days left, one for one; none on or after the day,
/// nor when that lead's day had come by the day the step was dated.
pub fn lead_for(due_on: NaiveDate, dated_on: Option<NaiveDate>, today: NaiveDate) -> Option<i64> {
    let left = (due_on - today).num_days();
    let lead = match left {
        1 => 1,
        2 | 3 => 3,
        _ => return None,
    };
    match dated_on {
        Some(d) if d >= due_on - Duration::days(lead) => None,
        _ => Some(lead),
    }
}

/// Where a person's messages go: their Telegram chat, else an SMS, else an
/// e-mail (as `service::notify`); none for a closed or disabled account.
async fn reach<C: ConnectionTrait>(db: &C, person: &user::Model) -> Result<Option<(Channel, String)>, AppError> {
    if person.deleted_at.is_some() || person.disabled {
        return Ok(None);
    }
    Ok(match (telegram_chat_of(db, person.id).await?, &person.phone, &person.email) {
        (Some(chat), _, _) => Some((Channel::Telegram, chat)),
        (None, Some(phone), _) => Some((Channel::Sms, phone.clone())),
        (None, None, Some(email)) => Some((Channel::Email, email.clone())),
        (None, None, None) => None,
    })
}

/// The reminder's (subject, body) in the owner's language: the case's number
/// and the due date, never the step's words (an SMS may be read by others).
fn reminder_text(locale: &str, case_id: i32, due_on: NaiveDate) -> (String, String) {
    use crate::i18n::Locale;
    use leptos_i18n::td_string;
    let l = crate::lang::parse_locale(locale).unwrap_or(Locale::uz);
    let id = case_id.to_string();
    let date = crate::format::date(&due_on.to_string(), l);
    let subject = td_string!(l, checklist.reminder_subject).replace("%ID%", &id);
    let body = td_string!(l, checklist.reminder_body).replace("%ID%", &id).replace("%DATE%", &date);
    (subject, body)
}

/// One run of the reminder job at `now`: every step due for a reminder gets
/// one outbox message to its case's owner, claimed with its record in one
/// transaction. Safe to run in several processes at once. How many were sent.
pub async fn remind_checklists<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let today = turkiye_date(now);
    let horizon = today + Duration::days(*LEADS.iter().max().unwrap_or(&3));
    let due: Vec<checklist::Model> = checklist::Entity::find()
        .join(
            JoinType::InnerJoin,
            checklist::Entity::belongs_to(case::Entity).from(checklist::Column::CaseId).to(case::Column::Id).into(),
        )
        .filter(checklist::Column::DoneAt.is_null())
        .filter(checklist::Column::DueOn.gt(today))
        .filter(checklist::Column::DueOn.lte(horizon))
        .filter(case::Column::Stage.is_not_in([Stage::Closed, Stage::Withdrawn]))
        .order_by_asc(checklist::Column::Id)
        .all(db)
        .await?;
    let mut sent = 0;
    for item in due {
        let Some(due_on) = item.due_on else { continue };
        let Some(row) = case::Entity::find_by_id(item.case_id).one(db).await? else { continue };
        let Some(lead) = lead_for(due_on, item.created_at.map(turkiye_date), today) else { continue };
        let Some(person) = user::Entity::find_by_id(row.owner_user_id).one(db).await? else { continue };
        let Some((channel, to)) = reach(db, &person).await? else { continue };
        let (subject, body) = reminder_text(&person.locale, row.id, due_on);
        let locale = person.locale.clone();
        let owner = person.id;
        let claimed = crate::db::write(db, move |txn| {
            Box::pin(async move {
                // Ticked, redated or closed since the list was read: nothing.
                let still = checklist::Entity::find_by_id(item.id)
                    .filter(checklist::Column::DoneAt.is_null())
                    .filter(checklist::Column::DueOn.eq(due_on))
                    .one(txn)
                    .await?
                    .is_some();
                let open = case::Entity::find_by_id(row.id)
                    .filter(case::Column::Stage.is_not_in([Stage::Closed, Stage::Withdrawn]))
                    .one(txn)
                    .await?
                    .is_some();
                if !still || !open {
                    return Ok(false);
                }
                let claim = reminder::ActiveModel {
                    item_id: Set(item.id),
                    lead_days: Set(lead as i32),
                    due_on: Set(due_on),
                    channel: Set(channel),
                    sent_at: Set(now),
                    ..Default::default()
                };
                let inserted = reminder::Entity::insert(claim)
                    .on_conflict(
                        OnConflict::columns([
                            reminder::Column::ItemId,
                            reminder::Column::LeadDays,
                            reminder::Column::DueOn,
                        ])
                        .do_nothing()
                        .to_owned(),
                    )
                    .exec_without_returning(txn)
                    .await?;
                if inserted == 0 {
                    return Ok(false);
                }
                enqueue(
                    txn,
                    NewMessage {
                        user_id: Some(owner),
                        channel,
                        to,
                        kind: MessageKind::Notification,
                        locale,
                        subject,
                        body,
                    },
                )
                .await?;
                Ok(true)
            })
        })
        .await?;
        if claimed {
            sent += 1;
            tracing::info!(case_id = row.id, item_id = item.id, lead, channel = %channel, "checklist reminder queued");
        }
    }
    Ok(sent)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn leads_three_days_and_one_day_before() {
        let due = d("2026-12-20");
        let added = Some(d("2026-12-01"));
        assert_eq!(lead_for(due, added, d("2026-12-16")), None, "four days ahead: not yet");
        assert_eq!(lead_for(due, added, d("2026-12-17")), Some(3));
        assert_eq!(lead_for(due, added, d("2026-12-18")), Some(3), "missed yesterday: still sent");
        assert_eq!(lead_for(due, added, d("2026-12-19")), Some(1));
        assert_eq!(lead_for(due, added, d("2026-12-20")), None, "the day itself: no more");
        assert_eq!(lead_for(due, added, d("2026-12-21")), None);
        // Added two days before: the three-day lead had come; the one-day one is sent.
        let late = Some(d("2026-12-18"));
        assert_eq!(lead_for(due, late, d("2026-12-18")), None);
        assert_eq!(lead_for(due, late, d("2026-12-19")), Some(1));
        // Added the day before, or after the date: nothing.
        assert_eq!(lead_for(due, Some(d("2026-12-19")), d("2026-12-19")), None);
        assert_eq!(lead_for(due, Some(d("2026-12-22")), d("2026-12-19")), None);
        // Steps of old decisions carry no date of their own.
        assert_eq!(lead_for(due, None, d("2026-12-17")), Some(3));
    }

    #[test]
    fn turkiye_days_start_at_21_utc() {
        let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        assert_eq!(turkiye_date(t("2026-12-16T20:59:00Z")), d("2026-12-16"));
        assert_eq!(turkiye_date(t("2026-12-16T21:00:00Z")), d("2026-12-17"));
    }

    #[test]
    fn steps_need_a_label_and_a_date_from_today() {
        let today = d("2026-12-02");
        assert_eq!(
            parse_step("  Pasport   nusxasi ", "2026-12-10", today, "l", "d"),
            Ok(("Pasport nusxasi".into(), d("2026-12-10")))
        );
        assert_eq!(parse_step("x", "2026-12-02", today, "l", "d").map(|s| s.1), Ok(today));
        let err = |label: &str, due: &str| parse_step(label, due, today, "l", "d").unwrap_err();
        assert_eq!(err("x", "2026-12-01"), AppError::DateInPast.at("d"));
        assert_eq!(err("x", "10.12.2026"), AppError::InvalidDate.at("d"));
        assert_eq!(err("x", ""), AppError::Required.at("d"));
        assert_eq!(err("x", "2029-01-01"), AppError::OutOfRange.at("d"));
        assert_eq!(err(&"y".repeat(301), "2026-12-10"), AppError::TextTooLong.at("l"));
        assert_eq!(
            err(" ", "x"),
            AppError::Fields(vec![
                crate::error::FieldError { field: "l".into(), error: AppError::Required },
                crate::error::FieldError { field: "d".into(), error: AppError::InvalidDate },
            ])
        );
    }
}
