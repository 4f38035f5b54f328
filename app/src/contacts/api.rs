use super::{Contact, ContactKind};
#[cfg(feature = "ssr")]
use crate::authz::Action;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::guard::{guard, visitor};
use leptos::prelude::*;

/// The emergency contacts, for everyone (no session needed).
#[server(endpoint = "emergency_contacts")]
pub async fn emergency_contacts() -> Result<Vec<Contact>, AppError> {
    let (_, state) = visitor(Action::ReadEmergencyContacts).await?;
    Ok(crate::reference::cache::snapshot(&state).await?.contacts.clone())
}

/// Staff change one contact's number.
#[server(endpoint = "update_contact")]
pub async fn update_contact(kind: ContactKind, phone: String) -> Result<(), AppError> {
    let (user, state) = guard(Action::EditEmergencyContacts).await?;
    let phone = super::normalize_contact_phone(&phone).ok_or(AppError::InvalidPhone)?;
    super::service::update(&state.db, user.id, kind, phone).await?;
    crate::forms::redirect("/staff/contacts?saved=1");
    Ok(())
}
