use crate::error::AppError;
use crate::model::SavedDraft;
use leptos::prelude::*;
use server_fn::codec::Json;

/// The saved state of an interrupted visit, to carry on where it stopped.
#[server(prefix = "/api", endpoint = "counter/resume_visit", input = Json)]
pub async fn resume_visit(visit_number: String) -> Result<SavedDraft, AppError> {
    use crate::model::Permission;
    use crate::server::{context, visits};
    let (state, me) = context::staff_with(Permission::CounterRun)?;
    visits::drafts::load(
        &state.db,
        visits::Owner::Staff(&me),
        &visit_number,
        state.clock.now(),
        &context::origin(),
    )
    .await
}
