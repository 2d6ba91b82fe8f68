//! The `audit_log` table: append-only (triggers refuse UPDATE and DELETE), each entry
//! chained to the one before it by `prev_hash` and `hash`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub at: DateTimeUtc,
    pub staff_user_id: Option<i32>,
    pub action: String,
    pub target: String,
    pub household_id: Option<i32>,
    pub resident_id: Option<i32>,
    pub purpose: String,
    pub outcome: String,
    pub origin: String,
    pub seq: i64,
    pub prev_hash: String,
    pub hash: String,
    /// The resident account that acted (online), if any.
    pub resident_account_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
