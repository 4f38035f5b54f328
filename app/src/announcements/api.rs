//! The announcement server functions: guard → parse → service → view.

use super::{Announcement, AnnouncementLine, AnnouncementList, AnnouncementText};
#[cfg(feature = "ssr")]
use crate::authz::Action;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::guard::{guard, visitor};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// The announcement form, as the browser posts it. Every field may be missing
/// (an empty one is refused on its own field, not as a broken form).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnouncementForm {
    /// Set when editing.
    #[serde(default)]
    pub announcement_id: Option<String>,
    #[serde(default)]
    pub title_uz: String,
    #[serde(default)]
    pub title_tr: String,
    #[serde(default)]
    pub body_uz: String,
    #[serde(default)]
    pub body_tr: String,
}

impl AnnouncementForm {
    pub fn parse(&self) -> Result<super::AnnouncementInput, AppError> {
        super::check_form(self.announcement_id.as_deref(), &self.title_uz, &self.title_tr, &self.body_uz, &self.body_tr)
    }
}

/// The newest published announcements for the home page ([`super::HOME_COUNT`]).
#[server(endpoint = "latest_announcements", input = GetUrl)]
pub async fn latest_announcements() -> Result<Vec<AnnouncementLine>, AppError> {
    let (_, state) = visitor(Action::ReadAnnouncements).await?;
    super::service::latest(&state.db, super::HOME_COUNT).await
}

/// A page of the published announcements, newest first, for anyone.
#[server(endpoint = "list_announcements", input = GetUrl)]
pub async fn list_announcements(page: u32) -> Result<AnnouncementList, AppError> {
    let (_, state) = visitor(Action::ReadAnnouncements).await?;
    super::service::published(&state.db, page).await
}

/// One announcement in the language `lang` (`uz`, `tr`): a published one for
/// anyone, a draft for staff; anyone else gets "not found".
#[server(endpoint = "get_announcement", input = GetUrl)]
pub async fn get_announcement(slug: String, lang: String) -> Result<AnnouncementText, AppError> {
    let (reader, state) = visitor(Action::ReadAnnouncements).await?;
    let locale = crate::lang::parse_locale(&lang).ok_or(AppError::InvalidInput)?;
    super::service::by_slug(&state.db, reader.as_ref(), &slug, locale).await
}

/// Every announcement with the drafts, the last changed first (staff).
#[server(endpoint = "staff_announcements")]
pub async fn staff_announcements() -> Result<Vec<AnnouncementLine>, AppError> {
    let (_, state) = guard(Action::ManageAnnouncements).await?;
    super::service::all(&state.db).await
}

/// One announcement in both languages, to edit it (staff).
#[server(endpoint = "staff_announcement")]
pub async fn staff_announcement(id: i32) -> Result<Announcement, AppError> {
    let (_, state) = guard(Action::ManageAnnouncements).await?;
    super::service::one(&state.db, id).await
}

/// Staff write a new announcement (a draft until published) or correct one.
#[server(endpoint = "save_announcement")]
pub async fn save_announcement(#[server(flatten)] form: AnnouncementForm) -> Result<(), AppError> {
    let (user, state) = guard(Action::ManageAnnouncements).await?;
    let id = super::service::save(&state.db, user.id, form.parse()?).await?;
    crate::forms::redirect(&format!("/staff/announcements/{id}?saved=1"));
    Ok(())
}

/// Staff publish an announcement: it is public from now on, dated today.
#[server(endpoint = "publish_announcement")]
pub async fn publish_announcement(announcement_id: i32) -> Result<(), AppError> {
    let (user, state) = guard(Action::ManageAnnouncements).await?;
    super::service::set_published(&state.db, user.id, announcement_id, true).await?;
    crate::forms::redirect(&format!("/staff/announcements/{announcement_id}?published=1"));
    Ok(())
}

/// Staff take an announcement down: a draft again, seen by staff only.
#[server(endpoint = "unpublish_announcement")]
pub async fn unpublish_announcement(announcement_id: i32) -> Result<(), AppError> {
    let (user, state) = guard(Action::ManageAnnouncements).await?;
    super::service::set_published(&state.db, user.id, announcement_id, false).await?;
    crate::forms::redirect(&format!("/staff/announcements/{announcement_id}?unpublished=1"));
    Ok(())
}
