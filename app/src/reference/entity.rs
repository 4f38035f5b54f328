//! sea-orm entities of the reference data (seeded by migration 000002).

pub mod province {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "provinces")]
    pub struct Model {
        /// The plate code, 1..=81.
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: i32,
        pub name_tr: String,
        pub name_uz: String,
        pub search: String,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

pub mod uz_region {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "uz_regions")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: i32,
        pub name_uz: String,
        pub name_tr: String,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

pub mod sector {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "sectors")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub code: String,
        pub name_uz: String,
        pub name_tr: String,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

pub mod occupation {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "occupations")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub code: String,
        pub sector_id: i32,
        pub name_uz: String,
        pub name_tr: String,
        pub search: String,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

pub mod minimum_wage {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "minimum_wages")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        /// TRY × 100.
        pub gross_monthly_kurus: i64,
        pub valid_from: ChronoDate,
        pub set_by_user_id: Option<i32>,
        pub created_at: ChronoDateTimeUtc,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}

    impl Model {
        pub fn into_view(self) -> crate::reference::api::MinimumWage {
            crate::reference::api::MinimumWage {
                gross_monthly_kurus: self.gross_monthly_kurus,
                valid_from: self.valid_from.to_string(),
            }
        }
    }
}
