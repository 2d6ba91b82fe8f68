use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Sends a dead letter again from its first attempt.
#[server(prefix = "/api", endpoint = "admin/replay_delivery", input = Json)]
pub async fn replay_delivery(id: i64) -> Result<(), AppError> {
    use crate::model::Permission;
    use crate::server::{context, integration::webhooks};
    let (state, me) = context::staff_with(Permission::IntegrationManage)?;
    webhooks::replay(&state.db, &me, id, state.clock.now(), &context::origin()).await
}
