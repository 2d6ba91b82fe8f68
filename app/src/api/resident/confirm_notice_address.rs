use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Confirms the notices' address with the code sent to it.
#[server(prefix = "/api", endpoint = "resident/confirm_notice_address", input = Json)]
pub async fn confirm_notice_address(code: String) -> Result<(), AppError> {
    use crate::server::{context, online};
    let (state, me) = context::resident()?;
    online::notices::confirm(
        &state.db,
        &me.account,
        &code,
        state.clock.now(),
        &context::origin(),
    )
    .await
}
