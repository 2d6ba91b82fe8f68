use crate::error::AppError;
use crate::model::admin::{ParamEdit, ParamForm};
use leptos::prelude::*;
use server_fn::codec::Json;

/// Reads, or writes back, one parameter's dated values in the files of an edit.
#[server(prefix = "/api", endpoint = "admin/edit_param", input = Json)]
pub async fn edit_param(edit: ParamEdit) -> Result<ParamForm, AppError> {
    use crate::model::Permission;
    use crate::server::{context, rule_params};
    context::staff_with(Permission::RulesEdit)?;
    rule_params::edit(&edit)
}
