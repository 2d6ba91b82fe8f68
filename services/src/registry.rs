//! Reading the city's data about one household: finding it at the counter, showing its
//! members, and turning what the city knows into a screening request. Every read is
//! audited with the caller and the purpose.

use super::audit::{self, Audit};
use super::entities::{
    care_certification, child_allowance_recipient, employment_fact, household,
    insurance_membership, property_ownership, resident, tax_income,
};
use chrono::{DateTime, NaiveDate, Utc};
use madoguchi_core::age;
use madoguchi_core::jp::{parse_past_date, KanaName};
use madoguchi_core::screening::{Insurance, Member, Relationship, Sex};
use madoguchi_types::error::AppError;
use madoguchi_types::model::{HouseholdQuery, HouseholdView, MemberView, StaffMe};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::{HashMap, HashSet};

/// A household and its active members, oldest first.
#[derive(Debug)]
pub struct Household {
    pub household: household::Model,
    pub members: Vec<resident::Model>,
    /// The member a counter search found (the resident filing), if found by search.
    pub found: Option<String>,
}

impl Household {
    pub fn view(&self) -> HouseholdView {
        let applicant = self
            .found
            .clone()
            .or_else(|| self.head().map(|h| h.person_number.clone()))
            .unwrap_or_default();
        HouseholdView {
            household_number: self.household.household_number.clone(),
            applicant,
            postal_code: self.household.postal_code.clone(),
            address: self.household.address.clone(),
            members: self.members.iter().map(member_view).collect(),
        }
    }

    pub fn head(&self) -> Option<&resident::Model> {
        self.members.iter().find(|m| m.relationship == "head")
    }
}

pub fn member_view(r: &resident::Model) -> MemberView {
    MemberView {
        person_number: r.person_number.clone(),
        name: format!("{}\u{3000}{}", r.family_name, r.given_name),
        kana: format!("{}\u{3000}{}", r.family_name_kana, r.given_name_kana),
        birth_date: r.birth_date,
        sex: r.sex.clone(),
        relationship: r.relationship.clone(),
    }
}

/// Finds the household a counter query names; audited as a search by `staff`.
pub async fn find<C: ConnectionTrait + sea_orm::TransactionTrait>(
    db: &C,
    staff: &StaffMe,
    query: &HouseholdQuery,
    today: NaiveDate,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<Household, AppError> {
    let found = match query {
        HouseholdQuery::KanaAndBirthDate { kana, birth_date } => {
            let mut errors = Vec::new();
            let kana = KanaName::parse(kana)
                .map_err(|e| errors.push(field("kana", e)))
                .ok();
            let birth = parse_past_date(birth_date, today)
                .map_err(|e| errors.push(field("birth_date", e)))
                .ok();
            let (Some(kana), Some(birth)) = (kana, birth) else {
                return Err(AppError::InvalidInput { fields: errors });
            };
            resident::Entity::find()
                .filter(resident::Column::KanaKey.eq(kana.search_key()))
                .filter(resident::Column::BirthDate.eq(birth))
                .filter(resident::Column::Status.eq("active"))
                .all(db)
                .await?
        }
        HouseholdQuery::PersonNumber(n) => {
            let n = n.trim();
            if n.is_empty() {
                return Err(AppError::field(
                    "person_number",
                    madoguchi_core::jp::ValueError::Required,
                ));
            }
            resident::Entity::find()
                .filter(resident::Column::PersonNumber.eq(n))
                .filter(resident::Column::Status.eq("active"))
                .all(db)
                .await?
        }
    };
    // Two residents with the same kana and birth date: staff must use the number.
    let person = match found.as_slice() {
        [one] => one.clone(),
        _ => {
            audit::record(db, now, origin, search_entry(staff, None, "not_found")).await?;
            return Err(AppError::NotFound);
        }
    };
    let mut household = load(db, person.household_id).await?;
    household.found = Some(person.person_number.clone());
    audit::record(
        db,
        now,
        origin,
        search_entry(staff, Some(person.household_id), "ok"),
    )
    .await?;
    Ok(household)
}

fn field(name: &str, error: madoguchi_core::jp::ValueError) -> madoguchi_core::forms::FieldError {
    madoguchi_core::forms::FieldError {
        field: name.into(),
        error,
    }
}

fn search_entry(
    staff: &StaffMe,
    household_id: Option<i32>,
    outcome: &'static str,
) -> Audit<'static> {
    Audit {
        staff_user_id: Some(staff.id),
        action: "household_search",
        target: household_id.map_or_else(|| "household:-".into(), |h| format!("household:{h}")),
        household_id,
        resident_id: None,
        purpose: "counter_visit",
        outcome,
    }
}

/// Loads a household with its active members (no audit: callers audit their purpose).
pub async fn load<C: ConnectionTrait>(db: &C, household_id: i32) -> Result<Household, AppError> {
    let household = household::Entity::find_by_id(household_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let members = resident::Entity::find()
        .filter(resident::Column::HouseholdId.eq(household_id))
        .filter(resident::Column::Status.eq("active"))
        .order_by_asc(resident::Column::BirthDate)
        .all(db)
        .await?;
    Ok(Household {
        household,
        members,
        found: None,
    })
}

/// The household of an active resident (the one a signed-in resident applies for).
pub async fn household_of<C: ConnectionTrait>(db: &C, resident_id: i32) -> Result<i32, AppError> {
    resident::Entity::find_by_id(resident_id)
        .filter(resident::Column::Status.eq("active"))
        .one(db)
        .await?
        .map(|r| r.household_id)
        .ok_or(AppError::NotFound)
}

pub async fn load_by_number<C: ConnectionTrait>(
    db: &C,
    number: &str,
) -> Result<Household, AppError> {
    let h = household::Entity::find()
        .filter(household::Column::HouseholdNumber.eq(number))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    load(db, h.id).await
}

/// What the city holds about residents besides the registry: insurance ledgers, tax,
/// child allowance, employment, care certification and property. Loaded for one
/// household or for the whole city, then turned into screening members the same way.
#[derive(Default)]
pub struct CityFacts {
    memberships: HashMap<i32, Vec<insurance_membership::Model>>,
    /// The latest income up to the screening's fiscal year.
    incomes: HashMap<i32, i64>,
    recipients: HashMap<i32, bool>,
    employment: HashMap<i32, bool>,
    care: HashMap<i32, Vec<care_certification::Model>>,
    owners: HashSet<i32>,
    /// Whether tax data (income, property) was read; when not, those facts are unknown.
    tax: bool,
}

impl CityFacts {
    /// Loads the facts about `ids`, or about every resident when `ids` is `None`; the
    /// tax tables only when `tax` (consent, or a statute for population work).
    pub async fn load<C: ConnectionTrait>(
        db: &C,
        ids: Option<Vec<i32>>,
        as_of: NaiveDate,
        tax: bool,
    ) -> Result<Self, AppError> {
        let mut f = CityFacts {
            tax,
            ..CityFacts::default()
        };
        let mut q = insurance_membership::Entity::find();
        if let Some(ids) = &ids {
            q = q.filter(insurance_membership::Column::ResidentId.is_in(ids.clone()));
        }
        for m in q.all(db).await? {
            f.memberships.entry(m.resident_id).or_default().push(m);
        }
        if tax {
            let mut q = tax_income::Entity::find()
                .filter(tax_income::Column::FiscalYear.lte(age::fiscal_year(as_of)))
                .order_by_desc(tax_income::Column::FiscalYear);
            if let Some(ids) = &ids {
                q = q.filter(tax_income::Column::ResidentId.is_in(ids.clone()));
            }
            for t in q.all(db).await? {
                f.incomes.entry(t.resident_id).or_insert(t.income);
            }
        }
        let mut q = child_allowance_recipient::Entity::find();
        if let Some(ids) = &ids {
            q = q.filter(child_allowance_recipient::Column::ResidentId.is_in(ids.clone()));
        }
        f.recipients = q
            .all(db)
            .await?
            .into_iter()
            .map(|r| (r.resident_id, r.public_servant))
            .collect();
        let mut q = employment_fact::Entity::find();
        if let Some(ids) = &ids {
            q = q.filter(employment_fact::Column::ResidentId.is_in(ids.clone()));
        }
        f.employment = q
            .all(db)
            .await?
            .into_iter()
            .map(|e| (e.resident_id, e.public_servant))
            .collect();
        let mut q = care_certification::Entity::find();
        if let Some(ids) = &ids {
            q = q.filter(care_certification::Column::ResidentId.is_in(ids.clone()));
        }
        for c in q.all(db).await? {
            f.care.entry(c.resident_id).or_default().push(c);
        }
        if tax {
            let mut q = property_ownership::Entity::find();
            if let Some(ids) = ids {
                q = q.filter(property_ownership::Column::ResidentId.is_in(ids));
            }
            f.owners = q
                .all(db)
                .await?
                .into_iter()
                .map(|p| p.resident_id)
                .collect();
        }
        Ok(f)
    }

    /// One resident as a screening-contract member (id = person number). Insurance: the
    /// city keeps the NHI and late-elderly ledgers, so a resident in neither is insured
    /// elsewhere (employee insurance).
    pub fn member(&self, r: &resident::Model, as_of: NaiveDate) -> Member {
        let current =
            |from: NaiveDate, to: Option<NaiveDate>| from <= as_of && to.is_none_or(|t| t >= as_of);
        let insured = self
            .memberships
            .get(&r.id)
            .into_iter()
            .flatten()
            .filter(|m| current(m.valid_from, m.valid_to))
            .find_map(|m| match m.kind.as_str() {
                "nhi" => Some(Insurance::Nhi),
                "late_elderly" => Some(Insurance::LateElderly),
                _ => None,
            })
            .unwrap_or(Insurance::Employee);
        let recipient = self.recipients.get(&r.id).copied();
        Member {
            id: r.person_number.clone(),
            relationship: relationship(&r.relationship),
            birth_date: r.birth_date,
            sex: sex(&r.sex),
            insurance: Some(insured),
            income: self.incomes.get(&r.id).copied(),
            public_servant: recipient.or_else(|| self.employment.get(&r.id).copied()),
            care_certified: Some(
                self.care
                    .get(&r.id)
                    .into_iter()
                    .flatten()
                    .any(|c| current(c.valid_from, Some(c.valid_to))),
            ),
            property_owner: self.tax.then(|| self.owners.contains(&r.id)),
            receives: Some(
                recipient
                    .map(|_| vec!["child_allowance".to_owned()])
                    .unwrap_or_default(),
            ),
            ..Member::default()
        }
    }
}

/// What the city's data says about each member of one household, as screening members.
/// Tax data (income, property) is read only with the resident's consent (`tax`);
/// without it those facts stay unknown, and the counter asks what the rules need.
pub async fn screening_members<C: ConnectionTrait>(
    db: &C,
    household: &Household,
    as_of: NaiveDate,
    tax: bool,
) -> Result<Vec<Member>, AppError> {
    let ids: Vec<i32> = household.members.iter().map(|m| m.id).collect();
    let facts = CityFacts::load(db, Some(ids), as_of, tax).await?;
    Ok(household
        .members
        .iter()
        .map(|r| facts.member(r, as_of))
        .collect())
}

pub fn relationship(s: &str) -> Relationship {
    serde_json::from_value(serde_json::Value::String(s.into())).unwrap_or(Relationship::Other)
}

pub fn sex(s: &str) -> Sex {
    serde_json::from_value(serde_json::Value::String(s.into())).unwrap_or(Sex::Unspecified)
}
