use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Takes a file not yet sent off one of the resident's returned applications.
#[server(prefix = "/api", endpoint = "resident/remove_returned_attachment", input = Json)]
pub async fn remove_returned_attachment(application_id: i32, id: i32) -> Result<(), AppError> {
    use crate::server::{context, online};
    let (state, me) = context::resident()?;
    online::attachments::remove_returned(
        &state.db,
        &me.account,
        application_id,
        id,
        state.clock.now(),
        &context::origin(),
    )
    .await
}
