//! Online applications: a visit is run by a staff member at the counter or by a
//! resident signed in online (`visits.resident_account_id`), so a visit's staff member
//! — and a consent's — may be none.
//!
//! PostgreSQL drops the `NOT NULL`. SQLite cannot alter a column: the table is rebuilt
//! the way SQLite's manual sets out (foreign keys off on one connection, a new table
//! with the changed definition, the rows copied, the old table dropped and the new one
//! renamed, its indexes made again, `foreign_key_check`, commit, foreign keys on).

use crate::index;
use sea_orm::sqlx::{self, Row, SqliteConnection};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The columns that become nullable, by table.
const NULLABLE: [(&str, &str); 2] = [("visits", "staff_user_id"), ("consents", "staff_user_id")];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// SQLite's rebuild manages its own transaction on one connection; PostgreSQL's
    /// statements run in the migrator's.
    fn use_transaction(&self) -> Option<bool> {
        Some(false)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        match m.get_database_backend() {
            DbBackend::Sqlite => {
                let SchemaManagerConnection::Connection(db) = m.get_connection() else {
                    return Err(DbErr::Migration("SQLite rebuild needs a pool".into()));
                };
                let mut conn = db
                    .get_sqlite_connection_pool()
                    .acquire()
                    .await
                    .map_err(sqlx_err)?;
                exec(&mut conn, "PRAGMA foreign_keys = OFF").await?;
                let rebuilt = rebuild_all(&mut conn).await;
                if rebuilt.is_err() {
                    let _ = exec(&mut conn, "ROLLBACK").await;
                }
                // The connection goes back to the pool as it came: foreign keys on.
                exec(&mut conn, "PRAGMA foreign_keys = ON").await?;
                rebuilt?;
            }
            _ => {
                let txn = m.begin().await?;
                for (table, column) in NULLABLE {
                    txn.alter_table(
                        Table::alter()
                            .table(table)
                            .modify_column(ColumnDef::new(column).integer().null())
                            .to_owned(),
                    )
                    .await?;
                }
                add_owner(&txn).await?;
                return txn.commit().await;
            }
        }
        add_owner(m).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("ix_visits_resident_account_id")
                .table("visits")
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("visits")
                .drop_column("resident_account_id")
                .to_owned(),
        )
        .await
    }
}

/// The resident account that runs an online visit.
async fn add_owner(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.alter_table(
        Table::alter()
            .table("visits")
            .add_column(integer_null("resident_account_id"))
            .to_owned(),
    )
    .await?;
    m.create_index(index("visits", &["resident_account_id"], false))
        .await
}

async fn rebuild_all(conn: &mut SqliteConnection) -> Result<(), DbErr> {
    exec(conn, "BEGIN IMMEDIATE").await?;
    for (table, column) in NULLABLE {
        rebuild_nullable(conn, table, column).await?;
    }
    let broken = sqlx::query("PRAGMA foreign_key_check")
        .fetch_all(&mut *conn)
        .await
        .map_err(sqlx_err)?;
    if !broken.is_empty() {
        return Err(DbErr::Migration(format!(
            "{} rows break a foreign key after the rebuild",
            broken.len()
        )));
    }
    exec(conn, "COMMIT").await
}

/// Rebuilds `table` with `column` no longer `NOT NULL`, everything else as it was.
async fn rebuild_nullable(
    conn: &mut SqliteConnection,
    table: &str,
    column: &str,
) -> Result<(), DbErr> {
    let create: String =
        sqlx::query("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?")
            .bind(table)
            .fetch_one(&mut *conn)
            .await
            .map_err(sqlx_err)?
            .try_get(0)
            .map_err(sqlx_err)?;
    let indexes: Vec<String> = sqlx::query(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
    )
    .bind(table)
    .fetch_all(&mut *conn)
    .await
    .map_err(sqlx_err)?
    .iter()
    .map(|r| r.try_get(0))
    .collect::<Result<_, _>>()
    .map_err(sqlx_err)?;
    let new_table = format!("{table}_rebuilt");
    let create = nullable_definition(&create, table, &new_table, column)?;
    exec(conn, &create).await?;
    exec(
        conn,
        &format!("INSERT INTO \"{new_table}\" SELECT * FROM \"{table}\""),
    )
    .await?;
    exec(conn, &format!("DROP TABLE \"{table}\"")).await?;
    exec(
        conn,
        &format!("ALTER TABLE \"{new_table}\" RENAME TO \"{table}\""),
    )
    .await?;
    for sql in indexes {
        exec(conn, &sql).await?;
    }
    Ok(())
}

/// The table's `CREATE TABLE` under the new name with `column`'s `NOT NULL` dropped;
/// an error when the definition is not as sea-query writes it (nothing is guessed).
fn nullable_definition(
    create: &str,
    table: &str,
    new_table: &str,
    column: &str,
) -> Result<String, DbErr> {
    let head = format!("CREATE TABLE \"{table}\"");
    let col = format!("\"{column}\" integer NOT NULL");
    if !create.starts_with(&head) || create.matches(&col).count() != 1 {
        return Err(DbErr::Migration(format!(
            "unexpected definition of {table}.{column}: {create}"
        )));
    }
    Ok(create
        .replacen(&head, &format!("CREATE TABLE \"{new_table}\""), 1)
        .replacen(&col, &format!("\"{column}\" integer"), 1))
}

async fn exec(conn: &mut SqliteConnection, sql: &str) -> Result<(), DbErr> {
    // Statements of this file, and the definitions SQLite itself keeps.
    sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()))
        .execute(&mut *conn)
        .await
        .map(|_| ())
        .map_err(sqlx_err)
}

fn sqlx_err(e: sqlx::Error) -> DbErr {
    DbErr::Migration(e.to_string())
}

#[cfg(test)]
mod tests {
    use super::nullable_definition;

    #[test]
    fn drops_only_the_columns_not_null() {
        let sql = "CREATE TABLE \"consents\" ( \"id\" integer NOT NULL PRIMARY KEY AUTOINCREMENT, \"staff_user_id\" integer NOT NULL, \"at\" timestamp_with_timezone_text NOT NULL )";
        let out =
            nullable_definition(sql, "consents", "consents_rebuilt", "staff_user_id").unwrap();
        assert_eq!(out, "CREATE TABLE \"consents_rebuilt\" ( \"id\" integer NOT NULL PRIMARY KEY AUTOINCREMENT, \"staff_user_id\" integer, \"at\" timestamp_with_timezone_text NOT NULL )");
        assert!(nullable_definition(sql, "visits", "v2", "staff_user_id").is_err());
        assert!(nullable_definition(sql, "consents", "c2", "visit_id").is_err());
    }
}
