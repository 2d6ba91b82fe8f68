use crate::error::AppError;
use leptos::prelude::*;
use madoguchi_core::workflow::Status;
use server_fn::codec::Json;

/// Moves one of the caller's department's applications from `from` (the status the
/// caller saw) to `to`, with `note` (the reason the resident reads for 差戻し and 却下).
#[server(prefix = "/api", endpoint = "staff/change_status", input = Json)]
pub async fn change_status(
    id: i32,
    from: Status,
    to: Status,
    note: String,
) -> Result<(), AppError> {
    use crate::model::Permission;
    use crate::server::{context, workflow};
    let (state, me) = context::staff_with(Permission::ApplicationProcess)?;
    workflow::change_status(
        &state.db,
        workflow::Actor::Staff(&me),
        id,
        from,
        to,
        &note,
        state.clock.now(),
        &context::origin(),
    )
    .await
}
