use crate::error::AppError;
use crate::model::admin::RulesOverview as Overview;
use leptos::prelude::*;
use server_fn::codec::Json;

/// The live rule set (procedures, rules, parameters) and every stored version.
#[server(prefix = "/api", endpoint = "admin/rules_overview", input = Json)]
pub async fn rules_overview() -> Result<Overview, AppError> {
    use crate::model::Permission;
    use crate::server::{context, rules_admin};
    let (state, _) = context::staff_with(Permission::RulesEdit)?;
    rules_admin::overview(&state.db, &state.rules, state.clock.today()).await
}
