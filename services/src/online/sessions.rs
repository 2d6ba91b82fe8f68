//! A signed-in resident's sessions: apart from staff sessions (their own table, cookie
//! and limits). The cookie holds a random token, the table its SHA-256. A session ends
//! after `SecuritySettings::resident_idle` without a request or `resident_absolute`
//! after sign-in; its end is audited.

use crate::audit::{self, Audit};
use crate::auth::sessions::{due_touch, lapsed, new_token, token_hash};
use crate::auth::{RequestMeta, SecuritySettings};
use crate::entities::{resident_account, resident_session};
use chrono::{DateTime, Utc};
use madoguchi_types::error::AppError;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set, TransactionTrait,
};

/// The cookie's name: `__Host-` over HTTPS, plain on the HTTP demo.
pub fn cookie_name(https: bool) -> &'static str {
    if https {
        "__Host-madoguchi_resident"
    } else {
        "madoguchi_resident"
    }
}

/// The `Set-Cookie` value that stores `token` (or, with `None`, removes the cookie).
/// SameSite=Strict: the resident's pages fetch from their own site.
pub fn cookie(token: Option<&str>, https: bool, max_age_seconds: i64) -> String {
    let secure = if https { "; Secure" } else { "" };
    let (value, age) = token.map_or(("", 0), |t| (t, max_age_seconds));
    format!(
        "{}={value}; Path=/; HttpOnly; SameSite=Strict{secure}; Max-Age={age}",
        cookie_name(https)
    )
}

/// The signed-in resident of a request.
#[derive(Debug, Clone)]
pub struct ResidentCurrent {
    pub session: resident_session::Model,
    pub account: resident_account::Model,
}

/// Opens a session for `account` and returns its token.
pub async fn open<C: ConnectionTrait>(
    db: &C,
    settings: &SecuritySettings,
    account: &resident_account::Model,
    now: DateTime<Utc>,
    meta: &RequestMeta,
) -> Result<String, AppError> {
    let token = new_token()?;
    resident_session::ActiveModel {
        id: Set(token_hash(&token)),
        account_id: Set(account.id),
        created_at: Set(now),
        expires_at: Set(now + settings.resident_absolute),
        last_seen_at: Set(now),
        origin: Set(meta.address.chars().take(64).collect()),
        user_agent: Set(meta.user_agent.chars().take(200).collect()),
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The live session of `token`: not past its end, not idle too long. An expired one is
/// deleted and audited; every failure is `Unauthenticated`.
pub async fn resolve(
    db: &DatabaseConnection,
    settings: &SecuritySettings,
    token: &str,
    now: DateTime<Utc>,
    meta: &RequestMeta,
) -> Result<ResidentCurrent, AppError> {
    let session = resident_session::Entity::find_by_id(token_hash(token))
        .one(db)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let why = lapsed(
        session.expires_at,
        session.last_seen_at,
        settings.resident_idle,
        now,
    );
    let account = resident_account::Entity::find_by_id(session.account_id)
        .one(db)
        .await?;
    let (Some(account), None) = (account, why) else {
        end_one(
            db,
            &session,
            why.unwrap_or("account_gone"),
            now,
            &meta.address,
        )
        .await?;
        return Err(AppError::Unauthenticated);
    };
    if due_touch(session.last_seen_at, now) {
        resident_session::ActiveModel {
            id: sea_orm::ActiveValue::Unchanged(session.id.clone()),
            last_seen_at: Set(now),
            ..Default::default()
        }
        .update(db)
        .await?;
    }
    Ok(ResidentCurrent { session, account })
}

/// Ends the session of `token`, if it is still there (a resident signing in again on a
/// device that kept an older session: the old one must not live on beside the new).
pub async fn end_token<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    token: &str,
    why: &str,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<(), AppError> {
    match resident_session::Entity::find_by_id(token_hash(token))
        .one(db)
        .await?
    {
        Some(session) => end_one(db, &session, why, now, origin).await,
        None => Ok(()),
    }
}

/// Ends a session (sign-out, or a timeout) and audits why.
pub async fn end_one<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    session: &resident_session::Model,
    why: &str,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<(), AppError> {
    resident_session::Entity::delete_by_id(session.id.clone())
        .exec(db)
        .await?;
    audit::record_resident(
        db,
        now,
        origin,
        session.account_id,
        Audit {
            staff_user_id: None,
            action: "resident_session_end",
            target: format!("resident_session:{}", &session.id[..12]),
            household_id: None,
            resident_id: None,
            purpose: "authentication",
            outcome: why,
        },
    )
    .await?;
    Ok(())
}

/// Deletes sessions past their absolute end (housekeeping; not audited one by one).
pub async fn purge<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> Result<u64, AppError> {
    Ok(resident_session::Entity::delete_many()
        .filter(resident_session::Column::ExpiresAt.lte(now))
        .exec(db)
        .await?
        .rows_affected)
}
