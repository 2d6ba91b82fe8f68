use crate::error::AppError;
use crate::model::integration::IntegrationOverview;
use leptos::prelude::*;
use server_fn::codec::Json;

/// The business systems' API keys and the departments they can be for.
#[server(name = IntegrationOverviewFn, prefix = "/api", endpoint = "admin/integration_overview", input = Json)]
pub async fn integration_overview() -> Result<IntegrationOverview, AppError> {
    use crate::model::Permission;
    use crate::server::{context, integration::keys};
    let (state, me) = context::staff_with(Permission::IntegrationManage)?;
    keys::overview(&state.db, &me).await
}
