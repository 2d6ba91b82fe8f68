//! Staff management: accounts with their roles and department, what an administrator
//! does to them (disable, reset a password or the second factors, unlock, end
//! sessions), the city's departments, and the command line's account tool. Every change
//! is audited; an administrator cannot disable themselves or remove the last one who
//! can manage staff.

pub mod departments;

use super::audit::{self, Audit};
use super::auth::{password, sessions, throttle, RequestMeta};
use super::entities::{passkey, recovery_code, role, staff_session, staff_user, staff_user_role};
use super::permissions;
use crate::error::AppError;
use crate::model::staff::{
    RoleInfo, SessionInfo, StaffAccount, StaffAction, StaffActionResult, StaffInput, StaffOverview,
};
use crate::model::{Permission, StaffMe};
use chrono::{DateTime, FixedOffset, Utc};
use madoguchi_core::forms::FieldError;
use madoguchi_core::jp::ValueError;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};
use std::collections::HashMap;

fn entry<'a>(admin: Option<i32>, action: &'a str, target: String, outcome: &'a str) -> Audit<'a> {
    Audit {
        staff_user_id: admin,
        action,
        target,
        household_id: None,
        resident_id: None,
        purpose: "staff_management",
        outcome,
    }
}

fn jst(t: DateTime<Utc>) -> String {
    t.with_timezone(&FixedOffset::east_opt(9 * 3600).expect("UTC+9 is a valid offset"))
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

fn field(name: &str, error: ValueError) -> FieldError {
    FieldError {
        field: name.into(),
        error,
    }
}

/// Everything `/admin/staff` shows.
pub async fn overview(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<StaffOverview, AppError> {
    let users = staff_user::Entity::find()
        .order_by_asc(staff_user::Column::Username)
        .all(db)
        .await?;
    let mut roles_of: HashMap<i32, Vec<String>> = HashMap::new();
    for r in staff_user_role::Entity::find().all(db).await? {
        roles_of.entry(r.staff_user_id).or_default().push(r.role_id);
    }
    let mut passkeys: HashMap<i32, u32> = HashMap::new();
    for p in passkey::Entity::find().all(db).await? {
        *passkeys.entry(p.staff_user_id).or_default() += 1;
    }
    let open = sessions::list(db, None).await?;
    let mut session_count: HashMap<i32, u32> = HashMap::new();
    for s in &open {
        *session_count.entry(s.staff_user_id).or_default() += 1;
    }
    let mut accounts = Vec::with_capacity(users.len());
    for u in &users {
        let mut roles = roles_of.remove(&u.id).unwrap_or_default();
        roles.sort();
        accounts.push(StaffAccount {
            id: u.id,
            username: u.username.clone(),
            display_name: u.display_name.clone(),
            roles,
            department_id: u.department_id.clone(),
            active: u.active,
            must_change_password: u.must_change_password,
            totp: u.totp_secret.is_some(),
            passkeys: passkeys.get(&u.id).copied().unwrap_or(0),
            locked: throttle::account_locked(db, &u.username, now).await?,
            sessions: session_count.get(&u.id).copied().unwrap_or(0),
        });
    }
    let names: HashMap<i32, &staff_user::Model> = users.iter().map(|u| (u.id, u)).collect();
    let sessions = open
        .iter()
        .map(|s| SessionInfo {
            id: s.id[..12].to_owned(),
            username: names
                .get(&s.staff_user_id)
                .map(|u| u.username.clone())
                .unwrap_or_default(),
            display_name: names
                .get(&s.staff_user_id)
                .map(|u| u.display_name.clone())
                .unwrap_or_default(),
            state: s.state.clone(),
            method: s.method.clone(),
            created_at: jst(s.created_at),
            last_seen_at: jst(s.last_seen_at.unwrap_or(s.created_at)),
            origin: s.origin.clone(),
            user_agent: s.user_agent.clone(),
        })
        .collect();
    let permission_rows = super::entities::permission::Entity::find().all(db).await?;
    let described: HashMap<String, String> = permission_rows
        .into_iter()
        .map(|p| (p.id, p.description))
        .collect();
    Ok(StaffOverview {
        accounts,
        roles: permissions::roles(db)
            .await?
            .into_iter()
            .map(|(r, permissions)| RoleInfo {
                id: r.id,
                name: r.name,
                permissions,
            })
            .collect(),
        departments: departments::list(db).await?,
        sessions,
        permissions: Permission::ALL
            .iter()
            .map(|p| (*p, described.get(p.id()).cloned().unwrap_or_default()))
            .collect(),
    })
}

/// Checks an account's input: a username of letters, digits, `.`, `_`, `-`; a display
/// name; roles that exist; a department where a role needs one.
async fn check_input<C: ConnectionTrait>(
    db: &C,
    input: &StaffInput,
    new: bool,
) -> Result<(), AppError> {
    let mut fields = Vec::new();
    let username = input.username.trim();
    if new
        && (username.is_empty()
            || username.len() > 64
            || !username
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
    {
        fields.push(field("username", ValueError::InvalidUsername));
    }
    if input.display_name.trim().is_empty() || input.display_name.chars().count() > 64 {
        fields.push(field("display_name", ValueError::Required));
    }
    let known: Vec<String> = role::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.id)
        .collect();
    if input.roles.is_empty() || input.roles.iter().any(|r| !known.contains(r)) {
        fields.push(field("roles", ValueError::InvalidChoice));
    }
    let grants = permissions::granted(db, &input.roles).await?;
    match &input.department_id {
        Some(d)
            if super::entities::department::Entity::find_by_id(d.clone())
                .one(db)
                .await?
                .is_none() =>
        {
            fields.push(field("department_id", ValueError::InvalidChoice));
        }
        // Reading "one's own department" needs a department (unless every one is read).
        None if grants.contains(&Permission::QueueRead)
            && !grants.contains(&Permission::QueueReadAll) =>
        {
            fields.push(field("department_id", ValueError::Required));
        }
        _ => {}
    }
    if new
        && staff_user::Entity::find()
            .filter(staff_user::Column::Username.eq(username))
            .one(db)
            .await?
            .is_some()
    {
        fields.push(field("username", ValueError::Taken));
    }
    if fields.is_empty() {
        Ok(())
    } else {
        Err(AppError::InvalidInput { fields })
    }
}

async fn set_roles<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    roles: &[String],
) -> Result<(), AppError> {
    staff_user_role::Entity::delete_many()
        .filter(staff_user_role::Column::StaffUserId.eq(user_id))
        .exec(db)
        .await?;
    for r in roles {
        staff_user_role::ActiveModel {
            staff_user_id: Set(user_id),
            role_id: Set(r.clone()),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

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
    let txn = db.begin().await?;
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
    let txn = db.begin().await?;
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
    let managers: Vec<String> = super::entities::role_permission::Entity::find()
        .filter(
            super::entities::role_permission::Column::PermissionId.eq(Permission::StaffManage.id()),
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
            reason: "職員を管理できる有効なアカウントが、ほかにありません".into(),
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
    let txn = db.begin().await?;
    let (name, ended) = match action {
        StaffAction::Disable => {
            if id == admin.id {
                return Err(AppError::Conflict {
                    reason: "自分のアカウントは無効にできません".into(),
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

async fn reset_factors<C: ConnectionTrait>(db: &C, id: i32) -> Result<(), AppError> {
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
    let txn = db.begin().await?;
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

/// The command line's account tool (`madoguchi user`): creates an account or resets
/// its password, roles and department; the operator chose the password, so no change
/// is forced. Optionally removes its second factors.
#[allow(clippy::too_many_arguments)]
pub async fn upsert(
    db: &DatabaseConnection,
    username: &str,
    display_name: &str,
    roles: &[String],
    department_id: Option<&str>,
    password_text: &str,
    reset_factors_too: bool,
    now: DateTime<Utc>,
) -> Result<(), UserError> {
    password::check_policy(password_text, username).map_err(UserError::Password)?;
    let input = StaffInput {
        username: username.into(),
        display_name: display_name.into(),
        roles: roles.to_vec(),
        department_id: department_id.map(str::to_owned),
    };
    let existing = staff_user::Entity::find()
        .filter(staff_user::Column::Username.eq(username))
        .one(db)
        .await?;
    check_input(db, &input, existing.is_none())
        .await
        .map_err(|e| match e {
            AppError::InvalidInput { fields } => UserError::Invalid(
                fields
                    .iter()
                    .map(|f| f.field.clone())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            other => UserError::App(other),
        })?;
    let hash = password::hash(password_text).map_err(UserError::App)?;
    let txn = db.begin().await?;
    let id = match existing {
        Some(u) => {
            let id = u.id;
            staff_user::ActiveModel {
                id: sea_orm::ActiveValue::Unchanged(id),
                display_name: Set(display_name.into()),
                password_hash: Set(hash),
                department_id: Set(department_id.map(str::to_owned)),
                active: Set(true),
                must_change_password: Set(false),
                password_changed_at: Set(Some(now)),
                ..Default::default()
            }
            .update(&txn)
            .await?;
            // A reset ends every open session of the account.
            sessions::end_all_of(&txn, id)
                .await
                .map_err(UserError::App)?;
            throttle::unlock_account(&txn, username).await?;
            id
        }
        None => {
            staff_user::ActiveModel {
                username: Set(username.into()),
                display_name: Set(display_name.into()),
                password_hash: Set(hash),
                department_id: Set(department_id.map(str::to_owned)),
                active: Set(true),
                created_at: Set(now),
                must_change_password: Set(false),
                password_changed_at: Set(Some(now)),
                totp_secret: Set(None),
                totp_last_step: Set(None),
                ..Default::default()
            }
            .insert(&txn)
            .await?
            .id
        }
    };
    set_roles(&txn, id, roles).await.map_err(UserError::App)?;
    if reset_factors_too {
        reset_factors(&txn, id).await.map_err(UserError::App)?;
    }
    audit::record(
        &txn,
        now,
        "command-line",
        entry(None, "staff_upsert", format!("user:{username}"), "ok"),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

#[derive(Debug, thiserror::Error)]
pub enum UserError {
    #[error("{}", .0.message_ja())]
    Password(crate::error::PasswordProblem),
    #[error("invalid or missing: {0} (roles must exist; department staff need a department)")]
    Invalid(String),
    #[error("{0}")]
    App(AppError),
    #[error(transparent)]
    Db(#[from] sea_orm::DbErr),
}
