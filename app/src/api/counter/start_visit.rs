use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Starts a visit at the counter; returns its number.
#[server(prefix = "/api", endpoint = "counter/start_visit", input = Json)]
pub async fn start_visit() -> Result<String, AppError> {
    use crate::model::Permission;
    use crate::server::{context, visits};
    let (state, me) = context::staff_with(Permission::CounterRun)?;
    visits::start(&state.db, visits::Owner::Staff(&me), state.clock).await
}
