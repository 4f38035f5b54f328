//! Personal-data rights (F1.5), free of HTTP: a person's copy of everything
//! the portal keeps about them ([`export`]) and the erasure of their account
//! ([`delete`]).
//!
//! Erasure keeps the rows that statistics count (the user row, the profile's
//! non-identifying facts, applications and their history) and empties every
//! field that names or reaches the person, in one transaction: either the
//! whole account is erased or nothing is.

use super::entity::{consent, user};
use super::{password, session, Role};
use crate::applications::entity::{application, event, notification};
use crate::applications::{Event, Interview, Notification, NotificationKind, OfferTerms, Stage};
use crate::companies::entity as company;
use crate::error::AppError;
use crate::profiles::entity as profile;
use crate::profiles::LocationKind;
use crate::state::AppState;
use crate::vacancies::{entity as vacancy, TurkishLevel, VacancyStatus};
use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::*;
use serde::Serialize;
use std::collections::HashMap;

/// Everything the portal keeps about one person, as they download it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonalData {
    /// When this copy was made (RFC 3339).
    pub exported_at: String,
    pub account: AccountData,
    /// A migrant's profile, the passport number in clear: this copy is for its owner only.
    pub profile: Option<ProfileData>,
    /// An employer's company, as registered (its contact person is personal data too).
    pub company: Option<crate::companies::Company>,
    /// A migrant's applications, each with its whole history.
    pub applications: Vec<ApplicationData>,
    pub notifications: Vec<Notification>,
    /// Every consent given at sign-up, and when it was withdrawn.
    pub consents: Vec<ConsentData>,
    /// Messages sent (or to be sent) to the person outside the site: which,
    /// where and when; a text only while it waits (it is emptied once sent).
    pub messages: Vec<MessageData>,
    /// The Telegram chat linked to the account, if any.
    pub telegram: Option<TelegramData>,
    /// Browsers that signed in to the account (kept so that an attack on it
    /// does not lock them out): when first and last.
    pub devices: Vec<DeviceData>,
    /// A migrant's cases: what they filed, the thread, documents (by name),
    /// decisions and history; staff by role only, never their internal notes.
    pub cases: Vec<crate::cases::Case>,
    /// A migrant's insured work periods in Türkiye, the periods each claim
    /// carried, and when they were last reminded of them.
    pub contributions: crate::contributions::ContributionsData,
    /// A migrant's skills assessments (with their results) and certificates.
    #[serde(default)]
    pub skills: crate::skills::SkillsOverview,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MessageData {
    pub channel: crate::outbox::Channel,
    pub to: String,
    pub kind: crate::outbox::MessageKind,
    pub status: crate::outbox::OutboxStatus,
    pub text: String,
    pub created_at: String,
    pub sent_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TelegramData {
    pub chat_id: String,
    pub linked_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeviceData {
    pub first_signed_in_at: String,
    pub last_signed_in_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccountData {
    pub id: i32,
    pub role: Role,
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// The language the portal writes to the person in (`uz`, `tr`).
    pub language: String,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProfileData {
    pub full_name: String,
    pub birth_date: String,
    pub passport_number: Option<String>,
    pub location_kind: LocationKind,
    /// An Uzbek region's id or a Turkish province's plate, per `location_kind`.
    pub location_id: i32,
    pub occupation_id: i32,
    pub experience_years: i32,
    pub turkish_level: TurkishLevel,
    pub certificates: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApplicationData {
    pub id: i32,
    pub vacancy_id: i32,
    pub occupation_id: Option<i32>,
    pub company_name: Option<String>,
    pub stage: Stage,
    pub work_permit_no: Option<String>,
    pub start_date: Option<String>,
    pub interview: Option<Interview>,
    pub offer: Option<OfferTerms>,
    pub created_at: String,
    pub updated_at: String,
    /// Every move, oldest first, with its reasons.
    pub history: Vec<Event>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConsentData {
    /// The version of the privacy notice consented to.
    pub notice_version: String,
    pub purposes: Vec<String>,
    pub language: String,
    pub given_at: String,
    pub withdrawn_at: Option<String>,
}

/// The person's own data: account, profile, company, applications with their
/// history, notifications and consents. Nothing of anyone else: the history
/// names who moved an application by role only.
pub async fn export(state: &AppState, user_id: i32) -> Result<PersonalData, AppError> {
    let db = &state.db;
    let u = user::Entity::find_by_id(user_id).one(db).await?.ok_or(AppError::NotSignedIn)?;
    let profile = match profile::Entity::find_by_id(user_id).one(db).await? {
        Some(p) => Some(ProfileData {
            passport_number: p.passport(&state.keys)?,
            full_name: p.full_name,
            birth_date: p.birth_date.to_string(),
            location_kind: p.location_kind,
            location_id: p.location_id,
            occupation_id: p.occupation_id,
            experience_years: p.experience_years,
            turkish_level: p.turkish_level,
            certificates: p.certificates,
            updated_at: p.updated_at.to_rfc3339(),
        }),
        None => None,
    };
    let company = crate::companies::service::own(db, user_id).await?.map(company::Model::into_view);
    let applications = applications(db, user_id).await?;
    let notifications = notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .order_by_asc(notification::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(notification::Model::into_view)
        .collect();
    let consents = consent::Entity::find()
        .filter(consent::Column::UserId.eq(user_id))
        .order_by_asc(consent::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|c| ConsentData {
            notice_version: c.notice_version,
            purposes: c.purposes.split(',').filter(|p| !p.is_empty()).map(str::to_string).collect(),
            language: c.locale,
            given_at: c.given_at.to_rfc3339(),
            withdrawn_at: c.withdrawn_at.map(|t| t.to_rfc3339()),
        })
        .collect();
    let messages = crate::outbox::entity::message::Entity::find()
        .filter(crate::outbox::entity::message::Column::UserId.eq(user_id))
        .order_by_asc(crate::outbox::entity::message::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| MessageData {
            channel: m.channel,
            to: m.recipient,
            kind: m.kind,
            status: m.status,
            text: m.body,
            created_at: m.created_at.to_rfc3339(),
            sent_at: m.sent_at.map(|t| t.to_rfc3339()),
        })
        .collect();
    let telegram = crate::outbox::entity::telegram_account::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .map(|t| TelegramData { chat_id: t.chat_id, linked_at: t.linked_at.to_rfc3339() });
    let devices = super::entity::login_device::Entity::find()
        .filter(super::entity::login_device::Column::UserId.eq(user_id))
        .order_by_asc(super::entity::login_device::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|d| DeviceData {
            first_signed_in_at: d.created_at.to_rfc3339(),
            last_signed_in_at: d.last_used_at.to_rfc3339(),
        })
        .collect();
    // Reading one's own data is reading personal data: on record like staff reads.
    tracing::info!(user_id, "personal data exported");
    let owner = crate::accounts::SessionUser {
        id: u.id,
        role: u.role,
        name: u.name.clone(),
        login: String::new(),
        verified: u.verified_at.is_some(),
    };
    let contributions = crate::contributions::service::export_for(db, u.id).await?;
    let cases = crate::cases::service::export_for(db, &owner)
        .await?
        .into_iter()
        .map(|mut c| {
            c.holder = None;
            c.assigned_to = None;
            for e in &mut c.history {
                if e.actor_role.is_staff() {
                    e.actor_name = None;
                    e.detail = e.detail.take().filter(|_| e.kind != crate::cases::EventKind::Assigned);
                }
            }
            for m in &mut c.messages {
                if m.from_staff {
                    m.author_name = String::new();
                }
            }
            c
        })
        .collect();
    let skills = crate::skills::service::export_for(db, &owner, Utc::now().date_naive()).await?;
    Ok(PersonalData {
        exported_at: Utc::now().to_rfc3339(),
        account: AccountData {
            id: u.id,
            role: u.role,
            name: u.name,
            phone: u.phone,
            email: u.email,
            language: u.locale,
            created_at: u.created_at.to_rfc3339(),
        },
        profile,
        company,
        applications,
        notifications,
        consents,
        messages,
        telegram,
        devices,
        cases,
        contributions,
        skills,
    })
}

/// The migrant's applications with their jobs, companies and histories: four
/// queries whatever their number.
async fn applications<C: ConnectionTrait>(db: &C, user_id: i32) -> Result<Vec<ApplicationData>, AppError> {
    let apps = application::Entity::find()
        .filter(application::Column::MigrantUserId.eq(user_id))
        .order_by_asc(application::Column::Id)
        .all(db)
        .await?;
    let app_ids: Vec<i32> = apps.iter().map(|a| a.id).collect();
    let vacancies: HashMap<i32, vacancy::Model> = vacancy::Entity::find()
        .filter(vacancy::Column::Id.is_in(apps.iter().map(|a| a.vacancy_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|v| (v.id, v))
        .collect();
    let companies: HashMap<i32, String> = company::Entity::find()
        .filter(company::Column::Id.is_in(vacancies.values().map(|v| v.company_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.legal_name))
        .collect();
    let mut history: HashMap<i32, Vec<Event>> = HashMap::new();
    for e in event::Entity::find()
        .filter(event::Column::ApplicationId.is_in(app_ids))
        .order_by_asc(event::Column::Id)
        .all(db)
        .await?
    {
        history.entry(e.application_id).or_default().push(e.into_view());
    }
    Ok(apps
        .into_iter()
        .map(|a| {
            let v = vacancies.get(&a.vacancy_id);
            ApplicationData {
                id: a.id,
                vacancy_id: a.vacancy_id,
                occupation_id: v.map(|v| v.occupation_id),
                company_name: v.and_then(|v| companies.get(&v.company_id).cloned()),
                stage: a.stage,
                interview: a.interview(),
                offer: a.offer(),
                work_permit_no: a.work_permit_no,
                start_date: a.start_date.map(|d| d.to_string()),
                created_at: a.created_at.to_rfc3339(),
                updated_at: a.updated_at.to_rfc3339(),
                history: history.remove(&a.id).unwrap_or_default(),
            }
        })
        .collect())
}

/// What an erased password hash is: not a PHC string, so no password verifies against it.
const ERASED_PASSWORD_HASH: &str = "!erased";

/// What an erased birth date is (the column cannot be NULL: SQLite cannot change
/// that); no migrant is born then (profiles take ages 16 to 80).
pub fn erased_birth_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(1900, 1, 1).expect("a valid date")
}

/// Stages in which an employer's candidates wait for the employer's answer.
const EMPLOYER_OWES_AN_ANSWER: [Stage; 4] = [Stage::Forwarded, Stage::Interview, Stage::Offer, Stage::Accepted];

/// Erases the account of a migrant or an employer, after checking its password.
///
/// In one transaction: every session ends; the profile loses its passport
/// (ciphertext and blind indexes), name, birth date and certificates; the
/// account loses its name, phone, e-mail and password and is disabled (the
/// phone or e-mail can sign up anew); the consent is withdrawn (kept as
/// proof); notifications, sign-in devices, one-time codes, Telegram links and
/// outgoing messages are deleted. Applications stay for statistics: open ones
/// are withdrawn (their employer is told, as for any withdrawal), and every
/// free-text note in their history and the work-permit number are erased.
///
/// An employer is refused ([`AppError::StillHiring`]) while a vacancy of theirs
/// is published or a candidate waits for their answer; otherwise their
/// unpublished vacancies close and the company stays (a legal entity, which the
/// migrants' histories name) without its contact person and phone.
///
/// Staff and admin accounts are not erased this way ([`AppError::Forbidden`]):
/// an admin disables them, and what they did stays on record.
pub async fn delete(state: &AppState, user_id: i32, password_typed: &str) -> Result<(), AppError> {
    let u = user::Entity::find_by_id(user_id).one(&state.db).await?.ok_or(AppError::NotSignedIn)?;
    if !matches!(u.role, Role::Migrant | Role::Employer) {
        return Err(AppError::Forbidden);
    }
    if !password::verify(Some(u.password_hash.clone()), password_typed.to_string()).await? {
        tracing::warn!(user_id, "account deletion refused: wrong password");
        return Err(AppError::BadCredentials);
    }
    let role = u.role;
    let files = state
        .db
        .transaction::<_, Vec<String>, AppError>(move |txn| {
            Box::pin(async move {
                let now = Utc::now();
                if role == Role::Employer {
                    release_company(txn, user_id).await?;
                }
                // Their contribution periods, claims' copies and reminders first
                // (the copies belong to their cases).
                crate::contributions::service::erase_for(txn, user_id).await?;
                crate::skills::service::erase_for(txn, user_id).await?;
                // The person's cases go whole, their files once this commits.
                let files = crate::cases::service::erase_for(txn, user_id).await?;
                withdraw_open_applications(txn, user_id).await?;
                // The history stays countable; what anyone wrote in words about
                // the person's applications, and the permit number, go.
                let theirs = Query::select()
                    .column(application::Column::Id)
                    .from(application::Entity)
                    .and_where(application::Column::MigrantUserId.eq(user_id))
                    .to_owned();
                event::Entity::update_many()
                    .col_expr(event::Column::Reason, Expr::value(Option::<String>::None))
                    .col_expr(event::Column::ReasonLang, Expr::value(Option::<String>::None))
                    .filter(event::Column::ApplicationId.in_subquery(theirs))
                    .exec(txn)
                    .await?;
                application::Entity::update_many()
                    .col_expr(application::Column::WorkPermitNo, Expr::value(Option::<String>::None))
                    .filter(application::Column::MigrantUserId.eq(user_id))
                    .exec(txn)
                    .await?;
                profile::Entity::update_many()
                    .col_expr(profile::Column::PassportCipher, Expr::value(Option::<String>::None))
                    .col_expr(profile::Column::PassportIndex, Expr::value(Option::<String>::None))
                    .col_expr(profile::Column::PassportLookup, Expr::value(Option::<String>::None))
                    .col_expr(profile::Column::FullName, Expr::value(""))
                    .col_expr(profile::Column::BirthDate, Expr::value(erased_birth_date()))
                    .col_expr(profile::Column::Certificates, Expr::value(""))
                    .col_expr(profile::Column::UpdatedAt, Expr::value(now))
                    .filter(profile::Column::UserId.eq(user_id))
                    .exec(txn)
                    .await?;
                notification::Entity::delete_many().filter(notification::Column::UserId.eq(user_id)).exec(txn).await?;
                consent::Entity::update_many()
                    .col_expr(consent::Column::WithdrawnAt, Expr::value(Some(now)))
                    .filter(consent::Column::UserId.eq(user_id))
                    .filter(consent::Column::WithdrawnAt.is_null())
                    .exec(txn)
                    .await?;
                session::delete_all_for_user(txn, user_id).await?;
                delete_reachability(txn, user_id).await?;
                let erased = user::Entity::update_many()
                    .col_expr(user::Column::Name, Expr::value(""))
                    .col_expr(user::Column::Phone, Expr::value(Option::<String>::None))
                    .col_expr(user::Column::Email, Expr::value(Option::<String>::None))
                    .col_expr(user::Column::PasswordHash, Expr::value(ERASED_PASSWORD_HASH))
                    .col_expr(user::Column::Disabled, Expr::value(true))
                    .col_expr(user::Column::DeletedAt, Expr::value(Some(now)))
                    .col_expr(user::Column::UpdatedAt, Expr::value(now))
                    .filter(user::Column::Id.eq(user_id))
                    .filter(user::Column::DeletedAt.is_null())
                    .exec(txn)
                    .await?;
                // A concurrent deletion of the same account won: nothing more to do.
                if erased.rows_affected != 1 {
                    return Err(AppError::NotSignedIn);
                }
                Ok(files)
            })
        })
        .await?;
    crate::cases::service::remove_files(&state.uploads, &files).await;
    tracing::info!(user_id, role = %role, files = files.len(), "account erased by its owner");
    Ok(())
}

/// An employer's company once its owner leaves: refused while migrants depend
/// on it; else its unpublished vacancies close and its contact person goes.
async fn release_company<C: ConnectionTrait>(txn: &C, user_id: i32) -> Result<(), AppError> {
    let Some(c) = crate::companies::service::own(txn, user_id).await? else {
        return Ok(());
    };
    let published = vacancy::Entity::find()
        .filter(vacancy::Column::CompanyId.eq(c.id))
        .filter(vacancy::Column::Status.eq(VacancyStatus::Published))
        .count(txn)
        .await?;
    let its_vacancies = Query::select()
        .column(vacancy::Column::Id)
        .from(vacancy::Entity)
        .and_where(vacancy::Column::CompanyId.eq(c.id))
        .to_owned();
    let waiting = application::Entity::find()
        .filter(application::Column::VacancyId.in_subquery(its_vacancies))
        .filter(application::Column::Stage.is_in(EMPLOYER_OWES_AN_ANSWER))
        .count(txn)
        .await?;
    if published > 0 || waiting > 0 {
        tracing::info!(user_id, published, waiting, "account deletion refused: the employer is still hiring");
        return Err(AppError::StillHiring);
    }
    vacancy::Entity::update_many()
        .col_expr(vacancy::Column::Status, Expr::value(VacancyStatus::Closed.as_str()))
        .col_expr(vacancy::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(vacancy::Column::CompanyId.eq(c.id))
        .filter(vacancy::Column::Status.is_in([
            VacancyStatus::Draft,
            VacancyStatus::Submitted,
            VacancyStatus::Returned,
        ]))
        .exec(txn)
        .await?;
    company::Entity::update_many()
        .col_expr(company::Column::ContactPerson, Expr::value(""))
        .col_expr(company::Column::ContactPhone, Expr::value(""))
        .col_expr(company::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(company::Column::Id.eq(c.id))
        .exec(txn)
        .await?;
    Ok(())
}

/// A person who erases their account can no longer be hired: each application
/// still under way is withdrawn, with its history entry, and its employer
/// hears of it once the application had reached them (as for any withdrawal).
async fn withdraw_open_applications<C: ConnectionTrait>(txn: &C, user_id: i32) -> Result<(), AppError> {
    let open: Vec<Stage> = Stage::all().filter(|s| !s.is_final()).collect();
    let apps = application::Entity::find()
        .filter(application::Column::MigrantUserId.eq(user_id))
        .filter(application::Column::Stage.is_in(open))
        .all(txn)
        .await?;
    let owners: HashMap<i32, i32> = vacancy::Entity::find()
        .select_only()
        .column(vacancy::Column::Id)
        .column(company::Column::OwnerUserId)
        .join(
            JoinType::InnerJoin,
            vacancy::Entity::belongs_to(company::Entity)
                .from(vacancy::Column::CompanyId)
                .to(company::Column::Id)
                .into(),
        )
        .filter(vacancy::Column::Id.is_in(apps.iter().map(|a| a.vacancy_id)))
        .into_tuple::<(i32, i32)>()
        .all(txn)
        .await?
        .into_iter()
        .collect();
    let now = Utc::now();
    for a in apps {
        application::Entity::update_many()
            .col_expr(application::Column::Stage, Expr::value(Stage::Withdrawn.as_str()))
            .col_expr(application::Column::UpdatedAt, Expr::value(now))
            .filter(application::Column::Id.eq(a.id))
            .filter(application::Column::Stage.eq(a.stage))
            .exec(txn)
            .await?;
        event::ActiveModel {
            application_id: Set(a.id),
            actor_user_id: Set(user_id),
            actor_role: Set(Role::Migrant),
            from_stage: Set(Some(a.stage)),
            to_stage: Set(Stage::Withdrawn),
            reason: Set(None),
            reason_code: Set(None),
            reason_lang: Set(None),
            at: Set(now),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        if let Some(owner) = owners.get(&a.vacancy_id).filter(|_| a.stage.visible_to_employer()) {
            notification::ActiveModel {
                user_id: Set(*owner),
                kind: Set(NotificationKind::Candidate),
                application_id: Set(Some(a.id)),
                vacancy_id: Set(Some(a.vacancy_id)),
                stage: Set(Some(Stage::Withdrawn)),
                created_at: Set(now),
                read_at: Set(None),
                ..Default::default()
            }
            .insert(txn)
            .await?;
        }
    }
    Ok(())
}

/// Deletes what reaches the person or signs them in: sign-up and reset
/// codes, remembered devices, the Telegram link and its codes, and every
/// outgoing message to them (a queued one must not go out to an erased
/// account; a sent one still holds the phone number or address).
async fn delete_reachability<C: ConnectionTrait>(txn: &C, user_id: i32) -> Result<(), AppError> {
    use super::entity::{login_device, one_time_code};
    use crate::outbox::entity::{link_code, message, telegram_account};
    one_time_code::Entity::delete_many().filter(one_time_code::Column::UserId.eq(user_id)).exec(txn).await?;
    login_device::Entity::delete_many().filter(login_device::Column::UserId.eq(user_id)).exec(txn).await?;
    link_code::Entity::delete_many().filter(link_code::Column::UserId.eq(user_id)).exec(txn).await?;
    telegram_account::Entity::delete_many().filter(telegram_account::Column::UserId.eq(user_id)).exec(txn).await?;
    message::Entity::delete_many().filter(message::Column::UserId.eq(user_id)).exec(txn).await?;
    Ok(())
}
