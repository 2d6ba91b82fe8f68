//! Walks the audit chain from its start (or the last retention checkpoint) to its head
//! and names the first entry that was edited, deleted or moved. Also reports whether
//! the triggers that keep the table append-only are still in place.

use super::super::entities::{audit_checkpoint, audit_entry, audit_head};
use madoguchi_core::audit::{entry_hash, ChainFields, GENESIS};
use madoguchi_types::model::audit::{ChainProblem, ProblemKind, VerifyReport};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Statement,
};

const BATCH: u64 = 5_000;

fn fields(e: &audit_entry::Model) -> ChainFields<'_> {
    ChainFields {
        seq: e.seq,
        at_micros: e.at.timestamp_micros(),
        staff_user_id: e.staff_user_id,
        action: &e.action,
        target: &e.target,
        household_id: e.household_id,
        resident_id: e.resident_id,
        purpose: &e.purpose,
        outcome: &e.outcome,
        origin: &e.origin,
        resident_account_id: e.resident_account_id,
    }
}

fn problem(
    kind: ProblemKind,
    e: Option<&audit_entry::Model>,
    seq: i64,
    detail: String,
) -> ChainProblem {
    ChainProblem {
        kind,
        id: e.map(|e| e.id),
        seq,
        detail,
    }
}

/// Verifies the whole chain. Reads in batches, so a log of millions of entries is
/// walked in constant memory.
pub async fn walk<C: ConnectionTrait>(db: &C) -> Result<VerifyReport, DbErr> {
    let checkpoint = audit_checkpoint::Entity::find()
        .order_by_desc(audit_checkpoint::Column::UpToSeq)
        .one(db)
        .await?;
    let (start_seq, start_hash) = checkpoint
        .as_ref()
        .map_or((0, GENESIS.to_owned()), |c| (c.up_to_seq, c.hash.clone()));
    let mut expected = start_seq + 1;
    let mut prev = start_hash;
    let mut entries = 0u64;
    let mut last_id = 0i32;
    let mut found: Option<ChainProblem> = None;
    'walk: loop {
        let batch = audit_entry::Entity::find()
            .filter(audit_entry::Column::Id.gt(last_id))
            .order_by_asc(audit_entry::Column::Id)
            .limit(BATCH)
            .all(db)
            .await?;
        if batch.is_empty() {
            break;
        }
        for e in &batch {
            last_id = e.id;
            if e.seq != expected {
                found = Some(seq_problem(db, e, expected).await?);
                break 'walk;
            }
            if e.prev_hash != prev {
                found = Some(problem(
                    ProblemKind::Edited,
                    Some(e),
                    e.seq,
                    format!(
                        "entry {} does not follow the entry before it (its link was changed, or the one before was)",
                        e.seq
                    ),
                ));
                break 'walk;
            }
            let h = entry_hash(&prev, &fields(e));
            if h != e.hash {
                found = Some(problem(
                    ProblemKind::Edited,
                    Some(e),
                    e.seq,
                    format!("entry {} was changed after it was written", e.seq),
                ));
                break 'walk;
            }
            prev = h;
            expected += 1;
            entries += 1;
        }
    }
    let head = audit_head::Entity::find_by_id(1).one(db).await?;
    if found.is_none() {
        found = match &head {
            None => Some(problem(
                ProblemKind::Deleted,
                None,
                expected - 1,
                "the chain's head row is missing".into(),
            )),
            Some(h) if h.seq > expected - 1 => Some(problem(
                ProblemKind::Deleted,
                None,
                expected,
                format!(
                    "the log ends at entry {} but {} entries were written: the last were deleted",
                    expected - 1,
                    h.seq
                ),
            )),
            Some(h) if h.seq != expected - 1 || h.hash != prev => Some(problem(
                ProblemKind::Edited,
                None,
                h.seq,
                "the chain's head does not match the last entry".into(),
            )),
            Some(_) => None,
        };
    }
    Ok(VerifyReport {
        entries,
        from_seq: start_seq,
        head_seq: expected - 1,
        head_hash: prev,
        triggers_in_place: triggers_in_place(db).await?,
        problem: found,
    })
}

/// An entry whose position is not the next one: entries were deleted before it, or
/// entries were swapped (the expected one turns up later).
async fn seq_problem<C: ConnectionTrait>(
    db: &C,
    e: &audit_entry::Model,
    expected: i64,
) -> Result<ChainProblem, DbErr> {
    let later = audit_entry::Entity::find()
        .filter(audit_entry::Column::Seq.eq(expected))
        .filter(audit_entry::Column::Id.gt(e.id))
        .one(db)
        .await?;
    Ok(if later.is_some() || e.seq < expected {
        problem(
            ProblemKind::Reordered,
            Some(e),
            expected,
            format!(
                "entry {expected} is out of place: entry {} stands where it should be",
                e.seq
            ),
        )
    } else {
        let missing = e.seq - expected;
        problem(
            ProblemKind::Deleted,
            Some(e),
            expected,
            if missing == 1 {
                format!("entry {expected} was deleted")
            } else {
                format!("entries {expected}–{} were deleted", e.seq - 1)
            },
        )
    })
}

/// Whether the triggers that refuse UPDATE and DELETE on the log still exist.
async fn triggers_in_place<C: ConnectionTrait>(db: &C) -> Result<bool, DbErr> {
    let backend = db.get_database_backend();
    let (sql, expected) = match backend {
        DatabaseBackend::Postgres => (
            "SELECT COUNT(*) AS n FROM pg_trigger WHERE tgrelid = 'audit_log'::regclass \
             AND NOT tgisinternal AND tgenabled <> 'D'",
            2,
        ),
        _ => (
            "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'trigger' \
             AND tbl_name = 'audit_log'",
            2,
        ),
    };
    let n: i64 = db
        .query_one_raw(Statement::from_string(backend, sql))
        .await?
        .map(|r| r.try_get("", "n"))
        .transpose()?
        .unwrap_or(0);
    Ok(n >= expected)
}
