//! The first step of signing in (username and password, throttled), the forced
//! password change, and signing out. Every attempt — right, wrong, throttled — is
//! audited; the answers never tell whether an account exists.

use super::super::audit::{self, Audit};
use super::super::entities::staff_user;
use super::sessions::{self, Current, RequestMeta};
use super::settings::SecuritySettings;
use super::{password, throttle};
use crate::db::begin_write;
use chrono::{DateTime, Utc};
use madoguchi_types::error::{AppError, PasswordProblem};
use madoguchi_types::model::StaffMe;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

pub(super) fn entry<'a>(
    staff_user_id: Option<i32>,
    action: &'a str,
    target: String,
    outcome: &'a str,
) -> Audit<'a> {
    Audit {
        staff_user_id,
        action,
        target,
        household_id: None,
        resident_id: None,
        purpose: "authentication",
        outcome,
    }
}

/// Checks a username and password. On success opens a session in the state of the
/// next step (usually the second factor) and returns its token.
pub async fn with_password(
    db: &DatabaseConnection,
    settings: &SecuritySettings,
    username: &str,
    password_given: &str,
    now: DateTime<Utc>,
    meta: &RequestMeta,
) -> Result<(String, StaffMe), AppError> {
    let name = username.trim();
    let target = format!("user:{}", name.chars().take(48).collect::<String>());
    let keys = throttle::Keys::new(name, &meta.address);
    if let Some(wait) = throttle::check(db, &settings.throttle, &keys, now).await? {
        audit::record(
            db,
            now,
            &meta.address,
            entry(None, "sign_in", target, "throttled"),
        )
        .await?;
        return Err(AppError::TooManyAttempts {
            retry_after: u32::try_from(wait).unwrap_or(u32::MAX),
        });
    }
    let user = staff_user::Entity::find()
        .filter(staff_user::Column::Username.eq(name))
        .one(db)
        .await?;
    let ok = password::verify(
        password_given,
        user.as_ref().map(|u| u.password_hash.as_str()),
    ) && user.as_ref().is_some_and(|u| u.active);
    let Some(user) = user.filter(|_| ok) else {
        let locked = throttle::fail(db, &settings.throttle, &keys, now).await?;
        audit::record(
            db,
            now,
            &meta.address,
            entry(None, "sign_in", target.clone(), "denied"),
        )
        .await?;
        if locked.pair || locked.address {
            let what = if locked.address {
                "address_locked"
            } else {
                "account_locked"
            };
            audit::record(db, now, &meta.address, entry(None, "lockout", target, what)).await?;
        }
        return Err(AppError::InvalidCredentials);
    };
    throttle::succeed(db, &keys).await?;
    let method = "password";
    let state = sessions::next_state(db, settings, &user, method).await?;
    let token = sessions::open(db, settings, &user, state, method, now, meta).await?;
    audit::record(
        db,
        now,
        &meta.address,
        entry(Some(user.id), "sign_in", target, state.id()),
    )
    .await?;
    let session = sessions::resolve(db, settings, &token, now, meta).await?;
    Ok((token, session.me))
}

/// Moves the caller's session on after a completed step (`method` says what has been
/// proven so far) and returns the new token and who they are now.
pub async fn step_up(
    db: &DatabaseConnection,
    settings: &SecuritySettings,
    current: &Current,
    method: &str,
    now: DateTime<Utc>,
    meta: &RequestMeta,
) -> Result<(String, StaffMe), AppError> {
    let user = staff_user::Entity::find_by_id(current.user.id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let state = sessions::next_state(db, settings, &user, method).await?;
    let txn = begin_write(db).await?;
    let token = sessions::advance(&txn, &current.session, state, method, now).await?;
    if state == madoguchi_types::model::SessionState::Full {
        audit::record(
            &txn,
            now,
            &meta.address,
            entry(
                Some(user.id),
                "sign_in",
                format!("user:{}", user.username),
                "ok",
            ),
        )
        .await?;
    }
    txn.commit().await?;
    let session = sessions::resolve(db, settings, &token, now, meta).await?;
    Ok((token, session.me))
}

/// Sets a new password: during sign-in after an administrator's reset (no current
/// password asked: the reset one was just given), or when signed in (the current one
/// is asked).
pub async fn change_password(
    db: &DatabaseConnection,
    settings: &SecuritySettings,
    current: &Current,
    old: Option<&str>,
    new: &str,
    now: DateTime<Utc>,
    meta: &RequestMeta,
) -> Result<(String, StaffMe), AppError> {
    let user = &current.user;
    if let Some(old) = old {
        // Guessing the current password from a session left open is throttled like a
        // sign-in.
        let keys = throttle::Keys::new(&user.username, &meta.address);
        if let Some(wait) = throttle::check(db, &settings.throttle, &keys, now).await? {
            return Err(AppError::TooManyAttempts {
                retry_after: u32::try_from(wait).unwrap_or(u32::MAX),
            });
        }
        if !password::verify(old, Some(&user.password_hash)) {
            throttle::fail(db, &settings.throttle, &keys, now).await?;
            audit::record(
                db,
                now,
                &meta.address,
                entry(
                    Some(user.id),
                    "password_change",
                    format!("user:{}", user.username),
                    "denied",
                ),
            )
            .await?;
            return Err(AppError::InvalidCredentials);
        }
    }
    password::check_policy(new, &user.username)
        .map_err(|problem| AppError::PasswordRejected { problem })?;
    if password::verify(new, Some(&user.password_hash)) {
        return Err(AppError::PasswordRejected {
            problem: PasswordProblem::Unchanged,
        });
    }
    let hash = password::hash(new)?;
    let txn = begin_write(db).await?;
    staff_user::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(user.id),
        password_hash: Set(hash),
        must_change_password: Set(false),
        password_changed_at: Set(Some(now)),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    // Every other session of the account ends; this one goes on under a new id.
    sessions::end_all_of(&txn, user.id).await?;
    staff_session_back(&txn, &current.session).await?;
    audit::record(
        &txn,
        now,
        &meta.address,
        entry(
            Some(user.id),
            "password_change",
            format!("user:{}", user.username),
            "ok",
        ),
    )
    .await?;
    txn.commit().await?;
    step_up(db, settings, current, &current.session.method, now, meta).await
}

/// Puts the caller's own session back after every session of the account was ended.
async fn staff_session_back<C: sea_orm::ConnectionTrait>(
    db: &C,
    s: &super::super::entities::staff_session::Model,
) -> Result<(), AppError> {
    super::super::entities::staff_session::ActiveModel::from(s.clone())
        .reset_all()
        .insert(db)
        .await?;
    Ok(())
}

/// Ends the caller's session on the server (sign-out), audited.
pub async fn sign_out(
    db: &DatabaseConnection,
    session: &super::super::entities::staff_session::Model,
    now: DateTime<Utc>,
    meta: &RequestMeta,
) -> Result<(), AppError> {
    let txn = begin_write(db).await?;
    super::super::entities::staff_session::Entity::delete_by_id(session.id.clone())
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        now,
        &meta.address,
        entry(
            Some(session.staff_user_id),
            "sign_out",
            format!("session:{}", &session.id[..12]),
            "ok",
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
