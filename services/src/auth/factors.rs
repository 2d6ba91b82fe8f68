//! A staff member's own second factors: what they have, and new recovery codes.

use super::super::audit;
use super::super::entities::{passkey, recovery_code, staff_user};
use super::sessions::{Current, RequestMeta};
use super::sign_in::entry;
use super::totp::new_recovery_codes;
use crate::db::begin_write;
use crate::time::minutes;
use chrono::{DateTime, Utc};
use madoguchi_types::error::AppError;
use madoguchi_types::model::security::{FactorSummary, PasskeySummary};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};

pub async fn summary(
    db: &DatabaseConnection,
    user: &staff_user::Model,
) -> Result<FactorSummary, AppError> {
    let passkeys = passkey::Entity::find()
        .filter(passkey::Column::StaffUserId.eq(user.id))
        .order_by_asc(passkey::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|p| PasskeySummary {
            id: p.id,
            name: p.name,
            created_at: minutes(p.created_at),
            last_used_at: p.last_used_at.map(minutes),
        })
        .collect();
    let left = recovery_code::Entity::find()
        .filter(recovery_code::Column::StaffUserId.eq(user.id))
        .filter(recovery_code::Column::UsedAt.is_null())
        .count(db)
        .await?;
    Ok(FactorSummary {
        totp: user.totp_secret.is_some(),
        passkeys,
        recovery_codes_left: u32::try_from(left).unwrap_or(u32::MAX),
    })
}

/// Ten new recovery codes for the caller (the old ones stop working).
pub async fn renew_recovery_codes(
    db: &DatabaseConnection,
    current: &Current,
    now: DateTime<Utc>,
    meta: &RequestMeta,
) -> Result<Vec<String>, AppError> {
    let txn = begin_write(db).await?;
    let codes = new_recovery_codes(&txn, current.user.id, now).await?;
    audit::record(
        &txn,
        now,
        &meta.address,
        entry(
            Some(current.user.id),
            "recovery_codes_renew",
            format!("user:{}", current.user.username),
            "ok",
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(codes)
}
