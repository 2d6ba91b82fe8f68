use crate::error::AppError;
use leptos::prelude::*;
use madoguchi_core::diff::Choice;
use server_fn::codec::Json;
use std::collections::BTreeMap;

/// Saves a release merged with the city's rules as a draft, each conflict resolved by
/// the choice given for it (file → one choice per conflict, in order).
#[server(prefix = "/api", endpoint = "admin/save_merge", input = Json)]
pub async fn save_merge(
    version: String,
    choices: BTreeMap<String, Vec<Choice>>,
) -> Result<String, AppError> {
    use crate::model::Permission;
    use crate::server::{context, rules};
    let (state, me) = context::staff_with(Permission::RulesEdit)?;
    rules::release::save(
        &state.db,
        &me,
        &version,
        &choices,
        &state.rules,
        state.clock.today(),
        state.clock.now(),
        &context::origin(),
    )
    .await
}
