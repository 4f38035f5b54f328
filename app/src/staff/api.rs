use super::{Queue, StaffAccount};
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

/// The staff console's queues with counts and the age of the oldest item (F4.1).
#[server(endpoint = "staff_queues")]
pub async fn staff_queues() -> Result<Vec<Queue>, AppError> {
    let (_, state) = guard(Action::ViewStaffConsole).await?;
    super::service::queues(&state.db, chrono::Utc::now()).await
}
