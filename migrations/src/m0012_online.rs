//! Residents signed in online: their accounts (one per identity at a provider, matched
//! to the registry at every sign-in by the four basic facts), their sessions (apart from
//! staff sessions: another cookie, other limits), the OpenID Connect sign-ins in
//! progress, and the audit log's column naming a resident account as the actor.

use crate::{fk, index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("resident_accounts")
                .col(pk_auto("id"))
                .col(string_len("issuer", 200))
                .col(string_len("subject", 255))
                // The name the provider gave, to greet the resident.
                .col(string_len("display_name", 100))
                // The registry's resident this identity matched at the last sign-in;
                // no foreign key: the registry's extracts replace rows.
                .col(integer_null("resident_id"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("last_sign_in_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("resident_accounts", &["issuer", "subject"], true))
            .await?;
        m.create_table(
            Table::create()
                .table("resident_sessions")
                // SHA-256 of the cookie's token (hex).
                .col(string_len("id", 64).primary_key())
                .col(integer("account_id"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("expires_at"))
                .col(timestamp_with_time_zone("last_seen_at"))
                .col(string_len("origin", 64))
                .col(string_len("user_agent", 200))
                .foreign_key(&mut fk(
                    "resident_sessions",
                    "account_id",
                    "resident_accounts",
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("resident_sessions", &["account_id"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("oidc_flows")
                // SHA-256 of the flow cookie's token (hex).
                .col(string_len("id", 64).primary_key())
                .col(string_len("state", 64))
                .col(string_len("nonce", 64))
                .col(string_len("code_verifier", 128))
                .col(string_len("return_to", 200))
                .col(timestamp_with_time_zone("expires_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("oidc_flows", &["expires_at"], false))
            .await?;
        m.alter_table(
            Table::alter()
                .table("audit_log")
                .add_column(integer_null("resident_account_id"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("audit_log", &["resident_account_id"], false))
            .await?;
        // Matching a sign-in with the registry looks residents up by date of birth.
        m.create_index(index("residents", &["birth_date"], false))
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["oidc_flows", "resident_sessions", "resident_accounts"] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
