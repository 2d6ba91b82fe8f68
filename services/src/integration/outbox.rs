//! The transactional outbox: what happened to an application is written as an
//! `outbox_events` row in the same transaction as the change itself — committed with
//! it or rolled back with it, so no event is lost and none is told that did not
//! happen — together with one `webhook_deliveries` row per active subscription of the
//! application's department, which the relay then works through.
//!
//! The body says what happened and where to read it, not the resident's data: a
//! receiver fetches the application with its own key (`GET /api/v1/applications/{id}`),
//! so a misdirected webhook leaks nothing.

use crate::entities::{application, outbox_event, webhook_delivery, webhook_subscription};
use chrono::{DateTime, SecondsFormat, Utc};
use madoguchi_core::audit::hex;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    /// A new application reached its department.
    Received,
    /// Its status changed (by staff or a business system).
    StatusChanged,
}

impl EventKind {
    pub fn code(self) -> &'static str {
        match self {
            Self::Received => "application.received",
            Self::StatusChanged => "application.status_changed",
        }
    }
}

fn event_id() -> Result<String, DbErr> {
    let mut b = [0u8; 16];
    getrandom::fill(&mut b).map_err(|e| DbErr::Custom(format!("no randomness: {e}")))?;
    Ok(format!("evt_{}", hex(&b)))
}

/// Writes the event and its deliveries inside the caller's transaction. `previous` is
/// the status before a change.
pub async fn publish<C: ConnectionTrait>(
    db: &C,
    kind: EventKind,
    app: &application::Model,
    status: &str,
    previous: Option<&str>,
    now: DateTime<Utc>,
) -> Result<i64, DbErr> {
    let id = event_id()?;
    let created = now.to_rfc3339_opts(SecondsFormat::Millis, true);
    let payload = serde_json::json!({
        "id": id,
        "type": kind.code(),
        "created_at": created,
        "data": {
            "application": {
                "id": app.id,
                "procedure_id": app.procedure_id,
                "department_id": app.department_id,
                "status": status,
                "previous_status": previous,
                "href": format!("/api/v1/applications/{}", app.id),
            }
        }
    });
    let event = outbox_event::ActiveModel {
        event_id: Set(id),
        kind: Set(kind.code().to_owned()),
        department_id: Set(app.department_id.clone()),
        application_id: Set(app.id),
        payload: Set(payload.to_string()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let subscriptions = webhook_subscription::Entity::find()
        .filter(webhook_subscription::Column::DepartmentId.eq(app.department_id.clone()))
        .filter(webhook_subscription::Column::RevokedAt.is_null())
        .all(db)
        .await?;
    for sub in subscriptions {
        webhook_delivery::ActiveModel {
            subscription_id: Set(sub.id),
            event_id: Set(event.id),
            status: Set("pending".into()),
            attempts: Set(0),
            next_attempt_at: Set(now),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(event.id)
}
