//! The extracts about residents: income (税), insurance qualifications (国保・後期高齢),
//! child allowance recipients and care certifications. Each row names its resident by
//! 宛名番号; a number the registry does not know fails the whole file.

use super::{resident_ids, resolve, ImportError, ImportReport};
use crate::db::insert_chunked;
use crate::entities::{
    care_certification, child_allowance_recipient, insurance_membership, tax_income,
};
use madoguchi_core::extract::{AllowanceRow, CareRow, InsuranceRow, TaxRow};
use sea_orm::{ActiveModelTrait, DatabaseTransaction, EntityTrait, ModelTrait, Set};
use std::collections::HashMap;

pub(super) async fn tax(
    txn: &DatabaseTransaction,
    rows: &[(u64, TaxRow)],
) -> Result<ImportReport, ImportError> {
    let rows = resolve(&resident_ids(txn).await?, rows, |r| &r.person_number)?;
    let stored: HashMap<(i32, i32), tax_income::Model> = tax_income::Entity::find()
        .all(txn)
        .await?
        .into_iter()
        .map(|t| ((t.resident_id, t.fiscal_year), t))
        .collect();
    let mut report = ImportReport::default();
    let mut new = Vec::new();
    for (resident_id, r) in rows {
        match stored.get(&(resident_id, r.fiscal_year)) {
            None => {
                report.inserted += 1;
                new.push(tax_income::ActiveModel {
                    resident_id: Set(resident_id),
                    fiscal_year: Set(r.fiscal_year),
                    income: Set(r.income),
                    non_taxable: Set(r.non_taxable),
                    ..Default::default()
                });
            }
            Some(t) if (t.income, t.non_taxable) == (r.income, r.non_taxable) => {
                report.unchanged += 1
            }
            Some(t) => {
                report.updated += 1;
                tax_income::ActiveModel {
                    id: Set(t.id),
                    income: Set(r.income),
                    non_taxable: Set(r.non_taxable),
                    ..Default::default()
                }
                .update(txn)
                .await?;
            }
        }
    }
    insert_chunked(txn, new).await?;
    Ok(report)
}

pub(super) async fn insurance(
    txn: &DatabaseTransaction,
    rows: &[(u64, InsuranceRow)],
) -> Result<ImportReport, ImportError> {
    let rows = resolve(&resident_ids(txn).await?, rows, |r| &r.person_number)?;
    let stored: HashMap<(i32, String, chrono::NaiveDate), insurance_membership::Model> =
        insurance_membership::Entity::find()
            .all(txn)
            .await?
            .into_iter()
            .map(|m| ((m.resident_id, m.kind.clone(), m.valid_from), m))
            .collect();
    let mut report = ImportReport::default();
    let mut new = Vec::new();
    for (resident_id, r) in rows {
        match stored.get(&(resident_id, r.kind.to_owned(), r.valid_from)) {
            None => {
                report.inserted += 1;
                new.push(insurance_membership::ActiveModel {
                    resident_id: Set(resident_id),
                    kind: Set(r.kind.to_owned()),
                    valid_from: Set(r.valid_from),
                    valid_to: Set(r.valid_to),
                    ..Default::default()
                });
            }
            Some(m) if m.valid_to == r.valid_to => report.unchanged += 1,
            Some(m) => {
                report.updated += 1;
                insurance_membership::ActiveModel {
                    id: Set(m.id),
                    valid_to: Set(r.valid_to),
                    ..Default::default()
                }
                .update(txn)
                .await?;
            }
        }
    }
    insert_chunked(txn, new).await?;
    Ok(report)
}

pub(super) async fn allowance(
    txn: &DatabaseTransaction,
    rows: &[(u64, AllowanceRow)],
) -> Result<ImportReport, ImportError> {
    let rows = resolve(&resident_ids(txn).await?, rows, |r| &r.person_number)?;
    let stored: HashMap<i32, child_allowance_recipient::Model> =
        child_allowance_recipient::Entity::find()
            .all(txn)
            .await?
            .into_iter()
            .map(|c| (c.resident_id, c))
            .collect();
    let mut report = ImportReport::default();
    let mut new = Vec::new();
    for (resident_id, r) in rows {
        let wanted = (r.since, r.children_counted, r.public_servant);
        match (stored.get(&resident_id), r.ended_on) {
            (None, Some(_)) => report.unchanged += 1,
            (Some(c), Some(_)) => {
                report.removed += 1;
                c.clone().delete(txn).await?;
            }
            (None, None) => {
                report.inserted += 1;
                new.push(child_allowance_recipient::ActiveModel {
                    resident_id: Set(resident_id),
                    since: Set(r.since),
                    children_counted: Set(r.children_counted),
                    public_servant: Set(r.public_servant),
                    ..Default::default()
                });
            }
            (Some(c), None) if (c.since, c.children_counted, c.public_servant) == wanted => {
                report.unchanged += 1
            }
            (Some(c), None) => {
                report.updated += 1;
                child_allowance_recipient::ActiveModel {
                    id: Set(c.id),
                    since: Set(r.since),
                    children_counted: Set(r.children_counted),
                    public_servant: Set(r.public_servant),
                    ..Default::default()
                }
                .update(txn)
                .await?;
            }
        }
    }
    insert_chunked(txn, new).await?;
    Ok(report)
}

pub(super) async fn care(
    txn: &DatabaseTransaction,
    rows: &[(u64, CareRow)],
) -> Result<ImportReport, ImportError> {
    let rows = resolve(&resident_ids(txn).await?, rows, |r| &r.person_number)?;
    let stored: HashMap<(i32, chrono::NaiveDate), care_certification::Model> =
        care_certification::Entity::find()
            .all(txn)
            .await?
            .into_iter()
            .map(|c| ((c.resident_id, c.valid_from), c))
            .collect();
    let mut report = ImportReport::default();
    let mut new = Vec::new();
    for (resident_id, r) in rows {
        match stored.get(&(resident_id, r.valid_from)) {
            None => {
                report.inserted += 1;
                new.push(care_certification::ActiveModel {
                    resident_id: Set(resident_id),
                    level: Set(r.level.clone()),
                    valid_from: Set(r.valid_from),
                    valid_to: Set(r.valid_to),
                    ..Default::default()
                });
            }
            Some(c) if (c.level.as_str(), c.valid_to) == (r.level.as_str(), r.valid_to) => {
                report.unchanged += 1
            }
            Some(c) => {
                report.updated += 1;
                care_certification::ActiveModel {
                    id: Set(c.id),
                    level: Set(r.level.clone()),
                    valid_to: Set(r.valid_to),
                    ..Default::default()
                }
                .update(txn)
                .await?;
            }
        }
    }
    insert_chunked(txn, new).await?;
    Ok(report)
}
