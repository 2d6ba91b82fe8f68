use crate::error::AppError;
use crate::model::ApplicationDetail;
use leptos::prelude::*;
use server_fn::codec::Json;

/// One application of the caller's department, with its data and screening reasons.
#[server(prefix = "/api", endpoint = "staff/get_application", input = Json)]
pub async fn get_application(id: i32) -> Result<ApplicationDetail, AppError> {
    use crate::model::Permission;
    use crate::server::{context, queue};
    let (state, me) = context::staff_with(Permission::QueueRead)?;
    queue::get(
        &state.db,
        &me,
        &state.rules.on(state.clock.today()),
        id,
        state.clock.now(),
        &context::origin(),
    )
    .await
}
