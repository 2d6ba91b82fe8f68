use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;
use std::collections::BTreeMap;

/// The files of one stored version (rules and their tests), to edit.
#[server(prefix = "/api", endpoint = "admin/rule_files", input = Json)]
pub async fn rule_files(version: String) -> Result<BTreeMap<String, String>, AppError> {
    use crate::model::Permission;
    use crate::server::{context, rules};
    let (state, _) = context::staff_with(Permission::RulesEdit)?;
    Ok(rules::open(&state.db, &version).await?.1)
}
