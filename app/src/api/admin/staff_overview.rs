use crate::error::AppError;
use crate::model::staff::StaffOverview;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Staff accounts, roles with their permissions, departments and open sessions.
#[server(name = StaffOverviewFn, prefix = "/api", endpoint = "admin/staff_overview", input = Json)]
pub async fn staff_overview() -> Result<StaffOverview, AppError> {
    use crate::model::Permission;
    use crate::server::{context, staff};
    let (state, _) = context::staff_with(Permission::StaffManage)?;
    staff::overview(&state.db, state.clock.now()).await
}
