//! Rules as data: every version of the rule set the city has had, with its files, who
//! made and who published it. The live rule set is the latest published one. Visits
//! keep the explanation of their screening so department staff can see why each
//! procedure was listed.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("rulesets")
                .col(pk_auto("id"))
                .col(string_len_uniq("version", 64))
                .col(string_len_null("based_on", 64))
                .col(text("files"))
                .col(string_len("status", 16))
                .col(text("note"))
                .col(string_len("created_by", 64))
                .col(timestamp_with_time_zone("created_at"))
                .col(string_len_null("published_by", 64))
                .col(timestamp_with_time_zone_null("published_at"))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("visits")
                .add_column(text_null("screening"))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("visits")
                .drop_column("screening")
                .to_owned(),
        )
        .await?;
        m.drop_table(Table::drop().table("rulesets").to_owned())
            .await
    }
}
