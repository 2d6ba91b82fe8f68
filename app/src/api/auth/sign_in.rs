use crate::error::AppError;
use crate::model::StaffMe;
use leptos::prelude::*;
use server_fn::codec::Json;

/// The first step of signing in: username and password. The session it opens usually
/// waits for a second factor (`StaffMe::state`).
#[server(prefix = "/api", endpoint = "auth/sign_in", input = Json)]
pub async fn sign_in(username: String, password: String) -> Result<StaffMe, AppError> {
    use crate::server::{auth, context};
    let state = context::state()?;
    let (token, me) = auth::sign_in::with_password(
        &state.db,
        &state.security,
        &username,
        &password,
        state.clock.now(),
        &context::meta(),
    )
    .await?;
    context::set_session_cookie(Some(&token));
    Ok(me)
}
