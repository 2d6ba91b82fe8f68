//! The city's business systems next to Madoguchi: API keys (`keys`), what the
//! integration API reads and writes (`feed`, with its records in `records`), the
//! transactional outbox (`outbox`), the relay that delivers it to webhooks (`relay`,
//! signed by `signature`), the subscriptions and dead letters (`webhooks`), and
//! applications as files (`export`).

pub mod export;
pub mod feed;
pub mod keys;
pub mod outbox;
pub mod records;
pub mod relay;
pub mod signature;
pub mod webhooks;

use crate::audit::Audit;
use madoguchi_types::error::AppError;
use madoguchi_types::model::{Permission, StaffMe};

/// Managing keys and webhooks is for administrators with `integration.manage`.
fn manager(staff: &StaffMe) -> Result<(), AppError> {
    if staff.can(Permission::IntegrationManage) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The audit entry of an administrator's change to the integration.
fn entry(staff: &StaffMe, action: &'static str, target: String) -> Audit<'static> {
    Audit {
        staff_user_id: Some(staff.id),
        action,
        target,
        household_id: None,
        resident_id: None,
        purpose: "integration_management",
        outcome: "ok",
    }
}
