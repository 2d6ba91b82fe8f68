//! "My applications": what a resident sent online, with each one's status as its
//! department moves it, the department's reason when it is returned (差戻し) or
//! rejected, and the correction of a returned one — the fields the resident typed
//! themselves, checked as the interview checks them — sent back to the department's
//! queue as received again. A resident reaches only the applications of their own
//! account's visits; anything else reads as not found, and is audited as denied.

use super::attachments;
use crate::audit::{self, Audit};
use crate::db::begin_write;
use crate::entities::{
    answer, application, application_event, department, resident_account, visit,
};
use crate::integration::outbox::{self, EventKind};
use crate::time::minutes;
use chrono::{DateTime, Utc};
use madoguchi_core::forms::{self, FieldError, FieldType, Filled, When};
use madoguchi_core::jp::{MyNumber, ValueError};
use madoguchi_core::rules::Ruleset;
use madoguchi_core::workflow::{Status, MAX_NOTE};
use madoguchi_types::error::{AppError, ConflictReason};
use madoguchi_types::model::online::{Correction, CorrectionRow, MyApplication, Resubmission};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use std::collections::{BTreeSet, HashMap};

/// The most applications "my applications" lists (newest first).
pub const LIST_LIMIT: u64 = 100;

/// The resident's applications, newest first. Audited as a read of their own.
pub async fn list(
    db: &DatabaseConnection,
    account: &resident_account::Model,
    rules: &Ruleset,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<Vec<MyApplication>, AppError> {
    let visits: HashMap<i32, visit::Model> = visit::Entity::find()
        .filter(visit::Column::ResidentAccountId.eq(account.id))
        .filter(visit::Column::Status.eq("submitted"))
        .all(db)
        .await?
        .into_iter()
        .map(|v| (v.id, v))
        .collect();
    let apps = if visits.is_empty() {
        Vec::new()
    } else {
        application::Entity::find()
            .filter(application::Column::VisitId.is_in(visits.keys().copied()))
            .order_by_desc(application::Column::CreatedAt)
            .order_by_desc(application::Column::Id)
            .limit(LIST_LIMIT)
            .all(db)
            .await?
    };
    let names = department_names(db).await?;
    let reasons = reasons(db, &apps).await?;
    let household = visits.values().find_map(|v| v.household_id);
    audit::record_resident(
        db,
        now,
        origin,
        account.id,
        entry(
            "my_applications",
            format!("resident_account:{}", account.id),
            household,
            "ok",
        ),
    )
    .await?;
    Ok(apps
        .iter()
        .map(|a| {
            let number = visits.get(&a.visit_id).map(|v| v.visit_number.as_str());
            view(a, rules, &names, reasons.get(&a.id).cloned(), number)
        })
        .collect())
}

/// A returned application opened to be corrected: the reason and the form as sent,
/// saying which rows the resident may correct. Any other status is a conflict.
pub async fn correction(
    db: &DatabaseConnection,
    account: &resident_account::Model,
    rules: &Ruleset,
    id: i32,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<Correction, AppError> {
    let (app, v) = owned(db, account, id, "application_read", now, origin).await?;
    returned(&app)?;
    let filled: Filled = serde_json::from_str(&app.data).map_err(|_| AppError::Internal)?;
    let correctable = correctable(db, &app, &filled).await?;
    let names = department_names(db).await?;
    let reason = reasons(db, std::slice::from_ref(&app))
        .await?
        .remove(&app.id);
    audit::record_resident(
        db,
        now,
        origin,
        account.id,
        entry("application_read", target(id), v.household_id, "ok"),
    )
    .await?;
    let cat = forms::bundled();
    let rows = filled
        .rows()
        .map(|r| CorrectionRow {
            key: r.key.clone(),
            label: r.label.clone(),
            value: match cat.field(&r.key).map(|f| &f.ty) {
                // Never shown back in full: the resident re-enters it if it was wrong.
                Some(FieldType::MyNumber) => MyNumber::parse(&r.value)
                    .map(|m| m.masked())
                    .unwrap_or_else(|_| r.value.clone()),
                _ => r.value.clone(),
            },
            correctable: correctable.contains(&r.key),
        })
        .collect();
    Ok(Correction {
        documents: attachments::documents(&v, &app.procedure_id),
        attachments: attachments::of_application(db, app.id).await?,
        added: attachments::pending_of(db, &app).await?,
        application: view(&app, rules, &names, reason, Some(&v.visit_number)),
        rows,
    })
}

/// Sends a returned application back, corrected: each corrected field checked as the
/// interview checks it (all errors at once), the form's rows replaced, the status back
/// to received — only if it is still returned — with the resident's message and the
/// corrected fields in its history, the business systems told, and the audit entry:
/// all in one transaction, or nothing.
pub async fn resubmit(
    db: &DatabaseConnection,
    account: &resident_account::Model,
    rules: &Ruleset,
    input: &Resubmission,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<MyApplication, AppError> {
    let message = input.message.trim();
    if message.chars().count() > MAX_NOTE {
        return Err(AppError::field("message", ValueError::TooLong));
    }
    let keys: BTreeSet<&str> = input.keys.iter().map(String::as_str).collect();
    let id = input.application_id;
    let (app, v) = owned(db, account, id, "application_resubmit", now, origin).await?;
    returned(&app)?;
    let mut filled: Filled = serde_json::from_str(&app.data).map_err(|_| AppError::Internal)?;
    let correctable = correctable(db, &app, &filled).await?;
    let cat = forms::bundled();
    let mut errors: Vec<FieldError> = Vec::new();
    let mut corrected: HashMap<&str, String> = HashMap::new();
    for key in &keys {
        if !correctable.contains(*key) {
            errors.push(FieldError {
                field: (*key).to_owned(),
                error: ValueError::InvalidChoice,
            });
            continue;
        }
        match forms::check_correction(cat, key, &input.answers) {
            Ok(value) => {
                corrected.insert(key, value);
            }
            Err(e) => errors.extend(e),
        }
    }
    if !errors.is_empty() {
        return Err(AppError::InvalidInput { fields: errors });
    }
    let mut labels: Vec<String> = Vec::new();
    for section in &mut filled.sections {
        for row in &mut section.rows {
            if let Some(value) = corrected.get(row.key.as_str()) {
                row.value = value.clone();
                if !labels.contains(&row.label) {
                    labels.push(row.label.clone());
                }
            }
        }
    }
    let data = serde_json::to_string(&filled).map_err(|_| AppError::Internal)?;
    let txn = begin_write(db).await?;
    // The files added since it was returned go with it; with no file, no correction
    // and no message there is nothing to send.
    let files = attachments::hand_over_pending(&txn, &app).await?;
    if keys.is_empty() && message.is_empty() && files.is_empty() {
        return Err(AppError::field("message", ValueError::Required));
    }
    let moved = application::Entity::update_many()
        .col_expr(
            application::Column::Status,
            Expr::value(Status::Received.code()),
        )
        .col_expr(application::Column::Data, Expr::value(data))
        .col_expr(application::Column::UpdatedAt, Expr::value(now))
        .filter(application::Column::Id.eq(id))
        .filter(application::Column::Status.eq(Status::Returned.code()))
        .exec(&txn)
        .await?;
    if moved.rows_affected != 1 {
        return Err(changed_meanwhile());
    }
    application_event::ActiveModel {
        application_id: Set(id),
        status: Set(Status::Received.code().into()),
        staff_user_id: Set(None),
        note: Set(history_note(&labels, &files, message)),
        at: Set(now),
        kind: Set("resubmitted".into()),
        source: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    outbox::publish(
        &txn,
        EventKind::StatusChanged,
        &app,
        Status::Received.code(),
        Some(Status::Returned.code()),
        now,
    )
    .await?;
    audit::record_resident(
        &txn,
        now,
        origin,
        account.id,
        entry("application_resubmit", target(id), v.household_id, "ok"),
    )
    .await?;
    txn.commit().await?;
    let app = application::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::Internal)?;
    let names = department_names(db).await?;
    Ok(view(&app, rules, &names, None, Some(&v.visit_number)))
}

/// What the department's history says of a resubmission: the corrected items (as the
/// form labels them), the files added, then the resident's message.
fn history_note(labels: &[String], files: &[String], message: &str) -> String {
    let mut lines = Vec::new();
    if !labels.is_empty() {
        lines.push(format!("訂正した項目: {}", labels.join("、")));
    }
    if !files.is_empty() {
        lines.push(format!("追加した書類: {}", files.join("、")));
    }
    if !message.is_empty() {
        lines.push(message.to_owned());
    }
    lines.join("\n")
}

/// Application `id` with its visit, if it is one of the account's; otherwise not found,
/// audited as denied.
pub(crate) async fn owned(
    db: &DatabaseConnection,
    account: &resident_account::Model,
    id: i32,
    action: &'static str,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<(application::Model, visit::Model), AppError> {
    let app = application::Entity::find_by_id(id).one(db).await?;
    let v = match &app {
        Some(a) => visit::Entity::find_by_id(a.visit_id).one(db).await?,
        None => None,
    };
    match (app, v) {
        (Some(a), Some(v)) if v.resident_account_id == Some(account.id) => Ok((a, v)),
        _ => {
            audit::record_resident(
                db,
                now,
                origin,
                account.id,
                entry(action, target(id), None, "denied"),
            )
            .await?;
            Err(AppError::NotFound)
        }
    }
}

/// Only a returned application is corrected.
pub(crate) fn returned(app: &application::Model) -> Result<(), AppError> {
    match Status::parse(&app.status) {
        Some(Status::Returned) => Ok(()),
        Some(s) => Err(AppError::Conflict {
            reason: ConflictReason::StatusOrder {
                from: s.code().to_owned(),
                to: Status::Received.code().to_owned(),
            },
        }),
        None => Err(AppError::Internal),
    }
}

fn changed_meanwhile() -> AppError {
    AppError::Conflict {
        reason: ConflictReason::ChangedMeanwhile {
            status: Status::Returned.code().to_owned(),
        },
    }
}

/// The form's fields the resident may correct: those they were asked in the interview
/// (not the city's records, nor the visit's own facts), and not one that decides
/// whether another field applies (that would change the form: done at the counter).
async fn correctable<C: ConnectionTrait>(
    db: &C,
    app: &application::Model,
    filled: &Filled,
) -> Result<BTreeSet<String>, AppError> {
    let asked: BTreeSet<String> = answer::Entity::find()
        .filter(answer::Column::VisitId.eq(app.visit_id))
        .filter(answer::Column::Source.eq("asked"))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.key)
        .collect();
    let cat = forms::bundled();
    let deciding: BTreeSet<&str> = cat
        .form(&app.procedure_id)
        .map(|f| {
            f.when
                .values()
                .filter_map(|w| match w {
                    When::Field { key, .. } => Some(key.as_str()),
                    When::Event(_) => None,
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(filled
        .rows()
        .map(|r| r.key.as_str())
        .filter(|k| asked.contains(*k) && !deciding.contains(k))
        .map(str::to_owned)
        .collect())
}

/// The department's reason for each returned or rejected application: the note of the
/// change that made it so.
async fn reasons<C: ConnectionTrait>(
    db: &C,
    apps: &[application::Model],
) -> Result<HashMap<i32, String>, AppError> {
    let with_reason: Vec<&application::Model> = apps
        .iter()
        .filter(|a| Status::parse(&a.status).is_some_and(Status::needs_reason))
        .collect();
    if with_reason.is_empty() {
        return Ok(HashMap::new());
    }
    let events = application_event::Entity::find()
        .filter(application_event::Column::ApplicationId.is_in(with_reason.iter().map(|a| a.id)))
        .filter(application_event::Column::Kind.eq("status"))
        .order_by_asc(application_event::Column::At)
        .order_by_asc(application_event::Column::Id)
        .all(db)
        .await?;
    let mut out = HashMap::new();
    for e in events {
        let current = with_reason.iter().find(|a| a.id == e.application_id);
        if current.is_some_and(|a| Status::parse(&a.status) == Status::parse(&e.status)) {
            out.insert(e.application_id, e.note);
        }
    }
    Ok(out)
}

async fn department_names<C: ConnectionTrait>(db: &C) -> Result<HashMap<String, String>, AppError> {
    Ok(department::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.id, d.name))
        .collect())
}

fn view(
    a: &application::Model,
    rules: &Ruleset,
    departments: &HashMap<String, String>,
    reason: Option<String>,
    visit_number: Option<&str>,
) -> MyApplication {
    MyApplication {
        id: a.id,
        procedure_id: a.procedure_id.clone(),
        procedure_name: rules
            .procedure(&a.procedure_id)
            .map_or_else(|| a.procedure_id.clone(), |p| p.name.clone()),
        department_id: a.department_id.clone(),
        department_name: departments
            .get(&a.department_id)
            .cloned()
            .unwrap_or_else(|| a.department_id.clone()),
        subject_name: a.subject_name.clone(),
        status: Status::parse(&a.status).map_or_else(|| a.status.clone(), |s| s.code().to_owned()),
        submitted_at: minutes(a.created_at),
        updated_at: minutes(a.updated_at.unwrap_or(a.created_at)),
        reason,
        visit_number: visit_number.unwrap_or_default().to_owned(),
    }
}

fn target(id: i32) -> String {
    format!("application:{id}")
}

fn entry(
    action: &'static str,
    target: String,
    household_id: Option<i32>,
    outcome: &'static str,
) -> Audit<'static> {
    Audit {
        staff_user_id: None,
        action,
        target,
        household_id,
        resident_id: None,
        purpose: "online_application",
        outcome,
    }
}
