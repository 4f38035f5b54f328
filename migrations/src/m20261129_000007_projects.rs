//! Projects (F2.3): a verified company groups vacancies under a construction or
//! infrastructure project with its own public page. `vacancies.project_id` is
//! added as a plain nullable column (SQLite cannot add a foreign key by ALTER);
//! the server checks that a project belongs to the vacancy's company.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Projects {
    Table,
    Id,
    CompanyId,
    Name,
    DescriptionTr,
    DescriptionUz,
    ProvinceId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Vacancies {
    Table,
    ProjectId,
}

#[derive(DeriveIden)]
enum Companies {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Projects::Table)
                    .col(pk_auto(Projects::Id))
                    .col(integer(Projects::CompanyId))
                    .col(string_len(Projects::Name, 200))
                    .col(text(Projects::DescriptionTr))
                    .col(text_null(Projects::DescriptionUz))
                    .col(integer(Projects::ProvinceId))
                    .col(timestamp_with_time_zone(Projects::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_projects_company")
                            .from(Projects::Table, Projects::CompanyId)
                            .to(Companies::Table, Companies::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter().table(Vacancies::Table).add_column(integer_null(Vacancies::ProjectId)).to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_vacancies_project")
                    .table(Vacancies::Table)
                    .col(Vacancies::ProjectId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration("Köprü migrations are forward-only".into()))
    }
}
