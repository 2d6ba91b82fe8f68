//! Publishing as a city does it: the author puts a draft up for publication with the
//! day it takes effect; a second administrator reviews the difference file by file and
//! the impact on every household, and approves it or returns it with a reason. A
//! rollback is a draft with an earlier version's files, through the same two steps.
//! Every step is audited; an approval by the draft's author or the one who put it up
//! is refused.

use super::{admin_entry, check, files_of, find, in_force, LiveRules, Transition};
use crate::audit;
use crate::db::begin_write;
use crate::entities::ruleset;
use chrono::{DateTime, NaiveDate, Utc};
use madoguchi_core::jp::ValueError;
use madoguchi_core::rules::{RuleError, RuleFiles, Ruleset};
use madoguchi_types::error::{AppError, ConflictReason};
use madoguchi_types::model::admin::{FileDiff, PublicationRequest, Review, RuleEdit};
use madoguchi_types::model::StaffMe;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    Set,
};

/// The rule tests of a compiled version that fail, as errors to show.
fn failing_tests(compiled: &Ruleset) -> Vec<RuleError> {
    compiled
        .run_tests()
        .into_iter()
        .filter(|c| !c.passed)
        .flat_map(|c| {
            let (file, name) = (c.file, c.name);
            c.failures.into_iter().map(move |failure| RuleError {
                file: file.clone(),
                line: 0,
                column: 0,
                message: madoguchi_core::msg!("{name}: {failure}", name, failure),
            })
        })
        .collect()
}

/// Puts a draft (or a returned one) up for publication. Refused unless it compiles,
/// its rule tests pass and the day is today or later.
pub async fn request(
    db: &DatabaseConnection,
    staff: &StaffMe,
    req: &PublicationRequest,
    today: NaiveDate,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<(), AppError> {
    let effective = parse_effective(&req.effective_from, today)?;
    let transition = Transition::from_id(&req.transition)
        .ok_or_else(|| AppError::field("transition", ValueError::InvalidChoice))?;
    let row = find(db, &req.version).await?;
    if !matches!(row.status.as_str(), "draft" | "returned") {
        return Err(AppError::Conflict {
            reason: ConflictReason::NotADraft,
        });
    }
    let compiled = check(&files_of(&row)?)?;
    let failures = failing_tests(&compiled);
    if !failures.is_empty() {
        return Err(AppError::InvalidRules { errors: failures });
    }
    let txn = begin_write(db).await?;
    let version = row.version.clone();
    let mut active: ruleset::ActiveModel = row.into();
    active.status = Set("pending".into());
    active.effective_from = Set(Some(effective));
    active.transition = Set(transition.id().into());
    active.requested_by = Set(Some(staff.username.clone()));
    active.requested_at = Set(Some(now));
    active.review_note = Set(None);
    if !req.note.trim().is_empty() {
        active.note = Set(req.note.trim().chars().take(500).collect());
    }
    active.update(&txn).await?;
    audit::record(
        &txn,
        now,
        origin,
        admin_entry(staff, "rules_request_publication", &version),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The day asked for: empty means today (immediately).
fn parse_effective(text: &str, today: NaiveDate) -> Result<NaiveDate, AppError> {
    if text.trim().is_empty() {
        return Ok(today);
    }
    let day = text
        .trim()
        .parse::<NaiveDate>()
        .map_err(|_| AppError::field("effective_from", ValueError::InvalidDate))?;
    if day < today {
        return Err(AppError::field("effective_from", ValueError::PastDate));
    }
    Ok(day)
}

/// Approves a pending version: published, in force from its day. Refused for the
/// draft's author and whoever put it up, if its day has passed meanwhile, or if it no
/// longer compiles or passes its tests.
pub async fn approve(
    db: &DatabaseConnection,
    staff: &StaffMe,
    version: &str,
    live: &LiveRules,
    today: NaiveDate,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<(), AppError> {
    let row = find(db, version).await?;
    if row.status != "pending" {
        return Err(AppError::Conflict {
            reason: ConflictReason::NotPendingApproval,
        });
    }
    if row.created_by == staff.username || row.requested_by.as_deref() == Some(&staff.username) {
        audit::record(
            db,
            now,
            origin,
            crate::audit::Audit {
                outcome: "denied",
                ..admin_entry(staff, "rules_approve", version)
            },
        )
        .await?;
        return Err(AppError::FourEyes);
    }
    let effective = row.effective_from.unwrap_or(today);
    if effective < today {
        return Err(AppError::field("effective_from", ValueError::PastDate));
    }
    let compiled = check(&files_of(&row)?)?;
    let failures = failing_tests(&compiled);
    if !failures.is_empty() {
        return Err(AppError::InvalidRules { errors: failures });
    }
    let txn = begin_write(db).await?;
    let mut active: ruleset::ActiveModel = row.into();
    active.status = Set("published".into());
    active.published_by = Set(Some(staff.username.clone()));
    active.published_at = Set(Some(now));
    active.update(&txn).await?;
    super::ensure_departments(&txn, &compiled).await?;
    audit::record(
        &txn,
        now,
        origin,
        admin_entry(staff, "rules_approve", version),
    )
    .await?;
    let timeline = in_force(&txn).await?;
    txn.commit().await?;
    live.replace(timeline);
    Ok(())
}

/// Returns a pending version to its author with the reason (required).
pub async fn send_back(
    db: &DatabaseConnection,
    staff: &StaffMe,
    version: &str,
    reason: &str,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<(), AppError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::field("reason", ValueError::Required));
    }
    let row = find(db, version).await?;
    if row.status != "pending" {
        return Err(AppError::Conflict {
            reason: ConflictReason::NotPendingReturn,
        });
    }
    let txn = begin_write(db).await?;
    let mut active: ruleset::ActiveModel = row.into();
    active.status = Set("returned".into());
    active.review_note = Set(Some(reason.chars().take(1000).collect()));
    active.update(&txn).await?;
    audit::record(
        &txn,
        now,
        origin,
        admin_entry(staff, "rules_return", version),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// A rollback: a new draft holding the files of an earlier published version, based on
/// the version in force. It is published like any draft, by a second administrator.
pub async fn rollback_draft(
    db: &DatabaseConnection,
    staff: &StaffMe,
    to: &str,
    live: &Ruleset,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<String, AppError> {
    let row = find(db, to).await?;
    if row.status != "published" {
        return Err(AppError::Conflict {
            reason: ConflictReason::NeverPublished,
        });
    }
    let files = files_of(&row)?;
    let note = format!("{to} に戻す (ロールバック)");
    let version = super::save_draft(db, staff, &live.version, &files, &note, now, origin).await?;
    audit::record(
        db,
        now,
        origin,
        admin_entry(staff, "rules_rollback_draft", to),
    )
    .await?;
    Ok(version)
}

/// How many versions wait for a second administrator (for the admin page's badge).
pub async fn pending_count(db: &DatabaseConnection) -> Result<u64, AppError> {
    Ok(ruleset::Entity::find()
        .filter(ruleset::Column::Status.eq("pending"))
        .count(db)
        .await?)
}

/// The files that differ between two versions, each with its hunks.
pub fn diff(before: &RuleFiles, after: &RuleFiles) -> Vec<FileDiff> {
    let paths: std::collections::BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    paths
        .into_iter()
        .filter_map(|path| {
            let (a, b) = (before.get(path), after.get(path));
            if a == b {
                return None;
            }
            let status = match (a, b) {
                (None, _) => "added",
                (_, None) => "removed",
                _ => "changed",
            };
            let (a, b) = (a.map_or("", String::as_str), b.map_or("", String::as_str));
            let hunks = madoguchi_core::diff::hunks(&strip_version(a), &strip_version(b), 3);
            (!hunks.is_empty()).then(|| FileDiff {
                path: path.clone(),
                status: status.into(),
                hunks,
            })
        })
        .collect()
}

/// The `version = "…"` line differs in every saved version; it is not a change to
/// review.
fn strip_version(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.starts_with("version = ") {
                "version = …"
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// What the second administrator sees before approving: the difference from the version
/// in force on the day asked for, file by file, and the check of the draft (rule tests
/// and the impact on every household, audited as a read of the registry).
pub async fn review(
    db: &DatabaseConnection,
    staff: &StaffMe,
    version: &str,
    live: &LiveRules,
    today: NaiveDate,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<Review, AppError> {
    let row = find(db, version).await?;
    let files = files_of(&row)?;
    let day = row.effective_from.unwrap_or(today).max(today);
    let current = live.on(day);
    let edit = RuleEdit {
        base: current.version.clone(),
        files: files.clone(),
        note: row.note.clone(),
    };
    let check = crate::rules_admin::check(db, staff, &current, &edit, today, now, origin).await?;
    Ok(Review {
        version: row.version,
        status: row.status,
        note: row.note,
        created_by: row.created_by,
        requested_by: row.requested_by,
        effective_from: row.effective_from,
        transition: row.transition,
        review_note: row.review_note,
        compared_with: current.version.clone(),
        overridden_by: live.scheduled_after(day),
        files: diff(current.files(), &files),
        check,
    })
}
