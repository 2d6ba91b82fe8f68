use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Ends one open session (named by the first 12 hex digits of its id).
#[server(prefix = "/api", endpoint = "admin/end_staff_session", input = Json)]
pub async fn end_staff_session(session: String) -> Result<(), AppError> {
    use crate::model::Permission;
    use crate::server::{context, staff};
    let (state, me) = context::staff_with(Permission::StaffManage)?;
    staff::end_session(
        &state.db,
        &me,
        &session,
        state.clock.now(),
        &context::meta(),
    )
    .await
}
