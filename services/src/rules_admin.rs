//! Rule administration for the browser: browse the live rule set and its history, and
//! check an edit — compile errors, rule tests, and its impact on every household —
//! before anything is saved. Reading every household for the impact is audited.

use super::audit::{self, Audit};
use super::{population, rules};
use crate::time::minutes;
use chrono::{DateTime, NaiveDate, Utc};
use madoguchi_core::rules::population::{events_touched, impact};
use madoguchi_core::rules::{compile, Ruleset};
use madoguchi_types::error::AppError;
use madoguchi_types::model::admin::{
    CheckReport, ParamRow, PeriodRow, ProcedureRow, RuleEdit, RulesOverview, VersionRow,
};
use madoguchi_types::model::StaffMe;
use sea_orm::DatabaseConnection;

/// How many changed households the preview lists (all are counted).
const CHANGE_LIST: usize = 500;

pub async fn overview(
    db: &DatabaseConnection,
    rules: &rules::LiveRules,
    today: NaiveDate,
) -> Result<RulesOverview, AppError> {
    let live = &rules.on(today);
    let versions = rules::history(db)
        .await?
        .into_iter()
        .map(|v| VersionRow {
            version: v.version,
            based_on: v.based_on,
            status: v.status,
            note: v.note,
            created_by: v.created_by,
            created_at: minutes(v.created_at),
            published_by: v.published_by,
            published_at: v.published_at.map(minutes),
            effective_from: v.effective_from.filter(|d| *d > rules::epoch()),
            requested_by: v.requested_by,
            review_note: v.review_note,
        })
        .collect();
    Ok(RulesOverview {
        live: live.version.clone(),
        scheduled: rules.scheduled_after(today),
        calendar_warning: live.calendar.as_ref().and_then(|c| c.warning(today)),
        versions,
        procedures: live
            .procedures
            .iter()
            .map(|p| ProcedureRow {
                id: p.id.clone(),
                name: p.name.clone(),
                department_id: p.department.clone(),
                department: live
                    .department(&p.department)
                    .map_or_else(|| p.department.clone(), |d| d.name.clone()),
            })
            .collect(),
        rules: live.rule_summaries(),
        params: live
            .params
            .iter()
            .map(|p| ParamRow {
                ends_soon: p
                    .periods
                    .last()
                    .and_then(|x| x.until)
                    .filter(|u| *u >= today && *u <= today + chrono::Days::new(183)),
                name: p.name.clone(),
                label: p.label.clone(),
                source: p.source.clone(),
                periods: p
                    .periods
                    .iter()
                    .map(|x| PeriodRow {
                        from: x.from,
                        until: x.until,
                        value: x.value.display(p.kind),
                    })
                    .collect(),
            })
            .collect(),
    })
}

/// Compiles the edit, runs its rule tests and, when it compiles, screens every
/// household under the scenarios of the events the edit touches, with the live and the
/// edited rules. Nothing is saved.
pub async fn check(
    db: &DatabaseConnection,
    staff: &StaffMe,
    live: &Ruleset,
    edit: &RuleEdit,
    today: NaiveDate,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<CheckReport, AppError> {
    let edited = match compile(&edit.files) {
        Ok(r) => r,
        Err(errors) => {
            return Ok(CheckReport {
                errors,
                tests_passed: 0,
                tests_failed: Vec::new(),
                impact: None,
                impact_seconds: 0.0,
            })
        }
    };
    let results = edited.run_tests();
    let tests_passed = results.iter().filter(|c| c.passed).count();
    let tests_failed = results.into_iter().filter(|c| !c.passed).collect();
    let started = std::time::Instant::now();
    let events = events_touched(live, &edited);
    let (households, _) = population::load_all(db, today).await?;
    let live = live.clone();
    let report = tokio::task::spawn_blocking(move || {
        impact(&live, &edited, &households, &events, today, CHANGE_LIST)
    })
    .await
    .map_err(|_| AppError::Internal)?;
    audit::record(
        db,
        now,
        origin,
        Audit {
            staff_user_id: Some(staff.id),
            action: "rules_impact_preview",
            target: format!("ruleset:{}", edit.base),
            household_id: None,
            resident_id: None,
            purpose: "rule_administration",
            outcome: "ok",
        },
    )
    .await?;
    Ok(CheckReport {
        errors: Vec::new(),
        tests_passed,
        tests_failed,
        impact: Some(report),
        impact_seconds: started.elapsed().as_secs_f64(),
    })
}
