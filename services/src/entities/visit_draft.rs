//! The `visit_drafts` table: the counter wizard's state of an open visit.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "visit_drafts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub visit_id: i32,
    /// The wizard's step (JSON).
    pub step: String,
    /// What the visit has gathered so far (JSON, the wizard's draft).
    pub state: String,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
