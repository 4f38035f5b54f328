use super::{TurkishLevel, VacancyStatus};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "vacancies")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub company_id: i32,
    pub sector_id: i32,
    pub occupation_id: i32,
    pub positions: i32,
    pub filled: i32,
    pub province_id: i32,
    pub district: String,
    pub wage_kurus: i64,
    pub hours_per_week: i32,
    pub housing: bool,
    pub meals: bool,
    pub transport: bool,
    pub contract_months: i32,
    pub turkish_level: TurkishLevel,
    pub certificate_required: bool,
    pub start_date: ChronoDate,
    pub closing_date: ChronoDate,
    pub text_tr: String,
    pub text_uz: Option<String>,
    pub status: VacancyStatus,
    pub review_reason: Option<String>,
    pub review_reason_code: Option<crate::reasons::ReasonCode>,
    pub review_reason_lang: Option<String>,
    /// Folded text of everything a person may search for (see `reference::text`).
    pub search: String,
    pub published_at: Option<ChronoDateTimeUtc>,
    pub created_at: ChronoDateTimeUtc,
    pub updated_at: ChronoDateTimeUtc,
    pub project_id: Option<i32>,
    /// The MYK qualification a worker must hold a valid certificate of (F3.2, F4.4).
    pub required_qualification_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// The vacancy as readers see it, with its company's name and standing.
    pub fn into_view(self, company: &crate::companies::entity::Model) -> super::Vacancy {
        super::Vacancy {
            id: self.id,
            company_id: self.company_id,
            company_name: company.legal_name.clone(),
            company_verified: company.status == crate::companies::CompanyStatus::Verified,
            company_suspended: company.status == crate::companies::CompanyStatus::Suspended,
            sector_id: self.sector_id,
            occupation_id: self.occupation_id,
            positions: self.positions,
            filled: self.filled,
            province_id: self.province_id,
            district: self.district,
            wage_kurus: self.wage_kurus,
            hours_per_week: self.hours_per_week,
            housing: self.housing,
            meals: self.meals,
            transport: self.transport,
            contract_months: self.contract_months,
            turkish_level: self.turkish_level,
            certificate_required: self.certificate_required,
            start_date: self.start_date.to_string(),
            closing_date: self.closing_date.to_string(),
            text_tr: self.text_tr,
            text_uz: self.text_uz,
            status: self.status,
            review_reason: self.review_reason,
            review_reason_code: self.review_reason_code,
            review_reason_lang: self.review_reason_lang,
            owner_lang: None,
            created_at: self.created_at.to_rfc3339(),
            project_id: self.project_id,
            required_qualification_id: self.required_qualification_id,
            qualification: None,
            reader_certificate: None,
        }
    }
}

pub mod project {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "projects")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub company_id: i32,
        pub name: String,
        pub description_tr: String,
        pub description_uz: Option<String>,
        pub province_id: i32,
        pub created_at: ChronoDateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}

    impl Model {
        pub fn into_view(self, company_name: String) -> crate::vacancies::Project {
            crate::vacancies::Project {
                id: self.id,
                company_id: self.company_id,
                company_name,
                name: self.name,
                description_tr: self.description_tr,
                description_uz: self.description_uz,
                province_id: self.province_id,
            }
        }
    }
}
