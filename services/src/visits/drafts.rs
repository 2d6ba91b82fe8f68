//! Drafts of open visits, kept on the server so nothing typed at the counter is lost:
//! the tablet saves its state at every step; after a reload, a crashed tab or a server
//! restart, staff are offered the interrupted visit (its number and time only, nothing
//! of the resident) and resume it where it stopped. Ending a visit deletes its draft,
//! so the next resident on the tablet sees nothing of the previous one.

use super::{open_visit, Owner};
use crate::db::begin_write;
use crate::entities::{visit, visit_draft};
use chrono::{DateTime, Utc};
use madoguchi_types::error::AppError;
use madoguchi_types::model::{DraftSummary, SavedDraft};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};

/// A draft larger than this is refused (a visit's state is a few tens of kilobytes).
const MAX_STATE_BYTES: usize = 512 * 1024;

/// Saves the state of an open visit of this owner (the tablet's, or the resident's
/// phone's).
pub async fn save(
    db: &DatabaseConnection,
    owner: Owner<'_>,
    draft: &SavedDraft,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if draft.state.len() > MAX_STATE_BYTES
        || serde_json::from_str::<serde::de::IgnoredAny>(&draft.state).is_err()
        || serde_json::from_str::<serde::de::IgnoredAny>(&draft.step).is_err()
    {
        return Err(AppError::field(
            "draft",
            madoguchi_core::jp::ValueError::InvalidCharacter,
        ));
    }
    let txn = begin_write(db).await?;
    let v = open_visit(&txn, owner, &draft.visit_number).await?;
    let row = visit_draft::ActiveModel {
        visit_id: Set(v.id),
        step: Set(draft.step.clone()),
        state: Set(draft.state.clone()),
        updated_at: Set(now),
    };
    if visit_draft::Entity::find_by_id(v.id)
        .one(&txn)
        .await?
        .is_some()
    {
        row.update(&txn).await?;
    } else {
        row.insert(&txn).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// The owner's latest open visit with a draft saved within `window`, named by
/// its number and time only.
pub async fn resumable(
    db: &DatabaseConnection,
    owner: Owner<'_>,
    now: DateTime<Utc>,
    window: chrono::Duration,
) -> Result<Option<DraftSummary>, AppError> {
    let drafts = visit_draft::Entity::find()
        .filter(visit_draft::Column::UpdatedAt.gte(now - window))
        .order_by_desc(visit_draft::Column::UpdatedAt)
        .all(db)
        .await?;
    for d in drafts {
        let Some(v) = visit::Entity::find_by_id(d.visit_id).one(db).await? else {
            continue;
        };
        if owner.owns(&v) && v.status == "open" {
            let jst = d.updated_at + chrono::Duration::hours(9);
            return Ok(Some(DraftSummary {
                visit_number: v.visit_number,
                saved_at: jst.format("%H:%M").to_string(),
            }));
        }
    }
    Ok(None)
}

/// The saved state of an open visit, to resume it. A read of the resident's data, so
/// audited.
pub async fn load(
    db: &DatabaseConnection,
    owner: Owner<'_>,
    visit_number: &str,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<SavedDraft, AppError> {
    let v = open_visit(db, owner, visit_number).await?;
    let d = visit_draft::Entity::find_by_id(v.id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    owner
        .audit(db, now, origin, entry(owner, &v, "draft_resume"))
        .await?;
    Ok(SavedDraft {
        visit_number: v.visit_number,
        step: d.step,
        state: d.state,
    })
}

/// Ends a visit that was not submitted (終了, or the tablet left idle): its draft is
/// deleted and the visit closed. Ending a submitted or ended visit again does nothing.
pub async fn end(
    db: &DatabaseConnection,
    owner: Owner<'_>,
    visit_number: &str,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<(), AppError> {
    let txn = begin_write(db).await?;
    let v = match open_visit(&txn, owner, visit_number).await {
        Ok(v) => v,
        Err(AppError::VisitClosed) => return Ok(()),
        Err(e) => return Err(e),
    };
    delete(&txn, v.id).await?;
    crate::online::attachments::drop_unsubmitted(&txn, v.id).await?;
    let mut row: visit::ActiveModel = v.clone().into();
    row.status = Set("ended".into());
    row.ended_at = Set(Some(now));
    row.update(&txn).await?;
    owner
        .audit(&txn, now, origin, entry(owner, &v, "visit_end"))
        .await?;
    txn.commit().await?;
    Ok(())
}

/// Deletes a visit's draft (on submit and on end).
pub async fn delete<C: ConnectionTrait>(db: &C, visit_id: i32) -> Result<(), AppError> {
    visit_draft::Entity::delete_by_id(visit_id).exec(db).await?;
    Ok(())
}

fn entry<'a>(owner: Owner<'_>, v: &visit::Model, action: &'a str) -> crate::audit::Audit<'a> {
    owner.entry(&v.visit_number, v.household_id, action, "ok")
}
