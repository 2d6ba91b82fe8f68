//! Documents a resident attaches to an online application (a photo or scan of a
//! certificate, a bank book): kept with the visit until it is submitted, then with the
//! application of the procedure that asked for them. The bytes are kept in the database
//! (backed up with it), with their SHA-256 and the type their content showed.

use crate::{fk, index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("attachments")
                .col(pk_auto("id"))
                .col(integer("visit_id"))
                // Set when the visit is submitted: the application it belongs to.
                .col(integer_null("application_id"))
                .col(string_len("procedure_id", 64))
                // The document the procedure asks for, as the rules name it.
                .col(string_len("document", 200))
                // The file's name as the resident's phone gave it (shown, never used
                // as a path).
                .col(string_len("name", 120))
                // `pdf`, `jpg` or `png`, from the content.
                .col(string_len("kind", 8))
                .col(integer("size"))
                .col(string_len("sha256", 64))
                .col(blob("data"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("attachments", "visit_id", "visits"))
                .foreign_key(&mut fk("attachments", "application_id", "applications"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("attachments", &["visit_id"], false))
            .await?;
        m.create_index(index("attachments", &["application_id"], false))
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("attachments").to_owned())
            .await
    }
}
