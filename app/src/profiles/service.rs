//! The migrant's profile: read and saved by its migrant, the passport number
//! sealed at rest. Free of HTTP.

use super::{entity, LocationKind, Profile};
use crate::error::AppError;
use crate::state::Keys;
use crate::vacancies::TurkishLevel;
use chrono::NaiveDate;
use sea_orm::*;

/// A profile as typed, checked except against the database.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileInput {
    pub full_name: String,
    pub birth_date: NaiveDate,
    /// A new passport number; `None` keeps the stored one.
    pub passport: Option<String>,
    pub location_kind: LocationKind,
    pub location_id: i32,
    pub occupation_id: i32,
    pub experience_years: i32,
    pub turkish_level: TurkishLevel,
    pub certificates: String,
}

pub async fn get<C: ConnectionTrait>(db: &C, keys: &Keys, user_id: i32) -> Result<Option<Profile>, AppError> {
    entity::Entity::find_by_id(user_id).one(db).await?.map(|p| p.into_view(keys)).transpose()
}

/// Saves the profile; a passport number that another profile holds is refused.
pub async fn save<C: ConnectionTrait>(db: &C, keys: &Keys, user_id: i32, input: ProfileInput) -> Result<(), AppError> {
    match input.location_kind {
        LocationKind::Uz => crate::reference::service::check_uz_region(db, input.location_id).await.map(drop)?,
        LocationKind::Tr => crate::reference::service::check_province(db, input.location_id).await.map(drop)?,
    }
    crate::reference::service::check_occupation(db, input.occupation_id).await?;
    let existing = entity::Entity::find_by_id(user_id).one(db).await?;
    let is_new = existing.is_none();
    let mut am = match existing {
        Some(p) => p.into_active_model(),
        None => entity::ActiveModel {
            user_id: Set(user_id),
            passport_cipher: Set(None),
            passport_index: Set(None),
            ..Default::default()
        },
    };
    if let Some(p) = input.passport {
        let index = keys.keyed_hash(&format!("passport:{p}"));
        let taken = entity::Entity::find()
            .filter(entity::Column::PassportIndex.eq(index.clone()))
            .filter(entity::Column::UserId.ne(user_id))
            .count(db)
            .await?;
        if taken > 0 {
            return Err(AppError::InvalidPassport);
        }
        am.passport_cipher = Set(Some(crate::crypto::seal(keys, "passport", &p)?));
        am.passport_index = Set(Some(index));
    }
    am.full_name = Set(input.full_name);
    am.birth_date = Set(input.birth_date);
    am.location_kind = Set(input.location_kind);
    am.location_id = Set(input.location_id);
    am.occupation_id = Set(input.occupation_id);
    am.experience_years = Set(input.experience_years);
    am.turkish_level = Set(input.turkish_level);
    am.certificates = Set(input.certificates);
    am.updated_at = Set(chrono::Utc::now());
    if is_new {
        am.insert(db).await?;
    } else {
        am.update(db).await?;
    }
    tracing::info!(user_id, "profile saved");
    Ok(())
}
