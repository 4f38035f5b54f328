//! Outgoing messages (F5.3) and Telegram as a channel (F6.8).
//!
//! Every SMS, e-mail and Telegram message is first a row of the `outbox`
//! table, written by [`service::enqueue`] inside the transaction of what caused
//! it (a sign-up, a reset, a linked chat): either both are kept or neither. The
//! server's worker (`server/src/outbox.rs`) claims due rows, sends them through
//! the channel's transport and marks them sent (the body, which may hold a
//! one-time code, is then cleared) or failed (tried again later, with a longer
//! wait each time, until it gives up). Admins see the queue at `/admin/outbox`,
//! never a body.

pub mod api;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod entity;
#[cfg(feature = "ssr")]
pub mod service;

use serde::{Deserialize, Serialize};

crate::state_enum! {
    /// How a message travels.
    pub enum Channel {
        Sms,
        Email,
        Telegram,
    }
}

crate::state_enum! {
    /// What a message is about: the admin page shows it instead of the body.
    pub enum MessageKind {
        /// The code that proves a phone or an e-mail address at sign-up.
        VerifyCode,
        /// The code of a password reset.
        ResetCode,
        /// Someone tried to sign up with a login that already has an account.
        LoginTaken,
        /// A Telegram chat was linked to the account.
        TelegramLinked,
        /// The bot's answer to a `/start` without a valid code: how to link.
        TelegramHelp,
        /// A notification of the site (an application moved, a decision …).
        Notification,
    }
}

crate::state_enum! {
    /// Where a message stands.
    pub enum OutboxStatus {
        /// Waiting for its time (`next_attempt_at`).
        Queued,
        /// Taken by a worker, whose lease runs until `lease_until`.
        Sending,
        Sent,
        /// Given up after [`MAX_ATTEMPTS`] tries.
        Failed,
    }
}

/// Tries before a message is given up.
pub const MAX_ATTEMPTS: i32 = 8;

/// The wait before the next try after `attempts` failed ones: 30 s, doubled
/// each time, at most an hour.
pub fn backoff_seconds(attempts: i32) -> i64 {
    let doublings = attempts.saturating_sub(1).clamp(0, 30) as u32;
    (30i64 << doublings).min(3600)
}

/// A recipient as the admin page shows it: enough to tell messages apart,
/// not enough to contact the person. `+99890*****67`, `a***@firma.example`,
/// `12*****89`.
pub fn mask_recipient(channel: Channel, to: &str) -> String {
    let chars: Vec<char> = to.chars().collect();
    let stars = |n: usize| "*".repeat(n.max(3));
    match channel {
        Channel::Email => match to.split_once('@') {
            Some((local, domain)) => {
                let first: String = local.chars().take(1).collect();
                format!("{first}***@{domain}")
            }
            None => stars(chars.len()),
        },
        Channel::Sms | Channel::Telegram => {
            let (head, tail) = if channel == Channel::Sms && to.starts_with('+') { (6, 2) } else { (2, 2) };
            if chars.len() <= head + tail + 1 {
                return stars(chars.len());
            }
            let start: String = chars[..head].iter().collect();
            let end: String = chars[chars.len() - tail..].iter().collect();
            format!("{start}{}{end}", stars(chars.len() - head - tail))
        }
    }
}

/// How many messages stand in one status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusCount {
    pub status: OutboxStatus,
    pub count: u64,
}

/// One message as the admin page shows it: never its body, the recipient masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxRow {
    pub id: i32,
    pub channel: Channel,
    pub recipient: String,
    pub kind: MessageKind,
    pub status: OutboxStatus,
    pub attempts: i32,
    pub last_error: Option<String>,
    /// `YYYY-MM-DD HH:MM` UTC.
    pub created_at: String,
    pub sent_at: Option<String>,
}

/// The admin's view of the outbox: the count per status and the newest messages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxView {
    pub counts: Vec<StatusCount>,
    pub recent: Vec<OutboxRow>,
}

/// A person's Telegram link as the account page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TelegramState {
    /// When a chat was linked (`YYYY-MM-DD`), if one is.
    pub linked_at: Option<String>,
    /// The live one-time code, if one was asked for and not used yet.
    pub code: Option<LinkCode>,
}

/// A one-time code to send to the bot, and the link that sends it in one tap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkCode {
    pub code: String,
    /// `https://t.me/<bot>?start=<code>`, when the bot's username is configured.
    pub deep_link: Option<String>,
    /// The bot's username, for the typed instructions.
    pub bot: Option<String>,
    /// Minutes until the code expires.
    pub minutes_left: i64,
}

/// How long a link code lives.
pub const LINK_CODE_MINUTES: i64 = 15;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_keep_only_enough_to_tell_apart() {
        assert_eq!(mask_recipient(Channel::Sms, "+998901234567"), "+99890*****67");
        assert_eq!(mask_recipient(Channel::Sms, "+905321234567"), "+90532*****67");
        assert_eq!(mask_recipient(Channel::Email, "ali@firma.example"), "a***@firma.example");
        assert_eq!(mask_recipient(Channel::Email, "a@firma.example"), "a***@firma.example");
        assert_eq!(mask_recipient(Channel::Telegram, "123456789"), "12*****89");
        assert_eq!(mask_recipient(Channel::Telegram, "-1001234567890"), "-1**********90");
        // Too short to keep anything: all hidden.
        assert_eq!(mask_recipient(Channel::Sms, "+99890"), "******");
        assert_eq!(mask_recipient(Channel::Telegram, "12345"), "*****");
        assert_eq!(mask_recipient(Channel::Email, "nobody"), "******");
        for (c, to) in [(Channel::Sms, "+998901234567"), (Channel::Email, "dilnoza@kopru.example")] {
            assert!(!mask_recipient(c, to).contains("1234"), "{to}");
            assert!(!mask_recipient(c, to).contains("dilnoza"), "{to}");
        }
    }

    #[test]
    fn backoff_doubles_to_an_hour() {
        let waits: Vec<i64> = (1..=9).map(backoff_seconds).collect();
        assert_eq!(waits, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
        assert_eq!(backoff_seconds(0), 30);
        assert_eq!(backoff_seconds(i32::MAX), 3600, "no overflow");
    }

    #[test]
    fn names_are_stable() {
        assert_eq!(MessageKind::VerifyCode.as_str(), "verifycode");
        assert_eq!(Channel::Telegram.as_str(), "telegram");
        assert_eq!(OutboxStatus::all().count(), 4);
    }
}
