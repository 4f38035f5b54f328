use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "emergency_contacts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub kind: super::ContactKind,
    pub phone: String,
    pub placeholder: bool,
    pub sort: i32,
    pub updated_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    pub fn into_view(self) -> super::Contact {
        super::Contact { kind: self.kind, phone: self.phone, placeholder: self.placeholder }
    }
}
