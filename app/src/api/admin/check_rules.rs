use crate::error::AppError;
use crate::model::admin::{CheckReport, RuleEdit};
use leptos::prelude::*;
use server_fn::codec::Json;

/// Checks an edit without saving it: compile errors, rule tests, and its impact on
/// every household of the registry.
#[server(prefix = "/api", endpoint = "admin/check_rules", input = Json)]
pub async fn check_rules(edit: RuleEdit) -> Result<CheckReport, AppError> {
    use crate::model::Permission;
    use crate::server::{context, rules_admin};
    let (state, me) = context::staff_with(Permission::RulesEdit)?;
    rules_admin::check(
        &state.db,
        &me,
        &state.rules.on(state.clock.today()),
        &edit,
        state.clock.today(),
        state.clock.now(),
        &context::origin(),
    )
    .await
}
