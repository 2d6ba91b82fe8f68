use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Ends the session on the server, clears the cookie and tells the browser to drop
/// what it kept of this site (`Clear-Site-Data`).
#[server(prefix = "/api", endpoint = "auth/sign_out", input = Json)]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::server::{auth, context};
    let state = context::state()?;
    if let Some(current) = context::maybe_session() {
        auth::sign_in::sign_out(
            &state.db,
            &current.session,
            state.clock.now(),
            &context::meta(),
        )
        .await?;
    }
    context::set_session_cookie(None);
    context::clear_site_data();
    Ok(())
}
