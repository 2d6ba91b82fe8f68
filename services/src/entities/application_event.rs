//! The `application_events` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "application_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub application_id: i32,
    pub status: String,
    pub staff_user_id: Option<i32>,
    pub note: String,
    pub at: DateTimeUtc,
    /// `status` (a change to `status`), `comment`, `assigned` (`note`: the assignee's
    /// name, empty when unassigned) or `resubmitted` (a returned application corrected
    /// online by the resident: back to `received`).
    pub kind: String,
    /// The business system that acted, when not a member of staff.
    pub source: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
