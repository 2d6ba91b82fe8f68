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
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
