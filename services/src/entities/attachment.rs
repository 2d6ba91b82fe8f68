//! The `attachments` table: a document a resident attached to an online application.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "attachments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub visit_id: i32,
    /// The application it belongs to, once the visit is submitted.
    pub application_id: Option<i32>,
    pub procedure_id: String,
    /// The document the procedure asks for, as the rules name it.
    pub document: String,
    /// The file's name as the resident's phone gave it.
    pub name: String,
    /// `pdf`, `jpg` or `png`, from the content.
    pub kind: String,
    pub size: i32,
    pub sha256: String,
    pub data: Vec<u8>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
