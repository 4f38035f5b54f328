//! Accounts, sessions, consents, sign-in attempts and the emergency contacts.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Role,
    Phone,
    Email,
    Name,
    PasswordHash,
    Locale,
    Disabled,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    UserId,
    CreatedAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum Consents {
    Table,
    Id,
    UserId,
    NoticeVersion,
    Purposes,
    Locale,
    GivenAt,
    WithdrawnAt,
}

#[derive(DeriveIden)]
enum LoginAttempts {
    Table,
    Id,
    AccountKey,
    Ip,
    Succeeded,
    At,
}

#[derive(DeriveIden)]
enum EmergencyContacts {
    Table,
    Id,
    Kind,
    Phone,
    Placeholder,
    Sort,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(pk_auto(Users::Id))
                    .col(string_len(Users::Role, 16))
                    .col(string_len_null(Users::Phone, 20).unique_key())
                    .col(string_len_null(Users::Email, 254).unique_key())
                    .col(string_len(Users::Name, 200))
                    .col(string_len(Users::PasswordHash, 200))
                    .col(string_len(Users::Locale, 8))
                    .col(boolean(Users::Disabled).default(false))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .col(timestamp_with_time_zone(Users::UpdatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Sessions::Table)
                    .col(string_len(Sessions::Id, 64).primary_key())
                    .col(integer(Sessions::UserId))
                    .col(timestamp_with_time_zone(Sessions::CreatedAt))
                    .col(timestamp_with_time_zone(Sessions::ExpiresAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_sessions_user")
                            .from(Sessions::Table, Sessions::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_sessions_user").table(Sessions::Table).col(Sessions::UserId).to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Consents::Table)
                    .col(pk_auto(Consents::Id))
                    .col(integer(Consents::UserId))
                    .col(string_len(Consents::NoticeVersion, 32))
                    .col(string_len(Consents::Purposes, 200))
                    .col(string_len(Consents::Locale, 8))
                    .col(timestamp_with_time_zone(Consents::GivenAt))
                    .col(timestamp_with_time_zone_null(Consents::WithdrawnAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_consents_user")
                            .from(Consents::Table, Consents::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(LoginAttempts::Table)
                    .col(pk_auto(LoginAttempts::Id))
                    .col(string_len(LoginAttempts::AccountKey, 64))
                    .col(string_len(LoginAttempts::Ip, 64))
                    .col(boolean(LoginAttempts::Succeeded))
                    .col(timestamp_with_time_zone(LoginAttempts::At))
                    .to_owned(),
            )
            .await?;
        for (name, col) in
            [("idx_login_attempts_account", LoginAttempts::AccountKey), ("idx_login_attempts_ip", LoginAttempts::Ip)]
        {
            manager
                .create_index(
                    Index::create().name(name).table(LoginAttempts::Table).col(col).col(LoginAttempts::At).to_owned(),
                )
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(EmergencyContacts::Table)
                    .col(pk_auto(EmergencyContacts::Id))
                    .col(string_len(EmergencyContacts::Kind, 32).unique_key())
                    .col(string_len(EmergencyContacts::Phone, 32))
                    .col(boolean(EmergencyContacts::Placeholder))
                    .col(integer(EmergencyContacts::Sort))
                    .col(timestamp_with_time_zone(EmergencyContacts::UpdatedAt))
                    .to_owned(),
            )
            .await?;

        // Placeholders until staff enter the representation's real numbers:
        // flagged so that every page says they are not real yet.
        let now = chrono_now();
        let mut insert = Query::insert()
            .into_table(EmergencyContacts::Table)
            .columns([
                EmergencyContacts::Kind,
                EmergencyContacts::Phone,
                EmergencyContacts::Placeholder,
                EmergencyContacts::Sort,
                EmergencyContacts::UpdatedAt,
            ])
            .to_owned();
        for (i, kind) in ["embassy", "consular", "hotline"].into_iter().enumerate() {
            insert.values_panic([kind.into(), "+903120000000".into(), true.into(), (i as i32 + 1).into(), now.into()]);
        }
        manager.exec_stmt(insert).await?;
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        // Migrations only move forward.
        Err(DbErr::Migration("Köprü migrations are forward-only".into()))
    }
}

fn chrono_now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}
