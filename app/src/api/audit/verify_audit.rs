use crate::error::AppError;
use crate::model::audit::VerifyReport;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Walks the audit chain and reports the first entry edited, deleted or moved.
#[server(prefix = "/api", endpoint = "audit/verify", input = Json)]
pub async fn verify_audit() -> Result<VerifyReport, AppError> {
    use crate::model::Permission;
    use crate::server::{audit, context};
    let (state, me) = context::staff_with(Permission::AuditRead)?;
    let report = audit::verify::walk(&state.db).await?;
    audit::record(
        &state.db,
        state.clock.now(),
        &context::origin(),
        audit::Audit {
            staff_user_id: Some(me.id),
            action: "audit_verify",
            target: format!("head:{}", report.head_seq),
            household_id: None,
            resident_id: None,
            purpose: "audit",
            outcome: if report.ok() { "ok" } else { "broken" },
        },
    )
    .await?;
    Ok(report)
}
