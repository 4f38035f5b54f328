//! Cases: queries and mutations, free of HTTP. Every mutation runs in one
//! transaction with its history entry, its notifications and its outbox
//! messages ([`crate::db::write`]); every read checks the row with
//! [`may_read_case`] and answers `NotFound` to anyone who may not see it.

use super::entity::{case, checklist, event, message, note};
use super::stage::due_after;
use super::timing::{median_stays, Entry, WINDOW_DAYS};
use super::{
    Case, CaseKind, CaseLine, Category, CurrentStatus, Decision, EntryRoute, Event, EventKind, Message, Note, Queue,
    QueueFilter, Stage, StageTime,
};
use crate::accounts::{entity::user, Role, SessionUser};
use crate::applications::entity::notification;
use crate::applications::NotificationKind;
use crate::authz::{may_move_case, may_read_case};
use crate::companies::{entity as company, CompanyStatus};
use crate::documents::{service as documents, Stored};
use crate::error::AppError;
use crate::outbox::service::{enqueue, telegram_chat_of, NewMessage};
use crate::outbox::{Channel, MessageKind};
use crate::vacancies::entity as vacancy;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::*;
use std::collections::HashMap;

pub use super::reminders::remind_checklists;

/// The longest text a migrant or staff member writes in one field.
pub const MAX_TEXT: usize = 4000;

/// What a regularisation request adds to a case.
#[derive(Debug, Clone, PartialEq)]
pub struct RegularisationAnswers {
    pub entered_on: NaiveDate,
    pub entry_route: EntryRoute,
    pub current_status: CurrentStatus,
    pub sector_id: i32,
    pub employer_company_id: Option<i32>,
    pub employer_name: Option<String>,
}

/// A new case as the migrant filed it, its fields parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct NewCase {
    pub kind: CaseKind,
    pub category: Option<Category>,
    pub urgent: bool,
    pub summary: String,
    /// The language the migrant wrote in.
    pub lang: &'static str,
    /// Fee reports: the vacancy (its company comes with it).
    pub vacancy_id: Option<i32>,
    /// Complaints: the employer, picked from the migrant's applications, or a name.
    pub company_id: Option<i32>,
    pub employer_name: Option<String>,
    pub regularisation: Option<RegularisationAnswers>,
    pub fee_kurus: Option<i64>,
}

/// One move as asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct Move {
    pub id: i32,
    pub to: Stage,
    pub decision: Option<Decision>,
    pub reason: Option<String>,
    pub lang: &'static str,
    /// A regularisation found eligible: the next steps, with their due dates.
    pub checklist: Vec<(String, Option<NaiveDate>)>,
}

async fn load<C: ConnectionTrait>(db: &C, user: &SessionUser, id: i32) -> Result<case::Model, AppError> {
    let row = case::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    if !may_read_case(user, row.owner_user_id) {
        return Err(AppError::NotFound);
    }
    Ok(row)
}

fn due(kind: CaseKind, stage: Stage, urgent: bool, from: DateTime<Utc>) -> Option<DateTime<Utc>> {
    due_after(kind, stage, urgent).map(|d| from + d)
}

/// A history entry, in the caller's transaction.
#[allow(clippy::too_many_arguments)]
async fn record<C: ConnectionTrait>(
    db: &C,
    case_id: i32,
    actor: &SessionUser,
    kind: EventKind,
    from: Option<Stage>,
    to: Option<Stage>,
    reason: Option<(String, &str)>,
    detail: Option<String>,
) -> Result<(), AppError> {
    let (reason, reason_lang) = match reason {
        Some((r, l)) => (Some(r), Some(l.to_string())),
        None => (None, None),
    };
    event::ActiveModel {
        case_id: Set(case_id),
        actor_user_id: Set(Some(actor.id)),
        actor_role: Set(actor.role),
        kind: Set(kind),
        from_stage: Set(from),
        to_stage: Set(to),
        reason: Set(reason),
        reason_lang: Set(reason_lang),
        detail: Set(detail),
        at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The texts of the messages that cases send, in the recipient's language.
#[derive(Clone, Copy)]
enum Texts {
    Reply,
    Moved,
    /// Staff added or changed a next step (`reminders`).
    Step,
}

impl Texts {
    /// (subject, body) with the case's number in place (`%ID%`).
    fn render(self, locale: &str, case_id: i32) -> (String, String) {
        use crate::i18n::Locale;
        use leptos_i18n::td_string;
        let l = crate::lang::parse_locale(locale).unwrap_or(Locale::uz);
        let (subject, body) = match self {
            Texts::Reply => (td_string!(l, messages.case_reply_subject), td_string!(l, messages.case_reply)),
            Texts::Moved => (td_string!(l, messages.case_moved_subject), td_string!(l, messages.case_moved)),
            Texts::Step => (td_string!(l, checklist.step_subject), td_string!(l, checklist.step_body)),
        };
        let id = case_id.to_string();
        (subject.replace("%ID%", &id), body.replace("%ID%", &id))
    }
}

/// Tells a person of news on a case: in the site (a notification) and outside
/// it through the outbox — their Telegram chat when linked, else an SMS to
/// their phone, else an e-mail. In the caller's transaction.
pub(super) async fn notify<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    kind: NotificationKind,
    case_id: i32,
    stage: Option<Stage>,
) -> Result<(), AppError> {
    notification::ActiveModel {
        user_id: Set(user_id),
        kind: Set(kind),
        application_id: Set(None),
        vacancy_id: Set(None),
        stage: Set(None),
        case_id: Set(Some(case_id)),
        case_stage: Set(stage),
        created_at: Set(Utc::now()),
        read_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let Some(person) = user::Entity::find_by_id(user_id).one(db).await? else {
        return Ok(());
    };
    if person.deleted_at.is_some() || person.disabled {
        return Ok(());
    }
    let texts = match kind {
        NotificationKind::CaseReply => Texts::Reply,
        NotificationKind::CaseStep => Texts::Step,
        _ => Texts::Moved,
    };
    let (subject, body) = texts.render(&person.locale, case_id);
    let (channel, to) = match (telegram_chat_of(db, user_id).await?, &person.phone, &person.email) {
        (Some(chat), _, _) => (Channel::Telegram, chat),
        (None, Some(phone), _) => (Channel::Sms, phone.clone()),
        (None, None, Some(email)) => (Channel::Email, email.clone()),
        (None, None, None) => return Ok(()),
    };
    enqueue(
        db,
        NewMessage {
            user_id: Some(user_id),
            channel,
            to,
            kind: MessageKind::Notification,
            locale: person.locale.clone(),
            subject,
            body,
        },
    )
    .await
}

/// Opens a case with its documents, its first history entry and (for an
/// urgent one) nothing less than the top of its queue. Fee reports take their
/// company from the vacancy; complaints may name a company only from the
/// migrant's own applications.
pub async fn open<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    migrant: &SessionUser,
    new: NewCase,
    files: Vec<Stored>,
) -> Result<i32, AppError> {
    if migrant.role != Role::Migrant {
        return Err(AppError::Forbidden);
    }
    let (vacancy_id, company_id) = match new.kind {
        CaseKind::FeeReport => {
            let id = new.vacancy_id.ok_or(AppError::InvalidInput)?;
            let v = vacancy::Entity::find_by_id(id)
                .filter(vacancy::Column::Status.eq(crate::vacancies::VacancyStatus::Published))
                .one(db)
                .await?
                .ok_or(AppError::NotFound)?;
            (Some(v.id), Some(v.company_id))
        }
        CaseKind::Complaint => match new.company_id {
            Some(c) => {
                if !my_employers(db, migrant.id).await?.iter().any(|(id, _)| *id == c) {
                    return Err(AppError::InvalidInput.at("company_id"));
                }
                (None, Some(c))
            }
            None if new.employer_name.is_some() => (None, None),
            None => return Err(AppError::Required.at("employer_name")),
        },
        CaseKind::Regularisation | CaseKind::Help => (None, None),
        // A claim is filed with its periods, once the agreement is in force
        // (`contributions::service::file_claim`), never as a bare case.
        CaseKind::Claim => return Err(AppError::InvalidInput.at("kind")),
    };
    if let Some(r) = &new.regularisation {
        if let Some(c) = r.employer_company_id {
            let verified = company::Entity::find_by_id(c)
                .filter(company::Column::Status.eq(CompanyStatus::Verified))
                .one(db)
                .await?;
            if verified.is_none() {
                return Err(AppError::InvalidInput.at("employer_company_id"));
            }
        }
    }
    let urgent = new.urgent || new.category.is_some_and(Category::always_urgent);
    let actor = migrant.clone();
    let id = crate::db::write(db, move |txn| {
        Box::pin(async move {
            let now = Utc::now();
            let reg = new.regularisation;
            let employer_name = reg.as_ref().and_then(|r| r.employer_name.clone()).or(new.employer_name);
            let row = case::ActiveModel {
                kind: Set(new.kind),
                owner_user_id: Set(actor.id),
                stage: Set(Stage::Submitted),
                vacancy_id: Set(vacancy_id),
                company_id: Set(company_id),
                application_id: Set(None),
                assigned_to: Set(None),
                category: Set(new.category),
                urgent: Set(urgent),
                summary: Set(new.summary),
                lang: Set(new.lang.to_string()),
                entered_on: Set(reg.as_ref().map(|r| r.entered_on)),
                entry_route: Set(reg.as_ref().map(|r| r.entry_route)),
                current_status: Set(reg.as_ref().map(|r| r.current_status)),
                sector_id: Set(reg.as_ref().map(|r| r.sector_id)),
                employer_company_id: Set(reg.as_ref().and_then(|r| r.employer_company_id)),
                employer_name: Set(employer_name),
                // What was asked for belongs to a fee report only (like its vacancy).
                fee_kurus: Set(new.fee_kurus.filter(|_| new.kind == CaseKind::FeeReport)),
                decision: Set(None),
                decision_reason: Set(None),
                decision_lang: Set(None),
                stage_entered_at: Set(now),
                due_at: Set(due(new.kind, Stage::Submitted, urgent, now)),
                last_reply_at: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            record(txn, row.id, &actor, EventKind::Opened, None, Some(Stage::Submitted), None, None).await?;
            for f in files {
                documents::attach(txn, row.id, None, &actor, f).await?;
            }
            Ok(row.id)
        })
    })
    .await?;
    tracing::info!(user_id = migrant.id, case_id = id, kind = %new.kind, urgent, "case opened");
    Ok(id)
}

/// The companies a migrant may complain about by name: those of their applications.
pub async fn my_employers<C: ConnectionTrait>(db: &C, migrant_id: i32) -> Result<Vec<(i32, String)>, AppError> {
    use crate::applications::entity::application;
    let rows: Vec<(i32, String)> = company::Entity::find()
        .select_only()
        .column(company::Column::Id)
        .column(company::Column::LegalName)
        .join(
            JoinType::InnerJoin,
            company::Entity::belongs_to(vacancy::Entity)
                .from(company::Column::Id)
                .to(vacancy::Column::CompanyId)
                .into(),
        )
        .join(
            JoinType::InnerJoin,
            vacancy::Entity::belongs_to(application::Entity)
                .from(vacancy::Column::Id)
                .to(application::Column::VacancyId)
                .into(),
        )
        .filter(application::Column::MigrantUserId.eq(migrant_id))
        .distinct()
        .order_by_asc(company::Column::LegalName)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows)
}

/// Verified companies a regularisation request may name as willing to hire.
pub async fn hiring_companies<C: ConnectionTrait>(db: &C) -> Result<Vec<(i32, String)>, AppError> {
    Ok(company::Entity::find()
        .select_only()
        .column(company::Column::Id)
        .column(company::Column::LegalName)
        .filter(company::Column::Status.eq(CompanyStatus::Verified))
        .order_by_asc(company::Column::LegalName)
        .limit(500)
        .into_tuple()
        .all(db)
        .await?)
}

async fn names<C: ConnectionTrait>(db: &C, ids: Vec<i32>) -> Result<HashMap<i32, user::Model>, AppError> {
    Ok(user::Entity::find().filter(user::Column::Id.is_in(ids)).all(db).await?.into_iter().map(|u| (u.id, u)).collect())
}

/// The median stay in each stage of a kind over the last 90 days.
pub async fn usual_stays<C: ConnectionTrait>(db: &C, kind: CaseKind) -> Result<HashMap<Stage, i64>, AppError> {
    let since = Utc::now() - Duration::days(WINDOW_DAYS);
    let rows: Vec<(i32, Stage, DateTime<Utc>)> = event::Entity::find()
        .select_only()
        .column(event::Column::CaseId)
        .column(event::Column::ToStage)
        .column(event::Column::At)
        .join(
            JoinType::InnerJoin,
            event::Entity::belongs_to(case::Entity).from(event::Column::CaseId).to(case::Column::Id).into(),
        )
        .filter(case::Column::Kind.eq(kind))
        .filter(event::Column::At.gte(since))
        .filter(event::Column::ToStage.is_not_null())
        .filter(event::Column::Kind.is_in([EventKind::Opened, EventKind::Moved]))
        .into_tuple()
        .all(db)
        .await?;
    let entries: Vec<Entry<Stage>> =
        rows.into_iter().map(|(row, stage, at)| Entry { row, stage, at: at.timestamp() }).collect();
    Ok(median_stays(&entries))
}

/// One case, for its migrant or staff. Staff also get the internal notes.
pub async fn get<C: ConnectionTrait>(db: &C, user: &SessionUser, id: i32) -> Result<Case, AppError> {
    let row = load(db, user, id).await?;
    let events = event::Entity::find()
        .filter(event::Column::CaseId.eq(id))
        .order_by_asc(event::Column::At)
        .order_by_asc(event::Column::Id)
        .all(db)
        .await?;
    let messages = message::Entity::find()
        .filter(message::Column::CaseId.eq(id))
        .order_by_asc(message::Column::Id)
        .all(db)
        .await?;
    let notes = if user.role.is_staff() {
        note::Entity::find().filter(note::Column::CaseId.eq(id)).order_by_asc(note::Column::Id).all(db).await?
    } else {
        Vec::new()
    };
    let items = checklist::Entity::find()
        .filter(checklist::Column::CaseId.eq(id))
        .order_by_asc(checklist::Column::Position)
        .all(db)
        .await?;
    let mut reminded = super::reminders::reminders_of(db, items.iter().map(|i| i.id).collect()).await?;
    let docs = documents::list_for_case(db, id).await?;
    let mut ids: Vec<i32> = vec![row.owner_user_id];
    ids.extend(row.assigned_to);
    ids.extend(events.iter().filter_map(|e| e.actor_user_id));
    ids.extend(messages.iter().filter_map(|m| m.author_user_id));
    ids.extend(notes.iter().filter_map(|n| n.author_user_id));
    let people = names(db, ids).await?;
    let name_of = |id: Option<i32>| id.and_then(|i| people.get(&i)).map(|u| u.name.clone());
    // The company the case is about; for a regularisation, the one willing to hire.
    let company = match row.company_id.or(row.employer_company_id) {
        Some(c) => company::Entity::find_by_id(c).one(db).await?,
        None => None,
    };
    let occupation_id = match row.vacancy_id {
        Some(v) => vacancy::Entity::find_by_id(v).one(db).await?.map(|v| v.occupation_id),
        None => None,
    };
    let usual = usual_stays(db, row.kind).await?;
    let owner = people.get(&row.owner_user_id).ok_or(AppError::Internal)?;
    let staff_view = user.role.is_staff();
    let history: Vec<Event> = events
        .iter()
        .map(|e| Event {
            kind: e.kind,
            from: e.from_stage,
            to: e.to_stage,
            actor_role: e.actor_role,
            // The migrant sees who holds the case: staff's names; their own is theirs.
            actor_name: name_of(e.actor_user_id),
            reason: e.reason.clone(),
            reason_lang: e.reason_lang.clone(),
            detail: e.detail.clone(),
            at: e.at.to_rfc3339(),
        })
        .collect();
    let timeline = super::stage::stages_of(row.kind)
        .iter()
        .filter(|s| **s != Stage::Withdrawn || row.stage == Stage::Withdrawn)
        .map(|s| StageTime {
            stage: *s,
            entered_at: events.iter().rev().find(|e| e.to_stage == Some(*s)).map(|e| e.at.to_rfc3339()),
            usual_secs: usual.get(s).copied(),
        })
        .collect();
    let messages = messages
        .into_iter()
        .map(|m| Message {
            id: m.id,
            from_staff: m.author_role.is_staff(),
            author_name: name_of(m.author_user_id).unwrap_or_default(),
            body: m.body,
            lang: m.lang,
            at: m.created_at.to_rfc3339(),
            documents: docs.iter().filter(|d| d.message_id == Some(m.id)).cloned().collect(),
        })
        .collect();
    if staff_view {
        tracing::info!(staff_id = user.id, case_id = id, "staff read a case");
    }
    Ok(Case {
        id: row.id,
        kind: row.kind,
        stage: row.stage,
        urgent: row.urgent,
        category: row.category,
        summary: row.summary.clone(),
        lang: row.lang.clone(),
        vacancy_id: row.vacancy_id,
        occupation_id,
        company_id: row.company_id,
        company_name: company
            .as_ref()
            .filter(|_| row.company_id.is_some())
            .map(|c| c.legal_name.clone())
            .or_else(|| row.employer_name.clone()),
        company_status: company.as_ref().filter(|_| row.company_id.is_some()).map(|c| c.status),
        application_id: row.application_id,
        regularisation: row.regularisation().map(|mut r| {
            if r.employer_name.is_none() && r.employer_company_id.is_some() {
                r.employer_name = company.as_ref().map(|c| c.legal_name.clone());
            }
            r
        }),
        fee_kurus: row.fee_kurus,
        holder: name_of(row.assigned_to),
        assigned_to: row.assigned_to,
        decision: row.decision,
        decision_reason: row.decision_reason.clone(),
        decision_lang: row.decision_lang.clone(),
        stage_entered_at: row.stage_entered_at.to_rfc3339(),
        due_at: row.due_at.map(|d| d.to_rfc3339()),
        last_reply_at: row.last_reply_at.map(|d| d.to_rfc3339()),
        created_at: row.created_at.to_rfc3339(),
        owner_name: owner.name.clone(),
        owner_phone: if staff_view { owner.phone.clone() } else { None },
        owner_lang: owner.locale.clone(),
        history,
        messages,
        documents: docs,
        checklist: items
            .into_iter()
            .map(|i| {
                let sent = reminded.remove(&i.id).unwrap_or_default();
                crate::cases::ChecklistItem { reminded: sent, ..i.into_view() }
            })
            .collect(),
        timeline,
        assignable: if staff_view { staff_members(db).await? } else { Vec::new() },
        notes: notes
            .into_iter()
            .map(|n| Note {
                author_name: name_of(n.author_user_id).unwrap_or_default(),
                body: n.body,
                at: n.created_at.to_rfc3339(),
            })
            .collect(),
    })
}

/// Lines of cases, with the names of their migrants and holders and whether
/// the thread's last word is the migrant's (three queries whatever the count).
async fn lines<C: ConnectionTrait>(db: &C, rows: Vec<case::Model>) -> Result<Vec<CaseLine>, AppError> {
    let mut ids: Vec<i32> = rows.iter().map(|r| r.owner_user_id).collect();
    ids.extend(rows.iter().filter_map(|r| r.assigned_to));
    let people = names(db, ids).await?;
    let case_ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    // The newest message of each case: who wrote it.
    let last: HashMap<i32, Role> = message::Entity::find()
        .filter(message::Column::CaseId.is_in(case_ids))
        .order_by_asc(message::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.case_id, m.author_role))
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| CaseLine {
            id: r.id,
            kind: r.kind,
            stage: r.stage,
            urgent: r.urgent,
            category: r.category,
            owner_name: people.get(&r.owner_user_id).map(|u| u.name.clone()).unwrap_or_default(),
            holder: r.assigned_to.and_then(|a| people.get(&a)).map(|u| u.name.clone()),
            assigned_to: r.assigned_to,
            created_at: r.created_at.to_rfc3339(),
            stage_entered_at: r.stage_entered_at.to_rfc3339(),
            due_at: r.due_at.map(|d| d.to_rfc3339()),
            last_reply_at: r.last_reply_at.map(|d| d.to_rfc3339()),
            awaiting_staff: last.get(&r.id).is_some_and(|role| *role == Role::Migrant),
        })
        .collect())
}

/// The migrant's own cases, newest first.
pub async fn mine<C: ConnectionTrait>(db: &C, user: &SessionUser) -> Result<Vec<CaseLine>, AppError> {
    if user.role != Role::Migrant {
        return Err(AppError::Forbidden);
    }
    let rows = case::Entity::find()
        .filter(case::Column::OwnerUserId.eq(user.id))
        .order_by_desc(case::Column::Id)
        .all(db)
        .await?;
    lines(db, rows).await
}

fn open_stages() -> Vec<Stage> {
    Stage::all().filter(|s| s.is_open()).collect()
}

/// A staff queue: the open cases of a kind (or those of the filter's stage),
/// urgent first, then the oldest; its counts are those of all open cases of
/// the kind, whatever the filter.
pub async fn queue<C: ConnectionTrait>(
    db: &C,
    staff: &SessionUser,
    kind: CaseKind,
    filter: &QueueFilter,
) -> Result<Queue, AppError> {
    if !staff.role.is_staff() {
        return Err(AppError::Forbidden);
    }
    let mut q = counts(db, staff, kind).await?;
    let mut select = case::Entity::find().filter(case::Column::Kind.eq(kind));
    select = match filter.stage.parse::<Stage>() {
        Ok(s) => select.filter(case::Column::Stage.eq(s)),
        Err(_) => select.filter(case::Column::Stage.is_in(open_stages())),
    };
    select = match filter.holder.as_str() {
        "mine" => select.filter(case::Column::AssignedTo.eq(staff.id)),
        "unassigned" => select.filter(case::Column::AssignedTo.is_null()),
        _ => select,
    };
    if filter.urgent {
        select = select.filter(case::Column::Urgent.eq(true));
    }
    let rows = select
        .order_by_desc(case::Column::Urgent)
        .order_by_asc(case::Column::CreatedAt)
        .order_by_asc(case::Column::Id)
        .limit(200)
        .all(db)
        .await?;
    q.lines = lines(db, rows).await?;
    Ok(q)
}

/// The counts of one kind's queue for the dashboard: open, mine, urgent, the oldest.
pub async fn counts<C: ConnectionTrait>(db: &C, staff: &SessionUser, kind: CaseKind) -> Result<Queue, AppError> {
    let open =
        || case::Entity::find().filter(case::Column::Kind.eq(kind)).filter(case::Column::Stage.is_in(open_stages()));
    let oldest: Option<DateTime<Utc>> = open()
        .select_only()
        .column_as(case::Column::CreatedAt.min(), "oldest")
        .into_tuple::<Option<DateTime<Utc>>>()
        .one(db)
        .await?
        .flatten();
    Ok(Queue {
        kind,
        open: open().count(db).await?,
        mine: open().filter(case::Column::AssignedTo.eq(staff.id)).count(db).await?,
        urgent: open().filter(case::Column::Urgent.eq(true)).count(db).await?,
        oldest: oldest.map(|d| d.to_rfc3339()),
        lines: Vec::new(),
    })
}

/// Moves a case: only the role that owns the move, only on a row it may see.
/// A decision sets its reason (in the writer's language) and, for an eligible
/// regularisation, the next steps. One transaction with the history entry and
/// the migrant's notification.
pub async fn move_to<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    actor: &SessionUser,
    m: Move,
) -> Result<(), AppError> {
    let row = case::Entity::find_by_id(m.id).one(db).await?.ok_or(AppError::NotFound)?;
    let from = row.stage;
    may_move_case(actor, row.owner_user_id, row.kind, from, m.to, m.decision, m.reason.as_deref())?;
    if !m.checklist.is_empty() && m.decision != Some(Decision::Eligible) {
        return Err(AppError::InvalidInput);
    }
    let actor = actor.clone();
    let to = m.to;
    crate::db::write(db, move |txn| {
        Box::pin(async move {
            let now = Utc::now();
            let mut update = case::Entity::update_many()
                .col_expr(case::Column::Stage, Expr::value(to.as_str()))
                .col_expr(case::Column::StageEnteredAt, Expr::value(now))
                .col_expr(case::Column::DueAt, Expr::value(due(row.kind, to, row.urgent, now)))
                .col_expr(case::Column::UpdatedAt, Expr::value(now));
            if let Some(d) = m.decision {
                update = update
                    .col_expr(case::Column::Decision, Expr::value(d.as_str()))
                    .col_expr(case::Column::DecisionReason, Expr::value(m.reason.clone()))
                    .col_expr(case::Column::DecisionLang, Expr::value(m.lang));
            }
            // Guard against a concurrent move: only from the stage we checked.
            let moved =
                update.filter(case::Column::Id.eq(row.id)).filter(case::Column::Stage.eq(from)).exec(txn).await?;
            if moved.rows_affected != 1 {
                return Err(AppError::InvalidInput);
            }
            let reason = m.reason.map(|r| (r, m.lang));
            record(txn, row.id, &actor, EventKind::Moved, Some(from), Some(to), reason, None).await?;
            for (i, (label, due_on)) in m.checklist.into_iter().enumerate() {
                checklist::ActiveModel {
                    case_id: Set(row.id),
                    position: Set(i as i32),
                    label: Set(label),
                    label_lang: Set(m.lang.to_string()),
                    due_on: Set(due_on),
                    done_at: Set(None),
                    created_at: Set(Some(now)),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
            }
            if actor.id != row.owner_user_id {
                notify(txn, row.owner_user_id, NotificationKind::CaseMoved, row.id, Some(to)).await?;
            }
            Ok(())
        })
    })
    .await?;
    tracing::info!(case_id = m.id, from = %from, to = %to, "case moved");
    Ok(())
}

/// Gives a case to a staff member (oneself when `to` is `None`); recorded.
pub async fn assign<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    staff: &SessionUser,
    id: i32,
    to: Option<i32>,
) -> Result<(), AppError> {
    if !staff.role.is_staff() {
        return Err(AppError::Forbidden);
    }
    let row = load(db, staff, id).await?;
    let holder_id = to.unwrap_or(staff.id);
    let holder = user::Entity::find_by_id(holder_id)
        .one(db)
        .await?
        .filter(|u| u.role.is_staff() && !u.disabled)
        .ok_or(AppError::InvalidInput.at("assign_to"))?;
    if row.assigned_to == Some(holder.id) {
        return Ok(());
    }
    let actor = staff.clone();
    crate::db::write(db, move |txn| {
        Box::pin(async move {
            case::Entity::update_many()
                .col_expr(case::Column::AssignedTo, Expr::value(holder.id))
                .col_expr(case::Column::UpdatedAt, Expr::value(Utc::now()))
                .filter(case::Column::Id.eq(row.id))
                .exec(txn)
                .await?;
            record(txn, row.id, &actor, EventKind::Assigned, None, None, None, Some(holder.name.clone())).await?;
            Ok(())
        })
    })
    .await?;
    tracing::info!(case_id = id, staff_id = staff.id, holder_id, "case assigned");
    Ok(())
}

/// The staff members a case can be given to.
pub async fn staff_members<C: ConnectionTrait>(db: &C) -> Result<Vec<(i32, String)>, AppError> {
    Ok(user::Entity::find()
        .filter(user::Column::Role.is_in([Role::Staff, Role::Admin]))
        .filter(user::Column::Disabled.eq(false))
        .order_by_asc(user::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect())
}

/// An internal note (staff only; the migrant never receives it).
pub async fn add_note<C: ConnectionTrait>(db: &C, staff: &SessionUser, id: i32, body: String) -> Result<(), AppError> {
    if !staff.role.is_staff() {
        return Err(AppError::Forbidden);
    }
    let row = load(db, staff, id).await?;
    note::ActiveModel {
        case_id: Set(row.id),
        author_user_id: Set(Some(staff.id)),
        body: Set(body),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// A message in the thread, with its attachments; the other side hears of it
/// in the site and through the outbox: the migrant of a staff reply, the
/// case's holder of the migrant's message (an unassigned case shows in its
/// queue as waiting for an answer). A closed or withdrawn case takes no more.
pub async fn post_message<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    author: &SessionUser,
    id: i32,
    body: String,
    lang: &'static str,
    files: Vec<Stored>,
) -> Result<(), AppError> {
    let row = load(db, author, id).await?;
    if row.stage.is_final() {
        return Err(AppError::CaseClosed);
    }
    let actor = author.clone();
    crate::db::write(db, move |txn| {
        Box::pin(async move {
            let now = Utc::now();
            let m = message::ActiveModel {
                case_id: Set(row.id),
                author_user_id: Set(Some(actor.id)),
                author_role: Set(actor.role),
                body: Set(body),
                lang: Set(lang.to_string()),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            for f in files {
                documents::attach(txn, row.id, Some(m.id), &actor, f).await?;
            }
            case::Entity::update_many()
                .col_expr(case::Column::LastReplyAt, Expr::value(now))
                .col_expr(case::Column::UpdatedAt, Expr::value(now))
                .filter(case::Column::Id.eq(row.id))
                .exec(txn)
                .await?;
            let to = if actor.role.is_staff() { Some(row.owner_user_id) } else { row.assigned_to };
            if let Some(to) = to.filter(|t| *t != actor.id) {
                notify(txn, to, NotificationKind::CaseReply, row.id, None).await?;
            }
            Ok(())
        })
    })
    .await?;
    tracing::info!(case_id = id, user_id = author.id, "case message");
    Ok(())
}

/// The migrant ticks (or unticks) a next step of their own case.
pub async fn tick<C: ConnectionTrait>(
    db: &C,
    migrant: &SessionUser,
    item_id: i32,
    done: bool,
) -> Result<i32, AppError> {
    let item = checklist::Entity::find_by_id(item_id).one(db).await?.ok_or(AppError::NotFound)?;
    let row = load(db, migrant, item.case_id).await?;
    if row.owner_user_id != migrant.id {
        return Err(AppError::NotFound);
    }
    checklist::Entity::update_many()
        .col_expr(checklist::Column::DoneAt, Expr::value(done.then(Utc::now)))
        .filter(checklist::Column::Id.eq(item.id))
        .exec(db)
        .await?;
    Ok(row.id)
}

/// Staff suspend the company a fee report or a complaint is about: its
/// vacancies leave the search, its page says "suspended" (never why to the
/// public, never which case). Recorded in the case.
pub async fn suspend_company<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    staff: &SessionUser,
    id: i32,
    reason: String,
    lang: &'static str,
) -> Result<(), AppError> {
    if !staff.role.is_staff() {
        return Err(AppError::Forbidden);
    }
    let row = load(db, staff, id).await?;
    let company_id = row.company_id.ok_or(AppError::InvalidInput)?;
    let actor = staff.clone();
    crate::db::write(db, move |txn| {
        Box::pin(async move {
            let updated = company::Entity::update_many()
                .col_expr(company::Column::Status, Expr::value(CompanyStatus::Suspended.as_str()))
                .col_expr(company::Column::UpdatedAt, Expr::value(Utc::now()))
                .filter(company::Column::Id.eq(company_id))
                .filter(company::Column::Status.ne(CompanyStatus::Suspended))
                .exec(txn)
                .await?;
            if updated.rows_affected != 1 {
                return Err(AppError::InvalidInput);
            }
            record(txn, row.id, &actor, EventKind::CompanySuspended, None, None, Some((reason, lang)), None).await?;
            Ok(())
        })
    })
    .await?;
    tracing::info!(case_id = id, company_id, staff_id = staff.id, "company suspended from a case");
    Ok(())
}

/// Staff move the worker of a complaint to another employer: an application on
/// the worker's behalf to another company's open vacancy, recorded in the
/// case's history and in the application's (as staff's, without a word about
/// the complaint). Returns the application's id.
pub async fn move_worker<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    staff: &SessionUser,
    id: i32,
    vacancy_id: i32,
) -> Result<i32, AppError> {
    if !staff.role.is_staff() {
        return Err(AppError::Forbidden);
    }
    let row = load(db, staff, id).await?;
    if row.kind != CaseKind::Complaint || row.stage.is_final() {
        return Err(AppError::InvalidInput);
    }
    let target = vacancy::Entity::find_by_id(vacancy_id)
        .filter(crate::vacancies::service::open_condition(Utc::now().date_naive()))
        .one(db)
        .await?
        .ok_or(AppError::NotFound.at("vacancy_id"))?;
    if Some(target.company_id) == row.company_id {
        return Err(AppError::InvalidInput.at("vacancy_id"));
    }
    let actor = staff.clone();
    let application_id = crate::db::write(db, move |txn| {
        Box::pin(async move {
            let today = Utc::now().date_naive();
            let application_id =
                crate::applications::service::apply_in(txn, &actor, row.owner_user_id, target.id, today).await?;
            case::Entity::update_many()
                .col_expr(case::Column::ApplicationId, Expr::value(application_id))
                .col_expr(case::Column::UpdatedAt, Expr::value(Utc::now()))
                .filter(case::Column::Id.eq(row.id))
                .exec(txn)
                .await?;
            let detail = Some(application_id.to_string());
            record(txn, row.id, &actor, EventKind::WorkerMoved, None, None, None, detail).await?;
            notify(txn, row.owner_user_id, NotificationKind::CaseMoved, row.id, Some(row.stage)).await?;
            Ok(application_id)
        })
    })
    .await?;
    tracing::info!(case_id = id, application_id, staff_id = staff.id, "worker moved to another employer");
    Ok(application_id)
}

/// Erases a person's cases with everything in them (history, thread, notes,
/// checklist, document rows: the foreign keys cascade), in the caller's
/// transaction; returns the stored names of their files, which the caller
/// removes from the upload folder once the transaction has committed.
pub async fn erase_for<C: ConnectionTrait>(txn: &C, user_id: i32) -> Result<Vec<String>, AppError> {
    use crate::documents::entity::document;
    let theirs = sea_orm::sea_query::Query::select()
        .column(case::Column::Id)
        .from(case::Entity)
        .and_where(case::Column::OwnerUserId.eq(user_id))
        .to_owned();
    let files: Vec<String> = document::Entity::find()
        .select_only()
        .column(document::Column::StoredName)
        .filter(document::Column::CaseId.in_subquery(theirs))
        .into_tuple()
        .all(txn)
        .await?;
    case::Entity::delete_many().filter(case::Column::OwnerUserId.eq(user_id)).exec(txn).await?;
    Ok(files)
}

/// A person's own cases as their data download shows them: what they filed,
/// the thread, the decisions and the history — never staff's internal notes.
pub async fn export_for<C: ConnectionTrait>(db: &C, user: &SessionUser) -> Result<Vec<Case>, AppError> {
    let ids: Vec<i32> = case::Entity::find()
        .select_only()
        .column(case::Column::Id)
        .filter(case::Column::OwnerUserId.eq(user.id))
        .order_by_asc(case::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        out.push(get(db, user, id).await?);
    }
    Ok(out)
}

/// Removes erased cases' files from the upload folder (after the rows are
/// gone). A file that cannot be removed is logged by its stored name only; the
/// orphan sweep (`documents::service::sweep_orphans`) takes it later.
pub async fn remove_files(dir: &std::path::Path, stored_names: &[String]) {
    for name in stored_names {
        let Some(path) = crate::documents::upload::path_of(dir, name) else {
            continue;
        };
        if let Err(e) = tokio::fs::remove_file(&path).await {
            if e.kind() != std::io::ErrorKind::NotFound {
                tracing::warn!(stored_name = %name, error = %e, "an erased case's file could not be removed");
            }
        }
    }
}
