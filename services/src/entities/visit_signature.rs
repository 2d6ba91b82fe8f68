//! The `visit_signatures` table: the one signature of a visit (PNG).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "visit_signatures")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub visit_id: i32,
    pub png: Vec<u8>,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
