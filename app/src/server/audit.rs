//! The audit log: who read or changed what, about which resident, when, why and from
//! where. Rows are only ever inserted. (Tamper evidence — a hash chain and PostgreSQL
//! triggers — is issue 5.)

use super::entities::audit_entry;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};

/// One entry to record.
pub struct Audit<'a> {
    pub staff_user_id: Option<i32>,
    pub action: &'a str,
    pub target: String,
    pub household_id: Option<i32>,
    pub resident_id: Option<i32>,
    pub purpose: &'a str,
    pub outcome: &'a str,
}

pub async fn record<C: ConnectionTrait>(
    db: &C,
    at: DateTime<Utc>,
    origin: &str,
    e: Audit<'_>,
) -> Result<(), DbErr> {
    audit_entry::ActiveModel {
        at: Set(at),
        staff_user_id: Set(e.staff_user_id),
        action: Set(e.action.into()),
        target: Set(truncate(&e.target, 64)),
        household_id: Set(e.household_id),
        resident_id: Set(e.resident_id),
        purpose: Set(e.purpose.into()),
        outcome: Set(e.outcome.into()),
        origin: Set(truncate(origin, 64)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

fn truncate(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}
