//! Work on an application in its department: moving its status
//! (`madoguchi_core::workflow` says what may follow what), taking it on or handing it
//! to a colleague, and commenting. Each is one transaction: the application row
//! changed only if it is still as the caller saw it, the `application_events` row that
//! records who did what and when, and the audit entry — all written, or none.
//!
//! Staff act on their own department's applications with `application.process`; a
//! business system acts through the integration API as itself (`Actor::System`).

use super::audit::{self, Audit};
use super::db::begin_write;
use super::entities::{application, application_event, staff_user};
use super::integration::keys::ApiCaller;
use super::integration::outbox::{self, EventKind};
use chrono::{DateTime, Utc};
use madoguchi_core::forms::FieldError;
use madoguchi_core::jp::ValueError;
use madoguchi_core::workflow::{check_change, ChangeError, Status, MAX_NOTE};
use madoguchi_types::error::{AppError, ConflictReason};
use madoguchi_types::model::{Permission, StaffMe};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, QueryFilter, Set,
};

/// Who acts: a member of staff, or a business system by its key.
#[derive(Debug, Clone, Copy)]
pub enum Actor<'a> {
    Staff(&'a StaffMe),
    System(&'a ApiCaller),
}

impl Actor<'_> {
    fn staff_id(&self) -> Option<i32> {
        match self {
            Actor::Staff(s) => Some(s.id),
            Actor::System(_) => None,
        }
    }

    fn source(&self) -> Option<String> {
        match self {
            Actor::Staff(_) => None,
            Actor::System(caller) => Some(caller.system.clone()),
        }
    }

    /// The audit entry's target: the application, preceded by the key for a system.
    fn target(&self, what: String) -> String {
        match self {
            Actor::Staff(_) => what,
            Actor::System(caller) => format!("{}/{what}", caller.audit_name()),
        }
    }
}

/// The application, if `staff` may work on it: their own department's, with
/// `application.process`. Anything else reads as not found (and is audited as denied).
async fn workable<C: ConnectionTrait>(
    db: &C,
    staff: &StaffMe,
    id: i32,
) -> Result<Option<application::Model>, AppError> {
    if !staff.can(Permission::ApplicationProcess) {
        return Err(AppError::Forbidden);
    }
    let found = application::Entity::find_by_id(id).one(db).await?;
    Ok(found.filter(|a| staff.department_id.as_deref() == Some(a.department_id.as_str())))
}

fn field_error(field: &str, error: ValueError) -> FieldError {
    FieldError {
        field: field.to_owned(),
        error,
    }
}

fn note_field(e: &ChangeError) -> Option<FieldError> {
    let problem = match e {
        ChangeError::ReasonRequired => ValueError::Required,
        ChangeError::NoteTooLong => ValueError::TooLong,
        ChangeError::OutOfOrder { .. } => return None,
    };
    Some(field_error("note", problem))
}

/// Moves application `id` from `from` (the status the caller saw) to `to`, with
/// `note` (the reason the resident reads for 差戻し and 却下). Refused if the change does
/// not follow the workflow (`conflict`/`status_order`), or if the application moved
/// meanwhile (`conflict`/`changed_meanwhile`: reload and look again).
#[allow(clippy::too_many_arguments)]
pub async fn change_status(
    db: &DatabaseConnection,
    actor: Actor<'_>,
    id: i32,
    from: Status,
    to: Status,
    note: &str,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<(), AppError> {
    let txn = begin_write(db).await?;
    let app = match actor {
        Actor::Staff(staff) => workable(&txn, staff, id).await?,
        Actor::System(caller) => application::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .filter(|a| a.department_id == caller.department_id),
    };
    let audit_entry = |outcome, household_id: Option<i32>| Audit {
        staff_user_id: actor.staff_id(),
        action: "application_status",
        target: actor.target(format!("application:{id}:{}", to.code())),
        household_id,
        resident_id: None,
        purpose: match actor {
            Actor::Staff(_) => "department_processing",
            Actor::System(_) => "business_system",
        },
        outcome,
    };
    let Some(app) = app else {
        drop(txn);
        audit::record(db, now, origin, audit_entry("denied", None)).await?;
        return Err(AppError::NotFound);
    };
    let current = Status::parse(&app.status).ok_or(AppError::Internal)?;
    if current != from {
        return Err(AppError::Conflict {
            reason: ConflictReason::ChangedMeanwhile {
                status: current.code().to_owned(),
            },
        });
    }
    let note = check_change(from, to, note).map_err(|e| match note_field(&e) {
        Some(field) => AppError::InvalidInput {
            fields: vec![field],
        },
        None => AppError::Conflict {
            reason: ConflictReason::StatusOrder {
                from: from.code().to_owned(),
                to: to.code().to_owned(),
            },
        },
    })?;
    // Only if it is still as the caller saw it: two people acting at once cannot both
    // move it.
    let moved = application::Entity::update_many()
        .col_expr(application::Column::Status, Expr::value(to.code()))
        .col_expr(application::Column::UpdatedAt, Expr::value(now))
        .filter(application::Column::Id.eq(id))
        .filter(application::Column::Status.eq(app.status.clone()))
        .exec(&txn)
        .await?;
    if moved.rows_affected != 1 {
        return Err(AppError::Conflict {
            reason: ConflictReason::ChangedMeanwhile {
                status: current.code().to_owned(),
            },
        });
    }
    outbox::publish(
        &txn,
        EventKind::StatusChanged,
        &app,
        to.code(),
        Some(from.code()),
        now,
    )
    .await?;
    // The resident who applied online hears of it by e-mail, if they asked to.
    crate::online::notices::status_changed(&txn, &app, to.code(), now).await?;
    let done = Done {
        actor,
        app: &app,
        kind: "status",
        status: to,
        note: &note,
    };
    finish(txn, done, now, origin, audit_entry).await
}

/// Gives application `id` to `to` (a member of staff of its department who may process
/// it), or to nobody.
pub async fn assign(
    db: &DatabaseConnection,
    staff: &StaffMe,
    id: i32,
    to: Option<i32>,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<(), AppError> {
    let txn = begin_write(db).await?;
    let audit_entry = |outcome, household_id: Option<i32>| Audit {
        staff_user_id: Some(staff.id),
        action: "application_assign",
        target: format!(
            "application:{id}:{}",
            to.map_or_else(|| "nobody".to_owned(), |t| format!("staff:{t}"))
        ),
        household_id,
        resident_id: None,
        purpose: "department_processing",
        outcome,
    };
    let Some(app) = workable(&txn, staff, id).await? else {
        drop(txn);
        audit::record(db, now, origin, audit_entry("denied", None)).await?;
        return Err(AppError::NotFound);
    };
    let assignee = match to {
        Some(user) => Some(colleague(&txn, &app.department_id, user).await?),
        None => None,
    };
    application::Entity::update_many()
        .col_expr(application::Column::AssignedTo, Expr::value(to))
        .col_expr(application::Column::UpdatedAt, Expr::value(now))
        .filter(application::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    let status = Status::parse(&app.status).ok_or(AppError::Internal)?;
    let note = assignee.unwrap_or_default();
    let done = Done {
        actor: Actor::Staff(staff),
        app: &app,
        kind: "assigned",
        status,
        note: &note,
    };
    finish(txn, done, now, origin, audit_entry).await
}

/// The display name of `user` if they are active staff of `department` who may process
/// its applications; otherwise the choice is refused as a field error.
async fn colleague<C: ConnectionTrait>(
    db: &C,
    department: &str,
    user: i32,
) -> Result<String, AppError> {
    let refused = || AppError::InvalidInput {
        fields: vec![field_error("assignee", ValueError::InvalidChoice)],
    };
    let Some(u) = staff_user::Entity::find_by_id(user).one(db).await? else {
        return Err(refused());
    };
    if !u.active || u.department_id.as_deref() != Some(department) {
        return Err(refused());
    }
    let (_, granted) = super::permissions::of_user(db, user).await?;
    if !granted.contains(&Permission::ApplicationProcess) {
        return Err(refused());
    }
    Ok(u.display_name)
}

/// Adds a comment to application `id`'s history (staff only, never shown to residents).
pub async fn comment(
    db: &DatabaseConnection,
    staff: &StaffMe,
    id: i32,
    text: &str,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<(), AppError> {
    let text = text.trim();
    let problem = if text.is_empty() {
        Some(ValueError::Required)
    } else if text.chars().count() > MAX_NOTE {
        Some(ValueError::TooLong)
    } else {
        None
    };
    if let Some(problem) = problem {
        return Err(AppError::InvalidInput {
            fields: vec![field_error("comment", problem)],
        });
    }
    let txn = begin_write(db).await?;
    let audit_entry = |outcome, household_id: Option<i32>| Audit {
        staff_user_id: Some(staff.id),
        action: "application_comment",
        target: format!("application:{id}"),
        household_id,
        resident_id: None,
        purpose: "department_processing",
        outcome,
    };
    let Some(app) = workable(&txn, staff, id).await? else {
        drop(txn);
        audit::record(db, now, origin, audit_entry("denied", None)).await?;
        return Err(AppError::NotFound);
    };
    let status = Status::parse(&app.status).ok_or(AppError::Internal)?;
    let done = Done {
        actor: Actor::Staff(staff),
        app: &app,
        kind: "comment",
        status,
        note: text,
    };
    finish(txn, done, now, origin, audit_entry).await
}

/// What was done to an application, for its history.
struct Done<'a> {
    actor: Actor<'a>,
    app: &'a application::Model,
    kind: &'a str,
    status: Status,
    note: &'a str,
}

/// Ends a change: its `application_events` row and its audit entry (`ok`, with the
/// visit's household) in the change's transaction, then commits.
async fn finish<'a>(
    txn: DatabaseTransaction,
    done: Done<'_>,
    now: DateTime<Utc>,
    origin: &str,
    audit_entry: impl Fn(&'static str, Option<i32>) -> Audit<'a>,
) -> Result<(), AppError> {
    let id = done.app.id;
    event(&txn, done.actor, id, done.kind, done.status, done.note, now).await?;
    let household = visit_household(&txn, done.app.visit_id).await?;
    audit::record(&txn, now, origin, audit_entry("ok", household)).await?;
    txn.commit().await?;
    Ok(())
}

async fn event<C: ConnectionTrait>(
    db: &C,
    actor: Actor<'_>,
    id: i32,
    kind: &str,
    status: Status,
    note: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    application_event::ActiveModel {
        application_id: Set(id),
        status: Set(status.code().to_owned()),
        staff_user_id: Set(actor.staff_id()),
        note: Set(note.to_owned()),
        at: Set(now),
        kind: Set(kind.to_owned()),
        source: Set(actor.source()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

async fn visit_household<C: ConnectionTrait>(
    db: &C,
    visit_id: i32,
) -> Result<Option<i32>, AppError> {
    Ok(super::entities::visit::Entity::find_by_id(visit_id)
        .one(db)
        .await?
        .and_then(|v| v.household_id))
}
