//! Reference lists for forms and filters, and the minimum wage in force.

#[cfg(feature = "ssr")]
use crate::authz::Action;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::guard::{guard, visitor};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One entry of a reference list, named in the reader's language. Sent as
/// `[id, name, parent]`: every page carries the lists for hydration, and the
/// field names would be a third of their bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub id: i32,
    pub name: String,
    /// For occupations: their sector.
    pub parent: Option<i32>,
}

impl Serialize for Named {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (self.id, &self.name, self.parent).serialize(s)
    }
}

impl<'de> Deserialize<'de> for Named {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (id, name, parent) = <(i32, String, Option<i32>)>::deserialize(d)?;
        Ok(Named { id, name, parent })
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

/// Which list of [`ReferenceLists`] a form's select shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefList {
    Sectors,
    Occupations,
    Provinces,
    UzRegions,
}

impl ReferenceLists {
    pub fn list(&self, which: RefList) -> &[Named] {
        match which {
            RefList::Sectors => &self.sectors,
            RefList::Occupations => &self.occupations,
            RefList::Provinces => &self.provinces,
            RefList::UzRegions => &self.uz_regions,
        }
    }
    fn find(list: &[Named], id: i32) -> String {
        list.iter().find(|n| n.id == id).map(|n| n.name.clone()).unwrap_or_default()
    }
    pub fn sector(&self, id: i32) -> String {
        Self::find(&self.sectors, id)
    }
    pub fn occupation(&self, id: i32) -> String {
        Self::find(&self.occupations, id)
    }
    pub fn province(&self, id: i32) -> String {
        Self::find(&self.provinces, id)
    }
}

/// The reference lists in one language, `uz` or `tr` (public: they are on
/// every search form).
#[server(endpoint = "reference_lists")]
pub async fn fetch_reference_lists(lang: String) -> Result<ReferenceLists, AppError> {
    let (_, state) = visitor(Action::ReadReference).await?;
    let locale = crate::lang::parse_locale(&lang).ok_or(AppError::InvalidInput)?;
    Ok(super::cache::snapshot(&state).await?.lists(locale).clone())
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
