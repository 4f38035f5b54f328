use super::Company;
use crate::error::AppError;
use leptos::prelude::*;

/// The signed-in employer's company, if registered.
#[server(endpoint = "my_company")]
pub async fn my_company() -> Result<Option<Company>, AppError> {
    use super::entity;
    use sea_orm::*;
    let user = crate::accounts::session::current_user().await?;
    crate::authz::authorize(user.as_ref(), crate::authz::Action::ManageOwnCompany)?;
    let user = user.ok_or(AppError::NotSignedIn)?;
    let row = entity::Entity::find()
        .filter(entity::Column::OwnerUserId.eq(user.id))
        .one(&crate::state::app_state()?.db)
        .await?;
    Ok(row.map(entity::Model::view))
}

/// Registers (or, after a rejection, corrects and resubmits) the employer's company.
#[server(endpoint = "register_company")]
#[allow(clippy::too_many_arguments)]
pub async fn register_company(
    legal_name: String,
    vkn: String,
    mersis: String,
    sector_id: i32,
    province_id: i32,
    address: String,
    contact_person: String,
    contact_phone: String,
) -> Result<(), AppError> {
    use super::{entity, CompanyStatus};
    use crate::reference::ids::{normalize_digits, valid_mersis, valid_vkn};
    use sea_orm::*;
    let result = async {
        let user = crate::accounts::session::current_user().await?;
        crate::authz::authorize(user.as_ref(), crate::authz::Action::ManageOwnCompany)?;
        let user = user.ok_or(AppError::NotSignedIn)?;
        let legal_name = crate::accounts::validate::normalize_name(&legal_name)?;
        let vkn = normalize_digits(&vkn);
        if !valid_vkn(&vkn) {
            return Err(AppError::InvalidVkn);
        }
        let mersis = normalize_digits(&mersis);
        if !valid_mersis(&mersis) {
            return Err(AppError::InvalidMersis);
        }
        let address = address.trim().to_string();
        if address.is_empty() || address.chars().count() > 500 {
            return Err(AppError::InvalidInput);
        }
        let contact_person = crate::accounts::validate::normalize_name(&contact_person)?;
        let contact_phone = crate::contacts::normalize_contact_phone(&contact_phone).ok_or(AppError::InvalidPhone)?;
        let state = crate::state::app_state()?;
        let db = &state.db;
        if crate::reference::entity::sector::Entity::find_by_id(sector_id).one(db).await?.is_none()
            || crate::reference::entity::province::Entity::find_by_id(province_id).one(db).await?.is_none()
        {
            return Err(AppError::InvalidInput);
        }
        let existing = entity::Entity::find().filter(entity::Column::OwnerUserId.eq(user.id)).one(db).await?;
        let now = chrono::Utc::now();
        match existing {
            Some(c) if c.status != CompanyStatus::Rejected.as_str() => return Err(AppError::InvalidInput),
            Some(c) => {
                let mut am: entity::ActiveModel = c.into();
                am.legal_name = Set(legal_name);
                am.vkn = Set(vkn);
                am.mersis = Set(mersis);
                am.sector_id = Set(sector_id);
                am.province_id = Set(province_id);
                am.address = Set(address);
                am.contact_person = Set(contact_person);
                am.contact_phone = Set(contact_phone);
                am.status = Set(CompanyStatus::Pending.as_str().into());
                am.decision_reason = Set(None);
                am.updated_at = Set(now);
                am.update(db).await?;
            }
            None => {
                entity::ActiveModel {
                    owner_user_id: Set(user.id),
                    legal_name: Set(legal_name),
                    vkn: Set(vkn),
                    mersis: Set(mersis),
                    sector_id: Set(sector_id),
                    province_id: Set(province_id),
                    address: Set(address),
                    contact_person: Set(contact_person),
                    contact_phone: Set(contact_phone),
                    status: Set(CompanyStatus::Pending.as_str().into()),
                    decision_reason: Set(None),
                    decided_by: Set(None),
                    decided_at: Set(None),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                }
                .insert(db)
                .await?;
            }
        }
        tracing::info!(user_id = user.id, "company submitted for verification");
        Ok(())
    }
    .await;
    crate::forms::finish(result, "/employer/company")
}

/// Companies waiting for verification, oldest first (staff).
#[server(endpoint = "pending_companies")]
pub async fn pending_companies() -> Result<Vec<Company>, AppError> {
    use super::{entity, CompanyStatus};
    use sea_orm::*;
    let user = crate::accounts::session::current_user().await?;
    crate::authz::authorize(user.as_ref(), crate::authz::Action::ReviewCompanies)?;
    let rows = entity::Entity::find()
        .filter(entity::Column::Status.eq(CompanyStatus::Pending.as_str()))
        .order_by_asc(entity::Column::UpdatedAt)
        .all(&crate::state::app_state()?.db)
        .await?;
    Ok(rows.into_iter().map(entity::Model::view).collect())
}

/// Staff verify a company, or reject it with a reason the employer reads.
#[server(endpoint = "decide_company")]
pub async fn decide_company(company_id: i32, decision: String, reason: Option<String>) -> Result<(), AppError> {
    use super::{entity, CompanyStatus};
    use sea_orm::*;
    let result = async {
        let user = crate::accounts::session::current_user().await?;
        crate::authz::authorize(user.as_ref(), crate::authz::Action::ReviewCompanies)?;
        let user = user.ok_or(AppError::NotSignedIn)?;
        let reason = reason.map(|r| r.trim().to_string()).filter(|r| !r.is_empty());
        let status = match decision.as_str() {
            "verify" => CompanyStatus::Verified,
            "reject" if reason.is_some() => CompanyStatus::Rejected,
            "reject" => return Err(AppError::ReasonRequired),
            _ => return Err(AppError::InvalidInput),
        };
        let state = crate::state::app_state()?;
        let company = entity::Entity::find_by_id(company_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
        if company.status != CompanyStatus::Pending.as_str() {
            return Err(AppError::InvalidInput);
        }
        let mut am: entity::ActiveModel = company.into();
        am.status = Set(status.as_str().into());
        am.decision_reason = Set(reason);
        am.decided_by = Set(Some(user.id));
        am.decided_at = Set(Some(chrono::Utc::now()));
        am.updated_at = Set(chrono::Utc::now());
        am.update(&state.db).await?;
        tracing::info!(staff_id = user.id, company_id, decision = status.as_str(), "company decided");
        Ok(())
    }
    .await;
    crate::forms::finish(result, "/staff/companies")
}
