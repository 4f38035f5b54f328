//! Announcements (F3.5): pages that staff write in both languages and publish.
//! - `announcements`: one page, its address (`slug`, made once from its title
//!   and unique), its title and body in Uzbek and in Turkish (plain text with
//!   blank-line paragraphs, never HTML), when it was published (`NULL`: a
//!   draft, or taken down again), who wrote it (`NULL` for the partnership's
//!   seeded article, or when the account is gone);
//! - `idx_announcements_published`: the home page's and the list's one
//!   question, "the newest published ones".
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
enum Announcements {
    Table,
    Id,
    Slug,
    TitleUz,
    TitleTr,
    BodyUz,
    BodyTr,
    PublishedAt,
    AuthorUserId,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Announcements::Table)
                    .col(pk_auto(Announcements::Id))
                    .col(string_len(Announcements::Slug, 100).unique_key())
                    .col(string_len(Announcements::TitleUz, 200))
                    .col(string_len(Announcements::TitleTr, 200))
                    .col(text(Announcements::BodyUz))
                    .col(text(Announcements::BodyTr))
                    .col(timestamp_with_time_zone_null(Announcements::PublishedAt))
                    .col(integer_null(Announcements::AuthorUserId))
                    .col(timestamp_with_time_zone(Announcements::CreatedAt))
                    .col(timestamp_with_time_zone(Announcements::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_announcements_author")
                            .from(Announcements::Table, Announcements::AuthorUserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_announcements_published")
                    .table(Announcements::Table)
                    .col(Announcements::PublishedAt)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration("Köprü migrations are forward-only".into()))
    }
}
