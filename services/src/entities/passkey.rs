//! The `staff_passkeys` table: WebAuthn credentials (passkeys, security keys).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "staff_passkeys")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub staff_user_id: i32,
    /// The credential id, base64url: the browser names it when signing in.
    pub credential_id: String,
    pub name: String,
    /// webauthn-rs's `Passkey` as JSON (public key, counter, …).
    pub passkey: String,
    pub created_at: DateTimeUtc,
    pub last_used_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
