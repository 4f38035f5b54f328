//! Indexes for the public search's most common filters (province, sector),
//! ordered like the default sort so a page stops early.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Vacancies {
    Table,
    Status,
    ProvinceId,
    SectorId,
    PublishedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("idx_vacancies_status_province_published")
                    .table(Vacancies::Table)
                    .col(Vacancies::Status)
                    .col(Vacancies::ProvinceId)
                    .col(Vacancies::PublishedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_vacancies_status_sector_published")
                    .table(Vacancies::Table)
                    .col(Vacancies::Status)
                    .col(Vacancies::SectorId)
                    .col(Vacancies::PublishedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration("Köprü migrations are forward-only".into()))
    }
}
