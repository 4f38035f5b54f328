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
    /// The blind index under the old shared key, UNIQUE: emptied when a row is
    /// re-sealed (SQLite cannot drop the constraint; see migration 12).
    pub passport_index: Option<String>,
    /// Keyed hash of the normalised number (its own key), for exact lookups and
    /// duplicate flags only; not unique.
    pub passport_lookup: Option<String>,
    /// 1: sealed with the context "passport" alone (before issue 9); 2: bound to the row.
    pub seal_version: i16,
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
            Some(_) => Some(super::mask_passport(&self.passport(keys)?.unwrap_or_default())),
            None => None,
        };
        Ok(super::Profile { passport_masked: masked, ..self.into_employer_view() })
    }

    /// The passport number in clear (for its migrant only).
    pub fn passport(&self, keys: &Keys) -> Result<Option<String>, AppError> {
        let Some(c) = &self.passport_cipher else {
            return Ok(None);
        };
        let context = match self.seal_version {
            1 => "passport".to_string(),
            _ => passport_context(self.user_id),
        };
        crate::crypto::open(keys, &context, c).map(Some)
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
            myk_certificates: vec![],
        }
    }
}

/// What a passport ciphertext is bound to: its use and its row, so that a
/// ciphertext copied onto another migrant's row does not decrypt there.
pub fn passport_context(user_id: i32) -> String {
    format!("passport/user/{user_id}")
}

/// The seal version that [`passport_context`] belongs to.
pub const SEAL_VERSION: i16 = 2;
