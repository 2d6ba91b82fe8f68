use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Starts a sign-in with a passkey alone. Returns a ceremony token and the options
/// for `navigator.credentials.get()` (JSON).
#[server(prefix = "/api", endpoint = "auth/passkey_sign_in_start", input = Json)]
pub async fn passkey_sign_in_start() -> Result<(String, String), AppError> {
    use crate::server::{auth, context};
    let state = context::state()?;
    auth::passkeys::passwordless_start(&state.db, &state.webauthn, state.clock.now()).await
}
