//! What the counter creates: departments, staff and their sessions, visits, answers,
//! applications with their status history, and the append-only audit log.

use crate::{fk, index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("departments")
                .col(string_len("id", 32).primary_key())
                .col(string("name"))
                .col(string("counter"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("staff_users")
                .col(pk_auto("id"))
                .col(string_len_uniq("username", 64))
                .col(string("display_name"))
                .col(string("password_hash"))
                .col(string_len("role", 16))
                .col(string_len_null("department_id", 32))
                .col(boolean("active"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("staff_users", "department_id", "departments"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("staff_sessions")
                .col(string_len("id", 64).primary_key())
                .col(integer("staff_user_id"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("expires_at"))
                .foreign_key(&mut fk("staff_sessions", "staff_user_id", "staff_users"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("visits")
                .col(pk_auto("id"))
                .col(string_len_uniq("visit_number", 32))
                .col(integer("staff_user_id"))
                .col(integer_null("household_id"))
                .col(string_len("channel", 16))
                .col(string_len("status", 16))
                .col(text("events"))
                .col(integer("values_prefilled"))
                .col(integer("values_asked"))
                .col(integer("values_on_paper"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("submitted_at"))
                .foreign_key(&mut fk("visits", "staff_user_id", "staff_users"))
                .foreign_key(&mut fk("visits", "household_id", "households"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("answers")
                .col(pk_auto("id"))
                .col(integer("visit_id"))
                .col(string_len("key", 64))
                .col(text("value"))
                .col(string_len("source", 16))
                .foreign_key(&mut fk("answers", "visit_id", "visits"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("answers", &["visit_id", "key"], true))
            .await?;
        m.create_table(
            Table::create()
                .table("applications")
                .col(pk_auto("id"))
                .col(integer("visit_id"))
                .col(string_len("procedure_id", 64))
                .col(string_len("department_id", 32))
                .col(integer_null("subject_resident_id"))
                .col(string("subject_name"))
                .col(string_len("status", 16))
                .col(date_null("deadline"))
                .col(text("reasons"))
                .col(text("data"))
                .col(string_len("ruleset", 32))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("applications", "visit_id", "visits"))
                .foreign_key(&mut fk("applications", "department_id", "departments"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "applications",
            &["department_id", "created_at"],
            false,
        ))
        .await?;
        m.create_index(index("applications", &["visit_id", "procedure_id"], true))
            .await?;
        m.create_table(
            Table::create()
                .table("application_events")
                .col(pk_auto("id"))
                .col(integer("application_id"))
                .col(string_len("status", 16))
                .col(integer_null("staff_user_id"))
                .col(string("note"))
                .col(timestamp_with_time_zone("at"))
                .foreign_key(&mut fk(
                    "application_events",
                    "application_id",
                    "applications",
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("audit_log")
                .col(pk_auto("id"))
                .col(timestamp_with_time_zone("at"))
                .col(integer_null("staff_user_id"))
                .col(string_len("action", 48))
                .col(string_len("target", 64))
                .col(integer_null("household_id"))
                .col(integer_null("resident_id"))
                .col(string_len("purpose", 48))
                .col(string_len("outcome", 16))
                .col(string_len("origin", 64))
                .to_owned(),
        )
        .await?;
        m.create_index(index("audit_log", &["household_id"], false))
            .await?;
        m.create_index(index("audit_log", &["staff_user_id", "at"], false))
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "audit_log",
            "application_events",
            "applications",
            "answers",
            "visits",
            "staff_sessions",
            "staff_users",
            "departments",
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
