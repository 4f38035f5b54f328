//! Companies' queries and mutations, free of HTTP.

use super::entity;
use super::{CompanyDecision, CompanyStatus};
use crate::error::AppError;
use chrono::Utc;
use sea_orm::*;

/// What a company registration says, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct CompanyInput {
    pub legal_name: String,
    pub vkn: String,
    pub mersis: String,
    pub sector_id: i32,
    pub province_id: i32,
    pub address: String,
    pub contact_person: String,
    pub contact_phone: String,
}

/// The company an employer owns (one per employer account).
pub async fn own<C: ConnectionTrait>(db: &C, owner_id: i32) -> Result<Option<entity::Model>, AppError> {
    Ok(entity::Entity::find().filter(entity::Column::OwnerUserId.eq(owner_id)).one(db).await?)
}

/// The employer's company if it is verified; `CompanyNotVerified` otherwise.
pub async fn own_verified<C: ConnectionTrait>(db: &C, owner_id: i32) -> Result<entity::Model, AppError> {
    own(db, owner_id).await?.filter(|c| c.status == CompanyStatus::Verified).ok_or(AppError::CompanyNotVerified)
}

/// Registers a company, or resubmits a rejected one with corrections.
pub async fn register<C: ConnectionTrait>(db: &C, owner_id: i32, input: CompanyInput) -> Result<(), AppError> {
    crate::reference::service::check_sector(db, input.sector_id).await?;
    crate::reference::service::check_province(db, input.province_id).await?;
    // A VKN or MERSIS number that another registration holds is not refused
    // (that would tell anyone whose it is, and let the first to type a number
    // block its real owner): staff see both records flagged (`same_numbers`).
    let now = Utc::now();
    let mut am = match own(db, owner_id).await? {
        Some(c) if c.status != CompanyStatus::Rejected => return Err(AppError::InvalidInput),
        Some(c) => c.into_active_model(),
        None => entity::ActiveModel {
            owner_user_id: Set(owner_id),
            decided_by: Set(None),
            decided_at: Set(None),
            created_at: Set(now),
            ..Default::default()
        },
    };
    am.legal_name = Set(input.legal_name);
    am.vkn = Set(input.vkn);
    am.mersis = Set(input.mersis);
    am.sector_id = Set(input.sector_id);
    am.province_id = Set(input.province_id);
    am.address = Set(input.address);
    am.contact_person = Set(input.contact_person);
    am.contact_phone = Set(input.contact_phone);
    am.status = Set(CompanyStatus::Pending);
    am.decision_reason = Set(None);
    am.decision_reason_code = Set(None);
    am.decision_reason_lang = Set(None);
    am.updated_at = Set(now);
    am.save(db).await?;
    tracing::info!(user_id = owner_id, "company submitted for verification");
    Ok(())
}

/// Companies waiting for verification, oldest first.
pub async fn pending<C: ConnectionTrait>(db: &C) -> Result<Vec<super::Company>, AppError> {
    use crate::accounts::entity::user;
    let rows = entity::Entity::find()
        .select_also(user::Entity)
        .join(
            JoinType::LeftJoin,
            entity::Entity::belongs_to(user::Entity).from(entity::Column::OwnerUserId).to(user::Column::Id).into(),
        )
        .filter(entity::Column::Status.eq(CompanyStatus::Pending))
        .order_by_asc(entity::Column::UpdatedAt)
        .all(db)
        .await?;
    let companies: Vec<entity::Model> = rows.iter().map(|(c, _)| c.clone()).collect();
    let mut same = same_numbers(db, &companies).await?;
    // Each with the language its employer reads: staff write the reason's note for them.
    Ok(rows
        .into_iter()
        .map(|(c, owner)| super::Company {
            owner_lang: owner.map(|u| u.locale),
            same_numbers: same.remove(&c.id).unwrap_or_default(),
            ..c.into_view()
        })
        .collect())
}

/// For each company, the other registrations with its VKN or MERSIS number
/// (one query, whatever the count).
pub async fn same_numbers<C: ConnectionTrait>(
    db: &C,
    companies: &[entity::Model],
) -> Result<std::collections::HashMap<i32, Vec<super::SameNumber>>, AppError> {
    if companies.is_empty() {
        return Ok(Default::default());
    }
    let vkns: Vec<String> = companies.iter().map(|c| c.vkn.clone()).collect();
    let mersis: Vec<String> = companies.iter().map(|c| c.mersis.clone()).collect();
    let others = entity::Entity::find()
        .filter(Condition::any().add(entity::Column::Vkn.is_in(vkns)).add(entity::Column::Mersis.is_in(mersis)))
        .order_by_asc(entity::Column::Id)
        .all(db)
        .await?;
    Ok(companies
        .iter()
        .map(|c| {
            let list = others
                .iter()
                .filter(|o| o.id != c.id && (o.vkn == c.vkn || o.mersis == c.mersis))
                .map(|o| super::SameNumber {
                    id: o.id,
                    legal_name: o.legal_name.clone(),
                    status: o.status,
                    same_vkn: o.vkn == c.vkn,
                    same_mersis: o.mersis == c.mersis,
                })
                .collect();
            (c.id, list)
        })
        .collect())
}

/// Staff verify a pending company, or reject it with a reason.
pub async fn decide<C: TransactionTrait>(
    db: &C,
    staff_id: i32,
    company_id: i32,
    decision: CompanyDecision,
    reason: Option<(crate::reasons::Reason, &'static str)>,
) -> Result<(), AppError> {
    use crate::applications::NotificationKind;
    let (status, kind) = match (decision, &reason) {
        (CompanyDecision::Verify, _) => (CompanyStatus::Verified, NotificationKind::CompanyVerified),
        (CompanyDecision::Reject, Some(_)) => (CompanyStatus::Rejected, NotificationKind::CompanyRejected),
        (CompanyDecision::Reject, None) => return Err(AppError::ReasonRequired),
    };
    // The decision and the employer's notification of it: one transaction.
    crate::db::write(db, move |txn| {
        Box::pin(async move {
            let company = entity::Entity::find_by_id(company_id).one(txn).await?.ok_or(AppError::NotFound)?;
            if company.status != CompanyStatus::Pending {
                return Err(AppError::InvalidInput);
            }
            let owner = company.owner_user_id;
            let now = Utc::now();
            let mut am = company.into_active_model();
            am.status = Set(status);
            let (code, note, lang) = crate::reasons::stored(reason);
            am.decision_reason_code = Set(code);
            am.decision_reason = Set(note);
            am.decision_reason_lang = Set(lang);
            am.decided_by = Set(Some(staff_id));
            am.decided_at = Set(Some(now));
            am.updated_at = Set(now);
            am.update(txn).await?;
            if status == CompanyStatus::Verified {
                crate::vacancies::service::submit_drafts(txn, company_id).await?;
            }
            crate::applications::service::notify_decision(txn, owner, kind, None).await
        })
    })
    .await?;
    tracing::info!(staff_id, company_id, decision = %status, "company decided");
    Ok(())
}
