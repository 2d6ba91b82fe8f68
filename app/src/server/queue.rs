//! A department's queue: the applications routed to it, newest first. Staff see only
//! their own department's applications (another department's is "not found"); those
//! whose roles grant `queue.read_all` (supervisors) see every department's.

use super::audit::{self, Audit};
use super::entities::{application, department, visit};
use crate::error::AppError;
use crate::model::{ApplicationDetail, ApplicationSummary, Permission, StaffMe};
use chrono::{DateTime, FixedOffset, Utc};
use madoguchi_core::rules::Ruleset;
use madoguchi_core::screening::ScreeningResult;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

const PAGE: u64 = 200;

/// The department whose applications the caller may read, or `None` for all.
fn scope(staff: &StaffMe) -> Result<Option<&str>, AppError> {
    if staff.can(Permission::QueueReadAll) {
        Ok(None)
    } else if staff.can(Permission::QueueRead) {
        staff
            .department_id
            .as_deref()
            .map(Some)
            .ok_or(AppError::Forbidden)
    } else {
        Err(AppError::Forbidden)
    }
}

pub async fn list(
    db: &DatabaseConnection,
    staff: &StaffMe,
    rules: &Ruleset,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<Vec<ApplicationSummary>, AppError> {
    let dept = scope(staff)?;
    let mut q = application::Entity::find();
    if let Some(d) = dept {
        q = q.filter(application::Column::DepartmentId.eq(d));
    }
    let apps = q
        .order_by_desc(application::Column::CreatedAt)
        .order_by_desc(application::Column::Id)
        .limit(PAGE)
        .all(db)
        .await?;
    let visit_ids: Vec<i32> = apps.iter().map(|a| a.visit_id).collect();
    let visits: HashMap<i32, String> = visit::Entity::find()
        .filter(visit::Column::Id.is_in(visit_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|v| (v.id, v.visit_number))
        .collect();
    audit::record(
        db,
        now,
        origin,
        Audit {
            staff_user_id: Some(staff.id),
            action: "queue_list",
            target: format!("department:{}", dept.unwrap_or("*")),
            household_id: None,
            resident_id: None,
            purpose: "department_processing",
            outcome: "ok",
        },
    )
    .await?;
    Ok(apps
        .iter()
        .map(|a| {
            summary(
                a,
                rules,
                visits.get(&a.visit_id).cloned().unwrap_or_default(),
            )
        })
        .collect())
}

fn summary(a: &application::Model, rules: &Ruleset, visit_number: String) -> ApplicationSummary {
    let jst = FixedOffset::east_opt(9 * 3600).expect("UTC+9 is a valid offset");
    ApplicationSummary {
        id: a.id,
        procedure_id: a.procedure_id.clone(),
        procedure_name: rules
            .procedure(&a.procedure_id)
            .map_or_else(|| a.procedure_id.clone(), |p| p.name.clone()),
        subject_name: a.subject_name.clone(),
        status: a.status.clone(),
        deadline: a.deadline,
        visit_number,
        created_at: a
            .created_at
            .with_timezone(&jst)
            .format("%Y-%m-%d %H:%M")
            .to_string(),
    }
}

pub async fn get(
    db: &DatabaseConnection,
    staff: &StaffMe,
    rules: &Ruleset,
    id: i32,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<ApplicationDetail, AppError> {
    let dept = scope(staff)?;
    let found = application::Entity::find_by_id(id).one(db).await?;
    let entry = |outcome, household_id| Audit {
        staff_user_id: Some(staff.id),
        action: "application_read",
        target: format!("application:{id}"),
        household_id,
        resident_id: None,
        purpose: "department_processing",
        outcome,
    };
    let Some(a) = found.filter(|a| dept.is_none_or(|d| a.department_id == d)) else {
        audit::record(db, now, origin, entry("denied", None)).await?;
        return Err(AppError::NotFound);
    };
    let v = visit::Entity::find_by_id(a.visit_id)
        .one(db)
        .await?
        .ok_or(AppError::Internal)?;
    let department_name = department::Entity::find_by_id(a.department_id.clone())
        .one(db)
        .await?
        .map_or_else(|| a.department_id.clone(), |d| d.name);
    audit::record(db, now, origin, entry("ok", v.household_id)).await?;
    let trace = v
        .screening
        .as_deref()
        .and_then(|s| serde_json::from_str::<ScreeningResult>(s).ok())
        .and_then(|r| r.trace)
        .map(|t| {
            t.rules
                .into_iter()
                .filter(|r| r.procedure == a.procedure_id)
                .collect()
        })
        .unwrap_or_default();
    Ok(ApplicationDetail {
        summary: summary(&a, rules, v.visit_number),
        trace,
        department_id: a.department_id.clone(),
        department_name,
        ruleset: a.ruleset.clone(),
        reasons: serde_json::from_str(&a.reasons).map_err(|_| AppError::Internal)?,
        form: serde_json::from_str(&a.data).map_err(|e| {
            tracing::error!(application = a.id, error = %e, "stored form is not a filled form");
            AppError::Internal
        })?,
    })
}
