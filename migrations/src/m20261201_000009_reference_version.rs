//! One counter that every change to the reference data moves: the provinces,
//! regions, sectors, occupations, minimum wages and emergency contacts that
//! every page shows. Servers keep those lists in memory and read only this
//! counter per request, so several instances on one database stay correct.
//! Triggers move it, whoever writes (a server, `kopru seed-demo`, an operator's
//! SQL), in the writer's own transaction.
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The tables whose rows the in-memory reference lists are made of.
pub const REFERENCE_TABLES: [&str; 6] =
    ["provinces", "uz_regions", "sectors", "occupations", "minimum_wages", "emergency_contacts"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared(
            "CREATE TABLE reference_version (id INTEGER NOT NULL PRIMARY KEY, version BIGINT NOT NULL)",
        )
        .await?;
        db.execute_unprepared("INSERT INTO reference_version (id, version) VALUES (1, 1)").await?;
        let bump = "UPDATE reference_version SET version = version + 1 WHERE id = 1";
        match db.get_database_backend() {
            DbBackend::Postgres => {
                db.execute_unprepared(&format!(
                    "CREATE FUNCTION kopru_bump_reference_version() RETURNS trigger LANGUAGE plpgsql AS \
                     $$ BEGIN {bump}; RETURN NULL; END $$"
                ))
                .await?;
                for table in REFERENCE_TABLES {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER {table}_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE \
                         ON {table} FOR EACH STATEMENT EXECUTE FUNCTION kopru_bump_reference_version()"
                    ))
                    .await?;
                }
            }
            _ => {
                for table in REFERENCE_TABLES {
                    for event in ["INSERT", "UPDATE", "DELETE"] {
                        let name = format!("{table}_reference_version_{}", event.to_lowercase());
                        db.execute_unprepared(&format!(
                            "CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN {bump}; END"
                        ))
                        .await?;
                    }
                }
            }
        }
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration("Köprü migrations are forward-only".into()))
    }
}
