use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Throws away the resident's unfinished application and its saved state.
#[server(prefix = "/api", endpoint = "resident/discard_application", input = Json)]
pub async fn discard_application(visit_number: String) -> Result<(), AppError> {
    use crate::server::{context, visits};
    let (state, me) = context::resident()?;
    visits::drafts::end(
        &state.db,
        visits::Owner::Resident(&me.account),
        &visit_number,
        state.clock.now(),
        &context::origin(),
    )
    .await
}
