//! Staff management: accounts with their roles and department, what an administrator
//! does to them (disable, reset a password or the second factors, unlock, end
//! sessions), the city's departments, and the command line's account tool. Every change
//! is audited; an administrator cannot disable themselves or remove the last one who
//! can manage staff.

mod account_tool;
mod accounts;
pub mod departments;

pub use account_tool::{upsert, UserError};
pub use accounts::{act, create, end_session, update};

use super::audit::Audit;
use super::auth::{sessions, throttle};
use super::entities::{passkey, role, staff_user, staff_user_role};
use super::permissions;
use crate::time::minutes;
use chrono::{DateTime, Utc};
use madoguchi_core::forms::FieldError;
use madoguchi_core::jp::ValueError;
use madoguchi_types::error::AppError;
use madoguchi_types::model::staff::{
    RoleInfo, SessionInfo, StaffAccount, StaffInput, StaffOverview,
};
use madoguchi_types::model::Permission;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use std::collections::HashMap;

pub(super) fn entry<'a>(
    admin: Option<i32>,
    action: &'a str,
    target: String,
    outcome: &'a str,
) -> Audit<'a> {
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

pub(super) fn field(name: &str, error: ValueError) -> FieldError {
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
            created_at: minutes(s.created_at),
            last_seen_at: minutes(s.last_seen_at.unwrap_or(s.created_at)),
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
pub(super) async fn check_input<C: ConnectionTrait>(
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

pub(super) async fn set_roles<C: ConnectionTrait>(
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
