use crate::error::AppError;
use crate::model::integration::{CreatedWebhook, NewWebhook};
use leptos::prelude::*;
use server_fn::codec::Json;

/// Sends a department's events to an address; the signing secret is answered this once.
#[server(prefix = "/api", endpoint = "admin/subscribe_webhook", input = Json)]
pub async fn subscribe_webhook(input: NewWebhook) -> Result<CreatedWebhook, AppError> {
    use crate::model::Permission;
    use crate::server::{context, integration::webhooks};
    let (state, me) = context::staff_with(Permission::IntegrationManage)?;
    webhooks::subscribe(
        &state.db,
        &me,
        &input.department_id,
        &input.url,
        state.clock.now(),
        &context::origin(),
    )
    .await
}
