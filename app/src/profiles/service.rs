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

/// The migrant's own profile, with their valid MYK certificates.
pub async fn get<C: ConnectionTrait>(db: &C, keys: &Keys, user_id: i32) -> Result<Option<Profile>, AppError> {
    let Some(mut p) = entity::Entity::find_by_id(user_id).one(db).await?.map(|p| p.into_view(keys)).transpose()? else {
        return Ok(None);
    };
    let today = chrono::Utc::now().date_naive();
    p.myk_certificates = crate::skills::service::valid_certificates_of(db, user_id, today).await?;
    Ok(Some(p))
}

/// Saves the profile. A passport number that another profile holds too is
/// saved all the same (refusing it would tell the typist whose it is, and let
/// the first to type a number block its owner): staff see both flagged.
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
        let (cipher, lookup) = seal_passport(keys, user_id, &p)?;
        am.passport_cipher = Set(Some(cipher));
        am.passport_lookup = Set(Some(lookup));
        am.passport_index = Set(None);
        am.seal_version = Set(entity::SEAL_VERSION);
    } else if is_new {
        am.seal_version = Set(entity::SEAL_VERSION);
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

/// A passport number sealed for its row, and its blind index.
pub fn seal_passport(keys: &Keys, user_id: i32, passport: &str) -> Result<(String, String), AppError> {
    let cipher = crate::crypto::seal(keys, &entity::passport_context(user_id), passport)?;
    Ok((cipher, keys.passport_lookup(passport)))
}

/// Of these migrants, those whose passport number another profile holds too
/// (shown to staff only: one of the two is a typing error or a fraud).
pub async fn shared_passports<C: ConnectionTrait>(
    db: &C,
    user_ids: &[i32],
) -> Result<std::collections::HashSet<i32>, AppError> {
    use sea_orm::sea_query::Expr;
    let theirs: Vec<(i32, Option<String>)> = entity::Entity::find()
        .select_only()
        .column(entity::Column::UserId)
        .column(entity::Column::PassportLookup)
        .filter(entity::Column::UserId.is_in(user_ids.to_vec()))
        .filter(entity::Column::PassportLookup.is_not_null())
        .into_tuple()
        .all(db)
        .await?;
    let lookups: Vec<String> = theirs.iter().filter_map(|(_, l)| l.clone()).collect();
    if lookups.is_empty() {
        return Ok(Default::default());
    }
    // Lookups held by two profiles or more.
    let shared: std::collections::HashSet<String> = entity::Entity::find()
        .select_only()
        .column(entity::Column::PassportLookup)
        .filter(entity::Column::PassportLookup.is_in(lookups))
        .group_by(entity::Column::PassportLookup)
        .having(Expr::expr(Expr::col(entity::Column::UserId).count()).gt(1))
        .into_tuple::<String>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(theirs.into_iter().filter(|(_, l)| l.as_ref().is_some_and(|l| shared.contains(l))).map(|(id, _)| id).collect())
}

/// Re-seals the passports sealed before issue 9 (one shared key, a context
/// without the row): bound to their row, with the blind index under its own
/// key, and the old UNIQUE index emptied. Idempotent; the server runs it at
/// start-up. Returns how many rows it re-sealed.
pub async fn reseal_legacy<C: ConnectionTrait>(db: &C, keys: &Keys) -> Result<u64, AppError> {
    let rows = entity::Entity::find().filter(entity::Column::SealVersion.lt(entity::SEAL_VERSION)).all(db).await?;
    let mut n = 0;
    for row in rows {
        let passport = row.passport(keys)?;
        let user_id = row.user_id;
        let mut am = row.into_active_model();
        match passport {
            Some(p) => {
                let (cipher, lookup) = seal_passport(keys, user_id, &p)?;
                am.passport_cipher = Set(Some(cipher));
                am.passport_lookup = Set(Some(lookup));
            }
            None => am.passport_lookup = Set(None),
        }
        am.passport_index = Set(None);
        am.seal_version = Set(entity::SEAL_VERSION);
        am.update(db).await?;
        n += 1;
    }
    Ok(n)
}
