//! The city's business systems: API keys per system and department (stored as SHA-256
//! of the secret, with scopes), acknowledgements of the feed per system, and webhooks
//! through a transactional outbox — an `outbox_events` row written in the same
//! transaction as the change it reports, one `webhook_deliveries` row per active
//! subscription of the department, which the relay works through (retries, dead
//! letters). A new permission, `integration.manage`, for administrators.

use crate::{fk, index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

async fn exec(m: &SchemaManager<'_>, sql: &str) -> Result<(), DbErr> {
    m.get_connection().execute_unprepared(sql).await.map(|_| ())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("api_keys")
                .col(pk_auto("id"))
                // The business system, e.g. 児童手当システム; acknowledgements are per
                // system, so a replacement key carries on where the old one stopped.
                .col(string_len("system", 64))
                .col(string_len("department_id", 32))
                .col(boolean("can_write"))
                // The key's public part, shown in lists and logs (`mdg_<prefix>_…`).
                .col(string_len_uniq("prefix", 16))
                .col(string_len_uniq("secret_hash", 64))
                .col(integer("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .col(integer_null("revoked_by"))
                .col(timestamp_with_time_zone_null("revoked_at"))
                .col(timestamp_with_time_zone_null("last_used_at"))
                .foreign_key(&mut fk("api_keys", "department_id", "departments"))
                .foreign_key(&mut fk("api_keys", "created_by", "staff_users"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("application_acks")
                .col(integer("application_id"))
                .col(string_len("system", 64))
                .col(integer("api_key_id"))
                .col(timestamp_with_time_zone("at"))
                .primary_key(Index::create().col("application_id").col("system"))
                .foreign_key(&mut fk(
                    "application_acks",
                    "application_id",
                    "applications",
                ))
                .foreign_key(&mut fk("application_acks", "api_key_id", "api_keys"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("outbox_events")
                .col(big_pk_auto("id"))
                // The idempotency key receivers use to drop duplicates.
                .col(string_len_uniq("event_id", 40))
                // application.received, application.status_changed
                .col(string_len("kind", 40))
                .col(string_len("department_id", 32))
                .col(integer("application_id"))
                .col(text("payload"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("webhook_subscriptions")
                .col(pk_auto("id"))
                .col(string_len("department_id", 32))
                .col(string_len("url", 512))
                // The signing secret (the receiver holds the same).
                .col(string_len("secret", 128))
                .col(integer("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("revoked_at"))
                .foreign_key(&mut fk(
                    "webhook_subscriptions",
                    "department_id",
                    "departments",
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("webhook_deliveries")
                .col(big_pk_auto("id"))
                .col(integer("subscription_id"))
                .col(big_integer("event_id"))
                // pending, delivered, dead
                .col(string_len("status", 16))
                .col(integer("attempts").default(0))
                .col(timestamp_with_time_zone("next_attempt_at"))
                .col(integer_null("last_status"))
                .col(string_len_null("last_error", 500))
                .col(timestamp_with_time_zone_null("delivered_at"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk(
                    "webhook_deliveries",
                    "subscription_id",
                    "webhook_subscriptions",
                ))
                .foreign_key(&mut fk("webhook_deliveries", "event_id", "outbox_events"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "webhook_deliveries",
            &["subscription_id", "event_id"],
            true,
        ))
        .await?;
        m.create_index(index(
            "webhook_deliveries",
            &["status", "next_attempt_at"],
            false,
        ))
        .await?;
        m.create_index(index("outbox_events", &["application_id"], false))
            .await?;
        m.create_index(index("api_keys", &["department_id"], false))
            .await?;
        exec(
            m,
            "INSERT INTO permissions (id, description) VALUES ('integration.manage', \
             '業務システムとの連携 (APIキー・Webhook) を管理する')",
        )
        .await?;
        exec(
            m,
            "INSERT INTO role_permissions (role_id, permission_id) VALUES ('admin', 'integration.manage')",
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        exec(
            m,
            "DELETE FROM role_permissions WHERE permission_id = 'integration.manage'",
        )
        .await?;
        exec(m, "DELETE FROM permissions WHERE id = 'integration.manage'").await?;
        for t in [
            "webhook_deliveries",
            "webhook_subscriptions",
            "outbox_events",
            "application_acks",
            "api_keys",
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
