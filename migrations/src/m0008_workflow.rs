//! The department workflow: an application's status moves through
//! `madoguchi_core::workflow` (受付 → 審査中 → 完了, 差戻し, 取下げ, 却下), it may be assigned
//! to a member of staff, and every change, assignment and comment is an
//! `application_events` row saying what (`kind`), who (a member of staff, or a business
//! system by its key) and when. Indexes serve the queue's filters and sorts.

use crate::index;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for col in [
            integer_null("assigned_to").to_owned(),
            timestamp_with_time_zone_null("updated_at").to_owned(),
        ] {
            m.alter_table(
                Table::alter()
                    .table("applications")
                    .add_column(col)
                    .to_owned(),
            )
            .await?;
        }
        for col in [
            // status (a change to `status`), comment, assigned
            string_len("kind", 16).default("status").to_owned(),
            // Who, when not a member of staff: the business system's key name.
            string_len_null("source", 64).to_owned(),
        ] {
            m.alter_table(
                Table::alter()
                    .table("application_events")
                    .add_column(col)
                    .to_owned(),
            )
            .await?;
        }
        let db = m.get_connection();
        db.execute_unprepared(
            "UPDATE applications SET status = 'received' WHERE status = 'submitted'",
        )
        .await?;
        db.execute_unprepared(
            "UPDATE application_events SET status = 'received' WHERE status = 'submitted'",
        )
        .await?;
        db.execute_unprepared("UPDATE applications SET updated_at = created_at")
            .await?;
        m.create_index(index(
            "applications",
            &["department_id", "status", "created_at"],
            false,
        ))
        .await?;
        m.create_index(index("applications", &["department_id", "deadline"], false))
            .await?;
        m.create_index(index("applications", &["assigned_to", "status"], false))
            .await?;
        m.create_index(index(
            "application_events",
            &["application_id", "at"],
            false,
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (table, cols) in [
            (
                "applications",
                ["department_id", "status", "created_at"].as_slice(),
            ),
            ("applications", &["department_id", "deadline"]),
            ("applications", &["assigned_to", "status"]),
            ("application_events", &["application_id", "at"]),
        ] {
            m.drop_index(
                Index::drop()
                    .name(format!("ix_{table}_{}", cols.join("_")))
                    .table(Alias::new(table))
                    .to_owned(),
            )
            .await?;
        }
        for (table, col) in [
            ("applications", "assigned_to"),
            ("applications", "updated_at"),
            ("application_events", "kind"),
            ("application_events", "source"),
        ] {
            m.alter_table(
                Table::alter()
                    .table(Alias::new(table))
                    .drop_column(Alias::new(col))
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
