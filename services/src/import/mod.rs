//! `madoguchi import`: applies a parsed municipal extract (`madoguchi_core::extract`) to
//! the registry tables in one transaction — all of it or nothing. Each row is matched
//! to what is stored by its natural key (宛名番号, 世帯番号, the fiscal year, …): new
//! ones are inserted, changed ones updated, equal ones left alone, so importing the same
//! file twice changes nothing and a newer extract changes only what changed (a move, a
//! death, a birth). Applications already submitted keep what they were submitted with:
//! nothing here touches them. The import is audited.

mod facts;
mod residents;

use crate::audit::{self, Audit};
use crate::db::begin_write;
use crate::entities::resident;
use chrono::{DateTime, Utc};
use madoguchi_core::audit::hex;
use madoguchi_core::extract::{Extract, Kind, Problem, RowError};
use sea_orm::{DatabaseConnection, DbErr, EntityTrait, QuerySelect};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// What an import did (or, with `dry_run`, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportReport {
    pub kind: &'static str,
    pub rows: usize,
    pub inserted: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Records the extract ends (a child allowance that has ended).
    pub removed: usize,
    pub households_inserted: usize,
    pub households_updated: usize,
    pub dry_run: bool,
    /// The file's SHA-256, as audited.
    pub sha256: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Rows that cannot be applied (nothing was written).
    #[error("{} rows cannot be imported", .0.len())]
    Rows(Vec<RowError>),
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// Applies `extract` (read from a file whose bytes hash to `file`); with `dry_run`
/// everything is done and then rolled back, so the report is exactly what would happen.
pub async fn import(
    db: &DatabaseConnection,
    extract: &Extract,
    file: &[u8],
    dry_run: bool,
    now: DateTime<Utc>,
) -> Result<ImportReport, ImportError> {
    let sha256 = hex(&Sha256::digest(file));
    let kind = extract.kind();
    let txn = begin_write(db).await?;
    let mut report = match extract {
        Extract::Juki(rows) => residents::apply(&txn, rows).await?,
        Extract::Tax(rows) => facts::tax(&txn, rows).await?,
        Extract::Insurance(rows) => facts::insurance(&txn, rows).await?,
        Extract::ChildAllowance(rows) => facts::allowance(&txn, rows).await?,
        Extract::Care(rows) => facts::care(&txn, rows).await?,
    };
    report.kind = kind.name();
    report.rows = extract.len();
    report.dry_run = dry_run;
    report.sha256 = sha256;
    if dry_run {
        txn.rollback().await?;
        return Ok(report);
    }
    let target = format!(
        "import:{}:{}:+{}~{}-{}",
        kind.name(),
        &report.sha256[..16],
        report.inserted,
        report.updated,
        report.removed
    );
    audit::record(
        &txn,
        now,
        "cli",
        Audit {
            staff_user_id: None,
            action: "registry_import",
            target,
            household_id: None,
            resident_id: None,
            purpose: "registry_maintenance",
            outcome: "ok",
        },
    )
    .await?;
    txn.commit().await?;
    Ok(report)
}

/// 宛名番号 → resident id, for the extracts that refer to residents.
async fn resident_ids<C: sea_orm::ConnectionTrait>(db: &C) -> Result<HashMap<String, i32>, DbErr> {
    let pairs: Vec<(String, i32)> = resident::Entity::find()
        .select_only()
        .column(resident::Column::PersonNumber)
        .column(resident::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    Ok(pairs.into_iter().collect())
}

/// The resident of each row, or an error for every row whose 宛名番号 is unknown.
fn resolve<'r, T>(
    ids: &HashMap<String, i32>,
    rows: &'r [(u64, T)],
    person: impl Fn(&T) -> &str,
) -> Result<Vec<(i32, &'r T)>, ImportError> {
    let mut errors = Vec::new();
    let mut out = Vec::with_capacity(rows.len());
    for (line, r) in rows {
        match ids.get(person(r)) {
            Some(id) => out.push((*id, r)),
            None => errors.push(RowError {
                line: *line,
                column: None,
                field: Some("宛名番号".to_owned()),
                problem: Problem::UnknownResident,
                detail: format!("「{}」", person(r)),
            }),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(ImportError::Rows(errors))
    }
}

/// Which extract a name on the command line is, for the CLI's messages.
pub fn kind_names() -> Vec<&'static str> {
    Kind::ALL.iter().map(|k| k.name()).collect()
}
