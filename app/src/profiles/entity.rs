use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "migrant_profiles")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i32,
    pub full_name: String,
    pub birth_date: ChronoDate,
    /// XChaCha20-Poly1305, see `crypto`.
    pub passport_cipher: Option<String>,
    /// Keyed hash of the normalised number, for exact lookups only.
    pub passport_index: Option<String>,
    pub location_kind: String,
    pub location_id: i32,
    pub occupation_id: i32,
    pub experience_years: i32,
    pub turkish_level: String,
    pub certificates: String,
    pub updated_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
