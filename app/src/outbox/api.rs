//! The outbox's and Telegram linking's server functions.

use super::{LinkCode, OutboxView, TelegramState};
#[cfg(feature = "ssr")]
use crate::authz::Action;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::guard::guard;
use leptos::prelude::*;

/// How many of the newest messages the admin page lists.
#[cfg(feature = "ssr")]
const RECENT: u64 = 100;

/// Admins: the outbox's count per status and its newest messages, never a body.
#[server(endpoint = "outbox_overview")]
pub async fn outbox_overview() -> Result<OutboxView, AppError> {
    let (_, state) = guard(Action::ViewOutbox).await?;
    super::service::overview(&state.db, RECENT).await
}

/// One's own Telegram link: linked or not, and the live code if one was asked for.
#[server(endpoint = "telegram_link")]
pub async fn telegram_link() -> Result<TelegramState, AppError> {
    let (user, state) = guard(Action::ManageOwnTelegram).await?;
    super::service::link_status(&state.db, &state.keys, user.id, chrono::Utc::now()).await
}

/// A new one-time code to send to the bot (the old one, if any, stops
/// working), with the bot's deep link; a plain form post goes back to the
/// account page, which shows it.
#[server(endpoint = "telegram_link_code")]
pub async fn telegram_link_code() -> Result<LinkCode, AppError> {
    let (user, state) = guard(Action::ManageOwnTelegram).await?;
    let now = chrono::Utc::now();
    super::service::new_link_code(&state.db, &state.keys, user.id, now).await?;
    tracing::info!(user_id = user.id, "telegram link code issued");
    let link = super::service::link_status(&state.db, &state.keys, user.id, now).await?;
    crate::forms::redirect("/account#telegram");
    link.code.ok_or(AppError::Internal)
}

/// Stops Telegram messages to one's account.
#[server(endpoint = "unlink_telegram")]
pub async fn unlink_telegram() -> Result<(), AppError> {
    let (user, state) = guard(Action::ManageOwnTelegram).await?;
    if super::service::unlink(&state.db, user.id).await? {
        tracing::info!(user_id = user.id, "telegram unlinked");
    }
    crate::forms::redirect("/account?telegram=unlinked#telegram");
    Ok(())
}
