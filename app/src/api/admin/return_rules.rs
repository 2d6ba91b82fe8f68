use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Returns a version put up for publication to its author, with the reason.
#[server(prefix = "/api", endpoint = "admin/return_rules", input = Json)]
pub async fn return_rules(version: String, reason: String) -> Result<(), AppError> {
    use crate::model::Permission;
    use crate::server::{context, rules};
    let (state, me) = context::staff_with(Permission::RulesPublish)?;
    rules::review::send_back(
        &state.db,
        &me,
        &version,
        &reason,
        state.clock.now(),
        &context::origin(),
    )
    .await
}
