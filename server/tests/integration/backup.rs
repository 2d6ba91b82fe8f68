//! Backup and restore on the backend under test: a backup taken while the database is
//! in use, restored into a fresh database, verifies (audit chain, row counts); a
//! database that holds tables is not overwritten without `--force`.

use crate::common::{madoguchi_on, TestDb};
use server::cli::backup;

#[tokio::test]
async fn a_backup_restores_into_a_fresh_database_with_the_same_rows_and_a_verified_chain() {
    let t = TestDb::new().await.with_city(30).await;
    let _ = crate::counter::submitted_visit(&t).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("madoguchi.backup");
    let manifest = backup::backup(&t.url, &file).await.unwrap();
    assert!(manifest.rows["residents"] > 30);
    assert!(manifest.rows["applications"] >= 1);
    assert_eq!(manifest.rows["audit_log"], manifest.audit_head_seq);

    let (target, _keep) = t.empty_database().await;
    let restored = backup::restore(&target, &file, false).await.unwrap();
    assert_eq!(restored.tables, manifest.rows.len());
    assert_eq!(restored.audit_entries as i64, manifest.audit_head_seq);

    // Again into the now full database: refused, then forced.
    let refused = backup::restore(&target, &file, false).await.unwrap_err();
    assert!(refused.to_string().contains("--force"), "{refused}");
    backup::restore(&target, &file, true).await.unwrap();
}

#[tokio::test]
async fn the_command_line_backs_up_and_restores() {
    let t = TestDb::new().await.with_city(10).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("b.backup");
    let file = file.to_str().unwrap();
    let out = madoguchi_on(&t.url, &["backup", "--out", file]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let again = madoguchi_on(&t.url, &["backup", "--out", file]);
    assert!(
        !again.status.success(),
        "an existing backup is not overwritten"
    );
    let (target, _keep) = t.empty_database().await;
    let out = madoguchi_on(&target, &["restore", file]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("row counts match"));
    let out = madoguchi_on(&t.url, &["restore", file]);
    assert!(
        !out.status.success(),
        "the live database is not overwritten"
    );
}
