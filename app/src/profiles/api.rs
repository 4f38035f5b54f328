use super::Profile;
use crate::error::AppError;
use leptos::prelude::*;

/// The signed-in migrant's profile (None until saved).
#[server(endpoint = "my_profile")]
pub async fn my_profile() -> Result<Option<Profile>, AppError> {
    use super::entity;
    use sea_orm::*;
    let user = crate::accounts::session::current_user().await?.ok_or(AppError::NotSignedIn)?;
    if user.role != crate::accounts::Role::Migrant {
        return Err(AppError::Forbidden);
    }
    let state = crate::state::app_state()?;
    let Some(p) = entity::Entity::find_by_id(user.id).one(&state.db).await? else {
        return Ok(None);
    };
    Ok(Some(view(&state.keys, p)?))
}

#[cfg(feature = "ssr")]
pub fn view(keys: &crate::state::Keys, p: super::entity::Model) -> Result<Profile, AppError> {
    let masked = match &p.passport_cipher {
        Some(c) => Some(super::mask_passport(&crate::crypto::open(keys, "passport", c)?)),
        None => None,
    };
    Ok(Profile {
        full_name: p.full_name,
        birth_date: p.birth_date.to_string(),
        passport_masked: masked,
        location_kind: p.location_kind,
        location_id: p.location_id,
        occupation_id: p.occupation_id,
        experience_years: p.experience_years,
        turkish_level: p.turkish_level,
        certificates: p.certificates,
    })
}

/// The profile for an employer: everything but the passport.
#[cfg(feature = "ssr")]
pub fn for_employer(p: super::entity::Model) -> Profile {
    Profile {
        full_name: p.full_name,
        birth_date: p.birth_date.to_string(),
        passport_masked: None,
        location_kind: p.location_kind,
        location_id: p.location_id,
        occupation_id: p.occupation_id,
        experience_years: p.experience_years,
        turkish_level: p.turkish_level,
        certificates: p.certificates,
    }
}

/// Saves the migrant's profile. An empty passport field keeps the stored number.
#[server(endpoint = "save_profile")]
#[allow(clippy::too_many_arguments)]
pub async fn save_profile(
    full_name: String,
    birth_date: String,
    passport: Option<String>,
    location: String,
    occupation_id: i32,
    experience_years: i32,
    turkish_level: String,
    certificates: Option<String>,
) -> Result<(), AppError> {
    use super::entity;
    use sea_orm::*;
    let result = async {
        let user = crate::accounts::session::current_user().await?.ok_or(AppError::NotSignedIn)?;
        if user.role != crate::accounts::Role::Migrant {
            return Err(AppError::Forbidden);
        }
        let state = crate::state::app_state()?;
        let full_name = crate::accounts::validate::normalize_name(&full_name)?;
        if !full_name.chars().all(|c| c.is_ascii_alphabetic() || c == ' ' || c == '-' || c == '\'' || c == 'ʻ') {
            return Err(AppError::NameRequired);
        }
        let birth = crate::vacancies::rules::parse_date(&birth_date)?;
        let today = chrono::Utc::now().date_naive();
        let age = today.years_since(birth).unwrap_or(0);
        if !(16..=80).contains(&age) {
            return Err(AppError::InvalidDate);
        }
        let (kind, loc_id) = location.split_once(':').ok_or(AppError::InvalidInput)?;
        let loc_id: i32 = loc_id.parse().map_err(|_| AppError::InvalidInput)?;
        let exists = match kind {
            "uz" => crate::reference::entity::uz_region::Entity::find_by_id(loc_id).one(&state.db).await?.is_some(),
            "tr" => crate::reference::entity::province::Entity::find_by_id(loc_id).one(&state.db).await?.is_some(),
            _ => false,
        };
        if !exists
            || crate::reference::entity::occupation::Entity::find_by_id(occupation_id).one(&state.db).await?.is_none()
            || !(0..=60).contains(&experience_years)
            || !crate::vacancies::TURKISH_LEVELS.contains(&turkish_level.as_str())
        {
            return Err(AppError::InvalidInput);
        }
        let certificates = certificates.unwrap_or_default().trim().chars().take(500).collect::<String>();
        let passport = match passport.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
            Some(p) => Some(super::normalize_passport(p).ok_or(AppError::InvalidPassport)?),
            None => None,
        };
        let existing = entity::Entity::find_by_id(user.id).one(&state.db).await?;
        let is_new = existing.is_none();
        let mut am = match existing {
            Some(p) => p.into(),
            None => entity::ActiveModel { user_id: Set(user.id), passport_cipher: Set(None), passport_index: Set(None), ..Default::default() },
        };
        if let Some(p) = passport {
            let index = state.keys.keyed_hash(&format!("passport:{p}"));
            let taken = entity::Entity::find()
                .filter(entity::Column::PassportIndex.eq(index.clone()))
                .filter(entity::Column::UserId.ne(user.id))
                .count(&state.db)
                .await?;
            if taken > 0 {
                return Err(AppError::InvalidPassport);
            }
            am.passport_cipher = Set(Some(crate::crypto::seal(&state.keys, "passport", &p)?));
            am.passport_index = Set(Some(index));
        }
        am.full_name = Set(full_name);
        am.birth_date = Set(birth);
        am.location_kind = Set(kind.to_string());
        am.location_id = Set(loc_id);
        am.occupation_id = Set(occupation_id);
        am.experience_years = Set(experience_years);
        am.turkish_level = Set(turkish_level);
        am.certificates = Set(certificates);
        am.updated_at = Set(chrono::Utc::now());
        if is_new {
            am.insert(&state.db).await?;
        } else {
            am.update(&state.db).await?;
        }
        tracing::info!(user_id = user.id, "profile saved");
        Ok(())
    }
    .await;
    crate::forms::finish(result, "/profile?saved=1")
}
