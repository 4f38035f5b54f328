//! The Migration Agency's published trust line, +998 71 202 33 55, replaces the
//! placeholder hotline seeded by the foundation migration. Only the seeded
//! placeholder is replaced: a number staff have already entered (placeholder =
//! false) is left as it is. The embassy and consulate numbers stay seeded
//! samples until staff enter them.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum EmergencyContacts {
    Table,
    Kind,
    Phone,
    Placeholder,
    UpdatedAt,
}

/// The Migration Agency's trust line in E.164 form.
pub const AGENCY_HOTLINE: &str = "+998712023355";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let update = Query::update()
            .table(EmergencyContacts::Table)
            .values([
                (EmergencyContacts::Phone, AGENCY_HOTLINE.into()),
                (EmergencyContacts::Placeholder, false.into()),
                (EmergencyContacts::UpdatedAt, chrono::Utc::now().into()),
            ])
            .and_where(Expr::col(EmergencyContacts::Kind).eq("hotline"))
            .and_where(Expr::col(EmergencyContacts::Placeholder).eq(true))
            .to_owned();
        manager.exec_stmt(update).await
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration("Köprü migrations are forward-only".into()))
    }
}
