//! The rule set in the database: every version (the repository's, and each one the
//! city's administrators save), the live one every screening uses, and publishing. A
//! version is saved only if it compiles, and published only if its rule tests pass, so
//! an invalid edit never reaches residents.

use super::audit::{self, Audit};
use super::entities::{department, ruleset};
use crate::error::AppError;
use crate::model::StaffMe;
use chrono::{DateTime, Utc};
use madoguchi_core::rules::{self, RuleError, RuleFiles, Ruleset};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use std::sync::{Arc, RwLock};

/// The published rule set, shared by every request and swapped on publish.
#[derive(Clone)]
pub struct LiveRules(Arc<RwLock<Arc<Ruleset>>>);

impl LiveRules {
    pub fn new(rules: Ruleset) -> Self {
        Self(Arc::new(RwLock::new(Arc::new(rules))))
    }

    /// The rule set shipped in the repository (tests, and before the database is read).
    pub fn bundled() -> Self {
        Self::new(rules::bundled().clone())
    }

    pub fn get(&self) -> Arc<Ruleset> {
        match self.0.read() {
            Ok(r) => r.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    fn set(&self, rules: Ruleset) {
        let mut w = match self.0.write() {
            Ok(w) => w,
            Err(poisoned) => poisoned.into_inner(),
        };
        *w = Arc::new(rules);
    }
}

pub const REPOSITORY: &str = "repository";

fn files_json(files: &RuleFiles) -> Result<String, AppError> {
    serde_json::to_string(files).map_err(|_| AppError::Internal)
}

fn files_of(row: &ruleset::Model) -> Result<RuleFiles, AppError> {
    serde_json::from_str(&row.files).map_err(|e| {
        tracing::error!(version = %row.version, error = %e, "stored rule files are not a JSON object");
        AppError::Internal
    })
}

/// Stores the repository's rule set as a published version the first time this
/// release runs, then returns the latest published version, compiled.
pub async fn load(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<Ruleset, AppError> {
    let shipped = rules::bundled();
    let known = ruleset::Entity::find()
        .filter(ruleset::Column::Version.eq(&shipped.version))
        .count(db)
        .await?;
    if known == 0 {
        ruleset::ActiveModel {
            version: Set(shipped.version.clone()),
            based_on: Set(None),
            files: Set(files_json(shipped.files())?),
            status: Set("published".into()),
            note: Set("リポジトリの規則".into()),
            created_by: Set(REPOSITORY.into()),
            created_at: Set(now),
            published_by: Set(Some(REPOSITORY.into())),
            published_at: Set(Some(now)),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    let latest = ruleset::Entity::find()
        .filter(ruleset::Column::Status.eq("published"))
        .order_by_desc(ruleset::Column::PublishedAt)
        .order_by_desc(ruleset::Column::Id)
        .one(db)
        .await?
        .ok_or(AppError::Internal)?;
    let compiled = rules::compile(&files_of(&latest)?).map_err(|errors| {
        tracing::error!(version = %latest.version, ?errors, "the published rule set does not compile");
        AppError::InvalidRules { errors }
    })?;
    ensure_departments(db, &compiled).await?;
    Ok(compiled)
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
    let txn = db.begin().await?;
    let drafts = ruleset::Entity::find()
        .filter(ruleset::Column::Version.starts_with(format!("{root}+city.")))
        .count(&txn)
        .await?;
    let version = format!("{root}+city.{}", drafts + 1);
    let files = &with_version(files, &version);
    ruleset::ActiveModel {
        version: Set(version.clone()),
        based_on: Set(Some(base.to_owned())),
        files: Set(files_json(files)?),
        status: Set("draft".into()),
        note: Set(note.chars().take(500).collect()),
        created_by: Set(staff.username.clone()),
        created_at: Set(now),
        published_by: Set(None),
        published_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
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

/// Publishes a saved version: it must compile and every rule test kept with it must
/// pass. The new rules take effect for the next screening.
pub async fn publish(
    db: &DatabaseConnection,
    staff: &StaffMe,
    version: &str,
    live: &LiveRules,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<(), AppError> {
    let row = find(db, version).await?;
    let compiled = check(&files_of(&row)?)?;
    let failures: Vec<RuleError> = compiled
        .run_tests()
        .into_iter()
        .filter(|c| !c.passed)
        .map(|c| RuleError {
            file: c.file,
            line: 0,
            column: 0,
            message: format!("{}: {}", c.name, c.failures.join("; ")),
        })
        .collect();
    if !failures.is_empty() {
        return Err(AppError::InvalidRules { errors: failures });
    }
    let txn = db.begin().await?;
    let mut active: ruleset::ActiveModel = row.into();
    active.status = Set("published".into());
    active.published_by = Set(Some(staff.username.clone()));
    active.published_at = Set(Some(now));
    active.update(&txn).await?;
    ensure_departments(&txn, &compiled).await?;
    audit::record(
        &txn,
        now,
        origin,
        admin_entry(staff, "rules_publish", version),
    )
    .await?;
    txn.commit().await?;
    live.set(compiled);
    Ok(())
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

fn admin_entry<'a>(staff: &StaffMe, action: &'a str, version: &str) -> Audit<'a> {
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
