use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Gives one of the caller's department's applications to a colleague who may process
/// it (or to the caller), or to nobody.
#[server(prefix = "/api", endpoint = "staff/assign_application", input = Json)]
pub async fn assign_application(id: i32, to: Option<i32>) -> Result<(), AppError> {
    use crate::model::Permission;
    use crate::server::{context, workflow};
    let (state, me) = context::staff_with(Permission::ApplicationProcess)?;
    workflow::assign(
        &state.db,
        &me,
        id,
        to,
        state.clock.now(),
        &context::origin(),
    )
    .await
}
