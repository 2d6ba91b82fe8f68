use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Records the resident's own answer to using the city's tax data for the application.
#[server(prefix = "/api", endpoint = "resident/application_consent", input = Json)]
pub async fn application_consent(visit_number: String, granted: bool) -> Result<(), AppError> {
    use crate::server::{context, visits};
    let (state, me) = context::resident()?;
    visits::consent::record(
        &state.db,
        visits::Owner::Resident(&me.account),
        &visit_number,
        granted,
        state.clock.now(),
        &context::origin(),
    )
    .await
}
