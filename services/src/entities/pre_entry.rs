//! The `pre_entries` table: a resident's pre-entry, sealed (see `crate::pre_entry`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "pre_entries")]
pub struct Model {
    /// HMAC-SHA-256 of the short code under the server's key (hex).
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// Nonce, then ciphertext and tag.
    pub sealed: Vec<u8>,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
