use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Records the satisfaction survey (1–5 and an optional comment) of a submitted visit.
#[server(prefix = "/api", endpoint = "counter/record_survey", input = Json)]
pub async fn record_survey(
    visit_number: String,
    level: u8,
    comment: String,
) -> Result<(), AppError> {
    use crate::model::Permission;
    use crate::server::{context, visits};
    let (state, me) = context::staff_with(Permission::CounterRun)?;
    visits::survey::record(&state.db, &me, &visit_number, level, &comment).await
}
