//! The account an identity becomes, and its match with the registry. The match uses
//! the four basic facts the provider vouches for (`core::jp::identity` reduces each to
//! a key that compares equal with the registry's writing of the same fact): exactly one
//! active resident with that name, date of birth, sex and household address is a match;
//! none, or more than one, is no match — the resident is then told so and nothing is
//! prefilled. It is never a guess from three facts of four. The match is made again at
//! every sign-in (a move changes the address) and audited with what it found.

use crate::audit::{self, Audit};
use crate::entities::{household, resident, resident_account};
use chrono::{DateTime, Utc};
use madoguchi_core::jp::identity::{address_key, birth_date, name_key, sex_key};
use madoguchi_types::error::AppError;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait,
};

/// Who the provider says signed in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identity {
    pub issuer: String,
    pub subject: String,
    pub name: Option<String>,
    pub birthdate: Option<String>,
    pub address: Option<String>,
    pub gender: Option<String>,
}

impl Identity {
    /// From the ID token's and UserInfo's claims. `address` may be the standard object
    /// (`formatted`, or region + locality + street) or a plain string.
    pub fn from_claims(
        issuer: &str,
        subject: &str,
        claims: &serde_json::Map<String, serde_json::Value>,
    ) -> Self {
        let text = |k: &str| {
            claims
                .get(k)
                .and_then(|v| v.as_str())
                .map(str::to_owned)
                .filter(|s| !s.trim().is_empty())
        };
        let address = match claims.get("address") {
            Some(serde_json::Value::String(s)) => Some(s.clone()),
            Some(serde_json::Value::Object(o)) => {
                let part = |k: &str| o.get(k).and_then(|v| v.as_str()).unwrap_or("");
                let formatted = part("formatted");
                Some(if formatted.is_empty() {
                    format!(
                        "{}{}{}",
                        part("region"),
                        part("locality"),
                        part("street_address")
                    )
                } else {
                    formatted.to_owned()
                })
            }
            _ => None,
        }
        .filter(|s| !s.trim().is_empty());
        Self {
            issuer: issuer.to_owned(),
            subject: subject.to_owned(),
            name: text("name"),
            birthdate: text("birthdate"),
            address,
            gender: text("gender"),
        }
    }
}

/// The one active resident the four facts name, or `None`.
pub async fn find_resident<C: ConnectionTrait>(
    db: &C,
    id: &Identity,
) -> Result<Option<resident::Model>, AppError> {
    let (Some(name), Some(born), Some(address), Some(sex)) = (
        id.name.as_deref().map(name_key),
        id.birthdate.as_deref().and_then(birth_date),
        id.address.as_deref().map(address_key),
        id.gender.as_deref().and_then(sex_key),
    ) else {
        return Ok(None);
    };
    let candidates = resident::Entity::find()
        .filter(resident::Column::BirthDate.eq(born))
        .filter(resident::Column::Sex.eq(sex))
        .filter(resident::Column::Status.eq("active"))
        .all(db)
        .await?;
    let mut found = Vec::new();
    for r in candidates {
        if name_key(&format!("{}{}", r.family_name, r.given_name)) != name {
            continue;
        }
        let home = household::Entity::find_by_id(r.household_id)
            .one(db)
            .await?;
        if home.is_some_and(|h| address_key(&h.address) == address) {
            found.push(r);
        }
    }
    Ok(if found.len() == 1 { found.pop() } else { None })
}

/// Records a sign-in: the account made or updated, matched again, audited. Returns the
/// account.
pub async fn sign_in<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    origin: &str,
    id: &Identity,
) -> Result<resident_account::Model, AppError> {
    let matched = find_resident(db, id).await?;
    let existing = resident_account::Entity::find()
        .filter(resident_account::Column::Issuer.eq(&id.issuer))
        .filter(resident_account::Column::Subject.eq(&id.subject))
        .one(db)
        .await?;
    let display_name: String = id
        .name
        .clone()
        .unwrap_or_default()
        .chars()
        .take(100)
        .collect();
    let resident_id = matched.as_ref().map(|r| r.id);
    let account = match existing {
        Some(a) => {
            resident_account::ActiveModel {
                display_name: Set(display_name),
                resident_id: Set(resident_id),
                last_sign_in_at: Set(now),
                ..a.into()
            }
            .update(db)
            .await?
        }
        None => {
            resident_account::ActiveModel {
                issuer: Set(id.issuer.clone()),
                subject: Set(id.subject.clone()),
                display_name: Set(display_name),
                resident_id: Set(resident_id),
                created_at: Set(now),
                last_sign_in_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?
        }
    };
    audit::record_resident(
        db,
        now,
        origin,
        account.id,
        Audit {
            staff_user_id: None,
            action: "resident_sign_in",
            target: format!("resident_account:{}", account.id),
            household_id: matched.as_ref().map(|r| r.household_id),
            resident_id,
            purpose: "online_sign_in",
            outcome: if matched.is_some() {
                "matched"
            } else {
                "no_match"
            },
        },
    )
    .await?;
    Ok(account)
}
