//! Köprü's database migrations. They only move forward and run on both SQLite
//! and PostgreSQL, so they use only what both can do (no ALTER beyond ADD COLUMN).
pub use sea_orm_migration::prelude::*;

mod m20261129_000001_foundation;
mod m20261129_000002_reference;
mod m20261129_000003_companies;
mod m20261129_000004_vacancies;
mod m20261129_000005_profiles;
mod m20261129_000006_search_indexes;
mod m20261129_000007_projects;
mod m20261201_000008_hotline;
mod m20261201_000009_reference_version;
mod m20261201_000010_search_speed;
mod m20261202_000011_journey_details;
mod m20261202_000012_accounts_trust;
mod m20261202_000013_outbox;
mod m20261202_000014_personal_data;
mod m20261202_000015_cases;
mod m20261202_000016_announcements;
mod m20261202_000017_skills;
mod m20261202_000018_contributions;
mod m20261202_000019_reminders;
mod m20261202_000020_vacancy_qualification;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261129_000001_foundation::Migration),
            Box::new(m20261129_000002_reference::Migration),
            Box::new(m20261129_000003_companies::Migration),
            Box::new(m20261129_000004_vacancies::Migration),
            Box::new(m20261129_000005_profiles::Migration),
            Box::new(m20261129_000006_search_indexes::Migration),
            Box::new(m20261129_000007_projects::Migration),
            Box::new(m20261201_000008_hotline::Migration),
            Box::new(m20261201_000009_reference_version::Migration),
            Box::new(m20261201_000010_search_speed::Migration),
            Box::new(m20261202_000011_journey_details::Migration),
            Box::new(m20261202_000012_accounts_trust::Migration),
            Box::new(m20261202_000013_outbox::Migration),
            Box::new(m20261202_000014_personal_data::Migration),
            Box::new(m20261202_000015_cases::Migration),
            Box::new(m20261202_000016_announcements::Migration),
            Box::new(m20261202_000017_skills::Migration),
            Box::new(m20261202_000018_contributions::Migration),
            Box::new(m20261202_000019_reminders::Migration),
            Box::new(m20261202_000020_vacancy_qualification::Migration),
        ]
    }
}
