//! Staff sign-in: Argon2id password hashes, server-side sessions keyed by the SHA-256
//! of a random token, and the command-line account tool. Issue 5 adds MFA and lockout.

use super::audit::{self, Audit};
use super::entities::{department, staff_session, staff_user};
use crate::error::AppError;
use crate::model::{Role, StaffMe};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, Set,
};
use sha2::{Digest, Sha256};

pub const SESSION_COOKIE: &str = "madoguchi_session";
/// A staff session lasts one working day at most.
pub const SESSION_HOURS: i64 = 10;
pub const MIN_PASSWORD_CHARS: usize = 12;

/// A hash of nothing in particular, verified against when the account does not exist.
static DUMMY_HASH: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| hash_password("no such account here").unwrap_or_default());

pub fn hash_password(password: &str) -> Result<String, AppError> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|_| AppError::Internal)?;
    let salt = SaltString::encode_b64(&salt).map_err(|_| AppError::Internal)?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|_| AppError::Internal)
}

fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

fn token_id(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn new_token() -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|_| AppError::Internal)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Checks a username and password; on success opens a session and returns its token.
pub async fn sign_in(
    db: &DatabaseConnection,
    username: &str,
    password: &str,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<(String, StaffMe), AppError> {
    let user = staff_user::Entity::find()
        .filter(staff_user::Column::Username.eq(username.trim()))
        .one(db)
        .await?;
    // Verify against a fixed hash when the user does not exist, so both cases take
    // the same time and the answer does not reveal which accounts exist.
    let ok = match &user {
        Some(u) => verify_password(password, &u.password_hash) && u.active,
        None => {
            verify_password(password, &DUMMY_HASH);
            false
        }
    };
    let entry = |outcome, user_id| Audit {
        staff_user_id: user_id,
        action: "sign_in",
        target: format!("user:{}", username.trim()),
        household_id: None,
        resident_id: None,
        purpose: "authentication",
        outcome,
    };
    let Some(user) = user.filter(|_| ok) else {
        audit::record(db, now, origin, entry("denied", None)).await?;
        return Err(AppError::InvalidCredentials);
    };
    let token = new_token()?;
    staff_session::ActiveModel {
        id: Set(token_id(&token)),
        staff_user_id: Set(user.id),
        created_at: Set(now),
        expires_at: Set(now + Duration::hours(SESSION_HOURS)),
    }
    .insert(db)
    .await?;
    audit::record(db, now, origin, entry("ok", Some(user.id))).await?;
    Ok((token, me(db, user).await?))
}

/// The staff member a session token belongs to, if the session is live.
pub async fn session_staff(
    db: &DatabaseConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<StaffMe, AppError> {
    let session = staff_session::Entity::find_by_id(token_id(token))
        .one(db)
        .await?
        .filter(|s| s.expires_at > now)
        .ok_or(AppError::Unauthenticated)?;
    let user = staff_user::Entity::find_by_id(session.staff_user_id)
        .one(db)
        .await?
        .filter(|u| u.active)
        .ok_or(AppError::Unauthenticated)?;
    me(db, user).await
}

pub async fn sign_out(db: &DatabaseConnection, token: &str) -> Result<(), AppError> {
    staff_session::Entity::delete_by_id(token_id(token))
        .exec(db)
        .await?;
    Ok(())
}

async fn me(db: &DatabaseConnection, user: staff_user::Model) -> Result<StaffMe, AppError> {
    let department_name = match &user.department_id {
        Some(id) => department::Entity::find_by_id(id.clone())
            .one(db)
            .await?
            .map(|d| d.name),
        None => None,
    };
    Ok(StaffMe {
        id: user.id,
        role: Role::from_id(&user.role).ok_or(AppError::Internal)?,
        username: user.username,
        display_name: user.display_name,
        department_id: user.department_id,
        department_name,
    })
}

/// Creates a staff account, or resets its password, role and department if it exists.
pub async fn upsert_user(
    db: &DatabaseConnection,
    username: &str,
    display_name: &str,
    role: Role,
    department_id: Option<&str>,
    password: &str,
    now: DateTime<Utc>,
) -> Result<(), UserError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(UserError::PasswordTooShort);
    }
    if (role == Role::Department) != department_id.is_some() {
        return Err(UserError::DepartmentMismatch);
    }
    if let Some(d) = department_id {
        if department::Entity::find_by_id(d.to_owned())
            .one(db)
            .await?
            .is_none()
        {
            return Err(UserError::UnknownDepartment(d.to_owned()));
        }
    }
    let hash = hash_password(password).map_err(|_| UserError::Hash)?;
    let existing = staff_user::Entity::find()
        .filter(staff_user::Column::Username.eq(username))
        .one(db)
        .await?;
    match existing {
        Some(u) => {
            let id = u.id;
            let mut a: staff_user::ActiveModel = u.into();
            a.display_name = Set(display_name.into());
            a.password_hash = Set(hash);
            a.role = Set(role.id().into());
            a.department_id = Set(department_id.map(str::to_owned));
            a.active = Set(true);
            a.update(db).await?;
            // A reset ends every open session of the account.
            staff_session::Entity::delete_many()
                .filter(staff_session::Column::StaffUserId.eq(id))
                .exec(db)
                .await?;
        }
        None => {
            staff_user::ActiveModel {
                username: Set(username.into()),
                display_name: Set(display_name.into()),
                password_hash: Set(hash),
                role: Set(role.id().into()),
                department_id: Set(department_id.map(str::to_owned)),
                active: Set(true),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}

#[derive(Debug, thiserror::Error)]
pub enum UserError {
    #[error("the password must have at least {MIN_PASSWORD_CHARS} characters")]
    PasswordTooShort,
    #[error("department staff need a department, and only they have one")]
    DepartmentMismatch,
    #[error("no department with id `{0}`")]
    UnknownDepartment(String),
    #[error("could not hash the password")]
    Hash,
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// The session token a request carries in its cookie.
pub fn token_from_headers(headers: &http::HeaderMap) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|header| {
            header.split(';').find_map(|kv| {
                let (k, v) = kv.trim().split_once('=')?;
                (k == SESSION_COOKIE).then(|| v.to_owned())
            })
        })
}
