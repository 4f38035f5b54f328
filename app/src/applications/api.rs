//! The application and notification server functions: guard → parse → service → view.

use super::{Application, Notification, Stage};
#[cfg(feature = "ssr")]
use crate::authz::Action;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::guard::{guard, visitor};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A move of an application, as the browser posts it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MoveForm {
    /// A string, like every number of a flattened form (serde's `flatten`
    /// hands the fields over as strings); `parse` reads it.
    pub application_id: String,
    pub to: Stage,
    #[serde(default)]
    pub reason: Option<String>,
    /// Hiring: the work permit's number and the first day of work.
    #[serde(default)]
    pub work_permit_no: Option<String>,
    #[serde(default)]
    pub start_date: Option<String>,
}

impl MoveForm {
    #[cfg(feature = "ssr")]
    fn parse(self) -> Result<super::service::Move, AppError> {
        let hire = if self.to == Stage::Hired {
            let permit =
                crate::parse::required_text(self.work_permit_no.as_deref().unwrap_or(""), 40, AppError::InvalidInput)?;
            Some((permit, crate::parse::parse_date(self.start_date.as_deref().unwrap_or(""))?))
        } else {
            None
        };
        Ok(super::service::Move {
            id: crate::parse::int(&self.application_id, AppError::InvalidInput)?,
            to: self.to,
            reason: crate::parse::optional_text(self.reason.as_deref(), 500)?,
            hire,
        })
    }
}

/// A migrant applies to an open, published vacancy (once).
#[server(endpoint = "apply")]
pub async fn apply(vacancy_id: i32) -> Result<(), AppError> {
    let (user, state) = guard(Action::ApplyToVacancy).await?;
    let id = super::service::apply(&state.db, &user, vacancy_id, chrono::Utc::now().date_naive()).await?;
    crate::forms::redirect(&format!("/applications/{id}"));
    Ok(())
}

/// Moves an application to another stage (see `service::move_to`).
#[server(endpoint = "move_application")]
pub async fn move_application(#[server(flatten)] form: MoveForm) -> Result<(), AppError> {
    let (user, state) = guard(Action::MoveApplication).await?;
    let m = form.parse()?;
    let id = m.id;
    super::service::move_to(&state.db, &user, m).await?;
    crate::forms::redirect(&format!("/applications/{id}"));
    Ok(())
}

/// One application with its history, for those who may read it.
#[server(endpoint = "get_application", input = leptos::server_fn::codec::GetUrl)]
pub async fn get_application(id: i32) -> Result<Application, AppError> {
    let (user, state) = guard(Action::ReadApplication).await?;
    super::service::get(&state.db, &user, id).await
}

/// The migrant's own applications; the employer's forwarded candidates; for
/// staff, the applications waiting for screening (oldest first).
#[server(endpoint = "list_applications")]
pub async fn list_applications() -> Result<Vec<Application>, AppError> {
    let (user, state) = guard(Action::ListApplications).await?;
    super::service::list(&state.db, &user).await
}

/// The signed-in person's notifications, newest first.
#[server(endpoint = "my_notifications")]
pub async fn my_notifications() -> Result<Vec<Notification>, AppError> {
    let (user, state) = guard(Action::ReadOwnNotifications).await?;
    super::service::notifications(&state.db, user.id).await
}

/// How many unread notifications (the counter in the header; 0 for visitors).
#[server(endpoint = "unread_count")]
pub async fn unread_count() -> Result<u64, AppError> {
    match visitor(Action::CountUnread).await? {
        (Some(user), state) => super::service::unread(&state.db, user.id).await,
        (None, _) => Ok(0),
    }
}

/// Marks all of one's notifications read.
#[server(endpoint = "mark_notifications_read")]
pub async fn mark_notifications_read() -> Result<(), AppError> {
    let (user, state) = guard(Action::MarkOwnNotificationsRead).await?;
    super::service::mark_read(&state.db, user.id).await?;
    crate::forms::redirect("/notifications");
    Ok(())
}
