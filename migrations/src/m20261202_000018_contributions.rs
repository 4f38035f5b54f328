//! Insured work periods, the estimate's rules and contributions claims (F3.4).
//! - `contribution_periods`: a migrant's insured work period in Türkiye: the
//!   employer (a name, optionally a verified company), from and to (`NULL`:
//!   still working), the gross monthly wage in kuruş, the workplace's SGK
//!   number and the insured days as the migrant gave them; erased with the account;
//! - `contribution_rules`: every version of the estimate's rules, the
//!   agreement's state and the reminder schedule, who set it and when (the
//!   newest is in force; none: the defaults);
//! - `claim_periods`: the periods as they stood when a claim (a case of kind
//!   `claim`) was filed, with their estimate and the rules version used;
//! - `contribution_reminders`: when each returnee was last reminded and for
//!   which due time, so that no one is reminded twice for it.
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
enum Companies {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Cases {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ContributionPeriods {
    Table,
    Id,
    UserId,
    EmployerName,
    CompanyId,
    StartedOn,
    EndedOn,
    GrossMonthlyKurus,
    SgkNumber,
    InsuredDays,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ContributionRules {
    Table,
    Id,
    EmployeeBp,
    EmployerBp,
    FloorMinimumWage,
    CeilingHundredths,
    ReclaimBp,
    Agreement,
    InForceOn,
    ReminderDays,
    SetByUserId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ClaimPeriods {
    Table,
    Id,
    CaseId,
    RulesId,
    EmployerName,
    CompanyId,
    StartedOn,
    EndedOn,
    GrossMonthlyKurus,
    SgkNumber,
    InsuredDays,
    Days,
    EmployeeKurus,
    EmployerKurus,
    ReclaimableKurus,
}

#[derive(DeriveIden)]
enum ContributionReminders {
    Table,
    UserId,
    LastDueAt,
    LastSentAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ContributionPeriods::Table)
                    .col(pk_auto(ContributionPeriods::Id))
                    .col(integer(ContributionPeriods::UserId))
                    .col(string_len(ContributionPeriods::EmployerName, 200))
                    .col(integer_null(ContributionPeriods::CompanyId))
                    .col(date(ContributionPeriods::StartedOn))
                    .col(date_null(ContributionPeriods::EndedOn))
                    .col(big_integer(ContributionPeriods::GrossMonthlyKurus))
                    .col(string_len_null(ContributionPeriods::SgkNumber, 26))
                    .col(integer_null(ContributionPeriods::InsuredDays))
                    .col(timestamp_with_time_zone(ContributionPeriods::CreatedAt))
                    .col(timestamp_with_time_zone(ContributionPeriods::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_contribution_periods_user")
                            .from(ContributionPeriods::Table, ContributionPeriods::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_contribution_periods_company")
                            .from(ContributionPeriods::Table, ContributionPeriods::CompanyId)
                            .to(Companies::Table, Companies::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_contribution_periods_user")
                    .table(ContributionPeriods::Table)
                    .col(ContributionPeriods::UserId)
                    .col(ContributionPeriods::StartedOn)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ContributionRules::Table)
                    .col(pk_auto(ContributionRules::Id))
                    .col(integer(ContributionRules::EmployeeBp))
                    .col(integer(ContributionRules::EmployerBp))
                    .col(boolean(ContributionRules::FloorMinimumWage))
                    .col(integer(ContributionRules::CeilingHundredths))
                    .col(integer(ContributionRules::ReclaimBp))
                    .col(string_len(ContributionRules::Agreement, 16))
                    .col(date_null(ContributionRules::InForceOn))
                    .col(integer(ContributionRules::ReminderDays))
                    .col(integer_null(ContributionRules::SetByUserId))
                    .col(timestamp_with_time_zone(ContributionRules::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_contribution_rules_user")
                            .from(ContributionRules::Table, ContributionRules::SetByUserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ClaimPeriods::Table)
                    .col(pk_auto(ClaimPeriods::Id))
                    .col(integer(ClaimPeriods::CaseId))
                    .col(integer_null(ClaimPeriods::RulesId))
                    .col(string_len(ClaimPeriods::EmployerName, 200))
                    .col(integer_null(ClaimPeriods::CompanyId))
                    .col(date(ClaimPeriods::StartedOn))
                    .col(date_null(ClaimPeriods::EndedOn))
                    .col(big_integer(ClaimPeriods::GrossMonthlyKurus))
                    .col(string_len_null(ClaimPeriods::SgkNumber, 26))
                    .col(integer_null(ClaimPeriods::InsuredDays))
                    .col(big_integer(ClaimPeriods::Days))
                    .col(big_integer(ClaimPeriods::EmployeeKurus))
                    .col(big_integer(ClaimPeriods::EmployerKurus))
                    .col(big_integer(ClaimPeriods::ReclaimableKurus))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_claim_periods_case")
                            .from(ClaimPeriods::Table, ClaimPeriods::CaseId)
                            .to(Cases::Table, Cases::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_claim_periods_rules")
                            .from(ClaimPeriods::Table, ClaimPeriods::RulesId)
                            .to(ContributionRules::Table, ContributionRules::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_claim_periods_company")
                            .from(ClaimPeriods::Table, ClaimPeriods::CompanyId)
                            .to(Companies::Table, Companies::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_claim_periods_case")
                    .table(ClaimPeriods::Table)
                    .col(ClaimPeriods::CaseId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ContributionReminders::Table)
                    .col(integer(ContributionReminders::UserId).primary_key())
                    .col(timestamp_with_time_zone(ContributionReminders::LastDueAt))
                    .col(timestamp_with_time_zone(ContributionReminders::LastSentAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_contribution_reminders_user")
                            .from(ContributionReminders::Table, ContributionReminders::UserId)
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
