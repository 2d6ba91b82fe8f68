use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Adds a staff comment to an application's history.
#[server(prefix = "/api", endpoint = "staff/comment_application", input = Json)]
pub async fn comment_application(id: i32, text: String) -> Result<(), AppError> {
    use crate::model::Permission;
    use crate::server::{context, workflow};
    let (state, me) = context::staff_with(Permission::ApplicationProcess)?;
    workflow::comment(
        &state.db,
        &me,
        id,
        &text,
        state.clock.now(),
        &context::origin(),
    )
    .await
}
