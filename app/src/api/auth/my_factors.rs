use crate::error::AppError;
use crate::model::security::FactorSummary;
use leptos::prelude::*;
use server_fn::codec::Json;

/// The caller's own second factors.
#[server(prefix = "/api", endpoint = "auth/my_factors", input = Json)]
pub async fn my_factors() -> Result<FactorSummary, AppError> {
    use crate::model::SessionState;
    use crate::server::{auth, context};
    let (state, current) = context::session()?;
    if current.me.state != SessionState::Full {
        return Err(AppError::Forbidden);
    }
    auth::factors::summary(&state.db, &current.user).await
}
