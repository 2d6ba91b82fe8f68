//! The `consents` table: a resident's answer to using the city's tax data in a visit.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "consents")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub visit_id: i32,
    /// `tax` today.
    pub scope: String,
    pub granted: bool,
    /// What the data is used for, as the resident was told (JSON list).
    pub purposes: String,
    /// The staff member at the counter (none when the resident answered online).
    pub staff_user_id: Option<i32>,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
