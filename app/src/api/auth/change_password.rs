use crate::error::AppError;
use crate::model::StaffMe;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Sets a new password: the one an administrator's reset asks for at sign-in (no
/// current password), or a change when signed in (the current one is needed).
#[server(prefix = "/api", endpoint = "auth/change_password", input = Json)]
pub async fn change_password(
    current_password: Option<String>,
    new_password: String,
) -> Result<StaffMe, AppError> {
    use crate::model::SessionState;
    use crate::server::{auth, context};
    let (state, current) = context::session()?;
    let old = match current.me.state {
        SessionState::ChangePassword => None,
        SessionState::Full => Some(current_password.ok_or(AppError::InvalidCredentials)?),
        _ => return Err(AppError::Forbidden),
    };
    let (token, me) = auth::sign_in::change_password(
        &state.db,
        &state.security,
        &current,
        old.as_deref(),
        &new_password,
        state.clock.now(),
        &context::meta(),
    )
    .await?;
    context::set_session_cookie(Some(&token));
    Ok(me)
}
