//! Retention: entries older than the city keeps them are summarised into a checkpoint
//! (how many, of which actions and outcomes, from when to when, and the hash of the
//! last one) and removed; the chain goes on verifying from the checkpoint. Run by the
//! database owner (`madoguchi audit prune`): it lifts the append-only trigger for the
//! one DELETE, inside the same transaction, and refuses to prune a broken chain.

use super::super::entities::{audit_checkpoint, audit_entry};
use super::{record, verify, Audit};
use crate::db::begin_write;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection, DbErr,
    EntityTrait, QueryFilter, QueryOrder, Set, Statement,
};
use std::collections::BTreeMap;

#[derive(Debug, PartialEq, Eq)]
pub enum Pruned {
    /// Nothing was old enough.
    Nothing,
    /// Entries up to this chain position were summarised and removed.
    UpTo { seq: i64, entries: i64 },
}

#[derive(Debug, thiserror::Error)]
pub enum PruneError {
    #[error("the audit chain does not verify ({0}); nothing was pruned")]
    Broken(String),
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// Summarises and removes the entries older than `keep_days`.
pub async fn prune(
    db: &DatabaseConnection,
    keep_days: u32,
    now: DateTime<Utc>,
) -> Result<Pruned, PruneError> {
    let report = verify::walk(db).await?;
    if let Some(p) = &report.problem {
        return Err(PruneError::Broken(p.detail.clone()));
    }
    let cutoff = now - Duration::days(i64::from(keep_days));
    let txn = begin_write(db).await?;
    let last_old = audit_entry::Entity::find()
        .filter(audit_entry::Column::At.lt(cutoff))
        .order_by_desc(audit_entry::Column::Seq)
        .one(&txn)
        .await?;
    let Some(last_old) = last_old else {
        return Ok(Pruned::Nothing);
    };
    let old = audit_entry::Entity::find()
        .filter(audit_entry::Column::Seq.lte(last_old.seq))
        .order_by_asc(audit_entry::Column::Seq)
        .all(&txn)
        .await?;
    let mut summary: BTreeMap<String, u64> = BTreeMap::new();
    for e in &old {
        *summary
            .entry(format!("{}:{}", e.action, e.outcome))
            .or_default() += 1;
    }
    let entries = i64::try_from(old.len()).unwrap_or(i64::MAX);
    audit_checkpoint::ActiveModel {
        up_to_seq: Set(last_old.seq),
        hash: Set(last_old.hash.clone()),
        entries: Set(entries),
        first_at: Set(old.first().map(|e| e.at)),
        last_at: Set(Some(last_old.at)),
        summary: Set(serde_json::to_string(&summary).unwrap_or_default()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    delete_through(&txn, last_old.seq).await?;
    record(
        &txn,
        now,
        "command-line",
        Audit {
            staff_user_id: None,
            action: "audit_prune",
            target: format!("up_to_seq:{}", last_old.seq),
            household_id: None,
            resident_id: None,
            purpose: "retention",
            outcome: "ok",
        },
    )
    .await?;
    txn.commit().await?;
    Ok(Pruned::UpTo {
        seq: last_old.seq,
        entries,
    })
}

/// Deletes entries up to `seq` with the append-only trigger lifted for this
/// transaction only.
async fn delete_through<C: ConnectionTrait>(db: &C, seq: i64) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    let run = |sql: String| async move {
        db.execute_raw(Statement::from_string(backend, sql))
            .await
            .map(|_| ())
    };
    match backend {
        DatabaseBackend::Postgres => {
            run("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only".into()).await?;
            run(format!("DELETE FROM audit_log WHERE seq <= {seq}")).await?;
            run("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only".into()).await
        }
        _ => {
            run("DROP TRIGGER audit_log_no_delete".into()).await?;
            run(format!("DELETE FROM audit_log WHERE seq <= {seq}")).await?;
            run(
                "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log \
                 BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
                    .into(),
            )
            .await
        }
    }
}
