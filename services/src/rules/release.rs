//! A new release's rules and the city's edits, together. A release arrives as a
//! `proposed` version (at start, or `madoguchi rules propose --dir`); the city's
//! published edits are carried onto it by a three-way merge per file — the release's
//! old files (the repository version the city's rules descend from), its new files, and
//! the city's files in force. Conflicts are shown file by file and resolved in the
//! browser; the result is saved as a draft of the new release, which is published like
//! any other: rule tests, then a second administrator.

use super::{admin_entry, check, files_of, find, save_draft, LiveRules};
use crate::audit;
use crate::entities::ruleset;
use chrono::{DateTime, NaiveDate, Utc};
use madoguchi_core::diff::{assemble, conflicts, merge3, Choice, Chunk};
use madoguchi_core::rules::RuleFiles;
use madoguchi_types::error::{AppError, ConflictReason};
use madoguchi_types::model::admin::{MergeFile, ReleaseMerge};
use madoguchi_types::model::StaffMe;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};
use std::collections::{BTreeMap, BTreeSet};

/// The release's version line in every file, so the version is never a conflict.
fn with_line(text: &str, line: &str) -> String {
    text.lines()
        .map(|l| if l.starts_with("version = ") { line } else { l })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

struct Sides {
    proposed: ruleset::Model,
    base_version: String,
    ours_version: String,
    base: RuleFiles,
    ours: RuleFiles,
    theirs: RuleFiles,
}

async fn sides(
    db: &DatabaseConnection,
    proposed: &str,
    live: &LiveRules,
    today: NaiveDate,
) -> Result<Sides, AppError> {
    let row = find(db, proposed).await?;
    if !matches!(row.status.as_str(), "proposed" | "merged") {
        return Err(AppError::Conflict {
            reason: ConflictReason::NotAProposal,
        });
    }
    let ours = live.on(today);
    // The release the city's rules descend from: the root of their version
    // (`RELEASE+city.N`), else the latest published release.
    let root = ours.version.split('+').next().unwrap_or_default();
    let base = match find(db, root).await {
        Ok(row) if row.created_by == super::REPOSITORY => row,
        _ => ruleset::Entity::find()
            .filter(ruleset::Column::CreatedBy.eq(super::REPOSITORY))
            .filter(ruleset::Column::Status.eq("published"))
            .order_by_desc(ruleset::Column::Id)
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?,
    };
    let theirs = files_of(&row)?;
    let line = theirs
        .get("ruleset.toml")
        .and_then(|t| t.lines().find(|l| l.starts_with("version = ")))
        .unwrap_or("version = \"\"")
        .to_owned();
    let normal = |files: &RuleFiles| -> RuleFiles {
        files
            .iter()
            .map(|(p, t)| (p.clone(), with_line(t, &line)))
            .collect()
    };
    Ok(Sides {
        base_version: base.version.clone(),
        ours_version: ours.version.clone(),
        base: normal(&files_of(&base)?),
        ours: normal(ours.files()),
        theirs: normal(&theirs),
        proposed: row,
    })
}

/// Each file merged: (path, status, chunks). A file only one side touched is that
/// side's; a file gone from the release and unedited by the city is dropped.
fn merged(s: &Sides) -> Vec<(String, &'static str, Vec<Chunk>)> {
    let paths: BTreeSet<&String> = s
        .base
        .keys()
        .chain(s.ours.keys())
        .chain(s.theirs.keys())
        .collect();
    let text = |f: &RuleFiles, p: &str| f.get(p).cloned().unwrap_or_default();
    paths
        .into_iter()
        .filter_map(|p| {
            let (b, o, t) = (text(&s.base, p), text(&s.ours, p), text(&s.theirs, p));
            let (status, chunks) = if o == b && t == b {
                ("unchanged", merge3(&b, &b, &b))
            } else if o == b {
                ("release", merge3(&b, &b, &t))
            } else if t == b {
                ("city", merge3(&b, &o, &b))
            } else {
                let c = merge3(&b, &o, &t);
                (
                    if conflicts(&c) > 0 {
                        "conflict"
                    } else {
                        "merged"
                    },
                    c,
                )
            };
            let empty = chunks
                .iter()
                .all(|c| matches!(c, Chunk::Clean { lines } if lines.is_empty()));
            (!empty || s.theirs.contains_key(p)).then(|| (p.clone(), status, chunks))
        })
        .collect()
}

/// The merge of a proposed release with the city's rules, for the administrator.
pub async fn view(
    db: &DatabaseConnection,
    proposed: &str,
    live: &LiveRules,
    today: NaiveDate,
) -> Result<ReleaseMerge, AppError> {
    let s = sides(db, proposed, live, today).await?;
    let files = merged(&s)
        .into_iter()
        .map(|(path, status, chunks)| MergeFile {
            conflicts: conflicts(&chunks),
            chunks: if status == "conflict" {
                chunks
            } else {
                Vec::new()
            },
            path,
            status: status.into(),
        })
        .collect();
    Ok(ReleaseMerge {
        proposed: s.proposed.version.clone(),
        base: s.base_version,
        city: s.ours_version,
        files,
    })
}

/// Saves the merge, with every conflict resolved by the administrator's choices, as a
/// draft of the release. Refused (nothing saved) while a conflict is unresolved or if
/// the result does not compile.
#[allow(clippy::too_many_arguments)]
pub async fn save(
    db: &DatabaseConnection,
    staff: &StaffMe,
    proposed: &str,
    choices: &BTreeMap<String, Vec<Choice>>,
    live: &LiveRules,
    today: NaiveDate,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<String, AppError> {
    let s = sides(db, proposed, live, today).await?;
    let mut files = RuleFiles::new();
    for (path, _, chunks) in merged(&s) {
        let picked = choices.get(&path).map(Vec::as_slice).unwrap_or_default();
        let n = conflicts(&chunks);
        let text = (picked.len() == n)
            .then(|| assemble(&chunks, picked))
            .flatten();
        let Some(text) = text else {
            return Err(AppError::Conflict {
                reason: ConflictReason::Unresolved {
                    path: path.clone(),
                    count: n as u32,
                },
            });
        };
        files.insert(path, text);
    }
    check(&files)?;
    let note = format!(
        "リリース {} に市の変更 ({}) を統合",
        s.proposed.version, s.ours_version
    );
    let version = save_draft(db, staff, &s.proposed.version, &files, &note, now, origin).await?;
    let mut active: ruleset::ActiveModel = s.proposed.into();
    active.status = Set("merged".into());
    active.update(db).await?;
    audit::record(
        db,
        now,
        origin,
        admin_entry(staff, "rules_merge_release", proposed),
    )
    .await?;
    Ok(version)
}

/// Stores rule files shipped apart from the binary as a proposed release (refused
/// unless they compile; a version already stored is refused).
pub async fn propose(
    db: &DatabaseConnection,
    files: &RuleFiles,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let compiled = check(files)?;
    if find(db, &compiled.version).await.is_ok() {
        return Err(AppError::Conflict {
            reason: ConflictReason::VersionExists {
                version: compiled.version.clone(),
            },
        });
    }
    store_proposal(db, &compiled.version, files, now).await?;
    Ok(compiled.version)
}

/// Stores a release's files as a proposal: nothing changes for residents until it is
/// merged, put up and approved.
pub(crate) async fn store_proposal(
    db: &DatabaseConnection,
    version: &str,
    files: &RuleFiles,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    super::new_row(
        version,
        files,
        "proposed",
        "新しいリリースの規則 (市の変更との統合と審査を待っています)",
        super::REPOSITORY,
        now,
    )?
    .insert(db)
    .await?;
    Ok(())
}
