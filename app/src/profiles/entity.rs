use super::LocationKind;
use crate::error::AppError;
use crate::state::Keys;
use crate::vacancies::TurkishLevel;
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
    pub location_kind: LocationKind,
    pub location_id: i32,
    pub occupation_id: i32,
    pub experience_years: i32,
    pub turkish_level: TurkishLevel,
    pub certificates: String,
    pub updated_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// The profile as its migrant sees it: the passport number masked.
    pub fn into_view(self, keys: &Keys) -> Result<super::Profile, AppError> {
        let masked = match &self.passport_cipher {
            Some(c) => Some(super::mask_passport(&crate::crypto::open(keys, "passport", c)?)),
            None => None,
        };
        Ok(super::Profile { passport_masked: masked, ..self.into_employer_view() })
    }

    /// The profile for staff and the employer: everything but the passport.
    pub fn into_employer_view(self) -> super::Profile {
        super::Profile {
            full_name: self.full_name,
            birth_date: self.birth_date.to_string(),
            passport_masked: None,
            location_kind: self.location_kind,
            location_id: self.location_id,
            occupation_id: self.occupation_id,
            experience_years: self.experience_years,
            turkish_level: self.turkish_level,
            certificates: self.certificates,
        }
    }
}
