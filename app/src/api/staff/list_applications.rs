use crate::error::AppError;
use crate::model::{QueuePage, QueueQuery};
use leptos::prelude::*;
use server_fn::codec::Json;

/// A page of the applications routed to the caller's department, filtered and sorted.
#[server(prefix = "/api", endpoint = "staff/list_applications", input = Json)]
pub async fn list_applications(query: QueueQuery) -> Result<QueuePage, AppError> {
    use crate::model::Permission;
    use crate::server::{context, queue};
    let (state, me) = context::staff_with(Permission::QueueRead)?;
    queue::list(
        &state.db,
        &me,
        &state.rules.on(state.clock.today()),
        &query,
        state.clock.now(),
        &context::origin(),
    )
    .await
}
