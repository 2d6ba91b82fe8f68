//! The `applications` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "applications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub visit_id: i32,
    pub procedure_id: String,
    pub department_id: String,
    pub subject_resident_id: Option<i32>,
    pub subject_name: String,
    pub status: String,
    pub deadline: Option<Date>,
    /// JSON array of the screening reasons.
    pub reasons: String,
    /// JSON array of [label, value] pairs, in form order.
    pub data: String,
    pub ruleset: String,
    pub created_at: DateTimeUtc,
    /// The member of staff who has it, if anyone.
    pub assigned_to: Option<i32>,
    pub updated_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
