//! sea-orm entities of cases (see migration `m20261202_000015_cases`).

pub mod case {
    use crate::cases::{CaseKind, Category, CurrentStatus, Decision, EntryRoute, Stage};
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "cases")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub kind: CaseKind,
        pub owner_user_id: i32,
        pub stage: Stage,
        pub vacancy_id: Option<i32>,
        pub company_id: Option<i32>,
        pub application_id: Option<i32>,
        pub assigned_to: Option<i32>,
        pub category: Option<Category>,
        pub urgent: bool,
        pub summary: String,
        pub lang: String,
        pub entered_on: Option<ChronoDate>,
        pub entry_route: Option<EntryRoute>,
        pub current_status: Option<CurrentStatus>,
        pub sector_id: Option<i32>,
        pub employer_company_id: Option<i32>,
        pub employer_name: Option<String>,
        pub fee_kurus: Option<i64>,
        pub decision: Option<Decision>,
        pub decision_reason: Option<String>,
        pub decision_lang: Option<String>,
        pub stage_entered_at: ChronoDateTimeUtc,
        pub due_at: Option<ChronoDateTimeUtc>,
        /// When the thread last had a message (either side).
        pub last_reply_at: Option<ChronoDateTimeUtc>,
        pub created_at: ChronoDateTimeUtc,
        pub updated_at: ChronoDateTimeUtc,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}

    impl Model {
        pub fn regularisation(&self) -> Option<crate::cases::Regularisation> {
            Some(crate::cases::Regularisation {
                entered_on: self.entered_on?.to_string(),
                entry_route: self.entry_route?,
                current_status: self.current_status?,
                sector_id: self.sector_id?,
                employer_company_id: self.employer_company_id,
                employer_name: self.employer_name.clone(),
            })
        }
    }
}

pub mod event {
    use crate::accounts::Role;
    use crate::cases::{EventKind, Stage};
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "case_events")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub case_id: i32,
        pub actor_user_id: Option<i32>,
        pub actor_role: Role,
        pub kind: EventKind,
        pub from_stage: Option<Stage>,
        pub to_stage: Option<Stage>,
        pub reason: Option<String>,
        pub reason_lang: Option<String>,
        pub detail: Option<String>,
        pub at: ChronoDateTimeUtc,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

pub mod note {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "case_notes")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub case_id: i32,
        pub author_user_id: Option<i32>,
        pub body: String,
        pub created_at: ChronoDateTimeUtc,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

pub mod message {
    use crate::accounts::Role;
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "case_messages")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub case_id: i32,
        pub author_user_id: Option<i32>,
        pub author_role: Role,
        pub body: String,
        pub lang: String,
        pub created_at: ChronoDateTimeUtc,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

pub mod checklist {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "case_checklist")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub case_id: i32,
        pub position: i32,
        pub label: String,
        pub label_lang: String,
        pub due_on: Option<ChronoDate>,
        pub done_at: Option<ChronoDateTimeUtc>,
        /// When the step was added, or its date last changed (`m20261202_000019_reminders`).
        pub created_at: Option<ChronoDateTimeUtc>,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}

    impl Model {
        pub fn into_view(self) -> crate::cases::ChecklistItem {
            crate::cases::ChecklistItem {
                id: self.id,
                label: self.label,
                lang: self.label_lang,
                due_on: self.due_on.map(|d| d.to_string()),
                done: self.done_at.is_some(),
                reminded: Vec::new(),
            }
        }
    }
}
