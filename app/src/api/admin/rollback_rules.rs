use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Starts a rollback: a draft with the files of an earlier published version, to be
/// put up for publication and approved like any other.
#[server(prefix = "/api", endpoint = "admin/rollback_rules", input = Json)]
pub async fn rollback_rules(to: String) -> Result<String, AppError> {
    use crate::model::Permission;
    use crate::server::{context, rules};
    let (state, me) = context::staff_with(Permission::RulesEdit)?;
    let live = state.rules.on(state.clock.today());
    rules::review::rollback_draft(
        &state.db,
        &me,
        &to,
        &live,
        state.clock.now(),
        &context::origin(),
    )
    .await
}
