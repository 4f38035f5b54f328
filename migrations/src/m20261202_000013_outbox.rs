//! The outbox (F5.3) and Telegram as a channel (F6.8):
//! - `outbox`: every SMS, e-mail and Telegram message is first a row here,
//!   written in the transaction of what caused it, and a worker sends it. A
//!   restart loses nothing: a row is `queued` until sent, and one whose worker
//!   died while it was `sending` is taken again when its lease runs out. The
//!   index serves the worker's one question, "what is due now?";
//! - `telegram_accounts`: the chat a person's Telegram messages go to, one per
//!   person and one person per chat;
//! - `telegram_link_codes`: the one-time code a person sends the bot to link a
//!   chat, kept as a keyed hash (the lookup) and sealed with the server's key
//!   (so the account page can show it again to its owner); one live per person.
//!
//! CREATE TABLE and CREATE INDEX only: SQLite can do no more.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Id,
    UserId,
    Channel,
    Recipient,
    Kind,
    Locale,
    Subject,
    Body,
    Status,
    Attempts,
    NextAttemptAt,
    LeaseUntil,
    LastError,
    CreatedAt,
    SentAt,
}

#[derive(DeriveIden)]
enum TelegramAccounts {
    Table,
    UserId,
    ChatId,
    LinkedAt,
}

#[derive(DeriveIden)]
enum TelegramLinkCodes {
    Table,
    CodeHash,
    CodeSealed,
    UserId,
    ExpiresAt,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Outbox::Table)
                    .col(pk_auto(Outbox::Id))
                    .col(integer_null(Outbox::UserId))
                    .col(string_len(Outbox::Channel, 16))
                    .col(string_len(Outbox::Recipient, 254))
                    .col(string_len(Outbox::Kind, 32))
                    .col(string_len(Outbox::Locale, 8))
                    .col(text(Outbox::Subject))
                    .col(text(Outbox::Body))
                    .col(string_len(Outbox::Status, 16))
                    .col(integer(Outbox::Attempts).default(0))
                    .col(timestamp_with_time_zone(Outbox::NextAttemptAt))
                    .col(timestamp_with_time_zone_null(Outbox::LeaseUntil))
                    .col(text_null(Outbox::LastError))
                    .col(timestamp_with_time_zone(Outbox::CreatedAt))
                    .col(timestamp_with_time_zone_null(Outbox::SentAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_outbox_user")
                            .from(Outbox::Table, Outbox::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_due")
                    .table(Outbox::Table)
                    .col(Outbox::Status)
                    .col(Outbox::NextAttemptAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(TelegramAccounts::Table)
                    .col(integer(TelegramAccounts::UserId).primary_key())
                    .col(string_len(TelegramAccounts::ChatId, 32).unique_key())
                    .col(timestamp_with_time_zone(TelegramAccounts::LinkedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_telegram_accounts_user")
                            .from(TelegramAccounts::Table, TelegramAccounts::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(TelegramLinkCodes::Table)
                    .col(string_len(TelegramLinkCodes::CodeHash, 64).primary_key())
                    .col(text(TelegramLinkCodes::CodeSealed))
                    // One live code per person: a new one replaces the old.
                    .col(integer(TelegramLinkCodes::UserId).unique_key())
                    .col(timestamp_with_time_zone(TelegramLinkCodes::ExpiresAt))
                    .col(timestamp_with_time_zone(TelegramLinkCodes::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_telegram_link_codes_user")
                            .from(TelegramLinkCodes::Table, TelegramLinkCodes::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration("Köprü migrations are forward-only".into()))
    }
}
