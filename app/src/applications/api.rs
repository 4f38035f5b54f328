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
    /// Refusals: a reason from the list, and an optional note.
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub reason_note: Option<String>,
    /// An interview: when (Türkiye time), how, where, whom to ask.
    #[serde(default)]
    pub interview_at: Option<String>,
    #[serde(default)]
    pub interview_mode: Option<String>,
    #[serde(default)]
    pub interview_place: Option<String>,
    #[serde(default)]
    pub interview_contact: Option<String>,
    /// An offer: wage, first day, housing, return ticket.
    #[serde(default)]
    pub offer_wage: Option<String>,
    #[serde(default)]
    pub offer_start: Option<String>,
    #[serde(default, deserialize_with = "crate::parse::checkbox")]
    pub offer_housing: bool,
    #[serde(default, deserialize_with = "crate::parse::checkbox")]
    pub offer_return_ticket: bool,
    /// Hiring: the work permit's number and the first day of work.
    #[serde(default)]
    pub work_permit_no: Option<String>,
    #[serde(default)]
    pub start_date: Option<String>,
}

/// Türkiye's time now (UTC+3 all year since 2016): interviews are set in it.
#[cfg(feature = "ssr")]
pub fn turkiye_now() -> chrono::NaiveDateTime {
    (chrono::Utc::now() + chrono::Duration::hours(3)).naive_utc()
}

impl MoveForm {
    /// Every field that the move needs, all refusals at once.
    #[cfg(feature = "ssr")]
    fn parse(self, now: chrono::NaiveDateTime) -> Result<super::service::Move, AppError> {
        use super::service::Details;
        use crate::parse::{parse_date, required_text};
        use crate::reasons::ReasonFor;
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let mut c = crate::error::Checks::default();
        let id = c.take_as("", crate::parse::int(&self.application_id, AppError::InvalidInput));
        let decision = match self.to {
            Stage::Rejected => Some(ReasonFor::Rejection),
            Stage::Declined => Some(ReasonFor::Decline),
            _ => None,
        };
        let reason = decision
            .and_then(|d| c.take(crate::reasons::parse(d, self.reason.as_deref(), self.reason_note.as_deref())));
        let day_ahead = |d: Result<chrono::NaiveDate, AppError>| match d {
            Ok(d) if d < now.date() => Err(AppError::DateInPast),
            d => d,
        };
        let details = match self.to {
            Stage::Interview => {
                let at = chrono::NaiveDateTime::parse_from_str(text(&self.interview_at).trim(), "%Y-%m-%dT%H:%M")
                    .map_err(|_| AppError::InvalidDate)
                    .and_then(|at| if at <= now { Err(AppError::DateInPast) } else { Ok(at) });
                let at = c.take_as("interview_at", at);
                let mode = c.take_as(
                    "interview_mode",
                    text(&self.interview_mode).parse::<super::InterviewMode>().map_err(|_| AppError::ChoiceRequired),
                );
                let place =
                    c.take_as("interview_place", required_text(&text(&self.interview_place), 300, AppError::Required));
                let contact = c.take_as(
                    "interview_contact",
                    required_text(&text(&self.interview_contact), 200, AppError::Required),
                );
                match (at, mode, place, contact) {
                    (Some(at), Some(mode), Some(place), Some(contact)) => {
                        Some(Details::Interview { at, mode, place, contact })
                    }
                    _ => None,
                }
            }
            Stage::Offer => {
                let wage = c.take_as(
                    "offer_wage",
                    crate::format::parse_try_to_kurus(&text(&self.offer_wage))
                        .filter(|k| *k > 0)
                        .ok_or(AppError::InvalidWage),
                );
                let start = c.take_as("offer_start", day_ahead(parse_date(&text(&self.offer_start))));
                match (wage, start) {
                    (Some(wage_kurus), Some(start)) => Some(Details::Offer {
                        wage_kurus,
                        start,
                        housing: self.offer_housing,
                        return_ticket: self.offer_return_ticket,
                    }),
                    _ => None,
                }
            }
            Stage::Hired => {
                let permit =
                    c.take_as("work_permit_no", required_text(&text(&self.work_permit_no), 40, AppError::Required));
                let start = c.take_as("start_date", parse_date(&text(&self.start_date)));
                match (permit, start) {
                    (Some(permit), Some(start)) => Some(Details::Hire { permit, start }),
                    _ => None,
                }
            }
            _ => Some(Details::None),
        };
        let moved = match (id, details) {
            (Some(id), Some(details)) => {
                Some(super::service::Move { id, to: self.to, reason, lang: crate::lang::request_locale(), details })
            }
            _ => None,
        };
        c.finish(moved)
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
    let m = form.parse(turkiye_now())?;
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
