use crate::error::AppError;
use crate::model::staff::DepartmentInfo;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Creates or updates a department (name, counter, building, phone).
#[server(prefix = "/api", endpoint = "admin/save_department", input = Json)]
pub async fn save_department(department: DepartmentInfo) -> Result<(), AppError> {
    use crate::model::Permission;
    use crate::server::{context, staff};
    let (state, me) = context::staff_with(Permission::StaffManage)?;
    staff::departments::save(
        &state.db,
        &me,
        &department,
        state.clock.now(),
        &context::meta(),
    )
    .await
}
