use crate::error::AppError;
use crate::model::staff::{StaffActionResult, StaffInput};
use leptos::prelude::*;
use server_fn::codec::Json;

/// Creates a staff account; returns its temporary password (shown once).
#[server(prefix = "/api", endpoint = "admin/create_staff", input = Json)]
pub async fn create_staff(input: StaffInput) -> Result<StaffActionResult, AppError> {
    use crate::model::Permission;
    use crate::server::{context, staff};
    let (state, me) = context::staff_with(Permission::StaffManage)?;
    staff::create(&state.db, &me, &input, state.clock.now(), &context::meta()).await
}
