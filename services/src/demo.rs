//! The demo city of 星ヶ丘市 (a fictional city): a deterministic synthetic registry with
//! every household shape the rules care about, the departments of the catalog, and demo
//! staff accounts. The same `seed` and `today` always give the same city.

mod names;
mod shapes;
mod showcase;

use super::entities::{
    care_certification, child_allowance_recipient, department, employment_fact, household,
    insurance_membership, property_ownership, resident, tax_income,
};
use super::staff::{upsert, UserError};
use crate::db::{begin_write, insert_chunked};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::ActiveModelTrait;
use sea_orm::{
    ConnectionTrait, DatabaseBackend, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait,
    Statement,
};
pub use shapes::Rng;

/// A demo staff account: username, display name, roles, department, password.
pub type DemoAccount = (
    &'static str,
    &'static str,
    &'static [&'static str],
    Option<&'static str>,
    &'static str,
);

/// The demo staff accounts. Each enrols a second factor at first sign-in (the
/// administrator a passkey).
pub const DEMO_STAFF: &[DemoAccount] = &[
    (
        "counter",
        "窓口 一郎",
        &["counter"],
        None,
        "hoshigaoka-madoguchi",
    ),
    (
        "kodomo",
        "子ども 花子",
        &["department"],
        Some("kodomo"),
        "hoshigaoka-kosodate",
    ),
    (
        "hoken",
        "保険 次郎",
        &["department"],
        Some("hoken"),
        "hoshigaoka-kokuho",
    ),
    (
        "seikatsu",
        "生活 三郎",
        &["department"],
        Some("seikatsu_nenkin"),
        "hoshigaoka-iryojosei",
    ),
    (
        "shimin",
        "市民 四郎",
        &["department"],
        Some("shimin"),
        "hoshigaoka-koseki",
    ),
    (
        "shunin",
        "主任 五郎",
        &["supervisor"],
        None,
        "hoshigaoka-sekinin",
    ),
    ("admin", "管理 者", &["admin"], None, "hoshigaoka-kanrisha"),
    // A second administrator: rule sets are published by two people.
    (
        "kanri2",
        "審査 七美",
        &["admin"],
        None,
        "hoshigaoka-dainikanri",
    ),
    (
        "kansa",
        "監査 六子",
        &["auditor"],
        None,
        "hoshigaoka-audit-log",
    ),
];

/// Where the demo city's departments are: building, counter, phone (fictional numbers).
const DEMO_DEPARTMENTS: &[(&str, &str, &str, &str)] = &[
    ("shimin", "本庁舎", "1階 1番窓口", "0859-00-0101"),
    ("hoken", "本庁舎", "1階 5番窓口", "0859-00-0105"),
    ("seikatsu_nenkin", "本庁舎", "1階 6番窓口", "0859-00-0106"),
    ("choju", "本庁舎", "1階 7番窓口", "0859-00-0107"),
    ("kodomo", "本庁舎", "2階 12番窓口", "0859-00-0112"),
    ("shisanzei", "本庁舎", "2階 21番窓口", "0859-00-0121"),
    ("gakko", "本庁舎", "4階 41番窓口", "0859-00-0141"),
];

pub async fn create_demo_staff(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<(), UserError> {
    for (id, building, counter, phone) in DEMO_DEPARTMENTS {
        department::ActiveModel {
            id: sea_orm::ActiveValue::Unchanged((*id).to_owned()),
            building: sea_orm::ActiveValue::Set((*building).to_owned()),
            counter: sea_orm::ActiveValue::Set((*counter).to_owned()),
            phone: sea_orm::ActiveValue::Set((*phone).to_owned()),
            ..Default::default()
        }
        .update(db)
        .await?;
    }
    for (username, name, roles, dept, password) in DEMO_STAFF {
        let roles: Vec<String> = roles.iter().map(|r| (*r).to_owned()).collect();
        upsert(db, username, name, &roles, *dept, password, false, now).await?;
    }
    Ok(())
}

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("the registry already holds {0} households; demo data goes into an empty database")]
    NotEmpty(u64),
    #[error(transparent)]
    Db(#[from] DbErr),
    #[error(transparent)]
    User(#[from] UserError),
}

/// Rows of one generated batch, ids assigned.
#[derive(Default)]
pub struct Batch {
    pub households: Vec<household::ActiveModel>,
    pub residents: Vec<resident::ActiveModel>,
    pub taxes: Vec<tax_income::ActiveModel>,
    pub insurance: Vec<insurance_membership::ActiveModel>,
    pub allowances: Vec<child_allowance_recipient::ActiveModel>,
    pub employment: Vec<employment_fact::ActiveModel>,
    pub care: Vec<care_certification::ActiveModel>,
    pub property: Vec<property_ownership::ActiveModel>,
}

/// Generates `households` households into an empty registry. Returns the number of
/// residents written.
pub async fn generate(
    db: &DatabaseConnection,
    households: u32,
    seed: u64,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<u64, DemoError> {
    let existing = household::Entity::find().count(db).await?;
    if existing > 0 {
        return Err(DemoError::NotEmpty(existing));
    }
    super::rules::ensure_departments(db, madoguchi_core::rules::bundled())
        .await
        .map_err(|_| DbErr::Custom("departments".into()))?;
    create_demo_staff(db, now).await?;
    let mut city = shapes::City::new(seed, today);
    let mut residents = 0u64;
    let chunk = 1000;
    let mut done = 0;
    while done < households {
        let n = chunk.min(households - done);
        let mut batch = Batch::default();
        for i in 0..n {
            city.household(done + i, &mut batch);
        }
        residents += batch.residents.len() as u64;
        write(db, batch).await?;
        done += n;
    }
    if db.get_database_backend() == DatabaseBackend::Postgres {
        // Ids were assigned here; move the sequences past them for later inserts.
        for t in [
            "households",
            "residents",
            "tax_incomes",
            "insurance_memberships",
            "child_allowance_recipients",
            "employment_facts",
            "care_certifications",
            "property_ownerships",
        ] {
            db.execute_raw(Statement::from_string(
                DatabaseBackend::Postgres,
                format!("SELECT setval(pg_get_serial_sequence('{t}', 'id'), COALESCE((SELECT MAX(id) FROM {t}), 1))"),
            ))
            .await?;
        }
    }
    Ok(residents)
}

async fn write(db: &DatabaseConnection, b: Batch) -> Result<(), DbErr> {
    let txn = begin_write(db).await?;
    insert_chunked(&txn, b.households).await?;
    insert_chunked(&txn, b.residents).await?;
    insert_chunked(&txn, b.taxes).await?;
    insert_chunked(&txn, b.insurance).await?;
    insert_chunked(&txn, b.allowances).await?;
    insert_chunked(&txn, b.employment).await?;
    insert_chunked(&txn, b.care).await?;
    insert_chunked(&txn, b.property).await?;
    txn.commit().await
}
