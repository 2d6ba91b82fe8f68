use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Publishes a saved version (only if its rule tests pass): the next screening uses it.
#[server(prefix = "/api", endpoint = "admin/publish_rules", input = Json)]
pub async fn publish_rules(version: String) -> Result<(), AppError> {
    use crate::model::Permission;
    use crate::server::{context, rules};
    let (state, me) = context::staff_with(Permission::RulesPublish)?;
    rules::publish(
        &state.db,
        &me,
        &version,
        &state.rules,
        state.clock.now(),
        &context::origin(),
    )
    .await
}
