use crate::error::AppError;
use crate::model::online::MyApplication;
use leptos::prelude::*;
use server_fn::codec::Json;

/// The resident's applications sent online, newest first, each with its status as the
/// department moves it (and the department's reason when returned or rejected).
#[server(prefix = "/api", endpoint = "resident/my_applications", input = Json)]
pub async fn my_applications() -> Result<Vec<MyApplication>, AppError> {
    use crate::server::{context, online};
    let (state, me) = context::resident()?;
    online::mine::list(
        &state.db,
        &me.account,
        &state.rules.on(state.clock.today()),
        state.clock.now(),
        &context::origin(),
    )
    .await
}
