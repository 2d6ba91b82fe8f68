//! The `visits` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "visits")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub visit_number: String,
    /// The staff member who ran the visit at the counter (none online).
    pub staff_user_id: Option<i32>,
    pub household_id: Option<i32>,
    /// `counter`, or `online` (a resident signed in).
    pub channel: String,
    pub status: String,
    /// The events as screening-contract JSON.
    pub events: String,
    pub values_prefilled: i32,
    pub values_asked: i32,
    pub values_on_paper: i32,
    pub created_at: DateTimeUtc,
    pub submitted_at: Option<DateTimeUtc>,
    /// The last screening of the visit with its explanation (contract JSON with `trace`).
    pub screening: Option<String>,
    /// When the visit ended without being submitted (終了, or the tablet left idle).
    pub ended_at: Option<DateTimeUtc>,
    /// The resident's answer to the survey at the end (1 to 5), and a comment.
    pub satisfaction: Option<i32>,
    pub satisfaction_comment: Option<String>,
    /// The resident account that ran the visit online (none at the counter).
    pub resident_account_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
