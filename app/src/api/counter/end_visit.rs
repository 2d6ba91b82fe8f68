use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Ends a visit that was not submitted: its draft is deleted and the visit closed.
#[server(prefix = "/api", endpoint = "counter/end_visit", input = Json)]
pub async fn end_visit(visit_number: String) -> Result<(), AppError> {
    use crate::model::Permission;
    use crate::server::{context, visits};
    let (state, me) = context::staff_with(Permission::CounterRun)?;
    visits::drafts::end(
        &state.db,
        visits::Owner::Staff(&me),
        &visit_number,
        state.clock.now(),
        &context::origin(),
    )
    .await
}
