//! API keys of the city's business systems: one per system and department, `read` or
//! `read` + `write` (status updates). A key is `mdg_<prefix>_<secret>`; only its SHA-256
//! is stored (the secret is 256 random bits, so a fast hash is enough), the prefix is
//! shown in lists and the audit log. An administrator with `integration.manage` creates
//! and revokes keys; each is audited.

use super::{entry, manager};
use crate::audit;
use crate::db::begin_write;
use crate::entities::{api_key, department, staff_user};
use crate::time::minutes;
use chrono::{DateTime, Utc};
use madoguchi_core::audit::hex;
use madoguchi_core::jp::ValueError;
use madoguchi_types::error::AppError;
use madoguchi_types::model::integration::{
    ApiKeyView, CreatedApiKey, IntegrationOverview, NewApiKey,
};
use madoguchi_types::model::StaffMe;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// The longest business-system name.
const MAX_SYSTEM: usize = 64;

/// A business system, as its key proved it to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiCaller {
    pub key_id: i32,
    pub prefix: String,
    pub system: String,
    pub department_id: String,
    pub can_write: bool,
}

impl ApiCaller {
    /// How the audit log names it: `key:<prefix>`.
    pub fn audit_name(&self) -> String {
        format!("key:{}", self.prefix)
    }
}

fn random_hex(bytes: usize) -> Result<String, AppError> {
    let mut b = vec![0u8; bytes];
    getrandom::fill(&mut b).map_err(|_| AppError::Internal)?;
    Ok(hex(&b))
}

fn hash(key: &str) -> String {
    hex(&Sha256::digest(key.as_bytes()))
}

/// The system a request's key belongs to: `unauthenticated` for a key that is
/// malformed, unknown or revoked (the three are not told apart).
pub async fn authenticate(
    db: &DatabaseConnection,
    key: &str,
    now: DateTime<Utc>,
) -> Result<ApiCaller, AppError> {
    if !key.starts_with("mdg_") || key.len() > 200 {
        return Err(AppError::Unauthenticated);
    }
    let found = api_key::Entity::find()
        .filter(api_key::Column::SecretHash.eq(hash(key)))
        .one(db)
        .await?
        .filter(|k| k.revoked_at.is_none())
        .ok_or(AppError::Unauthenticated)?;
    // Minute precision is enough to tell a key in use from a forgotten one, and spares
    // a write on every call.
    if found
        .last_used_at
        .is_none_or(|t| now - t > chrono::Duration::minutes(1))
    {
        api_key::Entity::update_many()
            .col_expr(
                api_key::Column::LastUsedAt,
                sea_orm::sea_query::Expr::value(now),
            )
            .filter(api_key::Column::Id.eq(found.id))
            .exec(db)
            .await?;
    }
    Ok(ApiCaller {
        key_id: found.id,
        prefix: found.prefix,
        system: found.system,
        department_id: found.department_id,
        can_write: found.can_write,
    })
}

/// Every key (revoked ones too, newest first) and the departments.
pub async fn overview(
    db: &DatabaseConnection,
    staff: &StaffMe,
) -> Result<IntegrationOverview, AppError> {
    manager(staff)?;
    let departments: Vec<(String, String)> = department::Entity::find()
        .order_by_asc(department::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.id, d.name))
        .collect();
    let names: HashMap<&str, &str> = departments
        .iter()
        .map(|(id, name)| (id.as_str(), name.as_str()))
        .collect();
    let staff_names: HashMap<i32, String> = staff_user::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    let keys = api_key::Entity::find()
        .order_by_desc(api_key::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|k| view(k, &names, &staff_names))
        .collect();
    Ok(IntegrationOverview { keys, departments })
}

fn view(
    k: api_key::Model,
    departments: &HashMap<&str, &str>,
    staff: &HashMap<i32, String>,
) -> ApiKeyView {
    ApiKeyView {
        id: k.id,
        department_name: departments
            .get(k.department_id.as_str())
            .map_or_else(|| k.department_id.clone(), |n| (*n).to_owned()),
        system: k.system,
        department_id: k.department_id,
        can_write: k.can_write,
        prefix: k.prefix,
        created_by: staff.get(&k.created_by).cloned().unwrap_or_default(),
        created_at: minutes(k.created_at),
        revoked_at: k.revoked_at.map(minutes),
        last_used_at: k.last_used_at.map(minutes),
    }
}

fn field(name: &str, error: ValueError) -> AppError {
    AppError::field(name, error)
}

/// Creates a key; the whole key is in the answer, once.
pub async fn create(
    db: &DatabaseConnection,
    staff: &StaffMe,
    input: &NewApiKey,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<CreatedApiKey, AppError> {
    manager(staff)?;
    let system = input.system.trim();
    if system.is_empty() {
        return Err(field("system", ValueError::Required));
    }
    if system.chars().count() > MAX_SYSTEM || system.chars().any(char::is_control) {
        return Err(field("system", ValueError::TooLong));
    }
    let Some(dept) = department::Entity::find_by_id(input.department_id.clone())
        .one(db)
        .await?
    else {
        return Err(field("department_id", ValueError::InvalidChoice));
    };
    let prefix = random_hex(4)?;
    let key = format!("mdg_{prefix}_{}", random_hex(32)?);
    let txn = begin_write(db).await?;
    let model = api_key::ActiveModel {
        system: Set(system.to_owned()),
        department_id: Set(dept.id.clone()),
        can_write: Set(input.can_write),
        prefix: Set(prefix.clone()),
        secret_hash: Set(hash(&key)),
        created_by: Set(staff.id),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let scope = if input.can_write { "write" } else { "read" };
    audit::record(
        &txn,
        now,
        origin,
        entry(
            staff,
            "api_key_create",
            format!("key:{prefix}:{}:{scope}", dept.id),
        ),
    )
    .await?;
    txn.commit().await?;
    let departments = HashMap::from([(dept.id.as_str(), dept.name.as_str())]);
    let staff_names = HashMap::from([(staff.id, staff.display_name.clone())]);
    Ok(CreatedApiKey {
        key,
        view: view(model, &departments, &staff_names),
    })
}

/// Revokes key `id` at once: the next call with it is refused. Revoking twice changes
/// nothing.
pub async fn revoke(
    db: &DatabaseConnection,
    staff: &StaffMe,
    id: i32,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<(), AppError> {
    manager(staff)?;
    let txn = begin_write(db).await?;
    let key = api_key::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if key.revoked_at.is_some() {
        return Ok(());
    }
    api_key::Entity::update_many()
        .col_expr(
            api_key::Column::RevokedAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .col_expr(
            api_key::Column::RevokedBy,
            sea_orm::sea_query::Expr::value(staff.id),
        )
        .filter(api_key::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        now,
        origin,
        entry(staff, "api_key_revoke", format!("key:{}", key.prefix)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
