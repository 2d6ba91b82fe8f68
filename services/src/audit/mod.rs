//! The audit log: who read or changed what, about which resident, when, why and from
//! where — every read of a resident's data, every change, every sign-in, sign-out,
//! lockout and denied request. Entries are only ever appended (triggers refuse UPDATE
//! and DELETE) and chained: each carries the hash of the one before it, so
//! `verify::walk` finds an edited, deleted or reordered entry.

pub mod retention;
pub mod verify;
pub mod viewer;

use super::entities::{audit_entry, audit_head};
use crate::db::begin_write;
use chrono::{DateTime, Utc};
use madoguchi_core::audit::{entry_hash, ChainFields};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait, Set, Statement, TransactionSession,
    TransactionTrait,
};

/// One entry to record.
pub struct Audit<'a> {
    pub staff_user_id: Option<i32>,
    pub action: &'a str,
    pub target: String,
    pub household_id: Option<i32>,
    pub resident_id: Option<i32>,
    pub purpose: &'a str,
    pub outcome: &'a str,
}

/// Appends an entry to the chain. Inside a caller's transaction it becomes part of it
/// (written or rolled back with the rest); on its own it is one short transaction.
/// The chain's head row is updated first, so concurrent writers — other requests,
/// other server processes on PostgreSQL — queue on it and the chain never forks.
pub async fn record<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    at: DateTime<Utc>,
    origin: &str,
    e: Audit<'_>,
) -> Result<(), DbErr> {
    append(db, at, origin, None, e).await
}

/// Appends an entry whose actor is a resident signed in online (`e.staff_user_id` is
/// then `None`).
pub async fn record_resident<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    at: DateTime<Utc>,
    origin: &str,
    resident_account_id: i32,
    e: Audit<'_>,
) -> Result<(), DbErr> {
    append(db, at, origin, Some(resident_account_id), e).await
}

async fn append<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    at: DateTime<Utc>,
    origin: &str,
    resident_account_id: Option<i32>,
    e: Audit<'_>,
) -> Result<(), DbErr> {
    let txn = begin_write(db).await?;
    let backend = txn.get_database_backend();
    txn.execute_raw(Statement::from_string(
        backend,
        "UPDATE audit_head SET seq = seq + 1 WHERE id = 1",
    ))
    .await?;
    let head = audit_head::Entity::find_by_id(1)
        .one(&txn)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("audit_head".into()))?;
    // Microseconds: what both databases keep exactly, so the hash verifies after a
    // round trip (and after a backup and restore).
    let at_micros = at.timestamp_micros();
    let at = DateTime::from_timestamp_micros(at_micros).unwrap_or(at);
    let target = truncate(&e.target, 64);
    let origin = truncate(origin, 64);
    let hash = entry_hash(
        &head.hash,
        &ChainFields {
            seq: head.seq,
            at_micros,
            staff_user_id: e.staff_user_id,
            action: e.action,
            target: &target,
            household_id: e.household_id,
            resident_id: e.resident_id,
            purpose: e.purpose,
            outcome: e.outcome,
            origin: &origin,
            resident_account_id,
        },
    );
    audit_entry::ActiveModel {
        at: Set(at),
        staff_user_id: Set(e.staff_user_id),
        action: Set(e.action.into()),
        target: Set(target),
        household_id: Set(e.household_id),
        resident_id: Set(e.resident_id),
        purpose: Set(e.purpose.into()),
        outcome: Set(e.outcome.into()),
        origin: Set(origin),
        seq: Set(head.seq),
        prev_hash: Set(head.hash.clone()),
        hash: Set(hash.clone()),
        resident_account_id: Set(resident_account_id),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit_head::ActiveModel {
        id: Set(1),
        seq: Set(head.seq),
        hash: Set(hash),
    }
    .update(&txn)
    .await?;
    txn.commit().await
}

fn truncate(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}
