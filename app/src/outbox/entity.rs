//! sea-orm entities of the outbox and of Telegram linking.

pub mod message {
    use crate::outbox::{Channel, MessageKind, OutboxRow, OutboxStatus};
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "outbox")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        /// Whom it is for, when it is for an account (for their data export;
        /// an erased account's messages are deleted with it, `accounts::data`).
        pub user_id: Option<i32>,
        pub channel: Channel,
        /// A phone number (E.164), an e-mail address or a Telegram chat id.
        pub recipient: String,
        pub kind: MessageKind,
        pub locale: String,
        pub subject: String,
        /// The text; emptied once sent, as it may hold a one-time code.
        pub body: String,
        pub status: OutboxStatus,
        /// Tries so far, counted when a worker claims the row.
        pub attempts: i32,
        pub next_attempt_at: ChronoDateTimeUtc,
        /// A claiming worker's lease: past it, the row is taken again.
        pub lease_until: Option<ChronoDateTimeUtc>,
        pub last_error: Option<String>,
        pub created_at: ChronoDateTimeUtc,
        pub sent_at: Option<ChronoDateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}

    impl Model {
        /// The admin's row: the recipient masked, never the body.
        pub fn into_view(self) -> OutboxRow {
            let at = |t: ChronoDateTimeUtc| t.format("%Y-%m-%d %H:%M").to_string();
            OutboxRow {
                id: self.id,
                recipient: crate::outbox::mask_recipient(self.channel, &self.recipient),
                channel: self.channel,
                kind: self.kind,
                status: self.status,
                attempts: self.attempts,
                last_error: self.last_error,
                created_at: at(self.created_at),
                sent_at: self.sent_at.map(at),
            }
        }
    }
}

pub mod telegram_account {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "telegram_accounts")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub user_id: i32,
        pub chat_id: String,
        pub linked_at: ChronoDateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod link_code {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "telegram_link_codes")]
    pub struct Model {
        /// The keyed hash of the code: what the bot's `/start <code>` is looked up by.
        #[sea_orm(primary_key, auto_increment = false)]
        pub code_hash: String,
        /// The code sealed with the server's key, so that the account page can
        /// show it again to its owner; a database dump holds no usable code.
        pub code_sealed: String,
        pub user_id: i32,
        pub expires_at: ChronoDateTimeUtc,
        pub created_at: ChronoDateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
