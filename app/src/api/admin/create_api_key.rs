use crate::error::AppError;
use crate::model::integration::{CreatedApiKey, NewApiKey};
use leptos::prelude::*;
use server_fn::codec::Json;

/// Creates a business system's key; the whole key is answered this once.
#[server(prefix = "/api", endpoint = "admin/create_api_key", input = Json)]
pub async fn create_api_key(input: NewApiKey) -> Result<CreatedApiKey, AppError> {
    use crate::model::Permission;
    use crate::server::{context, integration::keys};
    let (state, me) = context::staff_with(Permission::IntegrationManage)?;
    keys::create(
        &state.db,
        &me,
        &input,
        state.clock.now(),
        &context::origin(),
    )
    .await
}
