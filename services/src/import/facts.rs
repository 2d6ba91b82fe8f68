//! The extracts about residents: income (税), insurance qualifications (国保・後期高齢),
//! child allowance recipients and care certifications. Each row names its resident by
//! 宛名番号; a number the registry does not know fails the whole file.

use super::{resident_ids, resolve, ImportError, ImportReport};
use crate::db::insert_chunked;
use crate::entities::{
    care_certification, child_allowance_recipient, insurance_membership, tax_income,
};
use chrono::NaiveDate;
use madoguchi_core::extract::{AllowanceRow, CareRow, InsuranceRow, TaxRow};
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, DatabaseTransaction, EntityTrait, IntoActiveModel, Set,
};
use std::collections::HashMap;
use std::hash::Hash;

/// What one row does to what is stored under its key.
enum Change<A> {
    Insert(A),
    Update(A),
    Remove,
    Keep,
}

/// Applies `rows` (each with its resident) against `stored` (by key): `decide` says,
/// from the stored record if any, what the row changes. Inserts go in bulk at the end.
async fn merge<K, M, R, A>(
    txn: &DatabaseTransaction,
    rows: Vec<(i32, &R)>,
    stored: HashMap<K, M>,
    key: impl Fn(i32, &R) -> K,
    decide: impl Fn(i32, &R, Option<&M>) -> Change<A>,
) -> Result<ImportReport, ImportError>
where
    K: Eq + Hash,
    M: IntoActiveModel<A> + Clone + Send,
    A: ActiveModelTrait + ActiveModelBehavior + Send,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
{
    let mut report = ImportReport::default();
    let mut new = Vec::new();
    for (resident_id, r) in rows {
        let old = stored.get(&key(resident_id, r));
        match decide(resident_id, r, old) {
            Change::Insert(a) => {
                report.inserted += 1;
                new.push(a);
            }
            Change::Update(a) => {
                report.updated += 1;
                a.update(txn).await?;
            }
            Change::Remove => {
                if let Some(m) = old {
                    report.removed += 1;
                    m.clone().into_active_model().delete(txn).await?;
                } else {
                    report.unchanged += 1;
                }
            }
            Change::Keep => report.unchanged += 1,
        }
    }
    insert_chunked(txn, new).await?;
    Ok(report)
}

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
    merge(
        txn,
        rows,
        stored,
        |id, r| (id, r.fiscal_year),
        |id, r, old| match old {
            None => Change::Insert(tax_income::ActiveModel {
                resident_id: Set(id),
                fiscal_year: Set(r.fiscal_year),
                income: Set(r.income),
                non_taxable: Set(r.non_taxable),
                ..Default::default()
            }),
            Some(t) if (t.income, t.non_taxable) == (r.income, r.non_taxable) => Change::Keep,
            Some(t) => Change::Update(tax_income::ActiveModel {
                id: Set(t.id),
                income: Set(r.income),
                non_taxable: Set(r.non_taxable),
                ..Default::default()
            }),
        },
    )
    .await
}

pub(super) async fn insurance(
    txn: &DatabaseTransaction,
    rows: &[(u64, InsuranceRow)],
) -> Result<ImportReport, ImportError> {
    let rows = resolve(&resident_ids(txn).await?, rows, |r| &r.person_number)?;
    let stored: HashMap<(i32, String, NaiveDate), insurance_membership::Model> =
        insurance_membership::Entity::find()
            .all(txn)
            .await?
            .into_iter()
            .map(|m| ((m.resident_id, m.kind.clone(), m.valid_from), m))
            .collect();
    merge(
        txn,
        rows,
        stored,
        |id, r| (id, r.kind.to_owned(), r.valid_from),
        |id, r, old| match old {
            None => Change::Insert(insurance_membership::ActiveModel {
                resident_id: Set(id),
                kind: Set(r.kind.to_owned()),
                valid_from: Set(r.valid_from),
                valid_to: Set(r.valid_to),
                ..Default::default()
            }),
            Some(m) if m.valid_to == r.valid_to => Change::Keep,
            Some(m) => Change::Update(insurance_membership::ActiveModel {
                id: Set(m.id),
                valid_to: Set(r.valid_to),
                ..Default::default()
            }),
        },
    )
    .await
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
    merge(
        txn,
        rows,
        stored,
        |id, _| id,
        |resident_id, r, old| {
            let wanted = (r.since, r.children_counted, r.public_servant);
            let fields = |id| child_allowance_recipient::ActiveModel {
                id,
                resident_id: Set(resident_id),
                since: Set(r.since),
                children_counted: Set(r.children_counted),
                public_servant: Set(r.public_servant),
            };
            match (old, r.ended_on) {
                (_, Some(_)) => Change::Remove,
                (None, None) => Change::Insert(fields(sea_orm::ActiveValue::NotSet)),
                (Some(c), None) if (c.since, c.children_counted, c.public_servant) == wanted => {
                    Change::Keep
                }
                (Some(c), None) => Change::Update(fields(Set(c.id))),
            }
        },
    )
    .await
}

pub(super) async fn care(
    txn: &DatabaseTransaction,
    rows: &[(u64, CareRow)],
) -> Result<ImportReport, ImportError> {
    let rows = resolve(&resident_ids(txn).await?, rows, |r| &r.person_number)?;
    let stored: HashMap<(i32, NaiveDate), care_certification::Model> =
        care_certification::Entity::find()
            .all(txn)
            .await?
            .into_iter()
            .map(|c| ((c.resident_id, c.valid_from), c))
            .collect();
    merge(
        txn,
        rows,
        stored,
        |id, r| (id, r.valid_from),
        |id, r, old| match old {
            None => Change::Insert(care_certification::ActiveModel {
                resident_id: Set(id),
                level: Set(r.level.clone()),
                valid_from: Set(r.valid_from),
                valid_to: Set(r.valid_to),
                ..Default::default()
            }),
            Some(c) if (c.level.as_str(), c.valid_to) == (r.level.as_str(), r.valid_to) => {
                Change::Keep
            }
            Some(c) => Change::Update(care_certification::ActiveModel {
                id: Set(c.id),
                level: Set(r.level.clone()),
                valid_to: Set(r.valid_to),
                ..Default::default()
            }),
        },
    )
    .await
}
