//! Skills certification: queries and mutations, free of HTTP. Every mutation
//! that touches more than one row runs in one transaction ([`crate::db::write`]).

use super::entity::{assessment, certificate, lookup, qualification, qualification_occupation, test_centre};
use super::{
    Assessment, AssessmentStatus, Catalogue, Certificate, CertificateLine, CertificateStatus, Qualification,
    ReaderCertificate, RequiredQualification, Sector, SkillsOverview, UnitResult, Verification,
};
use crate::accounts::{entity::user, Role, SessionUser};
use crate::applications::entity::notification;
use crate::applications::NotificationKind;
use crate::error::AppError;
use crate::outbox::service::{enqueue, telegram_chat_of, NewMessage};
use crate::outbox::{Channel, MessageKind};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::*;
use std::collections::HashMap;

/// The columns of a certificate line: the certificate with its qualification.
#[derive(Debug, Clone, FromQueryResult)]
struct LineRow {
    id: i32,
    number: String,
    qualification_id: i32,
    code: String,
    title_tr: String,
    title_uz: String,
    level: i32,
    issued_on: NaiveDate,
    valid_until: NaiveDate,
    revoked_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl LineRow {
    fn into_line(self, today: NaiveDate) -> CertificateLine {
        CertificateLine {
            id: self.id,
            status: CertificateStatus::on(today, self.valid_until, self.revoked_at.is_some()),
            number: self.number,
            qualification_id: self.qualification_id,
            code: self.code,
            title_tr: self.title_tr,
            title_uz: self.title_uz,
            level: self.level,
            issued_on: self.issued_on.to_string(),
            valid_until: self.valid_until.to_string(),
        }
    }
}

fn line_query() -> Select<certificate::Entity> {
    certificate::Entity::find()
        .select_only()
        .columns([
            certificate::Column::Id,
            certificate::Column::Number,
            certificate::Column::QualificationId,
            certificate::Column::IssuedOn,
            certificate::Column::ValidUntil,
            certificate::Column::RevokedAt,
        ])
        .column(qualification::Column::Code)
        .column(qualification::Column::TitleTr)
        .column(qualification::Column::TitleUz)
        .column(qualification::Column::Level)
        .join(
            JoinType::InnerJoin,
            certificate::Entity::belongs_to(qualification::Entity)
                .from(certificate::Column::QualificationId)
                .to(qualification::Column::Id)
                .into(),
        )
}

/// The certificates of `holder_id` that are valid on `today` (not revoked, not
/// expired), the newest first. For vacancies that require a qualification and
/// for the employer of a forwarded candidate: one query.
pub async fn valid_certificates_of<C: ConnectionTrait>(
    db: &C,
    holder_id: i32,
    today: NaiveDate,
) -> Result<Vec<CertificateLine>, AppError> {
    let rows = line_query()
        .filter(certificate::Column::HolderId.eq(holder_id))
        .filter(certificate::Column::RevokedAt.is_null())
        .filter(certificate::Column::ValidUntil.gte(today))
        .order_by_desc(certificate::Column::IssuedOn)
        .order_by_desc(certificate::Column::Id)
        .into_model::<LineRow>()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|r| r.into_line(today)).collect())
}

/// Every certificate of `holder_id`, whatever its status, the newest first.
pub async fn certificates_of<C: ConnectionTrait>(
    db: &C,
    holder_id: i32,
    today: NaiveDate,
) -> Result<Vec<CertificateLine>, AppError> {
    let rows = line_query()
        .filter(certificate::Column::HolderId.eq(holder_id))
        .order_by_desc(certificate::Column::IssuedOn)
        .order_by_desc(certificate::Column::Id)
        .into_model::<LineRow>()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|r| r.into_line(today)).collect())
}

/// Where the centres are: Uzbekistan, UTC+5 all year. Scheduled times are typed and shown in it.
pub fn uzbekistan() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(5 * 3600).expect("a valid offset")
}

/// A `datetime-local` value (`YYYY-MM-DDTHH:MM`, Uzbekistan time) as a moment.
pub fn parse_local(s: &str) -> Result<DateTime<Utc>, AppError> {
    let at = chrono::NaiveDateTime::parse_from_str(s.trim(), "%Y-%m-%dT%H:%M").map_err(|_| AppError::InvalidDate)?;
    at.and_local_timezone(uzbekistan()).single().map(|t| t.with_timezone(&Utc)).ok_or(AppError::InvalidDate)
}

// ---------------------------------------------------------------- catalogue

/// A qualification as staff typed it, checked ([`super::check_qualification`]).
#[derive(Debug, Clone, PartialEq)]
pub struct QualificationInput {
    pub id: Option<i32>,
    pub code: String,
    pub title_tr: String,
    pub title_uz: String,
    pub sector: Sector,
    pub validity_years: i32,
    pub hazardous: bool,
    pub occupation_ids: Vec<i32>,
}

/// The catalogue: every qualification with its occupations and every centre
/// (`all`), or only those offered (anyone). Three queries.
pub async fn catalogue<C: ConnectionTrait>(db: &C, all: bool) -> Result<Catalogue, AppError> {
    let mut q = qualification::Entity::find()
        .order_by_asc(qualification::Column::Sector)
        .order_by_asc(qualification::Column::Code);
    let mut c =
        test_centre::Entity::find().order_by_asc(test_centre::Column::City).order_by_asc(test_centre::Column::Name);
    if !all {
        q = q.filter(qualification::Column::Active.eq(true));
        c = c.filter(test_centre::Column::Active.eq(true));
    }
    let quals = q.all(db).await?;
    let mut covers: HashMap<i32, Vec<i32>> = HashMap::new();
    for link in qualification_occupation::Entity::find()
        .filter(qualification_occupation::Column::QualificationId.is_in(quals.iter().map(|q| q.id).collect::<Vec<_>>()))
        .order_by_asc(qualification_occupation::Column::OccupationId)
        .all(db)
        .await?
    {
        covers.entry(link.qualification_id).or_default().push(link.occupation_id);
    }
    Ok(Catalogue {
        qualifications: quals.into_iter().map(|q| qualification_view(q, &mut covers)).collect(),
        centres: c.all(db).await?.into_iter().map(test_centre::Model::into_view).collect(),
    })
}

fn qualification_view(q: qualification::Model, covers: &mut HashMap<i32, Vec<i32>>) -> Qualification {
    Qualification {
        occupation_ids: covers.remove(&q.id).unwrap_or_default(),
        id: q.id,
        code: q.code,
        title_tr: q.title_tr,
        title_uz: q.title_uz,
        level: q.level,
        sector: q.sector,
        validity_years: q.validity_years,
        hazardous: q.hazardous,
        active: q.active,
    }
}

/// The qualification a vacancy requires, as its page shows it (`None`: no such row).
pub async fn required_qualification<C: ConnectionTrait>(
    db: &C,
    id: i32,
) -> Result<Option<RequiredQualification>, AppError> {
    Ok(qualification::Entity::find_by_id(id).one(db).await?.map(|q| RequiredQualification {
        id: q.id,
        code: q.code,
        title_tr: q.title_tr,
        title_uz: q.title_uz,
        level: q.level,
        hazardous: q.hazardous,
    }))
}

/// An employer asks for `id`: it must be a qualification the catalogue offers
/// (staff may withdraw one; vacancies that already ask for it keep it).
pub async fn check_offered<C: ConnectionTrait>(db: &C, id: i32) -> Result<(), AppError> {
    let q = qualification::Entity::find_by_id(id).one(db).await?;
    match q {
        Some(q) if q.active => Ok(()),
        _ => Err(AppError::ChoiceRequired.at("required_qualification_id")),
    }
}

/// Whether `holder_id` holds a valid certificate of `qualification_id` on `today`.
pub async fn reader_certificate<C: ConnectionTrait>(
    db: &C,
    holder_id: i32,
    qualification_id: i32,
    today: NaiveDate,
) -> Result<ReaderCertificate, AppError> {
    let lines = valid_certificates_of(db, holder_id, today).await?;
    Ok(ReaderCertificate::among(&lines, qualification_id))
}

/// One qualification with its occupations.
pub async fn qualification<C: ConnectionTrait>(db: &C, id: i32) -> Result<Qualification, AppError> {
    let q = qualification::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let occ = qualification_occupation::Entity::find()
        .filter(qualification_occupation::Column::QualificationId.eq(id))
        .order_by_asc(qualification_occupation::Column::OccupationId)
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.occupation_id)
        .collect();
    let mut covers = HashMap::from([(id, occ)]);
    Ok(qualification_view(q, &mut covers))
}

/// Creates or corrects a qualification with the occupations it covers, in one
/// transaction; its id. A code another qualification has is refused on the code.
pub async fn save_qualification<C: TransactionTrait>(db: &C, input: QualificationInput) -> Result<i32, AppError> {
    crate::db::write(db, move |txn| {
        Box::pin(async move {
            for &o in &input.occupation_ids {
                crate::reference::service::check_occupation(txn, o)
                    .await
                    .map_err(|_| AppError::InvalidInput.at("occupations"))?;
            }
            let taken = qualification::Entity::find()
                .filter(qualification::Column::Code.eq(&input.code))
                .one(txn)
                .await?
                .is_some_and(|q| Some(q.id) != input.id);
            if taken {
                return Err(AppError::CodeTaken);
            }
            let now = Utc::now();
            let level = super::level_of_code(&input.code).ok_or(AppError::InvalidQualificationCode)?;
            let id = match input.id {
                Some(id) => {
                    let row = qualification::Entity::find_by_id(id).one(txn).await?.ok_or(AppError::NotFound)?;
                    let mut a: qualification::ActiveModel = row.into();
                    a.code = Set(input.code.clone());
                    a.title_tr = Set(input.title_tr.clone());
                    a.title_uz = Set(input.title_uz.clone());
                    a.level = Set(level);
                    a.sector = Set(input.sector);
                    a.validity_years = Set(input.validity_years);
                    a.hazardous = Set(input.hazardous);
                    a.updated_at = Set(now);
                    a.update(txn).await.map_err(|e| crate::error::unique_violation_is(e, AppError::CodeTaken))?;
                    qualification_occupation::Entity::delete_many()
                        .filter(qualification_occupation::Column::QualificationId.eq(id))
                        .exec(txn)
                        .await?;
                    id
                }
                None => {
                    qualification::ActiveModel {
                        code: Set(input.code.clone()),
                        title_tr: Set(input.title_tr.clone()),
                        title_uz: Set(input.title_uz.clone()),
                        level: Set(level),
                        sector: Set(input.sector),
                        validity_years: Set(input.validity_years),
                        hazardous: Set(input.hazardous),
                        active: Set(true),
                        created_at: Set(now),
                        updated_at: Set(now),
                        ..Default::default()
                    }
                    .insert(txn)
                    .await
                    .map_err(|e| crate::error::unique_violation_is(e, AppError::CodeTaken))?
                    .id
                }
            };
            let mut seen = std::collections::BTreeSet::new();
            for o in input.occupation_ids.iter().copied().filter(|o| seen.insert(*o)) {
                qualification_occupation::ActiveModel { qualification_id: Set(id), occupation_id: Set(o) }
                    .insert(txn)
                    .await?;
            }
            Ok(id)
        })
    })
    .await
}

/// Offers a qualification again, or withdraws it (no new requests; certificates stay valid).
pub async fn set_qualification_active<C: ConnectionTrait>(db: &C, id: i32, active: bool) -> Result<(), AppError> {
    let done = qualification::Entity::update_many()
        .col_expr(qualification::Column::Active, Expr::value(active))
        .col_expr(qualification::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(qualification::Column::Id.eq(id))
        .exec(db)
        .await?;
    if done.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// Creates or corrects a test centre; its id.
pub async fn save_centre<C: ConnectionTrait>(
    db: &C,
    id: Option<i32>,
    name: String,
    city: String,
) -> Result<i32, AppError> {
    match id {
        Some(id) => {
            let row = test_centre::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
            let mut a: test_centre::ActiveModel = row.into();
            a.name = Set(name);
            a.city = Set(city);
            a.update(db).await?;
            Ok(id)
        }
        None => Ok(test_centre::ActiveModel {
            name: Set(name),
            city: Set(city),
            active: Set(true),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(db)
        .await?
        .id),
    }
}

pub async fn set_centre_active<C: ConnectionTrait>(db: &C, id: i32, active: bool) -> Result<(), AppError> {
    let done = test_centre::Entity::update_many()
        .col_expr(test_centre::Column::Active, Expr::value(active))
        .filter(test_centre::Column::Id.eq(id))
        .exec(db)
        .await?;
    if done.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

// ---------------------------------------------------------------- assessments

/// A request as the migrant made it, parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct NewRequest {
    pub qualification_id: i32,
    pub preferred_city: String,
    /// The first day of the month.
    pub preferred_month: NaiveDate,
}

/// The migrant asks for an assessment. The qualification must be offered; a
/// hazardous one needs the profile's birth date to show 18 or more on the
/// first day of the month asked for; one open request per qualification.
pub async fn request<C: TransactionTrait>(
    db: &C,
    migrant: &SessionUser,
    r: NewRequest,
    today: NaiveDate,
) -> Result<i32, AppError> {
    if migrant.role != Role::Migrant {
        return Err(AppError::Forbidden);
    }
    if !migrant.verified {
        return Err(AppError::NotVerified);
    }
    if r.preferred_month < today.with_day(1).expect("day 1") {
        return Err(AppError::DateInPast.at("preferred_month"));
    }
    let migrant_id = migrant.id;
    crate::db::write(db, move |txn| {
        Box::pin(async move {
            let q = qualification::Entity::find_by_id(r.qualification_id)
                .one(txn)
                .await?
                .filter(|q| q.active)
                .ok_or(AppError::ChoiceRequired.at("qualification_id"))?;
            if q.hazardous {
                let born = crate::profiles::entity::Entity::find_by_id(migrant_id)
                    .one(txn)
                    .await?
                    .map(|p| p.birth_date)
                    .ok_or(AppError::ProfileRequired)?;
                if !is_adult_on(born, r.preferred_month.max(today)) {
                    return Err(AppError::TooYoungForHazardous);
                }
            }
            let open = assessment::Entity::find()
                .filter(assessment::Column::MigrantId.eq(migrant_id))
                .filter(assessment::Column::QualificationId.eq(q.id))
                .filter(assessment::Column::Status.is_in([AssessmentStatus::Requested, AssessmentStatus::Scheduled]))
                .count(txn)
                .await?;
            if open > 0 {
                return Err(AppError::AlreadyApplied);
            }
            let now = Utc::now();
            let row = assessment::ActiveModel {
                migrant_id: Set(migrant_id),
                qualification_id: Set(q.id),
                preferred_city: Set(r.preferred_city),
                preferred_month: Set(r.preferred_month),
                status: Set(AssessmentStatus::Requested),
                centre_id: Set(None),
                scheduled_at: Set(None),
                units: Set("[]".into()),
                result_at: Set(None),
                recorded_by: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            Ok(row.id)
        })
    })
    .await
}

/// Whether someone born on `born` is 18 or older on `day`.
pub fn is_adult_on(born: NaiveDate, day: NaiveDate) -> bool {
    born.checked_add_months(chrono::Months::new(18 * 12)).is_some_and(|d| d <= day)
}

/// Moves `row` to `to` if its status allows it, else `WrongState`.
fn check_move(row: &assessment::Model, to: AssessmentStatus) -> Result<(), AppError> {
    if row.status.may_move(to) {
        Ok(())
    } else {
        Err(AppError::WrongState)
    }
}

/// The migrant withdraws their own open request (someone else's is not found).
pub async fn withdraw<C: TransactionTrait>(db: &C, migrant: &SessionUser, id: i32) -> Result<(), AppError> {
    let migrant_id = migrant.id;
    crate::db::write(db, move |txn| {
        Box::pin(async move {
            let row = assessment::Entity::find_by_id(id)
                .one(txn)
                .await?
                .filter(|a| a.migrant_id == migrant_id)
                .ok_or(AppError::NotFound)?;
            check_move(&row, AssessmentStatus::Cancelled)?;
            set_status(txn, row, AssessmentStatus::Cancelled, |_| {}).await
        })
    })
    .await
}

async fn set_status<C: ConnectionTrait>(
    txn: &C,
    row: assessment::Model,
    to: AssessmentStatus,
    more: impl FnOnce(&mut assessment::ActiveModel),
) -> Result<(), AppError> {
    let from = row.status;
    let id = row.id;
    let mut a: assessment::ActiveModel = row.into();
    a.status = Set(to);
    a.updated_at = Set(Utc::now());
    more(&mut a);
    // Only from the status read: a concurrent move of the same row wins once.
    let a = a.reset_all();
    let done = assessment::Entity::update_many()
        .set(a)
        .filter(assessment::Column::Id.eq(id))
        .filter(assessment::Column::Status.eq(from))
        .exec(txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(AppError::WrongState);
    }
    Ok(())
}

/// Staff schedule (or reschedule) an assessment at an offered centre, at a
/// moment ahead; the migrant is told in their language.
pub async fn schedule<C: TransactionTrait>(
    db: &C,
    id: i32,
    centre_id: i32,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if at <= now {
        return Err(AppError::DateInPast.at("scheduled_at"));
    }
    crate::db::write(db, move |txn| {
        Box::pin(async move {
            let row = assessment::Entity::find_by_id(id).one(txn).await?.ok_or(AppError::NotFound)?;
            check_move(&row, AssessmentStatus::Scheduled)?;
            let centre = test_centre::Entity::find_by_id(centre_id)
                .one(txn)
                .await?
                .filter(|c| c.active)
                .ok_or(AppError::ChoiceRequired.at("centre_id"))?;
            let migrant = row.migrant_id;
            set_status(txn, row, AssessmentStatus::Scheduled, |a| {
                a.centre_id = Set(Some(centre.id));
                a.scheduled_at = Set(Some(at));
            })
            .await?;
            let when = at.with_timezone(&uzbekistan()).format("%d.%m.%Y %H:%M").to_string();
            notify(txn, migrant, Texts::Scheduled { when, centre: format!("{}, {}", centre.name, centre.city) }).await
        })
    })
    .await
}

/// Staff cancel an open assessment (the migrant is told).
pub async fn cancel<C: TransactionTrait>(db: &C, id: i32) -> Result<(), AppError> {
    crate::db::write(db, move |txn| {
        Box::pin(async move {
            let row = assessment::Entity::find_by_id(id).one(txn).await?.ok_or(AppError::NotFound)?;
            check_move(&row, AssessmentStatus::Cancelled)?;
            let migrant = row.migrant_id;
            set_status(txn, row, AssessmentStatus::Cancelled, |_| {}).await?;
            notify(txn, migrant, Texts::Cancelled).await
        })
    })
    .await
}

/// Staff record a scheduled assessment's result with its units. A pass issues
/// the certificate in the same transaction (numbered [`super::certificate_number`],
/// valid for the qualification's years); the migrant is told. The certificate's id on a pass.
pub async fn record_result<C: TransactionTrait>(
    db: &C,
    staff: &SessionUser,
    id: i32,
    passed: bool,
    units: Vec<UnitResult>,
    today: NaiveDate,
) -> Result<Option<i32>, AppError> {
    let staff_id = staff.id;
    crate::db::write(db, move |txn| {
        Box::pin(async move {
            let row = assessment::Entity::find_by_id(id).one(txn).await?.ok_or(AppError::NotFound)?;
            let to = if passed { AssessmentStatus::Passed } else { AssessmentStatus::Failed };
            check_move(&row, to)?;
            let (migrant, qualification_id) = (row.migrant_id, row.qualification_id);
            let units_json = serde_json::to_string(&units).map_err(|_| AppError::Internal)?;
            let now = Utc::now();
            set_status(txn, row, to, |a| {
                a.units = Set(units_json);
                a.result_at = Set(Some(now));
                a.recorded_by = Set(Some(staff_id));
            })
            .await?;
            let cert = if passed { Some(issue(txn, migrant, qualification_id, Some(id), today).await?) } else { None };
            notify(txn, migrant, if passed { Texts::Passed } else { Texts::Failed }).await?;
            Ok(cert.map(|c| c.id))
        })
    })
    .await
}

/// Issues a certificate of `qualification_id` to `holder_id` on `issued_on`.
/// In the caller's transaction; the serial is one more than the
/// qualification's certificates so far (the unique number settles a race).
pub async fn issue<C: ConnectionTrait>(
    txn: &C,
    holder_id: i32,
    qualification_id: i32,
    assessment_id: Option<i32>,
    issued_on: NaiveDate,
) -> Result<certificate::Model, AppError> {
    let q = qualification::Entity::find_by_id(qualification_id).one(txn).await?.ok_or(AppError::NotFound)?;
    let so_far = certificate::Entity::find().filter(certificate::Column::QualificationId.eq(q.id)).count(txn).await?;
    let number = super::certificate_number(super::BODY_CODE, &q.code, (so_far + 1) as u32);
    let valid_until = issued_on
        .checked_add_months(chrono::Months::new(12 * q.validity_years.clamp(1, 10) as u32))
        .ok_or(AppError::Internal)?;
    certificate::ActiveModel {
        number: Set(number),
        holder_id: Set(holder_id),
        qualification_id: Set(q.id),
        assessment_id: Set(assessment_id),
        issued_on: Set(issued_on),
        valid_until: Set(valid_until),
        revoked_at: Set(None),
        revoked_reason: Set(None),
        revoked_by: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await
    .map_err(|e| crate::error::unique_violation_is(e, AppError::Busy))
}

/// Staff revoke a certificate with a reason (once; the holder is told).
pub async fn revoke<C: TransactionTrait>(db: &C, staff: &SessionUser, id: i32, reason: String) -> Result<(), AppError> {
    let staff_id = staff.id;
    crate::db::write(db, move |txn| {
        Box::pin(async move {
            let row = certificate::Entity::find_by_id(id).one(txn).await?.ok_or(AppError::NotFound)?;
            if row.revoked_at.is_some() {
                return Err(AppError::WrongState);
            }
            let done = certificate::Entity::update_many()
                .col_expr(certificate::Column::RevokedAt, Expr::value(Some(Utc::now())))
                .col_expr(certificate::Column::RevokedReason, Expr::value(Some(reason)))
                .col_expr(certificate::Column::RevokedBy, Expr::value(Some(staff_id)))
                .filter(certificate::Column::Id.eq(id))
                .filter(certificate::Column::RevokedAt.is_null())
                .exec(txn)
                .await?;
            if done.rows_affected != 1 {
                return Err(AppError::WrongState);
            }
            notify(txn, row.holder_id, Texts::Revoked).await
        })
    })
    .await
}

/// Assessments as views: with their qualification, centre and (staff) migrant's name.
async fn assessment_views<C: ConnectionTrait>(
    db: &C,
    rows: Vec<assessment::Model>,
    with_names: bool,
) -> Result<Vec<Assessment>, AppError> {
    let quals: HashMap<i32, qualification::Model> = qualification::Entity::find()
        .filter(qualification::Column::Id.is_in(rows.iter().map(|a| a.qualification_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|q| (q.id, q))
        .collect();
    let centres: HashMap<i32, test_centre::Model> = test_centre::Entity::find()
        .filter(test_centre::Column::Id.is_in(rows.iter().filter_map(|a| a.centre_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let certs: HashMap<i32, i32> = certificate::Entity::find()
        .select_only()
        .column(certificate::Column::AssessmentId)
        .column(certificate::Column::Id)
        .filter(certificate::Column::AssessmentId.is_in(rows.iter().map(|a| a.id).collect::<Vec<_>>()))
        .into_tuple::<(Option<i32>, i32)>()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(a, c)| a.map(|a| (a, c)))
        .collect();
    let names: HashMap<i32, String> = if with_names {
        user::Entity::find()
            .filter(user::Column::Id.is_in(rows.iter().map(|a| a.migrant_id).collect::<Vec<_>>()))
            .all(db)
            .await?
            .into_iter()
            .map(|u| (u.id, u.name))
            .collect()
    } else {
        HashMap::new()
    };
    Ok(rows
        .into_iter()
        .map(|a| {
            let q = quals.get(&a.qualification_id);
            Assessment {
                id: a.id,
                migrant_id: a.migrant_id,
                migrant_name: names.get(&a.migrant_id).cloned().unwrap_or_default(),
                qualification_id: a.qualification_id,
                code: q.map(|q| q.code.clone()).unwrap_or_default(),
                title_tr: q.map(|q| q.title_tr.clone()).unwrap_or_default(),
                title_uz: q.map(|q| q.title_uz.clone()).unwrap_or_default(),
                preferred_city: a.preferred_city.clone(),
                preferred_month: a.preferred_month.format("%Y-%m").to_string(),
                status: a.status,
                centre: a.centre_id.and_then(|c| centres.get(&c)).cloned().map(test_centre::Model::into_view),
                scheduled_at: a.scheduled_at.map(|t| t.with_timezone(&uzbekistan()).to_rfc3339()),
                units: a.units(),
                result_at: a.result_at.map(|t| t.to_rfc3339()),
                certificate_id: certs.get(&a.id).copied(),
                created_at: a.created_at.to_rfc3339(),
            }
        })
        .collect())
}

/// The migrant's own assessments and certificates.
pub async fn my_skills<C: ConnectionTrait>(
    db: &C,
    migrant: &SessionUser,
    today: NaiveDate,
) -> Result<SkillsOverview, AppError> {
    let rows = assessment::Entity::find()
        .filter(assessment::Column::MigrantId.eq(migrant.id))
        .order_by_desc(assessment::Column::CreatedAt)
        .order_by_desc(assessment::Column::Id)
        .all(db)
        .await?;
    Ok(SkillsOverview {
        assessments: assessment_views(db, rows, false).await?,
        certificates: certificates_of(db, migrant.id, today).await?,
    })
}

/// The staff queue: open assessments (requested first, then scheduled), oldest first;
/// with `all`, the decided ones too (the newest 200).
pub async fn queue<C: ConnectionTrait>(db: &C, status: Option<AssessmentStatus>) -> Result<Vec<Assessment>, AppError> {
    let mut q = assessment::Entity::find();
    q = match status {
        Some(s) => q.filter(assessment::Column::Status.eq(s)),
        None => q.filter(assessment::Column::Status.is_in([AssessmentStatus::Requested, AssessmentStatus::Scheduled])),
    };
    let rows =
        q.order_by_asc(assessment::Column::CreatedAt).order_by_asc(assessment::Column::Id).limit(200).all(db).await?;
    assessment_views(db, rows, true).await
}

/// One assessment for staff.
pub async fn one_assessment<C: ConnectionTrait>(db: &C, id: i32) -> Result<Assessment, AppError> {
    let row = assessment::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    assessment_views(db, vec![row], true).await?.pop().ok_or(AppError::NotFound)
}

/// The holder's legal name: the profile's full name, else the account's (both empty once erased).
async fn holder_name<C: ConnectionTrait>(db: &C, holder_id: i32) -> Result<String, AppError> {
    let profile = crate::profiles::entity::Entity::find_by_id(holder_id).one(db).await?;
    if let Some(p) = profile.filter(|p| !p.full_name.trim().is_empty()) {
        return Ok(p.full_name);
    }
    Ok(user::Entity::find_by_id(holder_id).one(db).await?.map(|u| u.name).unwrap_or_default())
}

/// One certificate for its holder or staff (anyone else: not found), with the
/// QR code of its public check at `site` (`https://host`).
pub async fn certificate<C: ConnectionTrait>(
    db: &C,
    reader: &SessionUser,
    id: i32,
    site: &str,
    today: NaiveDate,
) -> Result<Certificate, AppError> {
    let row = certificate::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    if !(row.holder_id == reader.id || reader.role.is_staff()) {
        return Err(AppError::NotFound);
    }
    let line = line_query()
        .filter(certificate::Column::Id.eq(id))
        .into_model::<LineRow>()
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?
        .into_line(today);
    let verify_url = format!("{site}{}", super::verify_path(&line.number));
    Ok(Certificate {
        qr_svg: qr_svg(&verify_url)?,
        holder_name: holder_name(db, row.holder_id).await?,
        revoked_at: row.revoked_at.map(|t| t.to_rfc3339()),
        revoked_reason: row.revoked_reason,
        verify_url,
        line,
    })
}

/// The QR code of `text` as an inline SVG (black on white, with its quiet zone).
pub fn qr_svg(text: &str) -> Result<String, AppError> {
    use qrcode::render::svg;
    let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M)
        .map_err(|_| AppError::Internal)?;
    let svg = code
        .render::<svg::Color>()
        .min_dimensions(200, 200)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .quiet_zone(true)
        .build();
    // The XML declaration cannot stand inside HTML.
    Ok(svg.split_once("?>").map(|(_, rest)| rest.trim_start().to_string()).unwrap_or(svg))
}

// ---------------------------------------------------------------- verification

/// Look-ups allowed per client address in an hour, found or not: enough for an
/// employer checking a crew, too few to walk the serials.
pub const LOOKUPS_PER_HOUR: u64 = 30;

/// The public check of a certificate by its exact number (normalised: spaces
/// dropped, upper case). Each look-up from `client_key` (the keyed hash of the
/// client's address) counts, found or not; past [`LOOKUPS_PER_HOUR`] it is
/// refused with `RateLimited` before the database is asked. An unknown number
/// is `NotFound` and nothing else.
pub async fn verify<C: ConnectionTrait>(
    db: &C,
    client_key: &str,
    raw_number: &str,
    today: NaiveDate,
) -> Result<Verification, AppError> {
    let now = Utc::now();
    lookup::Entity::delete_many().filter(lookup::Column::At.lt(now - Duration::days(1))).exec(db).await?;
    let recent = lookup::Entity::find()
        .filter(lookup::Column::ClientKey.eq(client_key))
        .filter(lookup::Column::At.gt(now - Duration::hours(1)))
        .count(db)
        .await?;
    if recent >= LOOKUPS_PER_HOUR {
        return Err(AppError::RateLimited);
    }
    lookup::ActiveModel { client_key: Set(client_key.to_string()), at: Set(now), ..Default::default() }
        .insert(db)
        .await?;
    let number = super::normalise_number(raw_number);
    if number.is_empty() {
        return Err(AppError::Required.at("number"));
    }
    if !super::looks_like_number(&number) {
        return Err(AppError::NotFound);
    }
    let row = certificate::Entity::find()
        .filter(certificate::Column::Number.eq(&number))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let line = line_query()
        .filter(certificate::Column::Id.eq(row.id))
        .into_model::<LineRow>()
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?
        .into_line(today);
    Ok(Verification {
        holder_masked: super::mask_name(&holder_name(db, row.holder_id).await?),
        number: line.number,
        code: line.code,
        title_tr: line.title_tr,
        title_uz: line.title_uz,
        level: line.level,
        issued_on: line.issued_on,
        valid_until: line.valid_until,
        status: line.status,
    })
}

// ---------------------------------------------------------------- notifications

/// The texts skills send, in the recipient's language.
enum Texts {
    Scheduled { when: String, centre: String },
    Cancelled,
    Passed,
    Failed,
    Revoked,
}

impl Texts {
    fn render(&self, locale: &str) -> (String, String) {
        use crate::i18n::Locale;
        use leptos_i18n::td_string;
        let l = crate::lang::parse_locale(locale).unwrap_or(Locale::uz);
        let subject = td_string!(l, skills.notify_subject).to_string();
        let body = match self {
            Texts::Scheduled { when, centre } => {
                td_string!(l, skills.notify_scheduled).replace("%WHEN%", when).replace("%CENTRE%", centre)
            }
            Texts::Cancelled => td_string!(l, skills.notify_cancelled).to_string(),
            Texts::Passed => td_string!(l, skills.notify_passed).to_string(),
            Texts::Failed => td_string!(l, skills.notify_failed).to_string(),
            Texts::Revoked => td_string!(l, skills.notify_revoked).to_string(),
        };
        (subject, body)
    }
}

/// Tells the migrant of news on their assessment or certificate: a
/// notification in the site and a message through the outbox (Telegram when
/// linked, else SMS, else e-mail), in their language. In the caller's transaction.
async fn notify<C: ConnectionTrait>(db: &C, user_id: i32, texts: Texts) -> Result<(), AppError> {
    notification::ActiveModel {
        user_id: Set(user_id),
        kind: Set(NotificationKind::Assessment),
        application_id: Set(None),
        vacancy_id: Set(None),
        stage: Set(None),
        case_id: Set(None),
        case_stage: Set(None),
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
    let (subject, body) = texts.render(&person.locale);
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

// ---------------------------------------------------------------- data rights

/// What the portal keeps of a migrant's skills, for their export.
pub async fn export_for<C: ConnectionTrait>(
    db: &C,
    user: &SessionUser,
    today: NaiveDate,
) -> Result<SkillsOverview, AppError> {
    my_skills(db, user, today).await
}

/// On erasure: the migrant's assessments go (their certificates lose the link
/// to them). The certificates stay, as the exam's record that an employer may
/// still check on the paper the holder carries: the account's and profile's
/// names are erased with the account, so a public check of such a number
/// shows the qualification, the dates and the status, and no name at all.
pub async fn erase_for<C: ConnectionTrait>(txn: &C, user_id: i32) -> Result<(), AppError> {
    let theirs = sea_orm::sea_query::Query::select()
        .column(assessment::Column::Id)
        .from(assessment::Entity)
        .and_where(assessment::Column::MigrantId.eq(user_id))
        .to_owned();
    certificate::Entity::update_many()
        .col_expr(certificate::Column::AssessmentId, Expr::value(Option::<i32>::None))
        .filter(certificate::Column::AssessmentId.in_subquery(theirs))
        .exec(txn)
        .await?;
    assessment::Entity::delete_many().filter(assessment::Column::MigrantId.eq(user_id)).exec(txn).await?;
    Ok(())
}
