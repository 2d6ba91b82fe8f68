use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Revokes a business system's key: its next call is refused.
#[server(prefix = "/api", endpoint = "admin/revoke_api_key", input = Json)]
pub async fn revoke_api_key(id: i32) -> Result<(), AppError> {
    use crate::model::Permission;
    use crate::server::{context, integration::keys};
    let (state, me) = context::staff_with(Permission::IntegrationManage)?;
    keys::revoke(&state.db, &me, id, state.clock.now(), &context::origin()).await
}
