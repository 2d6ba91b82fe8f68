use crate::error::AppError;
use crate::model::{VisitInput, VisitScreening};
use leptos::prelude::*;
use server_fn::codec::Json;

/// Screens the resident's own household for their life events (as at the counter).
#[server(prefix = "/api", endpoint = "resident/screen_application", input = Json)]
pub async fn screen_application(input: VisitInput) -> Result<VisitScreening, AppError> {
    use crate::server::{context, visits};
    let (state, me) = context::resident()?;
    visits::screen(
        &state.db,
        visits::Owner::Resident(&me.account),
        &state.rules,
        &input,
        state.clock,
        &context::origin(),
    )
    .await
}
