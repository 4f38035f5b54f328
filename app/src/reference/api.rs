//! Reference lists for forms and filters, and the minimum wage in force.

#[cfg(feature = "ssr")]
use crate::authz::Action;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::guard::{guard, visitor};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One entry of a reference list, named in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Named {
    pub id: i32,
    pub uz: String,
    pub tr: String,
    /// For occupations: their sector.
    pub parent: Option<i32>,
}

impl Named {
    pub fn name(&self, locale: crate::i18n::Locale) -> &str {
        match locale {
            crate::i18n::Locale::uz => &self.uz,
            crate::i18n::Locale::tr => &self.tr,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ReferenceLists {
    pub sectors: Vec<Named>,
    pub occupations: Vec<Named>,
    pub provinces: Vec<Named>,
    pub uz_regions: Vec<Named>,
    /// Gross monthly minimum wage in force today, in kuruş (None: not on record).
    pub minimum_wage_kurus: Option<i64>,
}

impl ReferenceLists {
    fn find(list: &[Named], id: i32, locale: crate::i18n::Locale) -> String {
        list.iter().find(|n| n.id == id).map(|n| n.name(locale).to_string()).unwrap_or_default()
    }
    pub fn sector(&self, id: i32, locale: crate::i18n::Locale) -> String {
        Self::find(&self.sectors, id, locale)
    }
    pub fn occupation(&self, id: i32, locale: crate::i18n::Locale) -> String {
        Self::find(&self.occupations, id, locale)
    }
    pub fn province(&self, id: i32, locale: crate::i18n::Locale) -> String {
        Self::find(&self.provinces, id, locale)
    }
}

/// The reference lists (public: they are on every search form).
#[server(endpoint = "reference_lists")]
pub async fn fetch_reference_lists() -> Result<ReferenceLists, AppError> {
    let (_, state) = visitor(Action::ReadReference).await?;
    Ok(super::cache::snapshot(&state).await?.lists.clone())
}

/// One entry of the minimum-wage history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinimumWage {
    pub gross_monthly_kurus: i64,
    /// `YYYY-MM-DD`.
    pub valid_from: String,
}

/// The legal gross minimum wage over time, newest first (public).
#[server(endpoint = "minimum_wages")]
pub async fn minimum_wages() -> Result<Vec<MinimumWage>, AppError> {
    let (_, state) = visitor(Action::ReadReference).await?;
    super::service::minimum_wages(&state.db).await
}

/// Staff record a new legal minimum wage and the day it applies from.
#[server(endpoint = "set_minimum_wage")]
pub async fn set_minimum_wage(amount: String, valid_from: String) -> Result<(), AppError> {
    let (user, state) = guard(Action::SetReferenceData).await?;
    let kurus = crate::format::parse_try_to_kurus(&amount)
        .filter(|k| (100_000..=1_000_000_000).contains(k))
        .ok_or(AppError::InvalidInput)?;
    let day = crate::parse::parse_date(&valid_from)?;
    super::service::record_minimum_wage(&state.db, user.id, kurus, day).await?;
    crate::forms::redirect("/staff/minimum-wage");
    Ok(())
}
