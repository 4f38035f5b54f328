//! The first line of every server function (SSR only): who is asking, whether
//! they may do the action at all, and the server's state.
//!
//! ```text
//! let (user, state) = guard(Action::ApplyToVacancy).await?;   // needs a session
//! let (viewer, state) = visitor(Action::SearchVacancies).await?; // anyone
//! ```
//! Both ask [`crate::authz::authorize`]; row checks come after, in the service,
//! through the `may_*` functions of `authz`.

use crate::accounts::SessionUser;
use crate::authz::{authorize, Action};
use crate::error::AppError;
use crate::state::AppState;

/// For actions that need a session: the signed-in user and the state, or
/// `NotSignedIn` / `Forbidden`.
pub async fn guard(action: Action) -> Result<(SessionUser, AppState), AppError> {
    let (user, state) = visitor(action).await?;
    let user = user.ok_or(AppError::NotSignedIn)?;
    Ok((user, state))
}

/// For any action: the user if one is signed in, and the state. Refuses an
/// action that needs a session or another role, like [`guard`].
pub async fn visitor(action: Action) -> Result<(Option<SessionUser>, AppState), AppError> {
    let state = crate::state::app_state()?;
    let user = crate::accounts::session::current_user().await?;
    authorize(user.as_ref(), action)?;
    Ok((user, state))
}
