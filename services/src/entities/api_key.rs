//! The `api_keys` table: a business system's key (the secret itself is never stored).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "api_keys")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The business system (acknowledgements are per system).
    pub system: String,
    pub department_id: String,
    /// Scope: `read` only, or `read` and `write` (status updates).
    pub can_write: bool,
    /// The key's public part (`mdg_<prefix>_…`), shown in lists and the audit log.
    pub prefix: String,
    /// SHA-256 of the whole key, hex.
    pub secret_hash: String,
    pub created_by: i32,
    pub created_at: DateTimeUtc,
    pub revoked_by: Option<i32>,
    pub revoked_at: Option<DateTimeUtc>,
    pub last_used_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
