//! The sea-orm entity of documents (table `case_documents`, migration `m20261202_000015_cases`).

pub mod document {
    use crate::documents::MediaType;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "case_documents")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub case_id: i32,
        /// The message of the case's thread it came with.
        pub message_id: Option<i32>,
        /// Who uploaded it (`NULL` once that account is gone).
        pub uploader_user_id: Option<i32>,
        /// The file's name in the upload folder: 32 hex characters the server made.
        #[sea_orm(unique)]
        pub stored_name: String,
        pub media_type: MediaType,
        pub size_bytes: i64,
        /// The name it was uploaded with, cleaned: display text only.
        pub original_name: String,
        pub created_at: ChronoDateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}

    impl Model {
        /// The one model → view conversion; `by_staff` comes from the uploader's role.
        pub fn into_view(self, by_staff: bool) -> crate::documents::Document {
            crate::documents::Document {
                id: self.id,
                media_type: self.media_type,
                name: self.original_name,
                size_bytes: self.size_bytes,
                created_at: self.created_at.to_rfc3339(),
                by_staff,
                message_id: self.message_id,
            }
        }
    }
}
