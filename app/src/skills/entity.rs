//! sea-orm entities of skills certification (see migration `m20261202_000017_skills`).

pub mod qualification {
    use crate::skills::Sector;
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "qualifications")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        /// MYK's code, `11UY0012-3` or `11UY0012-3/03` (unique).
        #[sea_orm(unique)]
        pub code: String,
        pub title_tr: String,
        pub title_uz: String,
        /// 1–8.
        pub level: i32,
        pub sector: Sector,
        /// 2–5.
        pub validity_years: i32,
        pub hazardous: bool,
        pub active: bool,
        pub created_at: ChronoDateTimeUtc,
        pub updated_at: ChronoDateTimeUtc,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

pub mod qualification_occupation {
    use sea_orm::entity::prelude::*;
    /// A qualification covers an occupation of the reference list (a unique pair).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "qualification_occupations")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub qualification_id: i32,
        #[sea_orm(primary_key, auto_increment = false)]
        pub occupation_id: i32,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

pub mod test_centre {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "test_centres")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub name: String,
        pub city: String,
        pub active: bool,
        pub created_at: ChronoDateTimeUtc,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}

    impl Model {
        pub fn into_view(self) -> crate::skills::TestCentre {
            crate::skills::TestCentre { id: self.id, name: self.name, city: self.city, active: self.active }
        }
    }
}

pub mod assessment {
    use crate::skills::{AssessmentStatus, UnitResult};
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "assessments")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub migrant_id: i32,
        pub qualification_id: i32,
        pub preferred_city: String,
        /// The first day of the month the migrant would like.
        pub preferred_month: ChronoDate,
        pub status: AssessmentStatus,
        pub centre_id: Option<i32>,
        pub scheduled_at: Option<ChronoDateTimeUtc>,
        /// The units of the exam as the result records them: JSON `[{"unit":"A1","passed":true}]`.
        #[sea_orm(column_type = "Text")]
        pub units: String,
        pub result_at: Option<ChronoDateTimeUtc>,
        pub recorded_by: Option<i32>,
        pub created_at: ChronoDateTimeUtc,
        pub updated_at: ChronoDateTimeUtc,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}

    impl Model {
        pub fn units(&self) -> Vec<UnitResult> {
            serde_json::from_str(&self.units).unwrap_or_default()
        }
    }
}

pub mod certificate {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "certificates")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        /// `BODY/CODE/REVISION/SERIAL` (unique), see [`crate::skills::certificate_number`].
        #[sea_orm(unique)]
        pub number: String,
        pub holder_id: i32,
        pub qualification_id: i32,
        pub assessment_id: Option<i32>,
        pub issued_on: ChronoDate,
        /// The last day it is valid: `issued_on` + the qualification's validity.
        pub valid_until: ChronoDate,
        pub revoked_at: Option<ChronoDateTimeUtc>,
        pub revoked_reason: Option<String>,
        pub revoked_by: Option<i32>,
        pub created_at: ChronoDateTimeUtc,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

pub mod lookup {
    use sea_orm::entity::prelude::*;
    /// One public look-up of a certificate number, for the rate limit: the keyed
    /// hash of the client's address and when (kept a day).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "certificate_lookups")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub client_key: String,
        pub at: ChronoDateTimeUtc,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}
