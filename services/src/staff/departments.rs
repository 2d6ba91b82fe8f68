//! The city's departments as data: the rule set names their ids (and a department it
//! names is created if missing); administrators keep each one's name, counter,
//! building and phone, which the receipt and the procedures list show.

use super::super::audit;
use super::super::auth::RequestMeta;
use super::super::entities::department;
use super::{entry, field};
use crate::db::begin_write;
use chrono::{DateTime, Utc};
use madoguchi_core::jp::{FreeText, PhoneNumber, ValueError};
use madoguchi_types::error::AppError;
use madoguchi_types::model::staff::DepartmentInfo;
use madoguchi_types::model::StaffMe;
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryOrder, Set,
};

pub async fn list<C: ConnectionTrait>(db: &C) -> Result<Vec<DepartmentInfo>, AppError> {
    Ok(department::Entity::find()
        .order_by_asc(department::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|d| DepartmentInfo {
            id: d.id,
            name: d.name,
            counter: d.counter,
            building: d.building,
            phone: d.phone,
        })
        .collect())
}

/// Checks a department's fields: an id of lower-case letters, digits and `_`; a name;
/// a counter; a building (may be empty); a phone number (may be empty).
fn check(d: &DepartmentInfo) -> Result<DepartmentInfo, AppError> {
    let mut fields = Vec::new();
    let id = d.id.trim();
    if id.is_empty()
        || id.len() > 32
        || !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        fields.push(field("id", ValueError::InvalidUsername));
    }
    let mut text = |name: &str, value: &str, required: bool| -> String {
        if value.trim().is_empty() && !required {
            return String::new();
        }
        match FreeText::parse(value, 64) {
            Ok(t) => t.as_str().to_owned(),
            Err(e) => {
                fields.push(field(name, e));
                String::new()
            }
        }
    };
    let name = text("name", &d.name, true);
    let counter = text("counter", &d.counter, true);
    let building = text("building", &d.building, false);
    let phone = if d.phone.trim().is_empty() {
        String::new()
    } else {
        match PhoneNumber::parse(&d.phone) {
            Ok(p) => p.display().to_owned(),
            Err(e) => {
                fields.push(field("phone", e));
                String::new()
            }
        }
    };
    if fields.is_empty() {
        Ok(DepartmentInfo {
            id: id.to_owned(),
            name,
            counter,
            building,
            phone,
        })
    } else {
        Err(AppError::InvalidInput { fields })
    }
}

/// Creates a department, or updates the one with that id.
pub async fn save(
    db: &DatabaseConnection,
    admin: &StaffMe,
    input: &DepartmentInfo,
    now: DateTime<Utc>,
    meta: &RequestMeta,
) -> Result<(), AppError> {
    let d = check(input)?;
    let txn = begin_write(db).await?;
    let exists = department::Entity::find_by_id(d.id.clone())
        .one(&txn)
        .await?
        .is_some();
    let row = department::ActiveModel {
        id: Set(d.id.clone()),
        name: Set(d.name),
        counter: Set(d.counter),
        building: Set(d.building),
        phone: Set(d.phone),
    };
    if exists {
        row.update(&txn).await?;
    } else {
        row.insert(&txn).await?;
    }
    audit::record(
        &txn,
        now,
        &meta.address,
        entry(
            Some(admin.id),
            if exists {
                "department_update"
            } else {
                "department_create"
            },
            format!("department:{}", d.id),
            "ok",
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
