//! Webhook subscriptions per department, managed by an administrator
//! (`integration.manage`): where a department's events go and the secret they are
//! signed with (shown once), and the dead letters — deliveries given up after every
//! attempt — to inspect and replay. Each change is audited.

use super::{entry, manager};
use crate::audit;
use crate::db::begin_write;
use crate::entities::{
    department, outbox_event, staff_user, webhook_delivery, webhook_subscription,
};
use crate::time::minutes;
use chrono::{DateTime, Utc};
use madoguchi_core::audit::hex;
use madoguchi_core::jp::ValueError;
use madoguchi_types::error::AppError;
use madoguchi_types::model::integration::{
    CreatedWebhook, DeadLetterView, WebhookView, WebhooksOverview,
};
use madoguchi_types::model::StaffMe;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use std::collections::HashMap;

/// The longest address.
const MAX_URL: usize = 512;
/// Dead letters listed at once (the oldest; replaying them shows the next).
const DEAD_LETTERS_SHOWN: u64 = 200;

/// Sends `department`'s events from now on to `url` (http or https).
pub async fn subscribe(
    db: &DatabaseConnection,
    staff: &StaffMe,
    department_id: &str,
    url: &str,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<CreatedWebhook, AppError> {
    manager(staff)?;
    let url = url.trim();
    let scheme_ok = url.starts_with("https://") || url.starts_with("http://");
    if !scheme_ok || url.len() > MAX_URL || url.chars().any(char::is_whitespace) {
        return Err(AppError::field("url", ValueError::InvalidCharacter));
    }
    if department::Entity::find_by_id(department_id.to_owned())
        .one(db)
        .await?
        .is_none()
    {
        return Err(AppError::field("department_id", ValueError::InvalidChoice));
    }
    let mut b = [0u8; 32];
    getrandom::fill(&mut b).map_err(|_| AppError::Internal)?;
    let secret = format!("whsec_{}", hex(&b));
    let txn = begin_write(db).await?;
    let sub = webhook_subscription::ActiveModel {
        department_id: Set(department_id.to_owned()),
        url: Set(url.to_owned()),
        secret: Set(secret.clone()),
        created_by: Set(staff.id),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let target = format!("webhook:{}:{department_id}", sub.id);
    audit::record(&txn, now, origin, entry(staff, "webhook_subscribe", target)).await?;
    txn.commit().await?;
    Ok(CreatedWebhook { id: sub.id, secret })
}

/// Stops sending to subscription `id` (deliveries already due are still tried).
pub async fn unsubscribe(
    db: &DatabaseConnection,
    staff: &StaffMe,
    id: i32,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<(), AppError> {
    manager(staff)?;
    let txn = begin_write(db).await?;
    let done = webhook_subscription::Entity::update_many()
        .col_expr(webhook_subscription::Column::RevokedAt, Expr::value(now))
        .filter(webhook_subscription::Column::Id.eq(id))
        .filter(webhook_subscription::Column::RevokedAt.is_null())
        .exec(&txn)
        .await?;
    if done.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    let target = format!("webhook:{id}");
    audit::record(
        &txn,
        now,
        origin,
        entry(staff, "webhook_unsubscribe", target),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The subscriptions (newest first, with their deliveries counted) and the dead
/// letters (oldest first).
pub async fn overview(
    db: &DatabaseConnection,
    staff: &StaffMe,
) -> Result<WebhooksOverview, AppError> {
    manager(staff)?;
    let departments: HashMap<String, String> = department::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.id, d.name))
        .collect();
    let dept_name = |id: &str| {
        departments
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.to_owned())
    };
    let staff_names: HashMap<i32, String> = staff_user::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    let counts: Vec<(i32, String, i64)> = webhook_delivery::Entity::find()
        .select_only()
        .column(webhook_delivery::Column::SubscriptionId)
        .column(webhook_delivery::Column::Status)
        .column_as(webhook_delivery::Column::Id.count(), "n")
        .group_by(webhook_delivery::Column::SubscriptionId)
        .group_by(webhook_delivery::Column::Status)
        .into_tuple()
        .all(db)
        .await?;
    let count = |sub: i32, status: &str| {
        counts
            .iter()
            .filter(|(s, st, _)| *s == sub && st == status)
            .map(|(_, _, n)| u64::try_from(*n).unwrap_or(0))
            .sum()
    };
    let subs = webhook_subscription::Entity::find()
        .order_by_desc(webhook_subscription::Column::Id)
        .all(db)
        .await?;
    let urls: HashMap<i32, String> = subs.iter().map(|s| (s.id, s.url.clone())).collect();
    let subscriptions = subs
        .into_iter()
        .map(|s| WebhookView {
            id: s.id,
            department_name: dept_name(&s.department_id),
            department_id: s.department_id,
            url: s.url,
            created_by: staff_names.get(&s.created_by).cloned().unwrap_or_default(),
            created_at: minutes(s.created_at),
            revoked_at: s.revoked_at.map(minutes),
            pending: count(s.id, "pending"),
            delivered: count(s.id, "delivered"),
            dead: count(s.id, "dead"),
        })
        .collect();
    let dead = webhook_delivery::Entity::find()
        .filter(webhook_delivery::Column::Status.eq("dead"))
        .order_by_asc(webhook_delivery::Column::Id)
        .limit(DEAD_LETTERS_SHOWN)
        .all(db)
        .await?;
    let events: HashMap<i64, outbox_event::Model> = outbox_event::Entity::find()
        .filter(outbox_event::Column::Id.is_in(dead.iter().map(|d| d.event_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    let dead_letters = dead
        .into_iter()
        .filter_map(|d| {
            let e = events.get(&d.event_id)?;
            Some(DeadLetterView {
                id: d.id,
                event_type: e.kind.clone(),
                event_id: e.event_id.clone(),
                application_id: e.application_id,
                department_name: dept_name(&e.department_id),
                url: urls.get(&d.subscription_id).cloned().unwrap_or_default(),
                attempts: d.attempts,
                last_status: d.last_status,
                last_error: d.last_error,
                created_at: minutes(e.created_at),
            })
        })
        .collect();
    Ok(WebhooksOverview {
        subscriptions,
        dead_letters,
    })
}

/// Sends dead letter `id` again from the start (its attempts counted anew).
pub async fn replay(
    db: &DatabaseConnection,
    staff: &StaffMe,
    id: i64,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<(), AppError> {
    manager(staff)?;
    use webhook_delivery::Column as C;
    let txn = begin_write(db).await?;
    let done = webhook_delivery::Entity::update_many()
        .col_expr(C::Status, Expr::value("pending"))
        .col_expr(C::Attempts, Expr::value(0))
        .col_expr(C::NextAttemptAt, Expr::value(now))
        .filter(C::Id.eq(id))
        .filter(C::Status.eq("dead"))
        .exec(&txn)
        .await?;
    if done.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    let target = format!("delivery:{id}");
    audit::record(&txn, now, origin, entry(staff, "webhook_replay", target)).await?;
    txn.commit().await?;
    Ok(())
}
