use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Stops a webhook subscription: no new events go to its address.
#[server(prefix = "/api", endpoint = "admin/unsubscribe_webhook", input = Json)]
pub async fn unsubscribe_webhook(id: i32) -> Result<(), AppError> {
    use crate::model::Permission;
    use crate::server::{context, integration::webhooks};
    let (state, me) = context::staff_with(Permission::IntegrationManage)?;
    webhooks::unsubscribe(&state.db, &me, id, state.clock.now(), &context::origin()).await
}
