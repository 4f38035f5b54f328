//! Migrant services as cases (F3.1, F3.3, F6.1, F6.5) with their documents (F5.2):
//! - `cases`: one request of a migrant, of one kind, moved through its kind's
//!   stages; optional links to a vacancy, a company and an application; the
//!   staff member who holds it; the due date of its stage; the decision and
//!   its reason in the migrant's language. The regularisation request's own
//!   answers (how and when they entered, their status, sector, employer) are
//!   columns too: staff filter and count by them;
//! - `case_events`: the whole history (who, when, from → to, why);
//! - `case_notes`: staff's internal notes, never shown to the migrant;
//! - `case_messages`: the thread between the migrant and staff;
//! - `case_documents`: uploaded files (stored outside the web root under a
//!   random name), of a case and optionally of one message;
//! - `case_checklist`: the next steps of a decision, with due dates, ticked
//!   by the migrant;
//! - `notifications.case_id`, `case_stage`: a notification about a case (and its new stage).
//!
//! CREATE TABLE, CREATE INDEX and ADD COLUMN only: SQLite can do no more.
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
enum Notifications {
    Table,
    CaseId,
    CaseStage,
}

#[derive(DeriveIden)]
enum Cases {
    Table,
    Id,
    Kind,
    OwnerUserId,
    Stage,
    VacancyId,
    CompanyId,
    ApplicationId,
    AssignedTo,
    Category,
    Urgent,
    Summary,
    Lang,
    EnteredOn,
    EntryRoute,
    CurrentStatus,
    SectorId,
    EmployerCompanyId,
    EmployerName,
    FeeKurus,
    Decision,
    DecisionReason,
    DecisionLang,
    StageEnteredAt,
    DueAt,
    LastReplyAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CaseEvents {
    Table,
    Id,
    CaseId,
    ActorUserId,
    ActorRole,
    Kind,
    FromStage,
    ToStage,
    Reason,
    ReasonLang,
    Detail,
    At,
}

#[derive(DeriveIden)]
enum CaseNotes {
    Table,
    Id,
    CaseId,
    AuthorUserId,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CaseMessages {
    Table,
    Id,
    CaseId,
    AuthorUserId,
    AuthorRole,
    Body,
    Lang,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CaseDocuments {
    Table,
    Id,
    CaseId,
    MessageId,
    UploaderUserId,
    StoredName,
    MediaType,
    SizeBytes,
    OriginalName,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CaseChecklist {
    Table,
    Id,
    CaseId,
    Position,
    Label,
    LabelLang,
    DueOn,
    DoneAt,
}

fn case_fk(name: &str, table: impl IntoIden + 'static, col: impl IntoIden + 'static) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(table, col)
        .to(Cases::Table, Cases::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Cases::Table)
                    .col(pk_auto(Cases::Id))
                    .col(string_len(Cases::Kind, 16))
                    .col(integer(Cases::OwnerUserId))
                    .col(string_len(Cases::Stage, 24))
                    .col(integer_null(Cases::VacancyId))
                    .col(integer_null(Cases::CompanyId))
                    .col(integer_null(Cases::ApplicationId))
                    .col(integer_null(Cases::AssignedTo))
                    .col(string_len_null(Cases::Category, 32))
                    .col(boolean(Cases::Urgent).default(false))
                    .col(text(Cases::Summary))
                    .col(string_len(Cases::Lang, 8))
                    .col(date_null(Cases::EnteredOn))
                    .col(string_len_null(Cases::EntryRoute, 24))
                    .col(string_len_null(Cases::CurrentStatus, 24))
                    .col(integer_null(Cases::SectorId))
                    .col(integer_null(Cases::EmployerCompanyId))
                    .col(string_len_null(Cases::EmployerName, 200))
                    .col(big_integer_null(Cases::FeeKurus))
                    .col(string_len_null(Cases::Decision, 16))
                    .col(text_null(Cases::DecisionReason))
                    .col(string_len_null(Cases::DecisionLang, 8))
                    .col(timestamp_with_time_zone(Cases::StageEnteredAt))
                    .col(timestamp_with_time_zone_null(Cases::DueAt))
                    .col(timestamp_with_time_zone_null(Cases::LastReplyAt))
                    .col(timestamp_with_time_zone(Cases::CreatedAt))
                    .col(timestamp_with_time_zone(Cases::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_cases_owner")
                            .from(Cases::Table, Cases::OwnerUserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_cases_assigned")
                            .from(Cases::Table, Cases::AssignedTo)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        // The staff queues: open cases of a kind, urgent first, oldest first.
        manager
            .create_index(
                Index::create()
                    .name("idx_cases_queue")
                    .table(Cases::Table)
                    .col(Cases::Kind)
                    .col(Cases::Stage)
                    .col(Cases::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_cases_owner").table(Cases::Table).col(Cases::OwnerUserId).to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CaseEvents::Table)
                    .col(pk_auto(CaseEvents::Id))
                    .col(integer(CaseEvents::CaseId))
                    .col(integer_null(CaseEvents::ActorUserId))
                    .col(string_len(CaseEvents::ActorRole, 16))
                    .col(string_len(CaseEvents::Kind, 24))
                    .col(string_len_null(CaseEvents::FromStage, 24))
                    .col(string_len_null(CaseEvents::ToStage, 24))
                    .col(text_null(CaseEvents::Reason))
                    .col(string_len_null(CaseEvents::ReasonLang, 8))
                    .col(text_null(CaseEvents::Detail))
                    .col(timestamp_with_time_zone(CaseEvents::At))
                    .foreign_key(&mut case_fk("fk_case_events_case", CaseEvents::Table, CaseEvents::CaseId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_case_events_actor")
                            .from(CaseEvents::Table, CaseEvents::ActorUserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_case_events_case")
                    .table(CaseEvents::Table)
                    .col(CaseEvents::CaseId)
                    .col(CaseEvents::At)
                    .to_owned(),
            )
            .await?;
        // How long stages take: the moves of the last 90 days.
        manager
            .create_index(
                Index::create().name("idx_case_events_at").table(CaseEvents::Table).col(CaseEvents::At).to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CaseNotes::Table)
                    .col(pk_auto(CaseNotes::Id))
                    .col(integer(CaseNotes::CaseId))
                    .col(integer_null(CaseNotes::AuthorUserId))
                    .col(text(CaseNotes::Body))
                    .col(timestamp_with_time_zone(CaseNotes::CreatedAt))
                    .foreign_key(&mut case_fk("fk_case_notes_case", CaseNotes::Table, CaseNotes::CaseId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_case_notes_author")
                            .from(CaseNotes::Table, CaseNotes::AuthorUserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_case_notes_case").table(CaseNotes::Table).col(CaseNotes::CaseId).to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CaseMessages::Table)
                    .col(pk_auto(CaseMessages::Id))
                    .col(integer(CaseMessages::CaseId))
                    .col(integer_null(CaseMessages::AuthorUserId))
                    .col(string_len(CaseMessages::AuthorRole, 16))
                    .col(text(CaseMessages::Body))
                    .col(string_len(CaseMessages::Lang, 8))
                    .col(timestamp_with_time_zone(CaseMessages::CreatedAt))
                    .foreign_key(&mut case_fk("fk_case_messages_case", CaseMessages::Table, CaseMessages::CaseId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_case_messages_author")
                            .from(CaseMessages::Table, CaseMessages::AuthorUserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_case_messages_case")
                    .table(CaseMessages::Table)
                    .col(CaseMessages::CaseId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CaseDocuments::Table)
                    .col(pk_auto(CaseDocuments::Id))
                    .col(integer(CaseDocuments::CaseId))
                    .col(integer_null(CaseDocuments::MessageId))
                    .col(integer_null(CaseDocuments::UploaderUserId))
                    .col(string_len(CaseDocuments::StoredName, 64).unique_key())
                    .col(string_len(CaseDocuments::MediaType, 16))
                    .col(big_integer(CaseDocuments::SizeBytes))
                    .col(string_len(CaseDocuments::OriginalName, 200))
                    .col(timestamp_with_time_zone(CaseDocuments::CreatedAt))
                    .foreign_key(&mut case_fk("fk_case_documents_case", CaseDocuments::Table, CaseDocuments::CaseId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_case_documents_uploader")
                            .from(CaseDocuments::Table, CaseDocuments::UploaderUserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_case_documents_case")
                    .table(CaseDocuments::Table)
                    .col(CaseDocuments::CaseId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CaseChecklist::Table)
                    .col(pk_auto(CaseChecklist::Id))
                    .col(integer(CaseChecklist::CaseId))
                    .col(integer(CaseChecklist::Position))
                    .col(text(CaseChecklist::Label))
                    .col(string_len(CaseChecklist::LabelLang, 8))
                    .col(date_null(CaseChecklist::DueOn))
                    .col(timestamp_with_time_zone_null(CaseChecklist::DoneAt))
                    .foreign_key(&mut case_fk("fk_case_checklist_case", CaseChecklist::Table, CaseChecklist::CaseId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_case_checklist_case")
                    .table(CaseChecklist::Table)
                    .col(CaseChecklist::CaseId)
                    .to_owned(),
            )
            .await?;

        manager
            .alter_table(
                Table::alter().table(Notifications::Table).add_column(integer_null(Notifications::CaseId)).to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Notifications::Table)
                    .add_column(string_len_null(Notifications::CaseStage, 24))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration("Köprü migrations are forward-only".into()))
    }
}
