//! The `oidc_flows` table: an OpenID Connect sign-in between leaving for the provider
//! and coming back, found by the hash of the flow cookie's token; used once.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "oidc_flows")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub state: String,
    pub nonce: String,
    pub code_verifier: String,
    /// Where the resident goes once signed in (a path of ours).
    pub return_to: String,
    pub expires_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
