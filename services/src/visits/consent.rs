//! The resident's consent to use the city's tax data for this visit (地方税法22条:
//! tax information is disclosed only with consent or a statute). Recorded with the
//! visit and audited; the screening reads tax data only when the latest answer is yes.

use super::{open_visit, Owner};
use crate::entities::consent;
use chrono::{DateTime, Utc};
use madoguchi_types::error::AppError;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};

pub const TAX: &str = "tax";

/// What the tax data is used for, as the resident was told.
pub const TAX_PURPOSES: [&str; 2] = [
    "所得: 児童手当などを受け取る方 (主に家計を支える方) を決めるため",
    "土地・建物の所有: 固定資産税の相続人代表者の届出が必要かを知るため",
];

pub async fn record(
    db: &DatabaseConnection,
    owner: Owner<'_>,
    visit_number: &str,
    granted: bool,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<(), AppError> {
    let v = open_visit(db, owner, visit_number).await?;
    consent::ActiveModel {
        visit_id: Set(v.id),
        scope: Set(TAX.into()),
        granted: Set(granted),
        purposes: Set(serde_json::to_string(&TAX_PURPOSES).map_err(|_| AppError::Internal)?),
        staff_user_id: Set(owner.staff_id()),
        at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let outcome = if granted { "granted" } else { "refused" };
    owner
        .audit(
            db,
            now,
            origin,
            owner.entry(&v.visit_number, v.household_id, "consent_tax", outcome),
        )
        .await?;
    Ok(())
}

/// Whether the visit's latest answer to the tax consent was yes.
pub async fn tax_granted<C: ConnectionTrait>(db: &C, visit_id: i32) -> Result<bool, AppError> {
    Ok(consent::Entity::find()
        .filter(consent::Column::VisitId.eq(visit_id))
        .filter(consent::Column::Scope.eq(TAX))
        .order_by_desc(consent::Column::Id)
        .one(db)
        .await?
        .is_some_and(|c| c.granted))
}
