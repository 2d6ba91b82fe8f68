use crate::error::AppError;
use crate::model::online::OnlineApplication;
use leptos::prelude::*;
use server_fn::codec::Json;

/// The signed-in resident's open application (to carry on) or a new one, with their
/// household from the registry. A resident the registry did not match gets `forbidden`.
#[server(prefix = "/api", endpoint = "resident/start_application", input = Json)]
pub async fn start_application() -> Result<OnlineApplication, AppError> {
    use crate::server::{context, online};
    let (state, me) = context::resident()?;
    online::applications::open_or_start(&state.db, &me.account, state.clock, &context::origin())
        .await
}
