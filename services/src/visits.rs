//! A visit: started by a staff member at the counter or by a resident signed in online
//! ([`Owner`]), linked to a household, screened, and submitted as one application per
//! procedure — all in one transaction, so a visit has every application or none.

use super::audit::Audit;
use super::entities::{department, visit};
use super::registry::{self, Household};
use super::{Clock, LiveRules};
use madoguchi_core::forms;
use madoguchi_core::rules::Options;
use madoguchi_core::screening::{self, Member, Relationship, Request, ScreeningResult};
use madoguchi_types::error::AppError;
use madoguchi_types::model::{Baby, InterviewSpec, ProcedureView, VisitInput, VisitScreening};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};
use std::collections::HashMap;

pub mod consent;
pub mod drafts;
mod events;
mod owner;
pub mod pre_entry;
pub mod signature;
mod submit;
pub mod survey;
pub(crate) mod values;

pub use owner::Owner;
pub use submit::submit;

pub(super) const BABY_ID: &str = "baby";

/// Starts a visit; returns its number. Online, the resident's household is known from
/// the start (the one of the resident the sign-in matched); without a match, no visit.
pub async fn start(
    db: &DatabaseConnection,
    owner: Owner<'_>,
    clock: Clock,
) -> Result<String, AppError> {
    let now = clock.now();
    let household_id = match owner.matched_resident()? {
        Some(resident) => Some(registry::household_of(db, resident).await?),
        None => None,
    };
    let number = free_visit_number(db, clock).await?;
    visit::ActiveModel {
        visit_number: Set(number.clone()),
        staff_user_id: Set(owner.staff_id()),
        resident_account_id: Set(owner.account_id()),
        household_id: Set(household_id),
        channel: Set(owner.channel().into()),
        status: Set("open".into()),
        events: Set("[]".into()),
        values_prefilled: Set(0),
        values_asked: Set(0),
        values_on_paper: Set(0),
        created_at: Set(now),
        submitted_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(number)
}

/// A visit number residents can read out: the day and six random hex digits, drawn
/// again while it is taken (the unique index still guards a race).
async fn free_visit_number(db: &DatabaseConnection, clock: Clock) -> Result<String, AppError> {
    for _ in 0..8 {
        let mut suffix = [0u8; 3];
        getrandom::fill(&mut suffix).map_err(|_| AppError::Internal)?;
        let number = format!(
            "{}-{}",
            clock.today().format("%y%m%d"),
            suffix
                .iter()
                .map(|b| format!("{b:02X}"))
                .collect::<String>()
        );
        let taken = visit::Entity::find()
            .filter(visit::Column::VisitNumber.eq(&number))
            .one(db)
            .await?;
        if taken.is_none() {
            return Ok(number);
        }
    }
    tracing::error!("no free visit number after 8 draws");
    Err(AppError::Internal)
}

/// An open visit of this owner; anyone else's is "not found".
pub(crate) async fn open_visit<C: ConnectionTrait>(
    db: &C,
    owner: Owner<'_>,
    number: &str,
) -> Result<visit::Model, AppError> {
    let v = visit::Entity::find()
        .filter(visit::Column::VisitNumber.eq(number))
        .one(db)
        .await?
        .filter(|v| owner.owns(v))
        .ok_or(AppError::NotFound)?;
    if v.status != "open" {
        return Err(AppError::VisitClosed);
    }
    Ok(v)
}

/// Everything a screening of this visit needs, loaded and checked.
pub(super) struct Screened {
    pub(super) visit: visit::Model,
    pub(super) household: Household,
    /// The member filing (checked to be of the household), by resident number.
    pub(super) applicant: Option<String>,
    pub(super) baby: Option<Baby>,
    pub(super) request: Request,
    pub(super) result: ScreeningResult,
    /// The city's departments (name, counter, building, phone), as the city keeps them.
    pub(super) departments: HashMap<String, department::Model>,
    /// Run online by a resident: only the procedures that can be done online are
    /// applied for.
    pub(super) online: bool,
}

pub(super) async fn run_screening<C: ConnectionTrait>(
    db: &C,
    owner: Owner<'_>,
    rules: &LiveRules,
    input: &VisitInput,
    clock: Clock,
) -> Result<Screened, AppError> {
    let visit = open_visit(db, owner, &input.visit_number).await?;
    let today = clock.today();
    let (household, applicant) = match owner.matched_resident()? {
        // Online: the resident's own household, the resident filing; what the browser
        // names is not trusted.
        Some(resident) => {
            let household =
                registry::load(db, visit.household_id.ok_or(AppError::NotFound)?).await?;
            let me = household
                .members
                .iter()
                .find(|m| m.id == resident)
                .map(|m| m.person_number.clone())
                .ok_or(AppError::NotFound)?;
            (household, Some(me))
        }
        None => {
            let household = registry::load_by_number(db, &input.household_number).await?;
            let applicant = match &input.applicant {
                Some(a) if household.members.iter().any(|m| &m.person_number == a) => {
                    Some(a.clone())
                }
                Some(_) => return Err(AppError::NotFound),
                None => None,
            };
            (household, applicant)
        }
    };
    let (events, baby) = events::check(input, &household, today)?;
    let tax = consent::tax_granted(db, visit.id).await?;
    let mut members = registry::screening_members(db, &household, today, tax).await?;
    if let Some(baby) = &baby {
        members.push(Member {
            id: BABY_ID.into(),
            relationship: Relationship::Child,
            birth_date: baby.birth_date,
            sex: baby.sex,
            ..Member::default()
        });
    }
    let request = Request {
        as_of: today,
        events,
        household: screening::Household { members },
        answers: input.answers.clone(),
    };
    let mut labels: HashMap<String, String> = household
        .members
        .iter()
        .map(|m| (m.person_number.clone(), m.given_name.clone()))
        .collect();
    if let Some(baby) = &baby {
        labels.insert(BABY_ID.into(), baby.given_name.as_str().to_owned());
    }
    let options = Options {
        labels: Some(&labels),
        explain: true,
    };
    let result = rules
        .for_request(&request)
        .screen_with(&request, options)
        .map_err(|e| AppError::Screening { message: e.message })?;
    let departments = departments(db).await?;
    Ok(Screened {
        visit,
        household,
        applicant,
        baby,
        request,
        result,
        departments,
        online: matches!(owner, Owner::Resident(_)),
    })
}

/// Screens the visit's household with the baby and answers so far; links the visit to
/// the household and audits the read.
pub async fn screen(
    db: &DatabaseConnection,
    owner: Owner<'_>,
    rules: &LiveRules,
    input: &VisitInput,
    clock: Clock,
    origin: &str,
) -> Result<VisitScreening, AppError> {
    let s = run_screening(db, owner, rules, input, clock).await?;
    let mut v: visit::ActiveModel = s.visit.clone().into();
    v.household_id = Set(Some(s.household.household.id));
    v.screening = Set(Some(json(&s.result)?));
    v.events = Set(serde_json::to_string(&s.request.events).map_err(|_| AppError::Internal)?);
    v.update(db).await?;
    owner
        .audit(db, clock.now(), origin, read_entry(owner, &s, "screening"))
        .await?;
    let cat = forms::bundled();
    let known = values::known(&s, cat);
    let plan = values::plan(&s, cat, &known);
    Ok(VisitScreening {
        ruleset: s.result.ruleset.clone(),
        procedures: views(&s.result, &s.departments),
        questions: s.result.questions.clone(),
        not_applicable: s.result.not_applicable.clone(),
        prefilled: values::prefilled(cat, &plan, &known),
        interview: InterviewSpec {
            catalog: values::catalog_for(cat, &plan),
            plan,
        },
    })
}

pub(super) fn read_entry<'a>(owner: Owner<'_>, s: &Screened, action: &'a str) -> Audit<'a> {
    owner.entry(
        &s.visit.visit_number,
        Some(s.household.household.id),
        action,
        "ok",
    )
}

/// The city's departments by id (name, counter, building, phone), as kept at
/// /admin/staff.
pub(crate) async fn departments<C: ConnectionTrait>(
    db: &C,
) -> Result<HashMap<String, department::Model>, AppError> {
    Ok(department::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.id.clone(), d))
        .collect())
}

/// The procedures listed, each with where it is handled: the department as the city
/// keeps it at /admin/staff (the rule set names only its id).
pub(crate) fn views(
    result: &ScreeningResult,
    departments: &HashMap<String, department::Model>,
) -> Vec<ProcedureView> {
    result
        .procedures
        .iter()
        .map(|p| {
            let d = departments.get(&p.department);
            ProcedureView {
                procedure: p.clone(),
                department_name: d.map_or_else(|| p.department.clone(), |d| d.name.clone()),
                counter: d.map_or_else(String::new, |d| {
                    [d.building.as_str(), d.counter.as_str()]
                        .iter()
                        .filter(|s| !s.is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(" ")
                }),
                phone: d.map(|d| d.phone.clone()).filter(|p| !p.is_empty()),
            }
        })
        .collect()
}

pub(super) fn json<T: serde::Serialize>(v: &T) -> Result<String, AppError> {
    serde_json::to_string(v).map_err(|_| AppError::Internal)
}
