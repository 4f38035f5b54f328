//! sea-orm entities of the accounts service.

pub mod user {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "users")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub role: crate::accounts::Role,
        pub phone: Option<String>,
        pub email: Option<String>,
        pub name: String,
        pub password_hash: String,
        pub locale: String,
        pub disabled: bool,
        pub created_at: ChronoDateTimeUtc,
        pub updated_at: ChronoDateTimeUtc,
        /// When the person erased their account (`accounts::data::delete`).
        pub deleted_at: Option<ChronoDateTimeUtc>,
        /// When the account proved its phone or e-mail (a code sent there);
        /// until then it may not apply, post or file anything.
        pub verified_at: Option<ChronoDateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}

    impl Model {
        /// A staff or admin account as the admin's list shows it.
        pub fn into_staff_view(self) -> crate::staff::StaffAccount {
            crate::staff::StaffAccount {
                id: self.id,
                name: self.name,
                email: self.email.unwrap_or_default(),
                role: self.role,
                disabled: self.disabled,
            }
        }
    }
}

pub mod session {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "sessions")]
    pub struct Model {
        /// SHA-256 of the cookie's token: a database dump holds no usable session.
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub user_id: i32,
        pub created_at: ChronoDateTimeUtc,
        pub expires_at: ChronoDateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(
            belongs_to = "super::user::Entity",
            from = "Column::UserId",
            to = "super::user::Column::Id",
            on_delete = "Cascade"
        )]
        User,
    }

    impl Related<super::user::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::User.def()
        }
    }

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod consent {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "consents")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub user_id: i32,
        pub notice_version: String,
        pub purposes: String,
        pub locale: String,
        pub given_at: ChronoDateTimeUtc,
        pub withdrawn_at: Option<ChronoDateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod login_attempt {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "login_attempts")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        /// Keyed hash of the normalised login, so the table holds no phone numbers.
        pub account_key: String,
        pub ip: String,
        pub succeeded: bool,
        pub at: ChronoDateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod one_time_code {
    use sea_orm::entity::prelude::*;

    /// A verification or reset code. Only hashes are kept: the code under its
    /// own key (bound to the ticket), the ticket (the browser's cookie) by SHA-256.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "one_time_codes")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        /// `None` when nothing was sent (a taken login at sign-up, an unknown
        /// one at reset): the row still counts for the limits, so they answer alike.
        pub user_id: Option<i32>,
        pub purpose: crate::accounts::CodePurpose,
        pub channel: String,
        /// Keyed hash of the phone or e-mail address the code went to.
        pub address_key: String,
        /// Keyed hash of the client address that asked.
        pub ip_key: String,
        pub ticket_hash: String,
        pub code_hash: String,
        pub attempts: i32,
        pub expires_at: ChronoDateTimeUtc,
        pub used_at: Option<ChronoDateTimeUtc>,
        pub created_at: ChronoDateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod login_device {
    use sea_orm::entity::prelude::*;

    /// A browser that signed in to an account: an attack on the account does
    /// not lock it out (see `service::sign_in`). The cookie's SHA-256 only.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "login_devices")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub token_hash: String,
        pub user_id: i32,
        pub created_at: ChronoDateTimeUtc,
        pub last_used_at: ChronoDateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
