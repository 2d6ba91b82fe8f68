//! The rule set's life cycle as a city runs it: a draft is put up for publication by
//! its author with an effective date, and published only when a second administrator
//! approves it (or returned with a reason). A published version takes over on its
//! effective date; with `transition = 'event_date'` events dated before it keep the
//! version in force before. A release's shipped rules arrive as a proposal
//! (`status = 'proposed'`), merged with the city's edits before review.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for col in [
            date_null("effective_from").to_owned(),
            string_len("transition", 16).default("as_of").to_owned(),
            string_len_null("requested_by", 64).to_owned(),
            timestamp_with_time_zone_null("requested_at").to_owned(),
            text_null("review_note").to_owned(),
        ] {
            m.alter_table(Table::alter().table("rulesets").add_column(col).to_owned())
                .await?;
        }
        // Versions published before this release took effect when they were published;
        // the first day of the epoch keeps their order by publication.
        m.get_connection()
            .execute_unprepared(
                "UPDATE rulesets SET effective_from = '1970-01-01' WHERE status = 'published'",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for col in [
            "effective_from",
            "transition",
            "requested_by",
            "requested_at",
            "review_note",
        ] {
            m.alter_table(Table::alter().table("rulesets").drop_column(col).to_owned())
                .await?;
        }
        Ok(())
    }
}
