//! The `notices` table: an e-mail to a resident, until the SMTP server takes it or it
//! is given up.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notices")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub resident_account_id: i32,
    /// `email_code` or `status_changed`.
    pub kind: String,
    pub to_address: String,
    /// The language it is written in (a `Lang` code).
    pub lang: String,
    /// What its text needs, as JSON (`{"code": "123456"}`, `{"status": "returned"}`).
    pub params: String,
    /// `pending`, `sent` or `dead`.
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    pub last_error: Option<String>,
    pub created_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
