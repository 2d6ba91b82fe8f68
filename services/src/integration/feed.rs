//! The integration API's reads and writes, for a business system proven by its key
//! (`keys::ApiCaller`): the feed of its department's applications it has not yet
//! acknowledged, one application, acknowledgements, and status updates (through the
//! same workflow as staff, as `Actor::System`). Every application read is audited as
//! a read of the resident's data, naming the key.

use super::keys::ApiCaller;
use super::records::{
    AckRequest, AckResult, ApplicationRecord, FeedPage, FieldRecord, HistoryRecord, StatusUpdate,
};
use crate::audit::{self, Audit};
use crate::db::begin_write;
use crate::entities::{application, application_ack, application_event, visit};
use crate::workflow::{self, Actor};
use chrono::{DateTime, Utc};
use madoguchi_core::forms::Filled;
use madoguchi_core::jp::ValueError;
use madoguchi_core::rules::Ruleset;
use madoguchi_core::workflow::Status;
use madoguchi_types::error::AppError;
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use std::collections::{HashMap, HashSet};

/// Items per page unless the caller asks for fewer, and the most it may ask for.
pub const DEFAULT_LIMIT: u32 = 100;
pub const MAX_LIMIT: u32 = 500;

/// How a system reads the feed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedQuery {
    /// The cursor of the page before (from `next_cursor`).
    pub after: Option<String>,
    pub limit: Option<u32>,
    /// Only this procedure's applications.
    pub procedure: Option<String>,
}

fn invalid(field: &str) -> AppError {
    AppError::field(field, ValueError::InvalidNumber)
}

fn read_entry(
    caller: &ApiCaller,
    id: i32,
    household: Option<i32>,
    outcome: &'static str,
) -> Audit<'static> {
    Audit {
        staff_user_id: None,
        action: "api_application_read",
        target: format!("{}/application:{id}", caller.audit_name()),
        household_id: household,
        resident_id: None,
        purpose: "business_system",
        outcome,
    }
}

/// The next page of the department's applications `caller`'s system has not
/// acknowledged, oldest first. Poll from the start (no `after`) each time and
/// acknowledge what was taken: an application stays in the feed until acknowledged,
/// so one committed late is never skipped.
pub async fn feed(
    db: &DatabaseConnection,
    caller: &ApiCaller,
    rules: &Ruleset,
    q: &FeedQuery,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<FeedPage, AppError> {
    let after = match q.after.as_deref() {
        None => 0,
        Some(c) => c.parse::<i32>().map_err(|_| invalid("after"))?,
    };
    let limit = q.limit.unwrap_or(DEFAULT_LIMIT);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(AppError::field("limit", ValueError::OutOfRange));
    }
    let acknowledged = Query::select()
        .column(application_ack::Column::ApplicationId)
        .from(application_ack::Entity)
        .and_where(application_ack::Column::System.eq(caller.system.clone()))
        .to_owned();
    let mut select = application::Entity::find()
        .filter(application::Column::DepartmentId.eq(caller.department_id.clone()))
        .filter(application::Column::Id.gt(after))
        .filter(application::Column::Id.not_in_subquery(acknowledged));
    if let Some(p) = &q.procedure {
        select = select.filter(application::Column::ProcedureId.eq(p.clone()));
    }
    let mut apps = select
        .order_by_asc(application::Column::Id)
        .limit(u64::from(limit) + 1)
        .all(db)
        .await?;
    let more = apps.len() > limit as usize;
    apps.truncate(limit as usize);
    let next_cursor = more
        .then(|| apps.last().map(|a| a.id.to_string()))
        .flatten();
    let items = records(db, caller, rules, apps, now, origin).await?;
    Ok(FeedPage { items, next_cursor })
}

/// One application of the caller's department (another department's reads as not
/// found, audited as denied).
pub async fn read(
    db: &DatabaseConnection,
    caller: &ApiCaller,
    rules: &Ruleset,
    id: i32,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<ApplicationRecord, AppError> {
    let found = application::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|a| a.department_id == caller.department_id);
    let Some(app) = found else {
        audit::record(db, now, origin, read_entry(caller, id, None, "denied")).await?;
        return Err(AppError::NotFound);
    };
    records(db, caller, rules, vec![app], now, origin)
        .await?
        .pop()
        .ok_or(AppError::Internal)
}

/// The records of `apps` with their visits and histories, each read audited (all in
/// one transaction: the answer is only given once every read is recorded).
async fn records(
    db: &DatabaseConnection,
    caller: &ApiCaller,
    rules: &Ruleset,
    apps: Vec<application::Model>,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<Vec<ApplicationRecord>, AppError> {
    if apps.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i32> = apps.iter().map(|a| a.id).collect();
    let visit_ids: HashSet<i32> = apps.iter().map(|a| a.visit_id).collect();
    let visits: HashMap<i32, visit::Model> = visit::Entity::find()
        .filter(visit::Column::Id.is_in(visit_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|v| (v.id, v))
        .collect();
    let mut history: HashMap<i32, Vec<HistoryRecord>> = HashMap::new();
    for e in application_event::Entity::find()
        .filter(application_event::Column::ApplicationId.is_in(ids))
        .order_by_asc(application_event::Column::At)
        .order_by_asc(application_event::Column::Id)
        .all(db)
        .await?
    {
        history
            .entry(e.application_id)
            .or_default()
            .push(HistoryRecord {
                at: e.at,
                kind: e.kind,
                status: Status::parse(&e.status).map_or(e.status, |s| s.code().to_owned()),
                by: if e.staff_user_id.is_some() {
                    "staff"
                } else {
                    "system"
                }
                .to_owned(),
                system: e.source,
                note: e.note,
            });
    }
    let txn = begin_write(db).await?;
    let mut out = Vec::with_capacity(apps.len());
    for a in apps {
        let v = visits.get(&a.visit_id).ok_or(AppError::Internal)?;
        audit::record(
            &txn,
            now,
            origin,
            read_entry(caller, a.id, v.household_id, "ok"),
        )
        .await?;
        let form: Filled = serde_json::from_str(&a.data).map_err(|e| {
            tracing::error!(application = a.id, error = %e, "stored form is not a filled form");
            AppError::Internal
        })?;
        let fields = form
            .sections
            .into_iter()
            .flat_map(|s| {
                let section = s.title;
                s.rows.into_iter().map(move |r| FieldRecord {
                    key: r.key,
                    section: section.clone(),
                    label: r.label,
                    value: r.value,
                })
            })
            .collect();
        out.push(ApplicationRecord {
            id: a.id,
            procedure_name: rules
                .procedure(&a.procedure_id)
                .map_or_else(|| a.procedure_id.clone(), |p| p.name.clone()),
            procedure_id: a.procedure_id,
            department_id: a.department_id,
            status: Status::parse(&a.status).map_or(a.status, |s| s.code().to_owned()),
            received_at: a.created_at,
            updated_at: a.updated_at.unwrap_or(a.created_at),
            deadline: a.deadline,
            subject_name: a.subject_name,
            visit_number: v.visit_number.clone(),
            channel: v.channel.clone(),
            ruleset: a.ruleset,
            reasons: serde_json::from_str(&a.reasons).map_err(|_| AppError::Internal)?,
            form_title: form.title,
            fields,
            history: history.remove(&a.id).unwrap_or_default(),
        });
    }
    txn.commit().await?;
    Ok(out)
}

/// Marks applications as taken by the caller's system (idempotent). All must be of
/// the caller's department, or nothing is acknowledged.
pub async fn acknowledge(
    db: &DatabaseConnection,
    caller: &ApiCaller,
    req: &AckRequest,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<AckResult, AppError> {
    let ids: Vec<i32> = {
        let mut seen = HashSet::new();
        req.applications
            .iter()
            .copied()
            .filter(|i| seen.insert(*i))
            .collect()
    };
    if ids.is_empty() || ids.len() > MAX_LIMIT as usize {
        return Err(AppError::field("applications", ValueError::OutOfRange));
    }
    let txn = begin_write(db).await?;
    let theirs: HashSet<i32> = application::Entity::find()
        .select_only()
        .column(application::Column::Id)
        .filter(application::Column::Id.is_in(ids.clone()))
        .filter(application::Column::DepartmentId.eq(caller.department_id.clone()))
        .into_tuple::<i32>()
        .all(&txn)
        .await?
        .into_iter()
        .collect();
    let entry = |target: String, outcome| Audit {
        staff_user_id: None,
        action: "api_acknowledge",
        target,
        household_id: None,
        resident_id: None,
        purpose: "business_system",
        outcome,
    };
    if let Some(missing) = ids.iter().find(|i| !theirs.contains(i)) {
        drop(txn);
        let target = format!("{}/application:{missing}", caller.audit_name());
        audit::record(db, now, origin, entry(target, "denied")).await?;
        return Err(AppError::NotFound);
    }
    let done: HashSet<i32> = application_ack::Entity::find()
        .filter(application_ack::Column::System.eq(caller.system.clone()))
        .filter(application_ack::Column::ApplicationId.is_in(ids.clone()))
        .all(&txn)
        .await?
        .into_iter()
        .map(|a| a.application_id)
        .collect();
    for id in ids.iter().filter(|i| !done.contains(i)) {
        application_ack::ActiveModel {
            application_id: Set(*id),
            system: Set(caller.system.clone()),
            api_key_id: Set(caller.key_id),
            at: Set(now),
        }
        .insert(&txn)
        .await?;
    }
    let target = format!("{}/applications:{}", caller.audit_name(), ids.len());
    audit::record(&txn, now, origin, entry(target, "ok")).await?;
    txn.commit().await?;
    Ok(AckResult { acknowledged: ids })
}

fn status(field: &str, code: &str) -> Result<Status, AppError> {
    Status::parse(code).ok_or_else(|| AppError::field(field, ValueError::InvalidChoice))
}

/// A business system moves an application (a `write` key of its department).
pub async fn update_status(
    db: &DatabaseConnection,
    caller: &ApiCaller,
    id: i32,
    update: &StatusUpdate,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<(), AppError> {
    if !caller.can_write {
        return Err(AppError::Forbidden);
    }
    let from = status("from", &update.from)?;
    let to = status("to", &update.to)?;
    workflow::change_status(
        db,
        Actor::System(caller),
        id,
        from,
        to,
        &update.note,
        now,
        origin,
    )
    .await
}
