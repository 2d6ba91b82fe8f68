use crate::error::AppError;
use crate::model::SavedDraft;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Saves the state of the resident's open application on the server.
#[server(prefix = "/api", endpoint = "resident/save_application", input = Json)]
pub async fn save_application(draft: SavedDraft) -> Result<(), AppError> {
    use crate::server::{context, visits};
    let (state, me) = context::resident()?;
    visits::drafts::save(
        &state.db,
        visits::Owner::Resident(&me.account),
        &draft,
        state.clock.now(),
    )
    .await
}
