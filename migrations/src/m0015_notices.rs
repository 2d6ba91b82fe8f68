//! E-mail notices to residents who applied online: the address a resident gives (kept
//! unconfirmed until they type the code sent to it), and the notices waiting to be
//! sent, each retried with a backoff until the city's SMTP server takes it.
//! A notice names no procedure and no reason — only that something changed, and where
//! to look (an e-mail can be read by others on its way).

use crate::{fk, index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds one at a time.
        let columns = [
            ColumnDef::new("email").string_len(254).null().to_owned(),
            ColumnDef::new("email_lang")
                .string_len(16)
                .null()
                .to_owned(),
            timestamp_with_time_zone_null("email_confirmed_at"),
            // The SHA-256 of the code sent, while it is waiting to be typed.
            ColumnDef::new("email_code_hash")
                .string_len(64)
                .null()
                .to_owned(),
            timestamp_with_time_zone_null("email_code_expires_at"),
            integer("email_code_attempts").default(0).to_owned(),
        ];
        for mut c in columns {
            m.alter_table(
                Table::alter()
                    .table("resident_accounts")
                    .add_column(&mut c)
                    .to_owned(),
            )
            .await?;
        }
        m.create_table(
            Table::create()
                .table("notices")
                .col(big_pk_auto("id"))
                .col(integer("resident_account_id"))
                // `email_code` or `status_changed`.
                .col(string_len("kind", 32))
                .col(string_len("to_address", 254))
                .col(string_len("lang", 16))
                // What the text needs (the code; the status), as JSON.
                .col(text("params"))
                // `pending`, `sent` or `dead`.
                .col(string_len("status", 16))
                .col(integer("attempts").default(0))
                .col(timestamp_with_time_zone("next_attempt_at"))
                .col(string_len_null("last_error", 500))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("sent_at"))
                .foreign_key(&mut fk(
                    "notices",
                    "resident_account_id",
                    "resident_accounts",
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("notices", &["status", "next_attempt_at"], false))
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("notices").to_owned())
            .await?;
        for c in [
            "email_code_attempts",
            "email_code_expires_at",
            "email_code_hash",
            "email_confirmed_at",
            "email_lang",
            "email",
        ] {
            m.alter_table(
                Table::alter()
                    .table("resident_accounts")
                    .drop_column(c)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
