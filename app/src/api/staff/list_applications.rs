use crate::error::AppError;
use crate::model::ApplicationSummary;
use leptos::prelude::*;
use server_fn::codec::Json;

/// The applications routed to the caller's department, newest first.
#[server(prefix = "/api", endpoint = "staff/list_applications", input = Json)]
pub async fn list_applications() -> Result<Vec<ApplicationSummary>, AppError> {
    use crate::model::Permission;
    use crate::server::{context, queue};
    let (state, me) = context::staff_with(Permission::QueueRead)?;
    queue::list(
        &state.db,
        &me,
        &state.rules.on(state.clock.today()),
        state.clock.now(),
        &context::origin(),
    )
    .await
}
