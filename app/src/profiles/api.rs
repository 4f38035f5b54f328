//! The profile server functions: guard → parse → service → view.

use super::Profile;
#[cfg(feature = "ssr")]
use crate::authz::Action;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::guard::guard;
use crate::vacancies::TurkishLevel;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The profile form, as the browser posts it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProfileForm {
    pub full_name: String,
    pub birth_date: String,
    /// Empty keeps the stored number.
    #[serde(default)]
    pub passport: Option<String>,
    /// `uz:<region id>` or `tr:<province plate>`.
    pub location: String,
    pub occupation_id: String,
    pub experience_years: String,
    pub turkish_level: TurkishLevel,
    #[serde(default)]
    pub certificates: Option<String>,
}

impl ProfileForm {
    #[cfg(feature = "ssr")]
    fn parse(self, today: chrono::NaiveDate) -> Result<super::service::ProfileInput, AppError> {
        use crate::parse::{int, normalize_name, parse_date};
        let full_name = normalize_name(&self.full_name)?;
        // As in the passport: Latin letters.
        if !full_name.chars().all(|c| c.is_ascii_alphabetic() || matches!(c, ' ' | '-' | '\'' | 'ʻ')) {
            return Err(AppError::NameRequired);
        }
        let birth_date = parse_date(&self.birth_date)?;
        if !(16..=80).contains(&today.years_since(birth_date).unwrap_or(0)) {
            return Err(AppError::InvalidDate);
        }
        let (kind, id) = self.location.split_once(':').ok_or(AppError::InvalidInput)?;
        let experience_years = int(&self.experience_years, AppError::InvalidInput)?;
        if !(0..=60).contains(&experience_years) {
            return Err(AppError::InvalidInput);
        }
        let passport = match self.passport.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
            Some(p) => Some(super::normalize_passport(p).ok_or(AppError::InvalidPassport)?),
            None => None,
        };
        Ok(super::service::ProfileInput {
            full_name,
            birth_date,
            passport,
            location_kind: kind.parse().map_err(|_| AppError::InvalidInput)?,
            location_id: int(id, AppError::InvalidInput)?,
            occupation_id: int(&self.occupation_id, AppError::InvalidInput)?,
            experience_years,
            turkish_level: self.turkish_level,
            certificates: self.certificates.unwrap_or_default().trim().chars().take(500).collect(),
        })
    }
}

/// The signed-in migrant's profile (None until saved).
#[server(endpoint = "my_profile")]
pub async fn my_profile() -> Result<Option<Profile>, AppError> {
    let (user, state) = guard(Action::ManageOwnProfile).await?;
    super::service::get(&state.db, &state.keys, user.id).await
}

/// Saves the migrant's profile. An empty passport field keeps the stored number.
#[server(endpoint = "save_profile")]
pub async fn save_profile(#[server(flatten)] form: ProfileForm) -> Result<(), AppError> {
    let (user, state) = guard(Action::ManageOwnProfile).await?;
    let input = form.parse(chrono::Utc::now().date_naive())?;
    super::service::save(&state.db, &state.keys, user.id, input).await?;
    crate::forms::redirect("/profile?saved=1");
    Ok(())
}
