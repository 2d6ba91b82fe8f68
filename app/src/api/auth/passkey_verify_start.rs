use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;

/// The second step of signing in with a passkey: the options for
/// `navigator.credentials.get()` (JSON).
#[server(prefix = "/api", endpoint = "auth/passkey_verify_start", input = Json)]
pub async fn passkey_verify_start() -> Result<String, AppError> {
    use crate::model::SessionState;
    use crate::server::{auth, context};
    let (state, current) = context::session()?;
    if current.me.state != SessionState::SecondFactor {
        return Err(AppError::Forbidden);
    }
    auth::passkeys::verify_start(&state.db, &state.webauthn, &current).await
}
