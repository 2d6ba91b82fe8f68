//! Who runs a visit: a staff member at the counter, or a resident signed in online.
//! A visit belongs to the one who started it — anyone else finds nothing — and every
//! read or write of it is audited in its owner's name.

use crate::audit::{self, Audit};
use crate::entities::{resident_account, visit};
use chrono::{DateTime, Utc};
use madoguchi_types::error::AppError;
use madoguchi_types::model::StaffMe;
use sea_orm::{ConnectionTrait, TransactionTrait};

#[derive(Clone, Copy, Debug)]
pub enum Owner<'a> {
    /// A staff member at the counter, with the resident beside them.
    Staff(&'a StaffMe),
    /// A resident signed in online, for their own household only.
    Resident(&'a resident_account::Model),
}

impl Owner<'_> {
    pub fn staff_id(self) -> Option<i32> {
        match self {
            Owner::Staff(s) => Some(s.id),
            Owner::Resident(_) => None,
        }
    }

    pub fn account_id(self) -> Option<i32> {
        match self {
            Owner::Staff(_) => None,
            Owner::Resident(a) => Some(a.id),
        }
    }

    /// The visit's channel, as the department's queue shows it.
    pub fn channel(self) -> &'static str {
        match self {
            Owner::Staff(_) => "counter",
            Owner::Resident(_) => "online",
        }
    }

    /// The purpose written with every audit entry of the visit.
    pub fn purpose(self) -> &'static str {
        match self {
            Owner::Staff(_) => "counter_visit",
            Owner::Resident(_) => "online_application",
        }
    }

    /// Whether `v` was started by this owner (a staff member's visit is never a
    /// resident's, nor the other way round).
    pub fn owns(self, v: &visit::Model) -> bool {
        match self {
            Owner::Staff(s) => v.resident_account_id.is_none() && v.staff_user_id == Some(s.id),
            Owner::Resident(a) => v.staff_user_id.is_none() && v.resident_account_id == Some(a.id),
        }
    }

    /// The resident the account matched in the registry; an online visit needs one
    /// (without a unique match nothing is prefilled, and there is no household to
    /// apply for: the resident is sent to the counter).
    pub fn matched_resident(self) -> Result<Option<i32>, AppError> {
        match self {
            Owner::Staff(_) => Ok(None),
            Owner::Resident(a) => a.resident_id.map(Some).ok_or(AppError::Forbidden),
        }
    }

    /// An audit entry about visit `v` (its number and household).
    pub fn entry<'e>(
        self,
        visit_number: &str,
        household_id: Option<i32>,
        action: &'e str,
        outcome: &'e str,
    ) -> Audit<'e> {
        Audit {
            staff_user_id: self.staff_id(),
            action,
            target: format!("visit:{visit_number}"),
            household_id,
            resident_id: None,
            purpose: self.purpose(),
            outcome,
        }
    }

    /// Appends `e` to the audit log in this owner's name.
    pub async fn audit<C: ConnectionTrait + TransactionTrait>(
        self,
        db: &C,
        at: DateTime<Utc>,
        origin: &str,
        e: Audit<'_>,
    ) -> Result<(), AppError> {
        match self {
            Owner::Staff(_) => audit::record(db, at, origin, e).await?,
            Owner::Resident(a) => audit::record_resident(db, at, origin, a.id, e).await?,
        }
        Ok(())
    }
}
