//! The rule set in the database: every version (the repository's, and each one the
//! city's administrators save), the ones in force (`live.rs`), and publishing by two
//! administrators (`review.rs`). A version is saved only if it compiles, and published
//! only if its rule tests pass and a second administrator approved it, so an invalid or
//! unreviewed edit never reaches residents.

mod live;
pub mod release;
pub mod review;

pub use live::{LiveRules, Transition};

use super::audit::{self, Audit};
use super::entities::{department, ruleset};
use crate::db::begin_write;
use chrono::{DateTime, Utc};
use madoguchi_core::rules::{self, RuleFiles, Ruleset};
use madoguchi_types::error::AppError;
use madoguchi_types::model::StaffMe;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use std::sync::Arc;

pub const REPOSITORY: &str = "repository";

/// A new version's row: not put up, not reviewed, not published (callers set what
/// differs).
pub(crate) fn new_row(
    version: &str,
    files: &RuleFiles,
    status: &str,
    note: &str,
    created_by: &str,
    now: DateTime<Utc>,
) -> Result<ruleset::ActiveModel, AppError> {
    Ok(ruleset::ActiveModel {
        version: Set(version.to_owned()),
        based_on: Set(None),
        files: Set(files_json(files)?),
        status: Set(status.to_owned()),
        note: Set(note.to_owned()),
        created_by: Set(created_by.to_owned()),
        created_at: Set(now),
        published_by: Set(None),
        published_at: Set(None),
        effective_from: Set(None),
        transition: Set(Transition::AsOf.id().into()),
        requested_by: Set(None),
        requested_at: Set(None),
        review_note: Set(None),
        ..Default::default()
    })
}

fn files_json(files: &RuleFiles) -> Result<String, AppError> {
    serde_json::to_string(files).map_err(|_| AppError::Internal)
}

pub(crate) fn files_of(row: &ruleset::Model) -> Result<RuleFiles, AppError> {
    serde_json::from_str(&row.files).map_err(|e| {
        tracing::error!(version = %row.version, error = %e, "stored rule files are not a JSON object");
        AppError::Internal
    })
}

/// Stores the repository's rule set the first time this release runs — published on a
/// fresh database, otherwise as a proposal the city's administrators merge with their
/// edits and review — then returns the published versions in force, compiled.
pub async fn load(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<LiveRules, AppError> {
    let shipped = rules::bundled();
    let known = ruleset::Entity::find()
        .filter(ruleset::Column::Version.eq(&shipped.version))
        .count(db)
        .await?;
    if known == 0 {
        let fresh = ruleset::Entity::find().count(db).await? == 0;
        if fresh {
            let mut row = new_row(
                &shipped.version,
                shipped.files(),
                "published",
                "リポジトリの規則",
                REPOSITORY,
                now,
            )?;
            row.published_by = Set(Some(REPOSITORY.into()));
            row.published_at = Set(Some(now));
            row.effective_from = Set(Some(epoch()));
            row.insert(db).await?;
        } else {
            release::store_proposal(db, &shipped.version, shipped.files(), now).await?;
            tracing::warn!(version = %shipped.version, "this release's rules wait at /admin/rules to be merged with the city's edits and approved");
        }
    }
    let live = in_force(db).await?;
    let today = super::Clock::Fixed(now).today();
    ensure_departments(db, &live.on(today)).await?;
    if let Some(w) = live
        .on(today)
        .calendar
        .as_ref()
        .and_then(|c| c.warning(today))
    {
        tracing::warn!("{w}");
    }
    Ok(live)
}

/// The day legacy and first versions count as effective from.
pub(crate) fn epoch() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()
}

/// Every published version compiled, by effective date (the latest approved first
/// among versions of one day).
pub async fn in_force<C: ConnectionTrait>(db: &C) -> Result<LiveRules, AppError> {
    let rows = ruleset::Entity::find()
        .filter(ruleset::Column::Status.eq("published"))
        .order_by_asc(ruleset::Column::EffectiveFrom)
        .order_by_asc(ruleset::Column::PublishedAt)
        .order_by_asc(ruleset::Column::Id)
        .all(db)
        .await?;
    if rows.is_empty() {
        return Err(AppError::Internal);
    }
    let mut list = Vec::with_capacity(rows.len());
    for row in rows {
        let compiled = rules::compile(&files_of(&row)?).map_err(|errors| {
            tracing::error!(version = %row.version, ?errors, "a published rule set does not compile");
            AppError::InvalidRules { errors }
        })?;
        list.push(live::InForce {
            from: row.effective_from.unwrap_or_else(epoch),
            transition: Transition::from_id(&row.transition).unwrap_or(Transition::AsOf),
            rules: Arc::new(compiled),
        });
    }
    Ok(LiveRules::timeline(list))
}

/// Makes sure every department the rule set names exists, so applications can be
/// routed to it. One that exists is left as the city keeps it (name, counter,
/// building, phone are edited at /admin/staff).
pub async fn ensure_departments<C: ConnectionTrait>(
    db: &C,
    rules: &Ruleset,
) -> Result<(), AppError> {
    for d in &rules.departments {
        if department::Entity::find_by_id(d.id.clone())
            .one(db)
            .await?
            .is_none()
        {
            department::ActiveModel {
                id: Set(d.id.clone()),
                name: Set(d.name.clone()),
                counter: Set(d.counter.clone()),
                building: Set(String::new()),
                phone: Set(String::new()),
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}

/// Compiles `files`; the errors, if any, name file, line and column.
pub fn check(files: &RuleFiles) -> Result<Ruleset, AppError> {
    rules::compile(files).map_err(|errors| AppError::InvalidRules { errors })
}

/// Saves an edited rule set as a draft based on `base`. Refused (and nothing saved)
/// unless it compiles.
pub async fn save_draft(
    db: &DatabaseConnection,
    staff: &StaffMe,
    base: &str,
    files: &RuleFiles,
    note: &str,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<String, AppError> {
    let compiled = check(files)?;
    let root = compiled
        .version
        .split('+')
        .next()
        .unwrap_or_default()
        .to_owned();
    let txn = begin_write(db).await?;
    let drafts = ruleset::Entity::find()
        .filter(ruleset::Column::Version.starts_with(format!("{root}+city.")))
        .count(&txn)
        .await?;
    let version = format!("{root}+city.{}", drafts + 1);
    let files = &with_version(files, &version);
    let note: String = note.chars().take(500).collect();
    let mut row = new_row(&version, files, "draft", &note, &staff.username, now)?;
    row.based_on = Set(Some(base.to_owned()));
    row.insert(&txn).await?;
    audit::record(
        &txn,
        now,
        origin,
        admin_entry(staff, "rules_save_draft", &version),
    )
    .await?;
    txn.commit().await?;
    Ok(version)
}

pub async fn find(db: &DatabaseConnection, version: &str) -> Result<ruleset::Model, AppError> {
    ruleset::Entity::find()
        .filter(ruleset::Column::Version.eq(version))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Every version, newest first.
pub async fn history(db: &DatabaseConnection) -> Result<Vec<ruleset::Model>, AppError> {
    Ok(ruleset::Entity::find()
        .order_by_desc(ruleset::Column::Id)
        .all(db)
        .await?)
}

/// A version's files and compiled rules.
pub async fn open(
    db: &DatabaseConnection,
    version: &str,
) -> Result<(ruleset::Model, RuleFiles), AppError> {
    let row = find(db, version).await?;
    let files = files_of(&row)?;
    Ok((row, files))
}

/// The files with their `version = "…"` line set to `version`, so a result screened
/// with them names the version they were saved as.
fn with_version(files: &RuleFiles, version: &str) -> RuleFiles {
    files
        .iter()
        .map(|(path, text)| {
            let text = text
                .lines()
                .map(|l| {
                    if l.starts_with("version = ") {
                        format!("version = \"{version}\"")
                    } else {
                        l.to_owned()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n");
            (path.clone(), text + "\n")
        })
        .collect()
}

pub(crate) fn admin_entry<'a>(staff: &StaffMe, action: &'a str, version: &str) -> Audit<'a> {
    Audit {
        staff_user_id: Some(staff.id),
        action,
        target: format!("ruleset:{version}"),
        household_id: None,
        resident_id: None,
        purpose: "rule_administration",
        outcome: "ok",
    }
}
