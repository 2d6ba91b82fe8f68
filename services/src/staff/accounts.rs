//! What an administrator does to accounts: create one with a temporary password,
//! change its name, roles and department, disable, enable, reset, unlock, end sessions.
//! Each change is audited and refuses to leave the city without an administrator.

use super::super::audit;
use super::super::auth::{password, sessions, throttle, RequestMeta};
use super::super::entities::{passkey, recovery_code, staff_session, staff_user, staff_user_role};
use super::super::permissions;
use super::{check_input, entry, set_roles};
use crate::db::begin_write;
use chrono::{DateTime, Utc};
use madoguchi_types::error::{AppError, ConflictReason};
use madoguchi_types::model::staff::{StaffAction, StaffActionResult, StaffInput};
use madoguchi_types::model::{Permission, StaffMe};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};

/// A temporary password: 16 readable characters, shown to the administrator once.
fn temporary_password() -> Result<String, AppError> {
    const ALPHABET: &[u8] = b"23456789abcdefghijkmnpqrstuvwxyz";
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|_| AppError::Internal)?;
    let s: String = bytes
        .iter()
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect();
    Ok(format!(
        "{}-{}-{}-{}",
        &s[..4],
        &s[4..8],
        &s[8..12],
        &s[12..]
    ))
}

/// Creates an account with a temporary password (returned once); the new staff member
/// chooses their own password and enrols a second factor at first sign-in.
pub async fn create(
    db: &DatabaseConnection,
    admin: &StaffMe,
    input: &StaffInput,
    now: DateTime<Utc>,
    meta: &RequestMeta,
) -> Result<StaffActionResult, AppError> {
    check_input(db, input, true).await?;
    let temporary = temporary_password()?;
    let txn = begin_write(db).await?;
    let user = staff_user::ActiveModel {
        username: Set(input.username.trim().into()),
        display_name: Set(input.display_name.trim().into()),
        password_hash: Set(password::hash(&temporary)?),
        department_id: Set(input.department_id.clone()),
        active: Set(true),
        created_at: Set(now),
        must_change_password: Set(true),
        password_changed_at: Set(None),
        totp_secret: Set(None),
        totp_last_step: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    set_roles(&txn, user.id, &input.roles).await?;
    audit::record(
        &txn,
        now,
        &meta.address,
        entry(
            Some(admin.id),
            "staff_create",
            format!("user:{} roles:{}", user.username, input.roles.join(",")),
            "ok",
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(StaffActionResult {
        temporary_password: Some(temporary),
    })
}

/// Changes an account's name, roles and department. Takes effect at the account's next
/// request (permissions are read per request).
pub async fn update(
    db: &DatabaseConnection,
    admin: &StaffMe,
    id: i32,
    input: &StaffInput,
    now: DateTime<Utc>,
    meta: &RequestMeta,
) -> Result<(), AppError> {
    let user = staff_user::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    check_input(db, input, false).await?;
    let txn = begin_write(db).await?;
    let grants = permissions::granted(&txn, &input.roles).await?;
    if !grants.contains(&Permission::StaffManage) {
        ensure_another_manager(&txn, id).await?;
    }
    staff_user::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(id),
        display_name: Set(input.display_name.trim().into()),
        department_id: Set(input.department_id.clone()),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    set_roles(&txn, id, &input.roles).await?;
    audit::record(
        &txn,
        now,
        &meta.address,
        entry(
            Some(admin.id),
            "staff_update",
            format!("user:{} roles:{}", user.username, input.roles.join(",")),
            "ok",
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Refuses to leave the city without an active account that can manage staff.
async fn ensure_another_manager<C: ConnectionTrait>(db: &C, except: i32) -> Result<(), AppError> {
    let managers: Vec<String> = super::super::entities::role_permission::Entity::find()
        .filter(
            super::super::entities::role_permission::Column::PermissionId
                .eq(Permission::StaffManage.id()),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|rp| rp.role_id)
        .collect();
    let holders: Vec<i32> = staff_user_role::Entity::find()
        .filter(staff_user_role::Column::RoleId.is_in(managers))
        .filter(staff_user_role::Column::StaffUserId.ne(except))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.staff_user_id)
        .collect();
    let active = staff_user::Entity::find()
        .filter(staff_user::Column::Id.is_in(holders))
        .filter(staff_user::Column::Active.eq(true))
        .one(db)
        .await?;
    if active.is_none() {
        return Err(AppError::Conflict {
            reason: ConflictReason::LastStaffAdmin,
        });
    }
    Ok(())
}

/// Disables, enables, resets or unlocks an account.
pub async fn act(
    db: &DatabaseConnection,
    admin: &StaffMe,
    id: i32,
    action: StaffAction,
    now: DateTime<Utc>,
    meta: &RequestMeta,
) -> Result<StaffActionResult, AppError> {
    let user = staff_user::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut result = StaffActionResult::default();
    let txn = begin_write(db).await?;
    let (name, ended) = match action {
        StaffAction::Disable => {
            if id == admin.id {
                return Err(AppError::Conflict {
                    reason: ConflictReason::OwnAccount,
                });
            }
            ensure_another_manager(&txn, id).await?;
            set_active(&txn, id, false).await?;
            ("staff_disable", true)
        }
        StaffAction::Enable => {
            set_active(&txn, id, true).await?;
            ("staff_enable", false)
        }
        StaffAction::ResetPassword => {
            let temporary = temporary_password()?;
            staff_user::ActiveModel {
                id: sea_orm::ActiveValue::Unchanged(id),
                password_hash: Set(password::hash(&temporary)?),
                must_change_password: Set(true),
                ..Default::default()
            }
            .update(&txn)
            .await?;
            result.temporary_password = Some(temporary);
            ("staff_password_reset", true)
        }
        StaffAction::ResetFactors => {
            reset_factors(&txn, id).await?;
            ("staff_factors_reset", true)
        }
        StaffAction::Unlock => {
            throttle::unlock_account(&txn, &user.username).await?;
            ("staff_unlock", false)
        }
        StaffAction::EndSessions => ("staff_sessions_end", true),
    };
    if ended {
        sessions::end_all_of(&txn, id).await?;
    }
    audit::record(
        &txn,
        now,
        &meta.address,
        entry(
            Some(admin.id),
            name,
            format!("user:{}", user.username),
            "ok",
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(result)
}

async fn set_active<C: ConnectionTrait>(db: &C, id: i32, active: bool) -> Result<(), AppError> {
    staff_user::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(id),
        active: Set(active),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

pub(super) async fn reset_factors<C: ConnectionTrait>(db: &C, id: i32) -> Result<(), AppError> {
    staff_user::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(id),
        totp_secret: Set(None),
        totp_last_step: Set(None),
        ..Default::default()
    }
    .update(db)
    .await?;
    passkey::Entity::delete_many()
        .filter(passkey::Column::StaffUserId.eq(id))
        .exec(db)
        .await?;
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::StaffUserId.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Ends one session, named by the first 12 hex digits of its id.
pub async fn end_session(
    db: &DatabaseConnection,
    admin: &StaffMe,
    short_id: &str,
    now: DateTime<Utc>,
    meta: &RequestMeta,
) -> Result<(), AppError> {
    if short_id.len() != 12 || !short_id.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(AppError::NotFound);
    }
    let found = staff_session::Entity::find()
        .filter(staff_session::Column::Id.starts_with(short_id.to_ascii_lowercase()))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let txn = begin_write(db).await?;
    staff_session::Entity::delete_by_id(found.id.clone())
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        now,
        &meta.address,
        entry(
            Some(admin.id),
            "session_end",
            format!("session:{short_id}"),
            "by_admin",
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
