//! Pre-entries: what a resident typed at home for a counter visit, sealed with the
//! server's key (AES-256-GCM, the key of each row derived from its short code), found by
//! a keyed hash of the code, and deleted when used or expired. Nothing in a row names
//! the resident beyond what they typed, and nothing in it can be read without both the
//! code and the server's key.

use crate::index;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("pre_entries")
                // HMAC-SHA-256 of the short code under the server's key (hex).
                .col(string_len("id", 64).primary_key())
                // The nonce (12 bytes) followed by the AES-GCM ciphertext and tag.
                .col(blob("sealed"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("expires_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("pre_entries", &["expires_at"], false))
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("pre_entries").to_owned())
            .await
    }
}
