use crate::error::AppError;
use crate::model::online::Correction;
use leptos::prelude::*;
use server_fn::codec::Json;

/// One of the resident's returned applications, opened to be corrected: the
/// department's reason, and the form as sent with the rows the resident may correct.
#[server(prefix = "/api", endpoint = "resident/application_correction", input = Json)]
pub async fn application_correction(id: i32) -> Result<Correction, AppError> {
    use crate::server::{context, online};
    let (state, me) = context::resident()?;
    online::mine::correction(
        &state.db,
        &me.account,
        &state.rules.on(state.clock.today()),
        id,
        state.clock.now(),
        &context::origin(),
    )
    .await
}
