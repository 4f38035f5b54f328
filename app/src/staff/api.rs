use super::{Console, QueueKind, StaffAccount};
use crate::accounts::Role;
#[cfg(feature = "ssr")]
use crate::authz::Action;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::guard::guard;
use leptos::prelude::*;

/// Staff and admin accounts (admins only).
#[server(endpoint = "staff_accounts")]
pub async fn staff_accounts() -> Result<Vec<StaffAccount>, AppError> {
    let (_, state) = guard(Action::ManageStaffAccounts).await?;
    let rows = crate::accounts::service::list_staff(&state).await?;
    Ok(rows.into_iter().map(crate::accounts::entity::user::Model::into_staff_view).collect())
}

/// An admin creates a staff or admin account with a first password.
#[server(endpoint = "create_staff_account")]
pub async fn create_staff_account(name: String, email: String, role: Role, password: String) -> Result<(), AppError> {
    let (admin, state) = guard(Action::ManageStaffAccounts).await?;
    let created = crate::accounts::service::create_staff_account(&state, role, &name, &email, &password, "uz").await?;
    tracing::info!(admin_id = admin.id, user_id = created.id, role = %role, "staff account created");
    crate::forms::redirect("/admin/accounts?created=1");
    Ok(())
}

/// The staff console (F4.1): the queues against their targets (with the
/// reader's own cases) and what waits, urgent cases first, then the oldest
/// (see [`Console`]).
#[server(endpoint = "staff_console")]
pub async fn staff_console() -> Result<Console, AppError> {
    let (user, state) = guard(Action::ViewStaffConsole).await?;
    super::service::console(&state.db, &user, chrono::Utc::now()).await
}

/// An admin sets how long a queue's items may wait before they are overdue.
#[server(endpoint = "set_queue_target")]
pub async fn set_queue_target(queue: QueueKind, target_hours: String) -> Result<(), AppError> {
    let (admin, state) = guard(Action::SetQueueTargets).await?;
    let hours = crate::parse::int::<i64>(&target_hours, AppError::OutOfRange).map_err(|e| e.at("target_hours"))?;
    super::service::set_target(&state.db, queue, hours).await?;
    tracing::info!(admin_id = admin.id, queue = %queue, hours, "queue target set");
    crate::forms::redirect("/staff?target=1");
    Ok(())
}
