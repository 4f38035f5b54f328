//! Emergency contacts: read by every page, changed by staff. Free of HTTP.

use super::entity;
use super::{Contact, ContactKind};
use crate::error::AppError;
use sea_orm::*;

pub async fn list<C: ConnectionTrait>(db: &C) -> Result<Vec<Contact>, AppError> {
    let rows = entity::Entity::find().order_by_asc(entity::Column::Sort).all(db).await?;
    Ok(rows.into_iter().map(entity::Model::into_view).collect())
}

/// Replaces one contact's number (E.164, checked by the caller).
pub async fn update<C: ConnectionTrait>(
    db: &C,
    staff_id: i32,
    kind: ContactKind,
    phone: String,
) -> Result<(), AppError> {
    let row = entity::Entity::find().filter(entity::Column::Kind.eq(kind)).one(db).await?.ok_or(AppError::NotFound)?;
    let mut am = row.into_active_model();
    am.phone = Set(phone);
    am.placeholder = Set(false);
    am.updated_at = Set(chrono::Utc::now());
    am.update(db).await?;
    tracing::info!(user_id = staff_id, kind = %kind, "emergency contact changed");
    Ok(())
}
