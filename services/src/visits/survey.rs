//! The satisfaction survey at the end of a submitted visit: a level from 1 to 5 and an
//! optional comment, kept with the visit for the dashboards.

use crate::entities::visit;
use madoguchi_core::jp::{FreeText, ValueError};
use madoguchi_types::error::AppError;
use madoguchi_types::model::StaffMe;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

pub async fn record(
    db: &DatabaseConnection,
    staff: &StaffMe,
    visit_number: &str,
    level: u8,
    comment: &str,
) -> Result<(), AppError> {
    if !(1..=5).contains(&level) {
        return Err(AppError::field("satisfaction", ValueError::InvalidChoice));
    }
    let comment = if comment.trim().is_empty() {
        None
    } else {
        Some(
            FreeText::parse(comment, 200)
                .map_err(|e| AppError::field("comment", e))?
                .as_str()
                .to_owned(),
        )
    };
    let v = visit::Entity::find()
        .filter(visit::Column::VisitNumber.eq(visit_number))
        .one(db)
        .await?
        .filter(|v| super::Owner::Staff(staff).owns(v) && v.status == "submitted")
        .ok_or(AppError::NotFound)?;
    let mut row: visit::ActiveModel = v.into();
    row.satisfaction = Set(Some(i32::from(level)));
    row.satisfaction_comment = Set(comment);
    row.update(db).await?;
    Ok(())
}
