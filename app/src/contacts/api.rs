use super::Contact;
use crate::error::AppError;
use leptos::prelude::*;

/// The emergency contacts, for everyone (no session needed).
#[server(endpoint = "emergency_contacts")]
pub async fn emergency_contacts() -> Result<Vec<Contact>, AppError> {
    use super::entity;
    use sea_orm::*;
    let state = crate::state::app_state()?;
    let rows = entity::Entity::find().order_by_asc(entity::Column::Sort).all(&state.db).await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(Contact { kind: super::ContactKind::parse(&r.kind)?, phone: r.phone, placeholder: r.placeholder })
        })
        .collect())
}

/// Staff change one contact's number.
#[server(endpoint = "update_contact")]
pub async fn update_contact(kind: String, phone: String) -> Result<(), AppError> {
    use super::entity;
    use sea_orm::*;
    let result = async {
        let user = crate::accounts::session::current_user().await?;
        crate::authz::authorize(user.as_ref(), crate::authz::Action::EditEmergencyContacts)?;
        let user = user.ok_or(AppError::NotSignedIn)?;
        let kind = super::ContactKind::parse(&kind).ok_or(AppError::InvalidInput)?;
        let phone = super::normalize_contact_phone(&phone).ok_or(AppError::InvalidPhone)?;
        let state = crate::state::app_state()?;
        let row = entity::Entity::find()
            .filter(entity::Column::Kind.eq(kind.as_str()))
            .one(&state.db)
            .await?
            .ok_or(AppError::NotFound)?;
        let mut am: entity::ActiveModel = row.into();
        am.phone = Set(phone);
        am.placeholder = Set(false);
        am.updated_at = Set(chrono::Utc::now());
        am.update(&state.db).await?;
        tracing::info!(user_id = user.id, kind = kind.as_str(), "emergency contact changed");
        Ok(())
    }
    .await;
    crate::forms::finish(result, "/staff/contacts?saved=1")
}
