//! Migrant profiles (F2.5); the passport number only encrypted, with a keyed
//! blind index for exact lookups.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum MigrantProfiles {
    Table,
    UserId,
    FullName,
    BirthDate,
    PassportCipher,
    PassportIndex,
    LocationKind,
    LocationId,
    OccupationId,
    ExperienceYears,
    TurkishLevel,
    Certificates,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(MigrantProfiles::Table)
                    .col(integer(MigrantProfiles::UserId).primary_key())
                    .col(string_len(MigrantProfiles::FullName, 200))
                    .col(date(MigrantProfiles::BirthDate))
                    .col(string_len_null(MigrantProfiles::PassportCipher, 200))
                    .col(string_len_null(MigrantProfiles::PassportIndex, 64).unique_key())
                    .col(string_len(MigrantProfiles::LocationKind, 2))
                    .col(integer(MigrantProfiles::LocationId))
                    .col(integer(MigrantProfiles::OccupationId))
                    .col(integer(MigrantProfiles::ExperienceYears))
                    .col(string_len(MigrantProfiles::TurkishLevel, 8))
                    .col(string_len(MigrantProfiles::Certificates, 500))
                    .col(timestamp_with_time_zone(MigrantProfiles::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_profiles_user")
                            .from(MigrantProfiles::Table, MigrantProfiles::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration("Köprü migrations are forward-only".into()))
    }
}
