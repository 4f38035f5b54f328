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
    /// Where to go once saved (the vacancy the migrant was applying to).
    #[serde(default)]
    pub next: Option<String>,
}

impl ProfileForm {
    #[cfg(feature = "ssr")]
    fn parse(self, today: chrono::NaiveDate) -> Result<super::service::ProfileInput, AppError> {
        use crate::parse::{int, normalize_name, parse_date};
        let mut c = crate::error::Checks::default();
        // As in the passport: Latin letters.
        let latin = |n: String| {
            n.chars()
                .all(|c| c.is_ascii_alphabetic() || matches!(c, ' ' | '-' | '\'' | 'ʻ'))
                .then_some(n)
                .ok_or(AppError::NameRequired)
        };
        let full_name = c.take_as("full_name", normalize_name(&self.full_name).and_then(latin));
        let birth_date = c.take_as(
            "birth_date",
            parse_date(&self.birth_date).and_then(|d| {
                (16..=80).contains(&today.years_since(d).unwrap_or(0)).then_some(d).ok_or(AppError::InvalidDate)
            }),
        );
        let location = c.take_as(
            "location",
            self.location
                .split_once(':')
                .and_then(|(kind, id)| Some((kind.parse::<super::LocationKind>().ok()?, id.parse::<i32>().ok()?)))
                .ok_or(AppError::ChoiceRequired),
        );
        let occupation_id = c.take_as("occupation_id", int(&self.occupation_id, AppError::ChoiceRequired));
        let experience_years = c.take_as(
            "experience_years",
            int(&self.experience_years, AppError::OutOfRange)
                .and_then(|y: i32| (0..=60).contains(&y).then_some(y).ok_or(AppError::OutOfRange)),
        );
        let passport = c.take(match self.passport.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
            Some(p) => super::normalize_passport(p).map(Some).ok_or(AppError::InvalidPassport),
            None => Ok(None),
        });
        let certificates = c.take_as("certificates", crate::parse::optional_text(self.certificates.as_deref(), 500));
        let ((full_name, birth_date), ((location, occupation_id), (experience_years, (passport, certificates)))) = c
            .finish(
                full_name
                    .zip(birth_date)
                    .zip(location.zip(occupation_id).zip(experience_years.zip(passport.zip(certificates)))),
            )?;
        let (location_kind, location_id) = location;
        Ok(super::service::ProfileInput {
            full_name,
            birth_date,
            passport,
            location_kind,
            location_id,
            occupation_id,
            experience_years,
            turkish_level: self.turkish_level,
            certificates: certificates.unwrap_or_default(),
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
    let next = form.next.clone().filter(|n| !n.trim().is_empty());
    let input = form.parse(chrono::Utc::now().date_naive())?;
    super::service::save(&state.db, &state.keys, user.id, input).await?;
    crate::forms::redirect(&next.map(|n| crate::lang::safe_next(&n)).unwrap_or_else(|| "/profile?saved=1".into()));
    Ok(())
}
