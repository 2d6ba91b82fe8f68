use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Starts registering a passkey or security key: the options for
/// `navigator.credentials.create()` (JSON). While enrolling a first factor, or when
/// signed in.
#[server(prefix = "/api", endpoint = "auth/passkey_register_start", input = Json)]
pub async fn passkey_register_start() -> Result<String, AppError> {
    use crate::model::SessionState;
    use crate::server::{auth, context};
    let (state, current) = context::session()?;
    if !matches!(current.me.state, SessionState::Enrol | SessionState::Full) {
        return Err(AppError::Forbidden);
    }
    auth::passkeys::register_start(&state.db, &state.webauthn, &current).await
}
