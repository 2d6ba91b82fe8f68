use crate::error::AppError;
use crate::model::StaffMe;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Finishes the second step with the browser's assertion.
#[server(prefix = "/api", endpoint = "auth/passkey_verify_finish", input = Json)]
pub async fn passkey_verify_finish(credential: String) -> Result<StaffMe, AppError> {
    use crate::model::SessionState;
    use crate::server::{auth, context};
    let (state, current) = context::session()?;
    if current.me.state != SessionState::SecondFactor {
        return Err(AppError::Forbidden);
    }
    let (token, me) = auth::passkeys::verify_finish(
        &state.db,
        &state.security,
        &state.webauthn,
        &current,
        &credential,
        state.clock.now(),
        &context::meta(),
    )
    .await?;
    context::set_session_cookie(Some(&token));
    Ok(me)
}
