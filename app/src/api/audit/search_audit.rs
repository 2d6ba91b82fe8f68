use crate::error::AppError;
use crate::model::audit::{AuditPage, AuditQuery};
use leptos::prelude::*;
use server_fn::codec::Json;

/// One page of the audit log, newest first, with bulk-read alerts.
#[server(prefix = "/api", endpoint = "audit/search", input = Json)]
pub async fn search_audit(query: AuditQuery) -> Result<AuditPage, AppError> {
    use crate::model::Permission;
    use crate::server::{audit, context};
    let (state, me) = context::staff_with(Permission::AuditRead)?;
    audit::viewer::search(
        &state.db,
        &me,
        &query,
        state.clock.now(),
        &context::origin(),
    )
    .await
}
