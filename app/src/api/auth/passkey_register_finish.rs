use crate::error::AppError;
use crate::model::StaffMe;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Finishes registering a passkey (`credential` is `PublicKeyCredential.toJSON()`).
/// Returns who the caller is now and, for a first factor, the recovery codes.
#[server(prefix = "/api", endpoint = "auth/passkey_register_finish", input = Json)]
pub async fn passkey_register_finish(
    credential: String,
    name: String,
) -> Result<(StaffMe, Vec<String>), AppError> {
    use crate::model::SessionState;
    use crate::server::{auth, context};
    let (state, current) = context::session()?;
    if !matches!(current.me.state, SessionState::Enrol | SessionState::Full) {
        return Err(AppError::Forbidden);
    }
    let (token, me, codes) = auth::passkeys::register_finish(
        &state.db,
        &state.security,
        &state.webauthn,
        &current,
        &credential,
        &name,
        state.clock.now(),
        &context::meta(),
    )
    .await?;
    if !token.is_empty() {
        context::set_session_cookie(Some(&token));
    }
    Ok((me, codes))
}
