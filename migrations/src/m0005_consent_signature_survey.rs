//! What a visit records besides its applications: the resident's consent to use the
//! city's tax data (which data, for which procedures), the one signature given on the
//! tablet (printed on every form that accepts it), and the satisfaction survey at the
//! end.

use crate::fk;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("consents")
                .col(pk_auto("id"))
                .col(integer("visit_id"))
                .col(string_len("scope", 32))
                .col(boolean("granted"))
                .col(text("purposes"))
                .col(integer("staff_user_id"))
                .col(timestamp_with_time_zone("at"))
                .foreign_key(&mut fk("consents", "visit_id", "visits"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("visit_signatures")
                .col(integer("visit_id").primary_key())
                .col(blob("png"))
                .col(timestamp_with_time_zone("at"))
                .foreign_key(&mut fk("visit_signatures", "visit_id", "visits"))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("visits")
                .add_column(integer_null("satisfaction"))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("visits")
                .add_column(text_null("satisfaction_comment"))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in ["satisfaction_comment", "satisfaction"] {
            m.alter_table(
                Table::alter()
                    .table("visits")
                    .drop_column(column)
                    .to_owned(),
            )
            .await?;
        }
        m.drop_table(Table::drop().table("visit_signatures").to_owned())
            .await?;
        m.drop_table(Table::drop().table("consents").to_owned())
            .await
    }
}
