use super::CompanyStatus;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "companies")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub owner_user_id: i32,
    pub legal_name: String,
    pub vkn: String,
    pub mersis: String,
    pub sector_id: i32,
    pub province_id: i32,
    pub address: String,
    pub contact_person: String,
    pub contact_phone: String,
    pub status: CompanyStatus,
    pub decision_reason: Option<String>,
    pub decision_reason_code: Option<crate::reasons::ReasonCode>,
    pub decision_reason_lang: Option<String>,
    pub decided_by: Option<i32>,
    pub decided_at: Option<ChronoDateTimeUtc>,
    pub created_at: ChronoDateTimeUtc,
    pub updated_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    pub fn into_view(self) -> super::Company {
        super::Company {
            id: self.id,
            legal_name: self.legal_name,
            vkn: self.vkn,
            mersis: self.mersis,
            sector_id: self.sector_id,
            province_id: self.province_id,
            address: self.address,
            contact_person: self.contact_person,
            contact_phone: self.contact_phone,
            status: self.status,
            decision_reason: self.decision_reason,
            decision_reason_code: self.decision_reason_code,
            decision_reason_lang: self.decision_reason_lang,
            owner_lang: None,
            same_numbers: vec![],
            created_at: self.created_at.to_rfc3339(),
        }
    }
}
