use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Records the resident's answer to using the city's tax data for this visit.
#[server(prefix = "/api", endpoint = "counter/record_consent", input = Json)]
pub async fn record_consent(visit_number: String, granted: bool) -> Result<(), AppError> {
    use crate::model::Permission;
    use crate::server::{context, visits};
    let (state, me) = context::staff_with(Permission::CounterRun)?;
    visits::consent::record(
        &state.db,
        visits::Owner::Staff(&me),
        &visit_number,
        granted,
        state.clock.now(),
        &context::origin(),
    )
    .await
}
