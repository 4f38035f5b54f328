//! Vacancies (F2.2), applications with their history (F2.6) and in-app
//! notifications (F2.8).
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Vacancies {
    Table,
    Id,
    CompanyId,
    SectorId,
    OccupationId,
    Positions,
    Filled,
    ProvinceId,
    District,
    WageKurus,
    HoursPerWeek,
    Housing,
    Meals,
    Transport,
    ContractMonths,
    TurkishLevel,
    CertificateRequired,
    StartDate,
    ClosingDate,
    TextTr,
    TextUz,
    Status,
    ReviewReason,
    Search,
    PublishedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Applications {
    Table,
    Id,
    VacancyId,
    MigrantUserId,
    Stage,
    WorkPermitNo,
    StartDate,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ApplicationEvents {
    Table,
    Id,
    ApplicationId,
    ActorUserId,
    ActorRole,
    FromStage,
    ToStage,
    Reason,
    At,
}

#[derive(DeriveIden)]
enum Notifications {
    Table,
    Id,
    UserId,
    Kind,
    ApplicationId,
    VacancyId,
    Stage,
    CreatedAt,
    ReadAt,
}

#[derive(DeriveIden)]
enum Companies {
    Table,
    Id,
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
enum Occupations {
    Table,
    Id,
}
#[derive(DeriveIden)]
enum Provinces {
    Table,
    Id,
}

fn fk<A, B, C, D>(name: &str, from: (A, B), to: (C, D)) -> ForeignKeyCreateStatement
where
    A: IntoIden + 'static,
    B: IntoIden + 'static,
    C: IntoIden + 'static,
    D: IntoIden + 'static,
{
    ForeignKey::create().name(name).from(from.0, from.1).to(to.0, to.1).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Vacancies::Table)
                    .col(pk_auto(Vacancies::Id))
                    .col(integer(Vacancies::CompanyId))
                    .col(integer(Vacancies::SectorId))
                    .col(integer(Vacancies::OccupationId))
                    .col(integer(Vacancies::Positions))
                    .col(integer(Vacancies::Filled).default(0))
                    .col(integer(Vacancies::ProvinceId))
                    .col(string_len(Vacancies::District, 100))
                    .col(big_integer(Vacancies::WageKurus))
                    .col(integer(Vacancies::HoursPerWeek))
                    .col(boolean(Vacancies::Housing))
                    .col(boolean(Vacancies::Meals))
                    .col(boolean(Vacancies::Transport))
                    .col(integer(Vacancies::ContractMonths))
                    .col(string_len(Vacancies::TurkishLevel, 8))
                    .col(boolean(Vacancies::CertificateRequired))
                    .col(date(Vacancies::StartDate))
                    .col(date(Vacancies::ClosingDate))
                    .col(text(Vacancies::TextTr))
                    .col(text_null(Vacancies::TextUz))
                    .col(string_len(Vacancies::Status, 16))
                    .col(string_len_null(Vacancies::ReviewReason, 500))
                    .col(text(Vacancies::Search))
                    .col(timestamp_with_time_zone_null(Vacancies::PublishedAt))
                    .col(timestamp_with_time_zone(Vacancies::CreatedAt))
                    .col(timestamp_with_time_zone(Vacancies::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_vacancies_company",
                        (Vacancies::Table, Vacancies::CompanyId),
                        (Companies::Table, Companies::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_vacancies_sector",
                        (Vacancies::Table, Vacancies::SectorId),
                        (Sectors::Table, Sectors::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_vacancies_occupation",
                        (Vacancies::Table, Vacancies::OccupationId),
                        (Occupations::Table, Occupations::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_vacancies_province",
                        (Vacancies::Table, Vacancies::ProvinceId),
                        (Provinces::Table, Provinces::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, cols) in [
            ("idx_vacancies_status_published", vec![Vacancies::Status, Vacancies::PublishedAt]),
            ("idx_vacancies_status_wage", vec![Vacancies::Status, Vacancies::WageKurus]),
            ("idx_vacancies_company", vec![Vacancies::CompanyId]),
        ] {
            let mut idx = Index::create().name(name).table(Vacancies::Table).to_owned();
            for c in cols {
                idx.col(c);
            }
            manager.create_index(idx).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(Applications::Table)
                    .col(pk_auto(Applications::Id))
                    .col(integer(Applications::VacancyId))
                    .col(integer(Applications::MigrantUserId))
                    .col(string_len(Applications::Stage, 16))
                    .col(string_len_null(Applications::WorkPermitNo, 40))
                    .col(date_null(Applications::StartDate))
                    .col(timestamp_with_time_zone(Applications::CreatedAt))
                    .col(timestamp_with_time_zone(Applications::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_applications_vacancy",
                        (Applications::Table, Applications::VacancyId),
                        (Vacancies::Table, Vacancies::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_applications_migrant",
                        (Applications::Table, Applications::MigrantUserId),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_applications_vacancy_migrant")
                    .table(Applications::Table)
                    .col(Applications::VacancyId)
                    .col(Applications::MigrantUserId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_applications_stage")
                    .table(Applications::Table)
                    .col(Applications::Stage)
                    .col(Applications::UpdatedAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ApplicationEvents::Table)
                    .col(pk_auto(ApplicationEvents::Id))
                    .col(integer(ApplicationEvents::ApplicationId))
                    .col(integer(ApplicationEvents::ActorUserId))
                    .col(string_len(ApplicationEvents::ActorRole, 16))
                    .col(string_len_null(ApplicationEvents::FromStage, 16))
                    .col(string_len(ApplicationEvents::ToStage, 16))
                    .col(string_len_null(ApplicationEvents::Reason, 500))
                    .col(timestamp_with_time_zone(ApplicationEvents::At))
                    .foreign_key(&mut fk(
                        "fk_events_application",
                        (ApplicationEvents::Table, ApplicationEvents::ApplicationId),
                        (Applications::Table, Applications::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_events_application")
                    .table(ApplicationEvents::Table)
                    .col(ApplicationEvents::ApplicationId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Notifications::Table)
                    .col(pk_auto(Notifications::Id))
                    .col(integer(Notifications::UserId))
                    .col(string_len(Notifications::Kind, 32))
                    .col(integer_null(Notifications::ApplicationId))
                    .col(integer_null(Notifications::VacancyId))
                    .col(string_len_null(Notifications::Stage, 16))
                    .col(timestamp_with_time_zone(Notifications::CreatedAt))
                    .col(timestamp_with_time_zone_null(Notifications::ReadAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_notifications_user")
                            .from(Notifications::Table, Notifications::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_notifications_user")
                    .table(Notifications::Table)
                    .col(Notifications::UserId)
                    .col(Notifications::ReadAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration("Köprü migrations are forward-only".into()))
    }
}
