//! Reminders before checklist due dates (F6.7):
//! - `case_checklist.created_at`: when a step was added (a lead whose moment
//!   had already come by then is not sent: the "new step" message told it);
//! - `checklist_reminders`: one row per reminder sent — the step, how many days
//!   ahead (`lead_days`), for which due date, through which channel, when. Its
//!   unique key (step, lead, due date) is the claim that makes the reminder job
//!   safe to run in two processes at once: the row and the outbox message are
//!   written in one transaction, and the second insert of the same key does
//!   nothing. The rows go with their step (the foreign key cascades), so with
//!   the case and with the account.
//!
//! CREATE TABLE, CREATE INDEX and ADD COLUMN only: SQLite can do no more.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CaseChecklist {
    Table,
    Id,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ChecklistReminders {
    Table,
    Id,
    ItemId,
    LeadDays,
    DueOn,
    Channel,
    SentAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(CaseChecklist::Table)
                    .add_column(timestamp_with_time_zone_null(CaseChecklist::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ChecklistReminders::Table)
                    .col(pk_auto(ChecklistReminders::Id))
                    .col(integer(ChecklistReminders::ItemId))
                    .col(integer(ChecklistReminders::LeadDays))
                    .col(date(ChecklistReminders::DueOn))
                    .col(string_len(ChecklistReminders::Channel, 16))
                    .col(timestamp_with_time_zone(ChecklistReminders::SentAt))
                    .foreign_key(
                        &mut ForeignKey::create()
                            .name("fk_checklist_reminders_item")
                            .from(ChecklistReminders::Table, ChecklistReminders::ItemId)
                            .to(CaseChecklist::Table, CaseChecklist::Id)
                            .on_delete(ForeignKeyAction::Cascade)
                            .to_owned(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_checklist_reminders_once")
                    .table(ChecklistReminders::Table)
                    .col(ChecklistReminders::ItemId)
                    .col(ChecklistReminders::LeadDays)
                    .col(ChecklistReminders::DueOn)
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
