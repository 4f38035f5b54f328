//! Insured work periods, the estimate's rules and contributions claims (F3.4).
//! (Placeholder being filled in by the session's work; nothing ships empty.)
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Ok(())
    }
}
