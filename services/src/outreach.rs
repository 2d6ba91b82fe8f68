//! Outreach: households eligible for a benefit they do not receive, for staff to
//! contact — a department for its own procedures, a supervisor for any. The read of
//! every household is audited as one run.

use super::audit::{self, Audit};
use super::population;
use chrono::{DateTime, NaiveDate, Utc};
use madoguchi_core::rules::population::outreach;
use madoguchi_core::rules::Ruleset;
use madoguchi_types::error::AppError;
use madoguchi_types::model::admin::{OutreachQuery, OutreachReport, OutreachRow};
use madoguchi_types::model::{Permission, StaffMe};
use sea_orm::DatabaseConnection;

pub async fn run(
    db: &DatabaseConnection,
    staff: &StaffMe,
    rules: &Ruleset,
    query: &OutreachQuery,
    today: NaiveDate,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<OutreachReport, AppError> {
    let procedure = rules
        .procedure(&query.procedure)
        .ok_or(AppError::NotFound)?;
    // Department staff look for their own department's procedures only; supervisors
    // for every department's.
    if !staff.can(Permission::QueueReadAll)
        && staff.department_id.as_deref() != Some(procedure.department.as_str())
    {
        return Err(AppError::NotFound);
    }
    let day = query.as_of.unwrap_or(today);
    let (households, labels) = population::load_all(db, day).await?;
    let (leads, unsure) = outreach(rules, &households, &procedure.id, day);
    audit::record(
        db,
        now,
        origin,
        Audit {
            staff_user_id: Some(staff.id),
            action: "outreach",
            target: format!("procedure:{}", procedure.id),
            household_id: None,
            resident_id: None,
            purpose: "proactive_outreach",
            outcome: "ok",
        },
    )
    .await?;
    Ok(OutreachReport {
        procedure: procedure.id.clone(),
        procedure_name: procedure.name.clone(),
        as_of: day,
        ruleset: rules.version.clone(),
        households: households.len(),
        unsure,
        leads: leads
            .into_iter()
            .map(|l| {
                let label = labels.get(&l.household).cloned().unwrap_or_default();
                OutreachRow {
                    household: l.household,
                    head: label.head,
                    address: label.address,
                    subject: l.subject,
                    amount: l.monthly_or_once,
                    per: l.per,
                }
            })
            .collect(),
    })
}
