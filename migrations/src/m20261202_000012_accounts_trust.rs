//! What accounts people can trust need on record (issue 9):
//! - `users.verified_at`: when the account proved its phone or e-mail (accounts
//!   made before verification existed count as verified when they were made);
//! - `one_time_codes`: sign-up verification and password-reset codes, stored
//!   hashed, each bound to the browser that asked for it (`ticket_hash`);
//! - `login_devices`: browsers that signed in to an account before, which an
//!   attack on the account does not lock out;
//! - `migrant_profiles.passport_lookup` and `seal_version`: the passport's blind
//!   index under its own key and without a UNIQUE constraint (a duplicate is
//!   flagged to staff, never refused to the person typing it), and the
//!   ciphertext bound to its row. `passport_index` (UNIQUE, old key) is emptied
//!   by the server when it re-seals a row; SQLite cannot drop the constraint.
//!
//! Only ADD COLUMN and CREATE TABLE, one column per statement: SQLite can do no more.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    VerifiedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum OneTimeCodes {
    Table,
    Id,
    UserId,
    Purpose,
    Channel,
    AddressKey,
    IpKey,
    TicketHash,
    CodeHash,
    Attempts,
    ExpiresAt,
    UsedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum LoginDevices {
    Table,
    TokenHash,
    UserId,
    CreatedAt,
    LastUsedAt,
}

#[derive(DeriveIden)]
enum MigrantProfiles {
    Table,
    PassportLookup,
    SealVersion,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(timestamp_with_time_zone_null(Users::VerifiedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::update()
                    .table(Users::Table)
                    .value(Users::VerifiedAt, Expr::col(Users::CreatedAt))
                    .and_where(Expr::col(Users::VerifiedAt).is_null())
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(OneTimeCodes::Table)
                    .col(pk_auto(OneTimeCodes::Id))
                    .col(integer_null(OneTimeCodes::UserId))
                    .col(string_len(OneTimeCodes::Purpose, 16))
                    .col(string_len(OneTimeCodes::Channel, 16))
                    .col(string_len(OneTimeCodes::AddressKey, 64))
                    .col(string_len(OneTimeCodes::IpKey, 64))
                    .col(string_len(OneTimeCodes::TicketHash, 64))
                    .col(string_len(OneTimeCodes::CodeHash, 64))
                    .col(integer(OneTimeCodes::Attempts).default(0))
                    .col(timestamp_with_time_zone(OneTimeCodes::ExpiresAt))
                    .col(timestamp_with_time_zone_null(OneTimeCodes::UsedAt))
                    .col(timestamp_with_time_zone(OneTimeCodes::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_one_time_codes_user")
                            .from(OneTimeCodes::Table, OneTimeCodes::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, col) in [
            ("idx_one_time_codes_ticket", OneTimeCodes::TicketHash),
            ("idx_one_time_codes_address", OneTimeCodes::AddressKey),
            ("idx_one_time_codes_ip", OneTimeCodes::IpKey),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(OneTimeCodes::Table)
                        .col(col)
                        .col(OneTimeCodes::CreatedAt)
                        .to_owned(),
                )
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(LoginDevices::Table)
                    .col(string_len(LoginDevices::TokenHash, 64).primary_key())
                    .col(integer(LoginDevices::UserId))
                    .col(timestamp_with_time_zone(LoginDevices::CreatedAt))
                    .col(timestamp_with_time_zone(LoginDevices::LastUsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_login_devices_user")
                            .from(LoginDevices::Table, LoginDevices::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        for mut c in [
            string_len_null(MigrantProfiles::PassportLookup, 64),
            small_integer(MigrantProfiles::SealVersion).default(1).to_owned(),
        ] {
            manager.alter_table(Table::alter().table(MigrantProfiles::Table).add_column(&mut c).to_owned()).await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("idx_migrant_profiles_passport_lookup")
                    .table(MigrantProfiles::Table)
                    .col(MigrantProfiles::PassportLookup)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration("Köprü migrations are forward-only".into()))
    }
}
