//! A department's queue: the applications routed to it, newest first. Staff see only
//! their own department's applications (another department's is "not found"); those
//! whose roles grant `queue.read_all` (supervisors) see every department's.

use super::audit::{self, Audit};
use super::entities::{application, application_event, department, staff_user, visit};
use crate::time::{jst, minutes};
use chrono::{DateTime, Days, NaiveDate, Utc};
use madoguchi_core::forms::FieldError;
use madoguchi_core::jp::ValueError;
use madoguchi_core::rules::Ruleset;
use madoguchi_core::screening::ScreeningResult;
use madoguchi_core::workflow::Status;
use madoguchi_types::error::AppError;
use madoguchi_types::model::{
    ApplicationDetail, ApplicationSummary, Due, HistoryEntry, Permission, QueuePage, QueueQuery,
    QueueSort, StaffMe, VisitApplication, DUE_SOON_DAYS,
};
use sea_orm::sea_query::{NullOrdering, Order};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Select,
};
use std::collections::HashMap;

/// Applications per page of the queue.
pub const PAGE_SIZE: u64 = 50;

/// The department whose applications the caller may read, or `None` for all.
pub(crate) fn scope(staff: &StaffMe) -> Result<Option<&str>, AppError> {
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

/// A page of the queue, filtered and sorted as asked.
pub async fn list(
    db: &DatabaseConnection,
    staff: &StaffMe,
    rules: &Ruleset,
    query: &QueueQuery,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<QueuePage, AppError> {
    let dept = scope(staff)?;
    let today = now.with_timezone(&jst()).date_naive();
    let q = filtered(staff, dept, query, today)?;
    let total = q.clone().count(db).await?;
    let q = match query.sort {
        QueueSort::Newest => q
            .order_by_desc(application::Column::CreatedAt)
            .order_by_desc(application::Column::Id),
        QueueSort::Oldest => q
            .order_by_asc(application::Column::CreatedAt)
            .order_by_asc(application::Column::Id),
        QueueSort::Deadline => q
            .order_by_with_nulls(
                application::Column::Deadline,
                Order::Asc,
                NullOrdering::Last,
            )
            .order_by_asc(application::Column::Id),
    };
    let apps = q
        .offset(u64::from(query.page) * PAGE_SIZE)
        .limit(PAGE_SIZE)
        .all(db)
        .await?;
    let visit_ids: Vec<i32> = apps.iter().map(|a| a.visit_id).collect();
    let visits: HashMap<i32, visit::Model> = visit::Entity::find()
        .filter(visit::Column::Id.is_in(visit_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|v| (v.id, v))
        .collect();
    let names = staff_names(db, apps.iter().filter_map(|a| a.assigned_to).collect()).await?;
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
    let items = apps
        .iter()
        .map(|a| {
            let mut s = summary(a, rules, visits.get(&a.visit_id));
            s.assignee = a.assigned_to.and_then(|u| names.get(&u).cloned());
            s.due = due(a, today);
            s
        })
        .collect();
    let procedures = rules
        .procedures
        .iter()
        .filter(|p| dept.is_none_or(|d| p.department == d))
        .map(|p| (p.id.clone(), p.name.clone()))
        .collect();
    Ok(QueuePage {
        items,
        total,
        page: query.page,
        page_size: PAGE_SIZE as u32,
        procedures,
    })
}

/// The query's filters, refused field by field when they make no sense.
fn filtered(
    staff: &StaffMe,
    dept: Option<&str>,
    query: &QueueQuery,
    today: NaiveDate,
) -> Result<Select<application::Entity>, AppError> {
    let invalid = |field: &str, error| AppError::InvalidInput {
        fields: vec![FieldError {
            field: field.to_owned(),
            error,
        }],
    };
    let mut q = application::Entity::find();
    if let Some(d) = dept {
        q = q.filter(application::Column::DepartmentId.eq(d));
    }
    q = match query.status.as_deref() {
        None | Some("open") => q.filter(
            application::Column::Status
                .is_in(Status::ALL.iter().filter(|s| s.is_open()).map(|s| s.code())),
        ),
        Some("all") => q,
        Some(code) => {
            let s =
                Status::parse(code).ok_or_else(|| invalid("status", ValueError::InvalidChoice))?;
            q.filter(application::Column::Status.eq(s.code()))
        }
    };
    if let Some(p) = &query.procedure {
        q = q.filter(application::Column::ProcedureId.eq(p.as_str()));
    }
    if let (Some(from), Some(to)) = (query.received_from, query.received_to) {
        if from > to {
            return Err(invalid("received_to", ValueError::DateOutOfRange));
        }
    }
    let start_of = |d: NaiveDate| {
        d.and_hms_opt(0, 0, 0)
            .and_then(|t| t.and_local_timezone(jst()).single())
            .map(|t| t.with_timezone(&Utc))
    };
    if let Some(from) = query.received_from {
        let at = start_of(from).ok_or_else(|| invalid("received_from", ValueError::InvalidDate))?;
        q = q.filter(application::Column::CreatedAt.gte(at));
    }
    if let Some(to) = query.received_to {
        let at = to
            .succ_opt()
            .and_then(start_of)
            .ok_or_else(|| invalid("received_to", ValueError::InvalidDate))?;
        q = q.filter(application::Column::CreatedAt.lt(at));
    }
    if let Some(n) = query.due_within {
        let until = (n <= 3660)
            .then(|| today.checked_add_days(Days::new(u64::from(n))))
            .flatten()
            .ok_or_else(|| invalid("due_within", ValueError::OutOfRange))?;
        q = q
            .filter(application::Column::Deadline.is_not_null())
            .filter(application::Column::Deadline.lte(until));
    }
    if query.mine {
        q = q.filter(application::Column::AssignedTo.eq(staff.id));
    }
    Ok(q)
}

fn due(a: &application::Model, today: NaiveDate) -> Option<Due> {
    let open = Status::parse(&a.status).is_some_and(Status::is_open);
    match a.deadline {
        Some(d) if open && d < today => Some(Due::Overdue),
        Some(d) if open && (d - today).num_days() <= DUE_SOON_DAYS => Some(Due::Soon),
        _ => None,
    }
}

async fn staff_names(
    db: &DatabaseConnection,
    ids: Vec<i32>,
) -> Result<HashMap<i32, String>, AppError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(staff_user::Entity::find()
        .filter(staff_user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect())
}

/// The application's history, oldest first, each line naming who acted.
async fn history(db: &DatabaseConnection, id: i32) -> Result<Vec<HistoryEntry>, AppError> {
    let events = application_event::Entity::find()
        .filter(application_event::Column::ApplicationId.eq(id))
        .order_by_asc(application_event::Column::At)
        .order_by_asc(application_event::Column::Id)
        .all(db)
        .await?;
    let names = staff_names(db, events.iter().filter_map(|e| e.staff_user_id).collect()).await?;
    Ok(events
        .into_iter()
        .map(|e| HistoryEntry {
            at: minutes(e.at),
            who: match (e.staff_user_id, &e.source) {
                (Some(u), _) => names.get(&u).cloned().unwrap_or_else(|| format!("#{u}")),
                (None, Some(system)) => system.clone(),
                (None, None) => String::new(),
            },
            kind: e.kind,
            status: Status::parse(&e.status).map_or(e.status, |s| s.code().to_owned()),
            note: e.note,
        })
        .collect())
}

fn summary(
    a: &application::Model,
    rules: &Ruleset,
    v: Option<&visit::Model>,
) -> ApplicationSummary {
    ApplicationSummary {
        id: a.id,
        procedure_id: a.procedure_id.clone(),
        procedure_name: rules
            .procedure(&a.procedure_id)
            .map_or_else(|| a.procedure_id.clone(), |p| p.name.clone()),
        subject_name: a.subject_name.clone(),
        status: Status::parse(&a.status).map_or_else(|| a.status.clone(), |s| s.code().to_owned()),
        deadline: a.deadline,
        visit_number: v.map(|v| v.visit_number.clone()).unwrap_or_default(),
        channel: v.map(|v| v.channel.clone()).unwrap_or_default(),
        created_at: minutes(a.created_at),
        assignee: None,
        due: None,
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
    let history = history(db, a.id).await?;
    let visit_applications = visit_applications(db, &a, rules, dept).await?;
    let attachments = crate::online::attachments::of_application(db, a.id).await?;
    let assignee = match a.assigned_to {
        Some(user) => staff_user::Entity::find_by_id(user)
            .one(db)
            .await?
            .map(|u| u.display_name),
        None => None,
    };
    let can_process = staff.can(Permission::ApplicationProcess)
        && staff.department_id.as_deref() == Some(a.department_id.as_str());
    let status = Status::parse(&a.status).ok_or(AppError::Internal)?;
    Ok(ApplicationDetail {
        summary: summary(&a, rules, Some(&v)),
        trace,
        assignee,
        mine: a.assigned_to == Some(staff.id),
        me: staff.id,
        can_process,
        next: if can_process {
            status.next().to_vec()
        } else {
            Vec::new()
        },
        history,
        visit_applications,
        attachments,
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

/// The other applications of `a`'s visit, in the order they were made. Only their
/// procedure, department and status: the caller opens those of its own queue.
async fn visit_applications(
    db: &DatabaseConnection,
    a: &application::Model,
    rules: &Ruleset,
    dept: Option<&str>,
) -> Result<Vec<VisitApplication>, AppError> {
    let others = application::Entity::find()
        .filter(application::Column::VisitId.eq(a.visit_id))
        .filter(application::Column::Id.ne(a.id))
        .order_by_asc(application::Column::Id)
        .all(db)
        .await?;
    if others.is_empty() {
        return Ok(Vec::new());
    }
    let names: std::collections::HashMap<String, String> = department::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.id, d.name))
        .collect();
    Ok(others
        .into_iter()
        .map(|o| VisitApplication {
            id: o.id,
            procedure_name: rules
                .procedure(&o.procedure_id)
                .map_or_else(|| o.procedure_id.clone(), |p| p.name.clone()),
            procedure_id: o.procedure_id,
            department_name: names
                .get(&o.department_id)
                .cloned()
                .unwrap_or_else(|| o.department_id.clone()),
            can_open: dept.is_none_or(|d| d == o.department_id),
            department_id: o.department_id,
            status: Status::parse(&o.status).map_or(o.status, |s| s.code().to_owned()),
        })
        .collect())
}
