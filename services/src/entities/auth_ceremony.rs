//! The `auth_ceremonies` table: passkey sign-ins under way that have no session yet.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "auth_ceremonies")]
pub struct Model {
    /// SHA-256 of the token the browser holds.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// webauthn-rs's challenge state, as JSON.
    pub state: String,
    pub expires_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
