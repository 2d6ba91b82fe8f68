use crate::error::AppError;
use crate::model::StaffMe;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Signs a staff member in and sets the session cookie.
#[server(prefix = "/api", endpoint = "auth/sign_in", input = Json)]
pub async fn sign_in(username: String, password: String) -> Result<StaffMe, AppError> {
    use crate::server::{auth, context};
    let state = context::state()?;
    let (token, me) = auth::sign_in(
        &state.db,
        &username,
        &password,
        state.clock.now(),
        &context::origin(),
    )
    .await?;
    context::set_session_cookie(Some(&token));
    Ok(me)
}
