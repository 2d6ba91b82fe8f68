//! The `outbox_events` table: what happened, written in the transaction of the change.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The idempotency key receivers use to drop duplicates (`evt_…`).
    pub event_id: String,
    /// `application.received`, `application.status_changed`.
    pub kind: String,
    pub department_id: String,
    pub application_id: i32,
    /// The JSON body every subscriber receives.
    pub payload: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
