//! Companies registered by employers and verified by staff (F2.1).
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Companies {
    Table,
    Id,
    OwnerUserId,
    LegalName,
    Vkn,
    Mersis,
    SectorId,
    ProvinceId,
    Address,
    ContactPerson,
    ContactPhone,
    Status,
    DecisionReason,
    DecidedBy,
    DecidedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
#[derive(DeriveIden)]
enum Sectors {
    Table,
    Id,
}
#[derive(DeriveIden)]
enum Provinces {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Companies::Table)
                    .col(pk_auto(Companies::Id))
                    .col(integer(Companies::OwnerUserId).unique_key())
                    .col(string_len(Companies::LegalName, 200))
                    .col(string_len(Companies::Vkn, 10))
                    .col(string_len(Companies::Mersis, 16))
                    .col(integer(Companies::SectorId))
                    .col(integer(Companies::ProvinceId))
                    .col(string_len(Companies::Address, 500))
                    .col(string_len(Companies::ContactPerson, 200))
                    .col(string_len(Companies::ContactPhone, 20))
                    .col(string_len(Companies::Status, 16))
                    .col(string_len_null(Companies::DecisionReason, 500))
                    .col(integer_null(Companies::DecidedBy))
                    .col(timestamp_with_time_zone_null(Companies::DecidedAt))
                    .col(timestamp_with_time_zone(Companies::CreatedAt))
                    .col(timestamp_with_time_zone(Companies::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_companies_owner")
                            .from(Companies::Table, Companies::OwnerUserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_companies_sector")
                            .from(Companies::Table, Companies::SectorId)
                            .to(Sectors::Table, Sectors::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_companies_province")
                            .from(Companies::Table, Companies::ProvinceId)
                            .to(Provinces::Table, Provinces::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_companies_status")
                    .table(Companies::Table)
                    .col(Companies::Status)
                    .col(Companies::UpdatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration("Köprü migrations are forward-only".into()))
    }
}
