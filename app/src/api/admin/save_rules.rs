use crate::error::AppError;
use crate::model::admin::RuleEdit;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Saves an edit as a draft version (only if it compiles); returns the new version.
#[server(prefix = "/api", endpoint = "admin/save_rules", input = Json)]
pub async fn save_rules(edit: RuleEdit) -> Result<String, AppError> {
    use crate::model::Permission;
    use crate::server::{context, rules};
    let (state, me) = context::staff_with(Permission::RulesEdit)?;
    rules::save_draft(
        &state.db,
        &me,
        &edit.base,
        &edit.files,
        &edit.note,
        state.clock.now(),
        &context::origin(),
    )
    .await
}
