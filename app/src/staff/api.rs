use super::StaffAccount;
use crate::error::AppError;
use leptos::prelude::*;

/// Staff and admin accounts (admins only).
#[server(endpoint = "staff_accounts")]
pub async fn staff_accounts() -> Result<Vec<StaffAccount>, AppError> {
    let user = crate::accounts::session::current_user().await?;
    crate::authz::authorize(user.as_ref(), crate::authz::Action::ManageStaffAccounts)?;
    let state = crate::state::app_state()?;
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
        let state = crate::state::app_state()?;
        let created =
            crate::accounts::service::create_staff_account(&state, role, &name, &email, &password, "uz").await?;
        tracing::info!(admin_id = admin.id, user_id = created.id, role = role.as_str(), "staff account created");
        Ok(())
    }
    .await;
    crate::forms::finish(result, "/admin/accounts?created=1")
}

/// One queue of the staff console.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Queue {
    /// `companies`, `vacancies` or `applications`.
    pub kind: String,
    pub count: u64,
    /// Hours since the oldest item entered the queue.
    pub oldest_hours: Option<i64>,
}

/// The staff console's queues with counts and the age of the oldest item (F4.1).
#[server(endpoint = "staff_queues")]
pub async fn staff_queues() -> Result<Vec<Queue>, AppError> {
    use sea_orm::*;
    let user = crate::accounts::session::current_user().await?;
    crate::authz::authorize(user.as_ref(), crate::authz::Action::ViewStaffConsole)?;
    let state = crate::state::app_state()?;
    let db = &state.db;
    let now = chrono::Utc::now();
    let age = |t: Option<chrono::DateTime<chrono::Utc>>| t.map(|t| (now - t).num_hours().max(0));

    use crate::applications::entity::application as a;
    use crate::companies::entity as c;
    use crate::vacancies::entity as v;
    let cq = c::Entity::find().filter(c::Column::Status.eq("pending"));
    let vq = v::Entity::find().filter(v::Column::Status.eq("submitted"));
    let aq = a::Entity::find().filter(a::Column::Stage.is_in(["submitted", "screening"]));
    Ok(vec![
        Queue {
            kind: "companies".into(),
            count: cq.clone().count(db).await?,
            oldest_hours: age(cq.order_by_asc(c::Column::UpdatedAt).one(db).await?.map(|x| x.updated_at)),
        },
        Queue {
            kind: "vacancies".into(),
            count: vq.clone().count(db).await?,
            oldest_hours: age(vq.order_by_asc(v::Column::UpdatedAt).one(db).await?.map(|x| x.updated_at)),
        },
        Queue {
            kind: "applications".into(),
            count: aq.clone().count(db).await?,
            oldest_hours: age(aq.order_by_asc(a::Column::UpdatedAt).one(db).await?.map(|x| x.updated_at)),
        },
    ])
}
