use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Stops the e-mail notices: the address is forgotten.
#[server(prefix = "/api", endpoint = "resident/remove_notice_address", input = Json)]
pub async fn remove_notice_address() -> Result<(), AppError> {
    use crate::server::{context, online};
    let (state, me) = context::resident()?;
    online::notices::remove_address(
        &state.db,
        &me.account,
        state.clock.now(),
        &context::origin(),
    )
    .await
}
