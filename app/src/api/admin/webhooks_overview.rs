use crate::error::AppError;
use crate::model::integration::WebhooksOverview;
use leptos::prelude::*;
use server_fn::codec::Json;

/// The departments' webhook subscriptions and the deliveries given up.
#[server(name = WebhooksOverviewFn, prefix = "/api", endpoint = "admin/webhooks_overview", input = Json)]
pub async fn webhooks_overview() -> Result<WebhooksOverview, AppError> {
    use crate::model::Permission;
    use crate::server::{context, integration::webhooks};
    let (state, me) = context::staff_with(Permission::IntegrationManage)?;
    webhooks::overview(&state.db, &me).await
}
