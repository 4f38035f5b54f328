//! The sea-orm entities of contributions (see migration `m20261202_000018_contributions`).

/// One insured work period of a migrant.
pub mod period {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "contribution_periods")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub user_id: i32,
        pub employer_name: String,
        pub company_id: Option<i32>,
        pub started_on: ChronoDate,
        pub ended_on: Option<ChronoDate>,
        pub gross_monthly_kurus: i64,
        pub sgk_number: Option<String>,
        pub insured_days: Option<i32>,
        pub created_at: ChronoDateTimeUtc,
        pub updated_at: ChronoDateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}

    impl Model {
        pub fn into_view(self) -> crate::contributions::Period {
            crate::contributions::Period {
                id: self.id,
                employer_name: self.employer_name,
                company_id: self.company_id,
                started_on: self.started_on.to_string(),
                ended_on: self.ended_on.map(|d| d.to_string()),
                gross_monthly_kurus: self.gross_monthly_kurus,
                sgk_number: self.sgk_number,
                insured_days: self.insured_days,
            }
        }
    }
}

/// One version of the rules: the newest is in force.
pub mod rules {
    use crate::contributions::AgreementStatus;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "contribution_rules")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub employee_bp: i32,
        pub employer_bp: i32,
        pub floor_minimum_wage: bool,
        pub ceiling_hundredths: i32,
        pub reclaim_bp: i32,
        pub agreement: AgreementStatus,
        pub in_force_on: Option<ChronoDate>,
        pub reminder_days: i32,
        pub set_by_user_id: Option<i32>,
        pub created_at: ChronoDateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}

    impl Model {
        pub fn into_rules(&self) -> crate::contributions::Rules {
            crate::contributions::Rules {
                employee_bp: self.employee_bp,
                employer_bp: self.employer_bp,
                floor_minimum_wage: self.floor_minimum_wage,
                ceiling_hundredths: self.ceiling_hundredths,
                reclaim_bp: self.reclaim_bp,
                agreement: self.agreement,
                in_force_on: self.in_force_on.map(|d| d.to_string()),
                reminder_days: self.reminder_days,
            }
        }
    }
}

/// A period copied into a claim case when it was filed.
pub mod claim_period {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "claim_periods")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub case_id: i32,
        /// The rules version the estimate was made under.
        pub rules_id: Option<i32>,
        pub employer_name: String,
        pub company_id: Option<i32>,
        pub started_on: ChronoDate,
        pub ended_on: Option<ChronoDate>,
        pub gross_monthly_kurus: i64,
        pub sgk_number: Option<String>,
        pub insured_days: Option<i32>,
        pub days: i64,
        pub employee_kurus: i64,
        pub employer_kurus: i64,
        pub reclaimable_kurus: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}

    impl Model {
        pub fn into_view(self) -> crate::contributions::ClaimPeriod {
            crate::contributions::ClaimPeriod {
                employer_name: self.employer_name,
                started_on: self.started_on.to_string(),
                ended_on: self.ended_on.map(|d| d.to_string()),
                gross_monthly_kurus: self.gross_monthly_kurus,
                sgk_number: self.sgk_number,
                insured_days: self.insured_days,
                days: self.days,
                employee_kurus: self.employee_kurus,
                employer_kurus: self.employer_kurus,
                reclaimable_kurus: self.reclaimable_kurus,
            }
        }
    }
}

/// When a returnee was last reminded, and for which due time.
pub mod reminder {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "contribution_reminders")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub user_id: i32,
        pub last_due_at: ChronoDateTimeUtc,
        pub last_sent_at: ChronoDateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
