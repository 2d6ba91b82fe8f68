use crate::error::AppError;
use crate::model::admin::ReleaseMerge;
use leptos::prelude::*;
use server_fn::codec::Json;

/// A proposed release merged with the city's rules in force, file by file, with the
/// conflicts to resolve.
#[server(prefix = "/api", endpoint = "admin/merge_release", input = Json)]
pub async fn merge_release(version: String) -> Result<ReleaseMerge, AppError> {
    use crate::model::Permission;
    use crate::server::{context, rules};
    let (state, _me) = context::staff_with(Permission::RulesEdit)?;
    rules::release::view(&state.db, &version, &state.rules, state.clock.today()).await
}
