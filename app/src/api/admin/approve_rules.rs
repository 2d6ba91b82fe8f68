use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Approves a version put up for publication (not by its author or requester): it is
/// in force from its day.
#[server(prefix = "/api", endpoint = "admin/approve_rules", input = Json)]
pub async fn approve_rules(version: String) -> Result<(), AppError> {
    use crate::model::Permission;
    use crate::server::{context, rules};
    let (state, me) = context::staff_with(Permission::RulesPublish)?;
    rules::review::approve(
        &state.db,
        &me,
        &version,
        &state.rules,
        state.clock.today(),
        state.clock.now(),
        &context::origin(),
    )
    .await
}
