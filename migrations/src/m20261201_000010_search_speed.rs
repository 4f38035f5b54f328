//! Search over many vacancies without reading every row:
//! - an index for the sector + province filter, in the order results are shown;
//! - a word index on the folded search text: SQLite's FTS5 (an external-content
//!   table kept in step with `vacancies.search` by triggers), PostgreSQL's
//!   `pg_trgm` GIN index, which serves the same `LIKE '% word%'` as before.
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Vacancies {
    Table,
    Status,
    SectorId,
    ProvinceId,
    PublishedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("idx_vacancies_status_sector_province_published")
                    .table(Vacancies::Table)
                    .col(Vacancies::Status)
                    .col(Vacancies::SectorId)
                    .col(Vacancies::ProvinceId)
                    .col(Vacancies::PublishedAt)
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        match db.get_database_backend() {
            DbBackend::Postgres => {
                db.execute_unprepared("CREATE EXTENSION IF NOT EXISTS pg_trgm").await?;
                db.execute_unprepared(
                    "CREATE INDEX idx_vacancies_search_trgm ON vacancies USING gin (search gin_trgm_ops)",
                )
                .await?;
            }
            _ => {
                for sql in [
                    "CREATE VIRTUAL TABLE vacancy_search USING fts5(search, content='vacancies', \
                     content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
                    "CREATE TRIGGER vacancies_search_insert AFTER INSERT ON vacancies BEGIN \
                     INSERT INTO vacancy_search(rowid, search) VALUES (new.id, new.search); END",
                    "CREATE TRIGGER vacancies_search_delete AFTER DELETE ON vacancies BEGIN \
                     INSERT INTO vacancy_search(vacancy_search, rowid, search) VALUES ('delete', old.id, old.search); END",
                    "CREATE TRIGGER vacancies_search_update AFTER UPDATE OF search ON vacancies BEGIN \
                     INSERT INTO vacancy_search(vacancy_search, rowid, search) VALUES ('delete', old.id, old.search); \
                     INSERT INTO vacancy_search(rowid, search) VALUES (new.id, new.search); END",
                    "INSERT INTO vacancy_search(vacancy_search) VALUES ('rebuild')",
                ] {
                    db.execute_unprepared(sql).await?;
                }
            }
        }
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration("Köprü migrations are forward-only".into()))
    }
}
