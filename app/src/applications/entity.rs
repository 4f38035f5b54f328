pub mod application {
    use crate::applications::Stage;
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "applications")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub vacancy_id: i32,
        pub migrant_user_id: i32,
        pub stage: Stage,
        pub work_permit_no: Option<String>,
        pub start_date: Option<ChronoDate>,
        /// The interview, in Türkiye time.
        pub interview_at: Option<ChronoDateTime>,
        pub interview_mode: Option<crate::applications::InterviewMode>,
        pub interview_place: Option<String>,
        pub interview_contact: Option<String>,
        /// The language the employer wrote the interview's place and contact in.
        pub terms_lang: Option<String>,
        pub offer_wage_kurus: Option<i64>,
        pub offer_start: Option<ChronoDate>,
        pub offer_housing: Option<bool>,
        pub offer_return_ticket: Option<bool>,
        pub created_at: ChronoDateTimeUtc,
        pub updated_at: ChronoDateTimeUtc,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}

    impl Model {
        /// The interview, once the employer has invited to one.
        pub fn interview(&self) -> Option<crate::applications::Interview> {
            Some(crate::applications::Interview {
                at: self.interview_at?.format("%Y-%m-%dT%H:%M").to_string(),
                mode: self.interview_mode?,
                place: self.interview_place.clone()?,
                contact: self.interview_contact.clone()?,
                lang: self.terms_lang.clone(),
            })
        }

        /// The offer's terms, once the employer has made one.
        pub fn offer(&self) -> Option<crate::applications::OfferTerms> {
            Some(crate::applications::OfferTerms {
                wage_kurus: self.offer_wage_kurus?,
                start: self.offer_start?.to_string(),
                housing: self.offer_housing?,
                return_ticket: self.offer_return_ticket?,
            })
        }
    }
}

pub mod event {
    use crate::accounts::Role;
    use crate::applications::Stage;
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "application_events")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub application_id: i32,
        pub actor_user_id: i32,
        pub actor_role: Role,
        pub from_stage: Option<Stage>,
        pub to_stage: Stage,
        pub reason: Option<String>,
        pub at: ChronoDateTimeUtc,
        pub reason_code: Option<crate::reasons::ReasonCode>,
        pub reason_lang: Option<String>,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}

    impl Model {
        pub fn into_view(self) -> crate::applications::Event {
            crate::applications::Event {
                from: self.from_stage,
                to: self.to_stage,
                actor_role: self.actor_role,
                reason_code: self.reason_code,
                reason: self.reason,
                reason_lang: self.reason_lang,
                at: self.at.to_rfc3339(),
            }
        }
    }
}

pub mod notification {
    use crate::applications::{NotificationKind, Stage};
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "notifications")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub user_id: i32,
        pub kind: NotificationKind,
        pub application_id: Option<i32>,
        pub vacancy_id: Option<i32>,
        pub stage: Option<Stage>,
        pub created_at: ChronoDateTimeUtc,
        pub read_at: Option<ChronoDateTimeUtc>,
        pub case_id: Option<i32>,
        pub case_stage: Option<crate::cases::Stage>,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}

    impl Model {
        pub fn into_view(self) -> crate::applications::Notification {
            crate::applications::Notification {
                id: self.id,
                kind: self.kind,
                application_id: self.application_id,
                stage: self.stage,
                occupation_id: None,
                company_name: None,
                case_id: self.case_id,
                case_stage: self.case_stage,
                created_at: self.created_at.to_rfc3339(),
                read: self.read_at.is_some(),
            }
        }
    }
}
