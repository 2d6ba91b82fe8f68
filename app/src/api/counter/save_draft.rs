use crate::error::AppError;
use crate::model::SavedDraft;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Saves the tablet's state of an open visit (at every step), so nothing is lost.
#[server(prefix = "/api", endpoint = "counter/save_draft", input = Json)]
pub async fn save_draft(draft: SavedDraft) -> Result<(), AppError> {
    use crate::model::Permission;
    use crate::server::{context, visits};
    let (state, me) = context::staff_with(Permission::CounterRun)?;
    visits::drafts::save(
        &state.db,
        visits::Owner::Staff(&me),
        &draft,
        state.clock.now(),
    )
    .await
}
