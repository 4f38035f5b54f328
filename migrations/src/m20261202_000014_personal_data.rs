//! Personal-data rights (F1.5): `users.deleted_at`, when the person erased
//! their account. The row itself stays (disabled, without name, phone, e-mail
//! or a usable password), so that the applications and history that point at
//! it stay countable for statistics; the timestamp tells an erased account
//! from one an admin disabled, and proves when the request was answered.
//!
//! Only ADD COLUMN, one column per statement: SQLite can do no more.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    DeletedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(timestamp_with_time_zone_null(Users::DeletedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration("Köprü migrations are forward-only".into()))
    }
}
