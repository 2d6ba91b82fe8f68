use crate::error::AppError;
use crate::model::online::{MyApplication, Resubmission};
use leptos::prelude::*;
use server_fn::codec::Json;

/// Sends a returned application back to its department, corrected.
#[server(prefix = "/api", endpoint = "resident/resubmit_application", input = Json)]
pub async fn resubmit_application(input: Resubmission) -> Result<MyApplication, AppError> {
    use crate::server::{context, online};
    let (state, me) = context::resident()?;
    online::mine::resubmit(
        &state.db,
        &me.account,
        &state.rules.on(state.clock.today()),
        &input,
        state.clock.now(),
        &context::origin(),
    )
    .await
}
