//! The `audit_checkpoints` table: what retention removed from the audit log, summarised, with the hash the chain continues from.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_checkpoints")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub up_to_seq: i64,
    pub hash: String,
    pub entries: i64,
    pub first_at: Option<DateTimeUtc>,
    pub last_at: Option<DateTimeUtc>,
    /// Counts by action and outcome, as JSON.
    pub summary: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
