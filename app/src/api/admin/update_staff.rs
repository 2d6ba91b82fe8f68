use crate::error::AppError;
use crate::model::staff::StaffInput;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Changes an account's name, roles and department.
#[server(prefix = "/api", endpoint = "admin/update_staff", input = Json)]
pub async fn update_staff(id: i32, input: StaffInput) -> Result<(), AppError> {
    use crate::model::Permission;
    use crate::server::{context, staff};
    let (state, me) = context::staff_with(Permission::StaffManage)?;
    staff::update(
        &state.db,
        &me,
        id,
        &input,
        state.clock.now(),
        &context::meta(),
    )
    .await
}
