//! The reference lists and emergency contacts in memory. Every page shows
//! them and they change a few times a year, so a request reads one counter
//! (`reference_version`, moved by database triggers whoever writes) instead of
//! six tables; the lists are read again only when the counter has moved or the
//! day has changed (the minimum wage in force depends on the day). Several
//! servers on one database stay correct: each compares the same counter.

use super::api::ReferenceLists;
use crate::contacts::Contact;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::state::{AppState, RequestCache};
use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, Statement};
use std::sync::{Arc, RwLock};

/// The reference data as read at one version on one day.
#[derive(Debug)]
pub struct Snapshot {
    pub version: i64,
    pub day: NaiveDate,
    /// In Uzbek and in Turkish.
    pub lists: [ReferenceLists; 2],
    pub contacts: Vec<Contact>,
}

impl Snapshot {
    pub fn lists(&self, locale: Locale) -> &ReferenceLists {
        match locale {
            Locale::uz => &self.lists[0],
            Locale::tr => &self.lists[1],
        }
    }
}

#[derive(Default)]
pub struct ReferenceCache {
    current: RwLock<Option<Arc<Snapshot>>>,
}

impl ReferenceCache {
    /// The snapshot for `day` at the database's current version, read afresh
    /// when the kept one is older. The version is read before the tables: a
    /// change in between makes the kept copy newer than its version says, and
    /// the next request reads again.
    pub async fn get<C: ConnectionTrait>(&self, db: &C, day: NaiveDate) -> Result<Arc<Snapshot>, AppError> {
        let version = version(db).await?;
        if let Some(s) = self.kept().filter(|s| s.version == version && s.day == day) {
            return Ok(s);
        }
        let fresh = Arc::new(Snapshot {
            version,
            day,
            lists: super::service::lists(db, day).await?,
            contacts: crate::contacts::service::list(db).await?,
        });
        if let Ok(mut kept) = self.current.write() {
            // Never replace a newer snapshot that a parallel request stored.
            if kept.as_ref().is_none_or(|k| (k.version, k.day) <= (version, day)) {
                *kept = Some(fresh.clone());
            }
        }
        Ok(fresh)
    }

    fn kept(&self) -> Option<Arc<Snapshot>> {
        self.current.read().ok().and_then(|k| k.clone())
    }
}

/// The counter that the reference tables' triggers move.
pub async fn version<C: ConnectionTrait>(db: &C) -> Result<i64, AppError> {
    let backend = db.get_database_backend();
    let sql = "SELECT version FROM reference_version WHERE id = 1";
    let row = db.query_one(Statement::from_string(backend, sql)).await?.ok_or(AppError::Internal)?;
    Ok(row.try_get_by_index::<i64>(0)?)
}

/// This request's snapshot: the counter is read once per request, however
/// many parts of the page need the lists.
pub async fn snapshot(state: &AppState) -> Result<Arc<Snapshot>, AppError> {
    let today = chrono::Utc::now().date_naive();
    match RequestCache::current() {
        Some(cache) => cache.reference.get_or_try_init(|| state.reference.get(&state.db, today)).await.cloned(),
        None => state.reference.get(&state.db, today).await,
    }
}
