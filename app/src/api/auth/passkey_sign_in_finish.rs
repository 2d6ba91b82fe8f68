use crate::error::AppError;
use crate::model::StaffMe;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Finishes a sign-in with a passkey alone (`credential` is the browser's
/// `PublicKeyCredential.toJSON()`).
#[server(prefix = "/api", endpoint = "auth/passkey_sign_in_finish", input = Json)]
pub async fn passkey_sign_in_finish(
    ceremony: String,
    credential: String,
) -> Result<StaffMe, AppError> {
    use crate::server::{auth, context};
    let state = context::state()?;
    let (token, me) = auth::passkeys::passwordless_finish(
        &state.db,
        &state.security,
        &state.webauthn,
        &ceremony,
        &credential,
        state.clock.now(),
        &context::meta(),
    )
    .await?;
    context::set_session_cookie(Some(&token));
    Ok(me)
}
