use crate::error::AppError;
use crate::model::{VisitInput, VisitScreening};
use leptos::prelude::*;
use server_fn::codec::Json;

/// Screens the visit's household for its life events, with the answers given so far.
#[server(prefix = "/api", endpoint = "counter/screen_visit", input = Json)]
pub async fn screen_visit(input: VisitInput) -> Result<VisitScreening, AppError> {
    use crate::model::Permission;
    use crate::server::{context, visits};
    let (state, me) = context::staff_with(Permission::CounterRun)?;
    visits::screen(
        &state.db,
        visits::Owner::Staff(&me),
        &state.rules,
        &input,
        state.clock,
        &context::origin(),
    )
    .await
}
