//! The audit log: append-only in the database, a hash chain that `madoguchi audit
//! verify` walks, edits made behind the application's back with `sqlite3` or `psql`
//! found, retention that keeps the chain verifiable, and the auditor's viewer.

use crate::common::{madoguchi_on, now, TestDb};
use chrono::Duration;
use madoguchi_services::audit::{self, retention, verify, viewer, Audit};
use madoguchi_types::model::audit::{AuditQuery, ProblemKind};
use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};
use std::process::Command;

/// Some activity: a few reads of households by the counter.
async fn activity(t: &TestDb, n: usize) {
    let counter = t.staff("counter").await;
    for i in 0..n {
        audit::record(
            &t.db,
            now() + Duration::seconds(i as i64),
            "192.0.2.10",
            Audit {
                staff_user_id: Some(counter.id),
                action: "household_search",
                target: format!("search:{i}"),
                household_id: Some(1 + (i as i32 % 3)),
                resident_id: None,
                purpose: "counter_visit",
                outcome: "ok",
            },
        )
        .await
        .unwrap();
    }
}

/// Runs SQL on the test database with the database's own command-line client, as
/// someone with the file or the superuser's password would.
fn tamper(t: &TestDb, sql: &str) {
    let out = match t.backend() {
        DatabaseBackend::Postgres => Command::new("psql")
            .args([t.url.as_str(), "-v", "ON_ERROR_STOP=1", "-qc", sql])
            .output()
            .expect("psql runs"),
        _ => {
            let path = t.url.trim_start_matches("sqlite://");
            Command::new("sqlite3")
                .args([path, sql])
                .output()
                .expect("sqlite3 runs")
        }
    };
    assert!(
        out.status.success(),
        "{sql}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Lifts the append-only triggers the way an intruder with the owner's rights would.
fn without_triggers(t: &TestDb, sql: &str) -> String {
    match t.backend() {
        DatabaseBackend::Postgres => format!(
            "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only; {sql}; \
             ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;"
        ),
        _ => format!("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; {sql};"),
    }
}

async fn seq_of_row(t: &TestDb, offset: i64) -> (i32, i64) {
    let row =
        t.db.query_one_raw(Statement::from_string(
            t.backend(),
            format!("SELECT id, seq FROM audit_log ORDER BY seq LIMIT 1 OFFSET {offset}"),
        ))
        .await
        .unwrap()
        .unwrap();
    (
        row.try_get("", "id").unwrap(),
        row.try_get("", "seq").unwrap(),
    )
}

#[tokio::test]
async fn the_chain_verifies_after_real_activity() {
    let t = TestDb::new().await.with_city(5).await;
    activity(&t, 20).await;
    let r = verify::walk(&t.db).await.unwrap();
    assert!(r.ok(), "{r:?}");
    assert_eq!(r.entries as i64, t.count("audit_log").await);
    assert_eq!(r.head_seq, r.entries as i64);
}

#[tokio::test]
async fn the_database_refuses_to_change_or_remove_an_entry() {
    let t = TestDb::new().await.with_city(5).await;
    activity(&t, 3).await;
    for sql in [
        "UPDATE audit_log SET outcome = 'denied'",
        "DELETE FROM audit_log",
        "UPDATE audit_head SET seq = 0",
    ] {
        let e =
            t.db.execute_raw(Statement::from_string(t.backend(), sql))
                .await;
        assert!(e.is_err(), "{sql} was allowed");
    }
    assert!(verify::walk(&t.db).await.unwrap().ok());
}

#[tokio::test]
async fn an_edited_entry_is_named() {
    let t = TestDb::new().await.with_city(5).await;
    activity(&t, 10).await;
    let (id, seq) = seq_of_row(&t, 12).await;
    tamper(
        &t,
        &without_triggers(
            &t,
            &format!("UPDATE audit_log SET target = 'search:nothing' WHERE id = {id}"),
        ),
    );
    let r = verify::walk(&t.db).await.unwrap();
    let p = r.problem.expect("found");
    assert_eq!((p.kind, p.id, p.seq), (ProblemKind::Edited, Some(id), seq));
    assert_eq!(r.entries as i64, seq - 1, "everything before it verifies");
}

#[tokio::test]
async fn a_deleted_entry_is_named() {
    let t = TestDb::new().await.with_city(5).await;
    activity(&t, 10).await;
    let (id, seq) = seq_of_row(&t, 7).await;
    tamper(
        &t,
        &without_triggers(&t, &format!("DELETE FROM audit_log WHERE id = {id}")),
    );
    let p = verify::walk(&t.db).await.unwrap().problem.expect("found");
    assert_eq!((p.kind, p.seq), (ProblemKind::Deleted, seq));
}

#[tokio::test]
async fn swapped_entries_are_named() {
    let t = TestDb::new().await.with_city(5).await;
    activity(&t, 10).await;
    let (a, seq_a) = seq_of_row(&t, 5).await;
    let (b, _) = seq_of_row(&t, 6).await;
    // Move the rows: each takes the other's id (and so the other's place in the log).
    let swap = format!(
        "UPDATE audit_log SET id = -1 WHERE id = {a}; UPDATE audit_log SET id = {a} WHERE id = {b}; \
         UPDATE audit_log SET id = {b} WHERE id = -1"
    );
    tamper(&t, &without_triggers(&t, &swap));
    let p = verify::walk(&t.db).await.unwrap().problem.expect("found");
    assert_eq!((p.kind, p.seq), (ProblemKind::Reordered, seq_a));
}

#[tokio::test]
async fn the_last_entries_deleted_are_noticed() {
    let t = TestDb::new().await.with_city(5).await;
    activity(&t, 10).await;
    let total = t.count("audit_log").await;
    tamper(
        &t,
        &without_triggers(
            &t,
            &format!("DELETE FROM audit_log WHERE seq > {}", total - 3),
        ),
    );
    let r = verify::walk(&t.db).await.unwrap();
    let p = r.problem.expect("found");
    assert_eq!(p.kind, ProblemKind::Deleted);
    assert!(!r.triggers_in_place || t.backend() == DatabaseBackend::Postgres);
}

#[tokio::test]
async fn madoguchi_audit_verify_exits_non_zero_and_names_the_entry() {
    let t = TestDb::new().await.with_city(5).await;
    activity(&t, 5).await;
    let ok = madoguchi_on(&t.url, &["audit", "verify"]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).starts_with("OK:"));
    let (id, seq) = seq_of_row(&t, 3).await;
    tamper(
        &t,
        &without_triggers(
            &t,
            &format!("UPDATE audit_log SET outcome = 'edited' WHERE id = {id}"),
        ),
    );
    let broken = madoguchi_on(&t.url, &["audit", "verify"]);
    assert!(!broken.status.success());
    let text = String::from_utf8_lossy(&broken.stdout);
    assert!(
        text.contains(&format!("BROKEN at entry {seq} (row id {id})")),
        "{text}"
    );
}

#[tokio::test]
async fn retention_summarises_old_entries_and_the_chain_still_verifies() {
    let t = TestDb::new().await.with_city(5).await;
    activity(&t, 10).await;
    let total = t.count("audit_log").await;
    // Everything so far is "old" a year and a day later.
    let later = now() + Duration::days(366);
    let pruned = retention::prune(&t.db, 365, later).await.unwrap();
    assert_eq!(
        pruned,
        retention::Pruned::UpTo {
            seq: total,
            entries: total
        }
    );
    assert_eq!(t.count("audit_checkpoints").await, 1);
    assert_eq!(t.count("audit_log").await, 1, "only the prune's own entry");
    let r = verify::walk(&t.db).await.unwrap();
    assert!(r.ok(), "{r:?}");
    assert_eq!(r.from_seq, total);
    // Deleting behind the checkpoint's back is still found.
    activity(&t, 3).await;
    let (id, _) = seq_of_row(&t, 1).await;
    tamper(
        &t,
        &without_triggers(&t, &format!("DELETE FROM audit_log WHERE id = {id}")),
    );
    assert!(verify::walk(&t.db).await.unwrap().problem.is_some());
    assert!(matches!(
        retention::prune(&t.db, 365, later + Duration::days(400)).await,
        Err(retention::PruneError::Broken(_))
    ));
}

/// One page of the viewer, as the auditor asks for it.
async fn search(
    t: &TestDb,
    auditor: &madoguchi_types::model::StaffMe,
    q: AuditQuery,
    at: chrono::DateTime<chrono::Utc>,
) -> madoguchi_types::model::audit::AuditPage {
    viewer::search(&t.db, auditor, &q, at, "192.0.2.99")
        .await
        .unwrap()
}

#[tokio::test]
async fn the_viewer_filters_and_flags_bulk_reads() {
    let t = TestDb::new().await.with_city(40).await;
    let counter = t.staff("counter").await;
    let auditor = t.staff("kansa").await;
    // Thirty-five different households in seven minutes.
    for i in 0..35 {
        audit::record(
            &t.db,
            now() + Duration::seconds(12 * i),
            "192.0.2.10",
            Audit {
                staff_user_id: Some(counter.id),
                action: "household_search",
                target: format!("search:{i}"),
                household_id: Some(1 + i as i32),
                resident_id: None,
                purpose: "counter_visit",
                outcome: "ok",
            },
        )
        .await
        .unwrap();
    }
    // One at 22:00 in Japan.
    audit::record(
        &t.db,
        now() + Duration::hours(12),
        "192.0.2.10",
        Audit {
            staff_user_id: Some(counter.id),
            action: "application_read",
            target: "application:1".into(),
            household_id: Some(1),
            resident_id: None,
            purpose: "department_processing",
            outcome: "ok",
        },
    )
    .await
    .unwrap();
    let page = search(
        &t,
        &auditor,
        AuditQuery {
            staff: Some("counter".into()),
            ..Default::default()
        },
        now() + Duration::hours(13),
    )
    .await;
    assert!(page
        .rows
        .iter()
        .all(|r| r.staff.as_deref() == Some("counter")));
    assert!(page.rows.len() >= 36);
    assert_eq!(page.alerts.len(), 1);
    assert_eq!(page.alerts[0].staff, "counter");
    assert_eq!(page.alerts[0].households, 35);
    let night = search(
        &t,
        &auditor,
        AuditQuery {
            after_hours: true,
            staff: Some("counter".into()),
            ..Default::default()
        },
        now() + Duration::hours(13),
    )
    .await;
    assert_eq!(night.rows.len(), 1, "{:?}", night.rows);
    assert_eq!(night.rows[0].action, "application_read");
    let nobody = search(
        &t,
        &auditor,
        AuditQuery {
            staff: Some("no-such-user".into()),
            ..Default::default()
        },
        now(),
    )
    .await;
    assert!(nobody.rows.is_empty());
    // Reading the log is itself in the log.
    let reads = search(
        &t,
        &auditor,
        AuditQuery {
            action: Some("audit_read".into()),
            ..Default::default()
        },
        now(),
    )
    .await;
    assert!(reads.rows.len() >= 3);
    let csv = viewer::csv(
        &t.db,
        &auditor,
        &AuditQuery {
            staff: Some("counter".into()),
            ..Default::default()
        },
        now(),
        "x",
    )
    .await
    .unwrap();
    assert!(csv.starts_with("seq,at_jst,staff,resident_account,action"));
    assert!(csv.lines().count() >= 37);
}
