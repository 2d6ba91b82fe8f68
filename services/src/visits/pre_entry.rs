//! Taking a resident's pre-entry into a counter visit: the code scanned or typed on the
//! tablet opens the values typed at home, which join the visit as answers to confirm.
//! Audited, found or not.

use super::open_visit;
use crate::audit::{self, Audit};
use crate::pre_entry::{self, PreEntrySettings};
use chrono::{DateTime, Utc};
use madoguchi_types::error::AppError;
use madoguchi_types::model::public::PreEntry;
use madoguchi_types::model::StaffMe;
use sea_orm::DatabaseConnection;

pub async fn take(
    db: &DatabaseConnection,
    settings: &PreEntrySettings,
    staff: &StaffMe,
    visit_number: &str,
    code: &str,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<PreEntry, AppError> {
    let v = open_visit(db, super::Owner::Staff(staff), visit_number).await?;
    let taken = pre_entry::take(db, settings, now, code).await;
    let outcome = match &taken {
        Ok(_) => "taken",
        Err(AppError::NotFound) => "not_found",
        Err(AppError::InvalidInput { .. }) => "invalid",
        Err(_) => "error",
    };
    audit::record(
        db,
        now,
        origin,
        Audit {
            staff_user_id: Some(staff.id),
            action: "pre_entry_take",
            target: format!("visit:{}", v.visit_number),
            household_id: v.household_id,
            resident_id: None,
            purpose: "counter_visit",
            outcome,
        },
    )
    .await?;
    taken
}
