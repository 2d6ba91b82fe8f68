use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Replaces the caller's recovery codes with ten new ones (shown once).
#[server(prefix = "/api", endpoint = "auth/renew_recovery_codes", input = Json)]
pub async fn renew_recovery_codes() -> Result<Vec<String>, AppError> {
    use crate::model::SessionState;
    use crate::server::{auth, context};
    let (state, current) = context::session()?;
    if current.me.state != SessionState::Full {
        return Err(AppError::Forbidden);
    }
    auth::factors::renew_recovery_codes(&state.db, &current, state.clock.now(), &context::meta())
        .await
}
