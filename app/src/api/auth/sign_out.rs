use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Ends the session on the server and clears the cookie.
#[server(prefix = "/api", endpoint = "auth/sign_out", input = Json)]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::server::{auth, context};
    let state = context::state()?;
    if let Some(token) = context::session_token() {
        auth::sign_out(&state.db, &token).await?;
    }
    context::set_session_cookie(None);
    Ok(())
}
