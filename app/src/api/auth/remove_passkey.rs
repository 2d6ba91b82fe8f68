use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Removes one of the caller's own passkeys.
#[server(prefix = "/api", endpoint = "auth/remove_passkey", input = Json)]
pub async fn remove_passkey(id: i32) -> Result<(), AppError> {
    use crate::model::SessionState;
    use crate::server::{auth, context};
    let (state, current) = context::session()?;
    if current.me.state != SessionState::Full {
        return Err(AppError::Forbidden);
    }
    auth::passkeys::remove(&state.db, &current, id, state.clock.now(), &context::meta()).await
}
