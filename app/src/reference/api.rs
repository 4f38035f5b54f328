//! Reference lists for forms and filters, and the minimum wage in force.

use crate::error::AppError;
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
    /// Gross monthly minimum wage in force today, in kuruş.
    pub minimum_wage_kurus: i64,
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
    let state = crate::state::app_state()?;
    load(&state.db).await
}

#[cfg(feature = "ssr")]
pub async fn load<C: sea_orm::ConnectionTrait>(db: &C) -> Result<ReferenceLists, AppError> {
    use super::entity::*;
    use sea_orm::*;
    let sectors = sector::Entity::find().order_by_asc(sector::Column::Id).all(db).await?;
    let occupations = occupation::Entity::find().order_by_asc(occupation::Column::Id).all(db).await?;
    let provinces = province::Entity::find().order_by_asc(province::Column::NameTr).all(db).await?;
    let regions = uz_region::Entity::find().order_by_asc(uz_region::Column::Id).all(db).await?;
    Ok(ReferenceLists {
        sectors: sectors.into_iter().map(|s| Named { id: s.id, uz: s.name_uz, tr: s.name_tr, parent: None }).collect(),
        occupations: occupations
            .into_iter()
            .map(|o| Named { id: o.id, uz: o.name_uz, tr: o.name_tr, parent: Some(o.sector_id) })
            .collect(),
        provinces: provinces.into_iter().map(|p| Named { id: p.id, uz: p.name_uz, tr: p.name_tr, parent: None }).collect(),
        uz_regions: regions.into_iter().map(|r| Named { id: r.id, uz: r.name_uz, tr: r.name_tr, parent: None }).collect(),
        minimum_wage_kurus: minimum_wage_on(db, chrono::Utc::now().date_naive()).await?,
    })
}

/// The legal gross monthly minimum wage on a day, in kuruş.
#[cfg(feature = "ssr")]
pub async fn minimum_wage_on<C: sea_orm::ConnectionTrait>(db: &C, day: chrono::NaiveDate) -> Result<i64, AppError> {
    use super::entity::minimum_wage;
    use sea_orm::*;
    let row = minimum_wage::Entity::find()
        .filter(minimum_wage::Column::ValidFrom.lte(day))
        .order_by_desc(minimum_wage::Column::ValidFrom)
        .one(db)
        .await?;
    Ok(row.map(|r| r.gross_monthly_kurus).unwrap_or(0))
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
    use super::entity::minimum_wage;
    use sea_orm::*;
    let state = crate::state::app_state()?;
    let rows = minimum_wage::Entity::find().order_by_desc(minimum_wage::Column::ValidFrom).all(&state.db).await?;
    Ok(rows
        .into_iter()
        .map(|r| MinimumWage { gross_monthly_kurus: r.gross_monthly_kurus, valid_from: r.valid_from.to_string() })
        .collect())
}

/// Staff record a new legal minimum wage and the day it applies from.
#[server(endpoint = "set_minimum_wage")]
pub async fn set_minimum_wage(amount: String, valid_from: String) -> Result<(), AppError> {
    use super::entity::minimum_wage;
    use sea_orm::*;
    let result = async {
        let user = crate::accounts::session::current_user().await?;
        crate::authz::authorize(user.as_ref(), crate::authz::Action::SetReferenceData)?;
        let user = user.ok_or(AppError::NotSignedIn)?;
        let kurus = crate::format::parse_try_to_kurus(&amount).filter(|k| (100_000..=1_000_000_000).contains(k)).ok_or(AppError::InvalidInput)?;
        let day = crate::vacancies::rules::parse_date(&valid_from)?;
        let state = crate::state::app_state()?;
        let taken = minimum_wage::Entity::find().filter(minimum_wage::Column::ValidFrom.eq(day)).count(&state.db).await?;
        if taken > 0 {
            return Err(AppError::InvalidDate);
        }
        minimum_wage::ActiveModel {
            gross_monthly_kurus: Set(kurus),
            valid_from: Set(day),
            set_by_user_id: Set(Some(user.id)),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        }
        .insert(&state.db)
        .await?;
        tracing::info!(staff_id = user.id, kurus, valid_from = %day, "minimum wage recorded");
        Ok(())
    }
    .await;
    crate::forms::finish(result, "/staff/minimum-wage")
}
