//! Madoguchi's schema, written once in Rust so SQLite and PostgreSQL share one path.
//! Migrations are append-only: change the schema by adding a new one.

pub use sea_orm_migration::prelude::*;

mod m0001_registry;
mod m0002_counter;
mod m0003_rules;
mod m0004_drafts;
mod m0005_consent_signature_survey;
pub mod m0006_security;
mod m0007_rule_lifecycle;
mod m0008_workflow;
mod m0009_integration;
mod m0010_queue_all;
mod m0011_pre_entries;
mod m0012_online;
mod m0013_online_visits;
mod m0014_attachments;
mod m0015_notices;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m0001_registry::Migration),
            Box::new(m0002_counter::Migration),
            Box::new(m0003_rules::Migration),
            Box::new(m0004_drafts::Migration),
            Box::new(m0005_consent_signature_survey::Migration),
            Box::new(m0006_security::Migration),
            Box::new(m0007_rule_lifecycle::Migration),
            Box::new(m0008_workflow::Migration),
            Box::new(m0009_integration::Migration),
            Box::new(m0010_queue_all::Migration),
            Box::new(m0011_pre_entries::Migration),
            Box::new(m0012_online::Migration),
            Box::new(m0013_online_visits::Migration),
            Box::new(m0014_attachments::Migration),
            Box::new(m0015_notices::Migration),
        ]
    }
}

/// A foreign key from `table.column` to `target.id`.
pub(crate) fn fk(
    table: &'static str,
    column: &'static str,
    target: &'static str,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_{column}"))
        .from(table, column)
        .to(target, "id")
        .to_owned()
}

pub(crate) fn index(
    table: &'static str,
    columns: &[&'static str],
    unique: bool,
) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(format!("ix_{table}_{}", columns.join("_")))
        .table(table);
    for c in columns {
        i.col(*c);
    }
    if unique {
        i.unique();
    }
    i.to_owned()
}
