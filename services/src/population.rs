//! The whole registry as screening households, for the impact preview of a rule edit
//! and for outreach. Loaded in bulk (one query per table), never household by
//! household, so 100,000 households load in seconds.

use super::entities::{household, resident};
use super::registry::CityFacts;
use chrono::NaiveDate;
use madoguchi_core::rules::population::Resident;
use madoguchi_types::error::AppError;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// A household's number, head and address, for lists staff read.
#[derive(Debug, Clone, Default)]
pub struct Label {
    pub head: String,
    pub address: String,
}

/// Every household with active members, as the rules see it on `as_of`.
pub async fn load_all<C: ConnectionTrait>(
    db: &C,
    as_of: NaiveDate,
) -> Result<(Vec<Resident>, HashMap<String, Label>), AppError> {
    let households: HashMap<i32, household::Model> = household::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|h| (h.id, h))
        .collect();
    let residents = resident::Entity::find()
        .filter(resident::Column::Status.eq("active"))
        .order_by_asc(resident::Column::HouseholdId)
        .order_by_asc(resident::Column::BirthDate)
        .all(db)
        .await?;
    // Population runs (outreach, an edit's impact) are the city's own benefit
    // administration, checked against its own ledgers (公簿確認) and audited as one run;
    // a visit reads tax data only with the resident's consent.
    let facts = CityFacts::load(db, None, as_of, true).await?;
    let mut out: Vec<Resident> = Vec::with_capacity(households.len());
    let mut labels = HashMap::with_capacity(households.len());
    let mut current: Option<i32> = None;
    for r in &residents {
        let Some(h) = households.get(&r.household_id) else {
            continue;
        };
        if current != Some(r.household_id) {
            current = Some(r.household_id);
            out.push(Resident {
                household: h.household_number.clone(),
                members: Vec::new(),
            });
            labels.insert(
                h.household_number.clone(),
                Label {
                    head: String::new(),
                    address: h.address.clone(),
                },
            );
        }
        if r.relationship == "head" {
            if let Some(l) = labels.get_mut(&h.household_number) {
                l.head = format!("{}\u{3000}{}", r.family_name, r.given_name);
            }
        }
        if let Some(last) = out.last_mut() {
            last.members.push(facts.member(r, as_of));
        }
    }
    Ok((out, labels))
}
