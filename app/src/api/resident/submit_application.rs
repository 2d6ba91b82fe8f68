use crate::error::AppError;
use crate::model::{Receipt, SubmitVisit};
use leptos::prelude::*;
use server_fn::codec::Json;

/// Submits the resident's application: one application per procedure that can be done
/// online, into the departments' queues, marked online.
#[server(prefix = "/api", endpoint = "resident/submit_application", input = Json)]
pub async fn submit_application(input: SubmitVisit) -> Result<Receipt, AppError> {
    use crate::server::{context, visits};
    let (state, me) = context::resident()?;
    visits::submit(
        &state.db,
        visits::Owner::Resident(&me.account),
        &state.rules,
        &input,
        state.clock,
        &context::origin(),
    )
    .await
}
