//! The 住基 extract: households and residents, matched by 世帯番号 and 宛名番号.

use super::{ImportError, ImportReport};
use crate::db::insert_chunked;
use crate::entities::{household, resident};
use madoguchi_core::extract::{ResidentRow, ResidentStatus};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, Set};
use std::collections::HashMap;

pub(super) async fn apply(
    txn: &DatabaseTransaction,
    rows: &[(u64, ResidentRow)],
) -> Result<ImportReport, ImportError> {
    let mut report = ImportReport::default();
    let households = households(txn, rows, &mut report).await?;
    let stored: HashMap<String, resident::Model> = resident::Entity::find()
        .all(txn)
        .await?
        .into_iter()
        .map(|r| (r.person_number.clone(), r))
        .collect();
    let mut new = Vec::new();
    for (_, row) in rows {
        let household_id = households[row.household_number.as_str()];
        match stored.get(&row.person_number) {
            None => {
                report.inserted += 1;
                new.push(active(row, household_id));
            }
            Some(old) if same(old, row, household_id) => report.unchanged += 1,
            Some(old) => {
                report.updated += 1;
                let mut a = active(row, household_id);
                a.id = Set(old.id);
                a.update(txn).await?;
            }
        }
    }
    insert_chunked(txn, new).await?;
    Ok(report)
}

fn active(row: &ResidentRow, household_id: i32) -> resident::ActiveModel {
    resident::ActiveModel {
        person_number: Set(row.person_number.clone()),
        household_id: Set(household_id),
        relationship: Set(row.relationship.to_owned()),
        family_name: Set(row.family_name.clone()),
        given_name: Set(row.given_name.clone()),
        family_name_kana: Set(row.family_name_kana.clone()),
        given_name_kana: Set(row.given_name_kana.clone()),
        kana_key: Set(row.kana_key()),
        birth_date: Set(row.birth_date),
        sex: Set(row.sex.to_owned()),
        moved_in_on: Set(row.moved_in_on),
        status: Set(row.status.code().to_owned()),
        ..Default::default()
    }
}

fn same(old: &resident::Model, row: &ResidentRow, household_id: i32) -> bool {
    old.household_id == household_id
        && old.relationship == row.relationship
        && old.family_name == row.family_name
        && old.given_name == row.given_name
        && old.family_name_kana == row.family_name_kana
        && old.given_name_kana == row.given_name_kana
        && old.kana_key == row.kana_key()
        && old.birth_date == row.birth_date
        && old.sex == row.sex
        && old.moved_in_on == row.moved_in_on
        && old.status == row.status.code()
}

/// Inserts the households that are new and updates the address of those that moved;
/// answers 世帯番号 → id for every household of the file.
async fn households<'r>(
    txn: &DatabaseTransaction,
    rows: &'r [(u64, ResidentRow)],
    report: &mut ImportReport,
) -> Result<HashMap<&'r str, i32>, ImportError> {
    // The address of each household: its living members' (they agree), or any member's.
    let mut wanted: HashMap<&str, (&str, &str)> = HashMap::new();
    for (_, r) in rows {
        let entry = wanted
            .entry(r.household_number.as_str())
            .or_insert((&r.postal_code, &r.address));
        if r.status == ResidentStatus::Active {
            *entry = (&r.postal_code, &r.address);
        }
    }
    let stored: HashMap<String, household::Model> = household::Entity::find()
        .all(txn)
        .await?
        .into_iter()
        .map(|h| (h.household_number.clone(), h))
        .collect();
    let mut new = Vec::new();
    let mut ids = HashMap::with_capacity(wanted.len());
    for (number, (postal, address)) in &wanted {
        match stored.get(*number) {
            None => {
                report.households_inserted += 1;
                new.push(household::ActiveModel {
                    household_number: Set((*number).to_owned()),
                    postal_code: Set((*postal).to_owned()),
                    address: Set((*address).to_owned()),
                    ..Default::default()
                });
            }
            Some(h) => {
                ids.insert(*number, h.id);
                if (h.postal_code.as_str(), h.address.as_str()) != (*postal, *address) {
                    report.households_updated += 1;
                    household::ActiveModel {
                        id: Set(h.id),
                        postal_code: Set((*postal).to_owned()),
                        address: Set((*address).to_owned()),
                        ..Default::default()
                    }
                    .update(txn)
                    .await?;
                }
            }
        }
    }
    if !new.is_empty() {
        let numbers: Vec<&str> = wanted
            .keys()
            .copied()
            .filter(|n| !stored.contains_key(*n))
            .collect();
        insert_chunked(txn, new).await?;
        for part in numbers.chunks(500) {
            for h in household::Entity::find()
                .filter(household::Column::HouseholdNumber.is_in(part.iter().copied()))
                .all(txn)
                .await?
            {
                if let Some((number, _)) = wanted.get_key_value(h.household_number.as_str()) {
                    ids.insert(*number, h.id);
                }
            }
        }
    }
    Ok(ids)
}
