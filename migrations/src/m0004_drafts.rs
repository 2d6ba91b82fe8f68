//! Drafts of open visits: the counter saves the wizard's state at every step, so a
//! reload, a crashed tab or a server restart resumes where it stopped. A draft is
//! deleted when its visit is submitted or ended; it never outlives the visit.

use crate::fk;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("visit_drafts")
                .col(integer("visit_id").primary_key())
                .col(text("step"))
                .col(text("state"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("visit_drafts", "visit_id", "visits"))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("visits")
                .add_column(timestamp_with_time_zone_null("ended_at"))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("visits")
                .drop_column("ended_at")
                .to_owned(),
        )
        .await?;
        m.drop_table(Table::drop().table("visit_drafts").to_owned())
            .await
    }
}
