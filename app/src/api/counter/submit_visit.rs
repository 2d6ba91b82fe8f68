use crate::error::AppError;
use crate::model::Receipt;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Submits every application of the visit at once (all or none).
#[server(prefix = "/api", endpoint = "counter/submit_visit", input = Json)]
pub async fn submit_visit(input: crate::model::SubmitVisit) -> Result<Receipt, AppError> {
    use crate::model::Permission;
    use crate::server::{context, visits};
    let (state, me) = context::staff_with(Permission::CounterRun)?;
    visits::submit(
        &state.db,
        visits::Owner::Staff(&me),
        &state.rules,
        &input,
        state.clock,
        &context::origin(),
    )
    .await
}
