//! What the journeys of issue 8 need on record:
//! - an application's interview (when, how, where, whom to ask) and offer terms
//!   (wage, start, housing, return ticket), and the language the employer wrote
//!   the free parts in;
//! - a reason picked from the bilingual list beside every free reason (the
//!   application's history, the vacancy review, the company decision);
//! - the staff console's per-queue targets, which admins set.
//!
//! Only ADD COLUMN and CREATE TABLE, one column per statement: SQLite can do no more.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Applications {
    Table,
    InterviewAt,
    InterviewMode,
    InterviewPlace,
    InterviewContact,
    TermsLang,
    OfferWageKurus,
    OfferStart,
    OfferHousing,
    OfferReturnTicket,
}

#[derive(DeriveIden)]
enum ApplicationEvents {
    Table,
    ReasonCode,
    ReasonLang,
}

#[derive(DeriveIden)]
enum Vacancies {
    Table,
    ReviewReasonCode,
    ReviewReasonLang,
}

#[derive(DeriveIden)]
enum Companies {
    Table,
    DecisionReasonCode,
    DecisionReasonLang,
}

#[derive(DeriveIden)]
enum QueueTargets {
    Table,
    Queue,
    TargetHours,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let columns = [
            date_time_null(Applications::InterviewAt),
            string_len_null(Applications::InterviewMode, 16),
            string_len_null(Applications::InterviewPlace, 300),
            string_len_null(Applications::InterviewContact, 200),
            string_len_null(Applications::TermsLang, 8),
            big_integer_null(Applications::OfferWageKurus),
            date_null(Applications::OfferStart),
            boolean_null(Applications::OfferHousing),
            boolean_null(Applications::OfferReturnTicket),
        ];
        for mut c in columns {
            manager.alter_table(Table::alter().table(Applications::Table).add_column(&mut c).to_owned()).await?;
        }
        // Beside each free reason: the code picked from the list, and the language
        // the note (if any) was written in.
        let reasons = [
            (
                ApplicationEvents::Table.into_iden(),
                ApplicationEvents::ReasonCode.into_iden(),
                ApplicationEvents::ReasonLang.into_iden(),
            ),
            (
                Vacancies::Table.into_iden(),
                Vacancies::ReviewReasonCode.into_iden(),
                Vacancies::ReviewReasonLang.into_iden(),
            ),
            (
                Companies::Table.into_iden(),
                Companies::DecisionReasonCode.into_iden(),
                Companies::DecisionReasonLang.into_iden(),
            ),
        ];
        for (table, code, lang) in reasons {
            for mut c in [string_len_null(code, 32), string_len_null(lang, 8)] {
                manager.alter_table(Table::alter().table(table.clone()).add_column(&mut c).to_owned()).await?;
            }
        }
        manager
            .create_table(
                Table::create()
                    .table(QueueTargets::Table)
                    .col(string_len(QueueTargets::Queue, 32).primary_key())
                    .col(integer(QueueTargets::TargetHours))
                    .col(timestamp_with_time_zone(QueueTargets::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration("Köprü migrations are forward-only".into()))
    }
}
