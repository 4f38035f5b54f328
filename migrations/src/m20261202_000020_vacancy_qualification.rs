//! A vacancy may require a vocational qualification certificate (F3.2, F4.4):
//! `vacancies.required_qualification_id`, the MYK qualification a worker must
//! hold a valid certificate of (empty: none required).
//!
//! CREATE TABLE, CREATE INDEX and ADD COLUMN only: SQLite can do no more.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Vacancies {
    Table,
    RequiredQualificationId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Vacancies::Table)
                    .add_column(integer_null(Vacancies::RequiredQualificationId))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
