use super::StaffAccount;
use crate::error::AppError;
use leptos::prelude::*;

/// Staff and admin accounts (admins only).
#[server(endpoint = "staff_accounts")]
pub async fn staff_accounts() -> Result<Vec<StaffAccount>, AppError> {
    let user = crate::accounts::session::current_user().await?;
    crate::authz::authorize(user.as_ref(), crate::authz::Action::ManageStaffAccounts)?;
    let state = use_context::<crate::state::AppState>().ok_or(AppError::Internal)?;
    let rows = crate::accounts::service::list_staff(&state).await?;
    Ok(rows
        .into_iter()
        .filter_map(|u| {
            Some(StaffAccount {
                id: u.id,
                name: u.name,
                email: u.email.unwrap_or_default(),
                role: crate::accounts::Role::parse(&u.role)?,
                disabled: u.disabled,
            })
        })
        .collect())
}

/// An admin creates a staff or admin account with a first password.
#[server(endpoint = "create_staff_account")]
pub async fn create_staff_account(
    name: String,
    email: String,
    role: String,
    password: String,
) -> Result<(), AppError> {
    let result = async {
        let user = crate::accounts::session::current_user().await?;
        crate::authz::authorize(user.as_ref(), crate::authz::Action::ManageStaffAccounts)?;
        let admin = user.ok_or(AppError::NotSignedIn)?;
        let role = crate::accounts::Role::parse(&role).ok_or(AppError::InvalidInput)?;
        let state = use_context::<crate::state::AppState>().ok_or(AppError::Internal)?;
        let created =
            crate::accounts::service::create_staff_account(&state, role, &name, &email, &password, "uz").await?;
        tracing::info!(admin_id = admin.id, user_id = created.id, role = role.as_str(), "staff account created");
        Ok(())
    }
    .await;
    crate::forms::finish(result, "/admin/accounts?created=1")
}
