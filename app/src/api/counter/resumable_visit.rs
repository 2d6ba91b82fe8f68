use crate::error::AppError;
use crate::model::DraftSummary;
use leptos::prelude::*;
use server_fn::codec::Json;

/// This tablet's interrupted visit, if one can be resumed (its number and time only).
#[server(prefix = "/api", endpoint = "counter/resumable_visit", input = Json)]
pub async fn resumable_visit() -> Result<Option<DraftSummary>, AppError> {
    use crate::model::Permission;
    use crate::server::{context, visits};
    let (state, me) = context::staff_with(Permission::CounterRun)?;
    let window = chrono::Duration::minutes(state.kiosk.resume_minutes.into());
    visits::drafts::resumable(
        &state.db,
        visits::Owner::Staff(&me),
        state.clock.now(),
        window,
    )
    .await
}
