//! The supervisors' view of every department's queue (open applications, newest first)
//! reads by status and time across departments: an index for it, so its first page and
//! its count stay fast with 100,000 applications (docs/PERFORMANCE.md).

use crate::index;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(index("applications", &["status", "created_at"], false))
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("ix_applications_status_created_at")
                .table(Alias::new("applications"))
                .to_owned(),
        )
        .await
    }
}
