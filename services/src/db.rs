//! Connecting to the database. SQLite (the embedded default) runs in WAL mode with
//! `synchronous=FULL` and foreign keys on; PostgreSQL is used as it is.

use migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, Database, DatabaseConnection, DbErr, SqliteTransactionMode, TransactionOptions,
    TransactionTrait,
};
use std::time::Duration;

/// Opens the database named by `url` (`sqlite://FILE` or `postgres://...`), creating a
/// SQLite file if it does not exist.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut url = url.to_owned();
    if url.starts_with("sqlite:") && !url.contains("mode=") {
        url.push_str(if url.contains('?') {
            "&mode=rwc"
        } else {
            "?mode=rwc"
        });
    }
    let mut opts = ConnectOptions::new(url);
    opts.max_connections(8)
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|o| {
            o.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
        });
    Database::connect(opts).await
}

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

/// Begins a transaction that writes. On SQLite it takes the write lock at once
/// (`BEGIN IMMEDIATE`): a deferred transaction that reads and then writes fails at once
/// with `database is locked` when another connection wrote in between — the busy
/// timeout does not cover that case — where an immediate one waits its turn (up to the
/// busy timeout). PostgreSQL begins as usual.
pub async fn begin_write<C: TransactionTrait>(db: &C) -> Result<C::Transaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    })
    .await
}

/// Inserts rows in statements of a size every backend accepts (SQLite and PostgreSQL
/// limit the parameters of one statement).
pub async fn insert_chunked<C, A>(db: &C, rows: Vec<A>) -> Result<(), DbErr>
where
    C: sea_orm::ConnectionTrait,
    A: sea_orm::ActiveModelTrait + Send,
{
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let part: Vec<A> = rows.by_ref().take(400).collect();
        <A::Entity as sea_orm::EntityTrait>::insert_many(part)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}
