//! The `resident_accounts` table: a resident who signed in online, one row per identity
//! at a provider (`issuer`, `subject`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "resident_accounts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub issuer: String,
    pub subject: String,
    /// The name the provider gave.
    pub display_name: String,
    /// The registry's resident matched at the last sign-in (`None`: no unique match).
    pub resident_id: Option<i32>,
    pub created_at: DateTimeUtc,
    pub last_sign_in_at: DateTimeUtc,
    /// Where e-mail notices go (`online/notices.rs`), once confirmed.
    pub email: Option<String>,
    /// The language the resident chose the notices in (a `Lang` code).
    pub email_lang: Option<String>,
    pub email_confirmed_at: Option<DateTimeUtc>,
    /// The SHA-256 (hex) of the code sent to `email`, while it waits to be typed.
    pub email_code_hash: Option<String>,
    pub email_code_expires_at: Option<DateTimeUtc>,
    pub email_code_attempts: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
