//! The companies server functions: guard → parse → service → view.

use super::{Company, CompanyDecision};
#[cfg(feature = "ssr")]
use crate::authz::Action;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::guard::guard;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The company registration form, as the browser posts it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CompanyForm {
    pub legal_name: String,
    pub vkn: String,
    pub mersis: String,
    pub sector_id: String,
    pub province_id: String,
    pub address: String,
    pub contact_person: String,
    pub contact_phone: String,
}

impl CompanyForm {
    #[cfg(feature = "ssr")]
    fn parse(self) -> Result<super::service::CompanyInput, AppError> {
        use crate::parse::{int, normalize_name, required_text};
        use crate::reference::ids::{normalize_digits, valid_mersis, valid_vkn};
        let vkn = normalize_digits(&self.vkn);
        let mersis = normalize_digits(&self.mersis);
        let mut c = crate::error::Checks::default();
        let legal_name = c.take_as("legal_name", normalize_name(&self.legal_name));
        let vkn = c.take(valid_vkn(&vkn).then_some(vkn).ok_or(AppError::InvalidVkn));
        let mersis = c.take(valid_mersis(&mersis).then_some(mersis).ok_or(AppError::InvalidMersis));
        let sector_id = c.take_as("sector_id", int(&self.sector_id, AppError::ChoiceRequired));
        let province_id = c.take_as("province_id", int(&self.province_id, AppError::ChoiceRequired));
        let address = c.take_as("address", required_text(&self.address, 500, AppError::Required));
        let contact_person = c.take_as("contact_person", normalize_name(&self.contact_person));
        let contact_phone = c.take_as(
            "contact_phone",
            crate::contacts::normalize_contact_phone(&self.contact_phone).ok_or(AppError::InvalidPhone),
        );
        let (((legal_name, vkn), (mersis, sector_id)), ((province_id, address), (contact_person, contact_phone))) = c
            .finish(
            legal_name
                .zip(vkn)
                .zip(mersis.zip(sector_id))
                .zip(province_id.zip(address).zip(contact_person.zip(contact_phone))),
        )?;
        Ok(super::service::CompanyInput {
            legal_name,
            vkn,
            mersis,
            sector_id,
            province_id,
            address,
            contact_person,
            contact_phone,
        })
    }
}

/// The signed-in employer's company, if registered.
#[server(endpoint = "my_company")]
pub async fn my_company() -> Result<Option<Company>, AppError> {
    let (user, state) = guard(Action::ManageOwnCompany).await?;
    Ok(super::service::own(&state.db, user.id).await?.map(super::entity::Model::into_view))
}

/// Registers (or, after a rejection, corrects and resubmits) the employer's company.
#[server(endpoint = "register_company")]
pub async fn register_company(#[server(flatten)] form: CompanyForm) -> Result<(), AppError> {
    let (user, state) = guard(Action::ManageOwnCompany).await?;
    let input = form.parse()?;
    super::service::register(&state.db, user.id, input).await?;
    crate::forms::redirect("/employer/company");
    Ok(())
}

/// Companies waiting for verification, oldest first (staff).
#[server(endpoint = "pending_companies")]
pub async fn pending_companies() -> Result<Vec<Company>, AppError> {
    let (_, state) = guard(Action::ReviewCompanies).await?;
    super::service::pending(&state.db).await
}

/// Staff verify a company, or reject it with a reason the employer reads.
#[server(endpoint = "decide_company")]
pub async fn decide_company(
    company_id: i32,
    decision: CompanyDecision,
    reason: Option<String>,
    reason_note: Option<String>,
) -> Result<(), AppError> {
    let (user, state) = guard(Action::ReviewCompanies).await?;
    let reason = match decision {
        CompanyDecision::Reject => Some((
            crate::reasons::parse(crate::reasons::ReasonFor::CompanyReject, reason.as_deref(), reason_note.as_deref())?,
            crate::lang::request_locale(),
        )),
        CompanyDecision::Verify => None,
    };
    super::service::decide(&state.db, user.id, company_id, decision, reason).await?;
    crate::forms::redirect("/staff/companies");
    Ok(())
}
