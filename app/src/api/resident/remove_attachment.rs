use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Takes a file off the resident's open application.
#[server(prefix = "/api", endpoint = "resident/remove_attachment", input = Json)]
pub async fn remove_attachment(visit_number: String, id: i32) -> Result<(), AppError> {
    use crate::server::{context, online};
    let (state, me) = context::resident()?;
    online::attachments::remove(
        &state.db,
        &me.account,
        &visit_number,
        id,
        state.clock.now(),
        &context::origin(),
    )
    .await
}
