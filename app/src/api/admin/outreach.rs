use crate::error::AppError;
use crate::model::admin::{OutreachQuery, OutreachReport};
use leptos::prelude::*;
use server_fn::codec::Json;

/// Households eligible for a benefit they do not receive.
#[server(prefix = "/api", endpoint = "admin/outreach", input = Json)]
pub async fn run_outreach(query: OutreachQuery) -> Result<OutreachReport, AppError> {
    use crate::model::Permission;
    use crate::server::{context, outreach};
    let (state, me) = context::staff_with(Permission::OutreachRun)?;
    outreach::run(
        &state.db,
        &me,
        &state.rules.on(state.clock.today()),
        &query,
        state.clock.today(),
        state.clock.now(),
        &context::origin(),
    )
    .await
}
