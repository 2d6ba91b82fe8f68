//! `madoguchi backup --out FILE` and `madoguchi restore FILE`.
//!
//! SQLite: `VACUUM INTO` writes a consistent copy while the server runs (SQLite's
//! online backup into a fresh file); restore copies it into place (stop the server
//! first). PostgreSQL: `pg_dump --format=custom` from a snapshot exported by a
//! repeatable-read transaction, in which the rows are also counted; restore runs
//! `pg_restore`. Beside the backup, `FILE.manifest.json` records each table's row count
//! and the audit chain's head; after a restore both are checked (the chain verified,
//! the counts compared). Restore refuses a database that already holds tables unless
//! `--force`.

use anyhow::{bail, Context};
use madoguchi_services::audit::verify;
use sea_orm::{
    AccessMode, ConnectionTrait, DatabaseBackend, DatabaseConnection, IsolationLevel, Statement,
    TransactionTrait,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(clap::Args, Debug)]
pub struct BackupArgs {
    /// The backup file to write (refused if it exists).
    #[arg(long)]
    pub out: PathBuf,
}

#[derive(clap::Args, Debug)]
pub struct RestoreArgs {
    /// The backup file `madoguchi backup` wrote.
    pub file: PathBuf,
    /// Replace a database that already holds tables.
    #[arg(long)]
    pub force: bool,
}

/// What a backup holds, to check a restore against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub backend: String,
    pub rows: BTreeMap<String, i64>,
    pub audit_head_seq: i64,
    pub audit_head_hash: String,
}

pub fn manifest_path(file: &Path) -> PathBuf {
    let mut p = file.as_os_str().to_owned();
    p.push(".manifest.json");
    PathBuf::from(p)
}

fn sqlite_path(url: &str) -> anyhow::Result<PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .context("not a sqlite URL")?;
    let path = rest.split('?').next().unwrap_or(rest);
    Ok(PathBuf::from(path))
}

async fn tables<C: ConnectionTrait>(db: &C) -> anyhow::Result<Vec<String>> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DatabaseBackend::Postgres => {
            "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        }
        _ => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    };
    let rows = db
        .query_all_raw(Statement::from_string(backend, sql))
        .await?;
    Ok(rows
        .iter()
        .filter_map(|r| r.try_get::<String>("", "name").ok())
        .collect())
}

async fn count_rows<C: ConnectionTrait>(db: &C) -> anyhow::Result<BTreeMap<String, i64>> {
    let backend = db.get_database_backend();
    let mut out = BTreeMap::new();
    for t in tables(db).await? {
        let row = db
            .query_one_raw(Statement::from_string(
                backend,
                format!("SELECT COUNT(*) AS n FROM \"{t}\""),
            ))
            .await?
            .context("a count")?;
        out.insert(t, row.try_get::<i64>("", "n")?);
    }
    Ok(out)
}

async fn head<C: ConnectionTrait>(db: &C) -> anyhow::Result<(i64, String)> {
    let backend = db.get_database_backend();
    let row = db
        .query_one_raw(Statement::from_string(
            backend,
            "SELECT seq, hash FROM audit_head WHERE id = 1",
        ))
        .await?
        .context("the audit head")?;
    Ok((row.try_get("", "seq")?, row.try_get("", "hash")?))
}

/// Writes a backup of the database at `url` to `out`, and its manifest beside it.
pub async fn backup(url: &str, out: &Path) -> anyhow::Result<Manifest> {
    if out.exists() {
        bail!("{} exists; choose a new file", out.display());
    }
    let manifest = if url.starts_with("postgres") {
        backup_postgres(url, out).await?
    } else {
        backup_sqlite(url, out).await?
    };
    std::fs::write(manifest_path(out), serde_json::to_string_pretty(&manifest)?)?;
    Ok(manifest)
}

async fn backup_sqlite(url: &str, out: &Path) -> anyhow::Result<Manifest> {
    let db = super::open(url).await?;
    let target = out
        .to_str()
        .context("a backup path in UTF-8")?
        .replace('\'', "''");
    db.execute_raw(Statement::from_string(
        DatabaseBackend::Sqlite,
        format!("VACUUM INTO '{target}'"),
    ))
    .await
    .context("VACUUM INTO")?;
    db.close().await?;
    // Count in the copy itself: exactly what the file holds.
    let copy = madoguchi_services::db::connect(&format!("sqlite://{}", out.display())).await?;
    let rows = count_rows(&copy).await?;
    let (seq, hash) = head(&copy).await?;
    copy.close().await?;
    Ok(Manifest {
        backend: "sqlite".into(),
        rows,
        audit_head_seq: seq,
        audit_head_hash: hash,
    })
}

async fn backup_postgres(url: &str, out: &Path) -> anyhow::Result<Manifest> {
    let db = super::open(url).await?;
    // One snapshot for pg_dump and for the counts: they agree even while the server
    // keeps writing.
    let txn = db
        .begin_with_config(
            Some(IsolationLevel::RepeatableRead),
            Some(AccessMode::ReadOnly),
        )
        .await?;
    let snapshot: String = txn
        .query_one_raw(Statement::from_string(
            DatabaseBackend::Postgres,
            "SELECT pg_export_snapshot() AS s",
        ))
        .await?
        .context("a snapshot")?
        .try_get("", "s")?;
    let url_owned = url.to_owned();
    let out_owned = out.to_owned();
    let dump = tokio::task::spawn_blocking(move || {
        Command::new("pg_dump")
            .args(["--format=custom", "--no-owner", "--no-privileges"])
            .arg(format!("--snapshot={snapshot}"))
            .arg("--file")
            .arg(&out_owned)
            .arg(&url_owned)
            .status()
    });
    let rows = count_rows(&txn).await?;
    let (seq, hash) = head(&txn).await?;
    let status = dump
        .await?
        .context("pg_dump could not be run (is postgresql-client installed?)")?;
    txn.commit().await?;
    if !status.success() {
        bail!("pg_dump failed ({status})");
    }
    Ok(Manifest {
        backend: "postgres".into(),
        rows,
        audit_head_seq: seq,
        audit_head_hash: hash,
    })
}

/// What a restore found when it checked the result.
#[derive(Debug)]
pub struct Restored {
    pub tables: usize,
    pub audit_entries: u64,
}

/// Restores `file` into the database at `url` and checks it against the manifest.
pub async fn restore(url: &str, file: &Path, force: bool) -> anyhow::Result<Restored> {
    let manifest: Manifest = serde_json::from_str(
        &std::fs::read_to_string(manifest_path(file))
            .with_context(|| format!("{} has no manifest beside it", file.display()))?,
    )?;
    if url.starts_with("postgres") {
        if manifest.backend != "postgres" {
            bail!(
                "this is a {} backup; restore it into {}",
                manifest.backend,
                manifest.backend
            );
        }
        restore_postgres(url, file, force).await?;
    } else {
        if manifest.backend != "sqlite" {
            bail!(
                "this is a {} backup; restore it into {}",
                manifest.backend,
                manifest.backend
            );
        }
        restore_sqlite(url, file, force).await?;
    }
    check(url, &manifest).await
}

async fn holds_tables(db: &DatabaseConnection) -> anyhow::Result<bool> {
    Ok(!tables(db).await?.is_empty())
}

async fn restore_sqlite(url: &str, file: &Path, force: bool) -> anyhow::Result<()> {
    let path = sqlite_path(url)?;
    if path.exists() {
        let db = madoguchi_services::db::connect(url).await?;
        let occupied = holds_tables(&db).await?;
        db.close().await?;
        if occupied && !force {
            bail!(
                "{} already holds a database; add --force to replace it",
                path.display()
            );
        }
    }
    for suffix in ["-wal", "-shm"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(side));
    }
    std::fs::copy(file, &path).with_context(|| format!("copying into {}", path.display()))?;
    Ok(())
}

async fn restore_postgres(url: &str, file: &Path, force: bool) -> anyhow::Result<()> {
    let db = madoguchi_services::db::connect(url).await?;
    if holds_tables(&db).await? {
        if !force {
            bail!("the database already holds tables; add --force to replace them");
        }
        db.execute_unprepared("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
            .await?;
    }
    db.close().await?;
    let status = Command::new("pg_restore")
        .args([
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--dbname",
        ])
        .arg(url)
        .arg(file)
        .status()
        .context("pg_restore could not be run (is postgresql-client installed?)")?;
    if !status.success() {
        bail!("pg_restore failed ({status})");
    }
    Ok(())
}

/// Verifies the restored audit chain and compares every table's rows with the manifest.
async fn check(url: &str, manifest: &Manifest) -> anyhow::Result<Restored> {
    let db = madoguchi_services::db::connect(url).await?;
    let report = verify::walk(&db).await?;
    if let Some(p) = report.problem {
        bail!("the restored audit chain does not verify: {}", p.detail);
    }
    if report.head_seq != manifest.audit_head_seq || report.head_hash != manifest.audit_head_hash {
        bail!(
            "the restored audit chain ends at entry {}, the backup's at {}",
            report.head_seq,
            manifest.audit_head_seq
        );
    }
    let rows = count_rows(&db).await?;
    if rows != manifest.rows {
        let differ: Vec<String> = manifest
            .rows
            .iter()
            .filter(|(t, n)| rows.get(*t) != Some(n))
            .map(|(t, n)| format!("{t}: {} of {n}", rows.get(t).copied().unwrap_or(0)))
            .collect();
        bail!("row counts differ from the backup's: {}", differ.join(", "));
    }
    db.close().await?;
    Ok(Restored {
        tables: rows.len(),
        audit_entries: report.entries,
    })
}

pub async fn run_backup(url: &str, args: BackupArgs) -> anyhow::Result<()> {
    let m = backup(url, &args.out).await?;
    println!(
        "backup written to {} ({} tables, {} rows; audit chain to entry {}); manifest {}",
        args.out.display(),
        m.rows.len(),
        m.rows.values().sum::<i64>(),
        m.audit_head_seq,
        manifest_path(&args.out).display()
    );
    Ok(())
}

pub async fn run_restore(url: &str, args: RestoreArgs) -> anyhow::Result<()> {
    let r = restore(url, &args.file, args.force).await?;
    println!(
        "restored {} tables; row counts match the backup; the audit chain verifies ({} entries)",
        r.tables, r.audit_entries
    );
    Ok(())
}
