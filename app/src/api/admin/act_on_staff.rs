use crate::error::AppError;
use crate::model::staff::{StaffAction, StaffActionResult};
use leptos::prelude::*;
use server_fn::codec::Json;

/// Disables, enables, resets the password or factors of, unlocks, or signs out an
/// account.
#[server(prefix = "/api", endpoint = "admin/act_on_staff", input = Json)]
pub async fn act_on_staff(id: i32, action: StaffAction) -> Result<StaffActionResult, AppError> {
    use crate::model::Permission;
    use crate::server::{context, staff};
    let (state, me) = context::staff_with(Permission::StaffManage)?;
    staff::act(
        &state.db,
        &me,
        id,
        action,
        state.clock.now(),
        &context::meta(),
    )
    .await
}
