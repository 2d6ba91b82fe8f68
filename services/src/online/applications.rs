//! A resident's online application: the same visit as at the counter, run by the
//! resident's account for their own household (the one of the resident the sign-in
//! matched). One is open at a time: coming back carries on where it was left, from the
//! state kept on the server, so a dropped connection or a closed phone loses nothing.

use crate::entities::{resident, resident_account, visit};
use crate::registry;
use crate::visits::{self, Owner};
use crate::Clock;
use madoguchi_types::error::AppError;
use madoguchi_types::model::online::OnlineApplication;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

/// How long an application left unfinished is carried on; after that a new one starts.
pub const KEEP_OPEN_DAYS: i64 = 30;

/// The resident's open application (with its saved state), or a new one. Reads the
/// household from the registry, audited in the resident's name.
pub async fn open_or_start(
    db: &DatabaseConnection,
    account: &resident_account::Model,
    clock: Clock,
    origin: &str,
) -> Result<OnlineApplication, AppError> {
    let owner = Owner::Resident(account);
    let me = owner.matched_resident()?.ok_or(AppError::Forbidden)?;
    let now = clock.now();
    let household_id = registry::household_of(db, me).await?;
    let open = visit::Entity::find()
        .filter(visit::Column::ResidentAccountId.eq(account.id))
        .filter(visit::Column::Status.eq("open"))
        .filter(visit::Column::CreatedAt.gte(now - chrono::Duration::days(KEEP_OPEN_DAYS)))
        .order_by_desc(visit::Column::Id)
        .one(db)
        .await?
        // After a move to another household, the old application is not carried on.
        .filter(|v| v.household_id == Some(household_id));
    let visit_number = match open {
        Some(v) => v.visit_number,
        None => visits::start(db, owner, clock).await?,
    };
    let draft = match visits::drafts::load(db, owner, &visit_number, now, origin).await {
        Ok(d) => Some(d),
        Err(AppError::NotFound) => None,
        Err(e) => return Err(e),
    };
    let mut household = registry::load(db, household_id).await?;
    household.found = resident::Entity::find_by_id(me)
        .one(db)
        .await?
        .map(|r| r.person_number);
    owner
        .audit(
            db,
            now,
            origin,
            owner.entry(&visit_number, Some(household_id), "household_read", "ok"),
        )
        .await?;
    Ok(OnlineApplication {
        visit_number,
        household: household.view(),
        draft,
    })
}
