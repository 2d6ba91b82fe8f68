//! A counter visit: started by a signed-in staff member, linked to a household,
//! screened, and submitted as one application per procedure — all in one transaction,
//! so a visit has every application or none.

use super::audit::{self, Audit};
use super::entities::{answer, application, application_event, visit};
use super::registry::{self, Household};
use super::Clock;
use crate::error::AppError;
use crate::model::{
    Baby, ProcedureView, Receipt, ReceiptLine, StaffMe, SubmitVisit, VisitInput, VisitScreening,
};
use madoguchi_core::forms::{self, Source};
use madoguchi_core::rules::{Options, Ruleset};
use madoguchi_core::screening::{self, Member, Relationship, Request, ScreeningResult};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set, TransactionTrait,
};
use std::collections::HashMap;

mod events;
mod values;

use values::{asked_values, prefilled};

const BABY_ID: &str = "baby";

pub async fn start(
    db: &DatabaseConnection,
    staff: &StaffMe,
    clock: Clock,
) -> Result<String, AppError> {
    let now = clock.now();
    let number = free_visit_number(db, clock).await?;
    visit::ActiveModel {
        visit_number: Set(number.clone()),
        staff_user_id: Set(staff.id),
        household_id: Set(None),
        channel: Set("counter".into()),
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

/// An open visit of this staff member; anyone else's is "not found".
async fn open_visit<C: ConnectionTrait>(
    db: &C,
    staff: &StaffMe,
    number: &str,
) -> Result<visit::Model, AppError> {
    let v = visit::Entity::find()
        .filter(visit::Column::VisitNumber.eq(number))
        .one(db)
        .await?
        .filter(|v| v.staff_user_id == staff.id)
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
    pub(super) baby: Option<Baby>,
    pub(super) request: Request,
    pub(super) result: ScreeningResult,
}

async fn run_screening<C: ConnectionTrait>(
    db: &C,
    staff: &StaffMe,
    rules: &Ruleset,
    input: &VisitInput,
    clock: Clock,
) -> Result<Screened, AppError> {
    let visit = open_visit(db, staff, &input.visit_number).await?;
    let today = clock.today();
    let household = registry::load_by_number(db, &input.household_number).await?;
    let (events, baby) = events::check(input, &household, today)?;
    let mut members = registry::screening_members(db, &household, today).await?;
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
        .screen_with(&request, options)
        .map_err(|e| AppError::Screening { message: e.message })?;
    Ok(Screened {
        visit,
        household,
        baby,
        request,
        result,
    })
}

/// Screens the visit's household with the baby and answers so far; links the visit to
/// the household and audits the read.
pub async fn screen(
    db: &DatabaseConnection,
    staff: &StaffMe,
    rules: &Ruleset,
    input: &VisitInput,
    clock: Clock,
    origin: &str,
) -> Result<VisitScreening, AppError> {
    let s = run_screening(db, staff, rules, input, clock).await?;
    let mut v: visit::ActiveModel = s.visit.clone().into();
    v.household_id = Set(Some(s.household.household.id));
    v.screening = Set(Some(json(&s.result)?));
    v.events = Set(serde_json::to_string(&s.request.events).map_err(|_| AppError::Internal)?);
    v.update(db).await?;
    audit::record(db, clock.now(), origin, read_entry(staff, &s, "screening")).await?;
    Ok(VisitScreening {
        ruleset: s.result.ruleset.clone(),
        procedures: views(&s.result, rules),
        questions: s.result.questions.clone(),
        prefilled: prefilled(&s),
    })
}

fn read_entry<'a>(staff: &StaffMe, s: &Screened, action: &'a str) -> Audit<'a> {
    Audit {
        staff_user_id: Some(staff.id),
        action,
        target: format!("visit:{}", s.visit.visit_number),
        household_id: Some(s.household.household.id),
        resident_id: None,
        purpose: "counter_visit",
        outcome: "ok",
    }
}

fn views(result: &ScreeningResult, rules: &Ruleset) -> Vec<ProcedureView> {
    result
        .procedures
        .iter()
        .map(|p| {
            let d = rules.department(&p.department);
            ProcedureView {
                procedure: p.clone(),
                department_name: d.map_or_else(|| p.department.clone(), |d| d.name.to_owned()),
                counter: d.map_or_else(String::new, |d| d.counter.to_owned()),
            }
        })
        .collect()
}

/// Submits the visit: re-screens on the server (the browser's list is never trusted),
/// re-checks the interview, and writes every application in one transaction.
pub async fn submit(
    db: &DatabaseConnection,
    staff: &StaffMe,
    rules: &Ruleset,
    input: &SubmitVisit,
    clock: Clock,
    origin: &str,
) -> Result<Receipt, AppError> {
    let txn = db.begin().await?;
    let s = run_screening(&txn, staff, rules, &input.visit, clock).await?;
    if !s.result.questions.is_empty() {
        return Err(AppError::Screening {
            message: "questions_unanswered".into(),
        });
    }
    let ids: Vec<&str> = s.result.procedures.iter().map(|p| p.id.as_str()).collect();
    let answers = input
        .interview
        .check(&ids)
        .map_err(|fields| AppError::InvalidInput { fields })?;
    let now = clock.now();
    let mut values: HashMap<String, String> = prefilled(&s)
        .into_iter()
        .map(|p| (p.key, p.value))
        .collect();
    asked_values(&answers, &mut values);
    let subject_ids: HashMap<&str, (i32, String)> = s
        .household
        .members
        .iter()
        .map(|m| {
            (
                m.person_number.as_str(),
                (m.id, format!("{}\u{3000}{}", m.family_name, m.given_name)),
            )
        })
        .collect();
    let household_name = s.household.head().map_or_else(
        || "世帯".to_owned(),
        |h| format!("{}\u{3000}{}の世帯", h.family_name, h.given_name),
    );
    let baby_name = s.baby.as_ref().map_or(household_name, |b| {
        format!(
            "{}\u{3000}{}",
            b.family_name.as_str(),
            b.given_name.as_str()
        )
    });
    let mut lines = Vec::new();
    // One application per procedure: a form that concerns several members (国保の資格
    // 喪失 for a family, say) names them all.
    type Subjects = Vec<(Option<i32>, String)>;
    let mut grouped: Vec<(ProcedureView, Subjects)> = Vec::new();
    for view in views(&s.result, rules) {
        let subject = match view
            .procedure
            .subject
            .as_deref()
            .and_then(|id| subject_ids.get(id))
        {
            Some((id, name)) => (Some(*id), name.clone()),
            None => (None, baby_name.clone()),
        };
        match grouped
            .iter_mut()
            .find(|(v, _)| v.procedure.id == view.procedure.id)
        {
            Some((first, subjects)) => {
                for r in &view.procedure.reasons {
                    if !first.procedure.reasons.contains(r) {
                        first.procedure.reasons.push(r.clone());
                    }
                }
                first.procedure.deadline = match (first.procedure.deadline, view.procedure.deadline)
                {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
                subjects.push(subject);
            }
            None => grouped.push((view, vec![subject])),
        }
    }
    for (view, subjects) in grouped {
        let p = &view.procedure;
        let subject_id = subjects.iter().find_map(|(id, _)| *id);
        let subject_name = subjects
            .iter()
            .map(|(_, n)| n.as_str())
            .collect::<Vec<_>>()
            .join("、");
        let data: Vec<(String, String)> = forms::FIELDS
            .iter()
            .filter(|f| f.used_by.contains(&p.id.as_str()))
            .filter_map(|f| values.get(f.key).map(|v| (f.label.to_owned(), v.clone())))
            .collect();
        let app = application::ActiveModel {
            visit_id: Set(s.visit.id),
            procedure_id: Set(p.id.clone()),
            department_id: Set(p.department.clone()),
            subject_resident_id: Set(subject_id),
            subject_name: Set(subject_name),
            status: Set("submitted".into()),
            deadline: Set(p.deadline),
            reasons: Set(json(&p.reasons)?),
            data: Set(json(&data)?),
            ruleset: Set(s.result.ruleset.clone()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        application_event::ActiveModel {
            application_id: Set(app.id),
            status: Set("submitted".into()),
            staff_user_id: Set(Some(staff.id)),
            note: Set(String::new()),
            at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        lines.push(ReceiptLine {
            application_id: app.id,
            procedure_name: p.name.clone(),
            department_name: view.department_name.clone(),
            counter: view.counter.clone(),
            deadline: p.deadline,
        });
    }
    let fields = forms::interview(&ids);
    let asked =
        fields.iter().filter(|f| f.source == Source::Asked).count() + input.visit.answers.len();
    for (key, value) in values.iter() {
        let source = fields
            .iter()
            .find(|f| f.key == key)
            .map_or(Source::Asked, |f| f.source);
        answer::ActiveModel {
            visit_id: Set(s.visit.id),
            key: Set(key.clone()),
            value: Set(value.clone()),
            source: Set(json(&source)?.trim_matches('"').to_owned()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    let mut v: visit::ActiveModel = s.visit.clone().into();
    v.status = Set("submitted".into());
    v.submitted_at = Set(Some(now));
    v.screening = Set(Some(json(&s.result)?));
    v.values_prefilled =
        Set((fields.len() - fields.iter().filter(|f| f.source == Source::Asked).count()) as i32);
    v.values_asked = Set(asked as i32);
    v.values_on_paper = Set(forms::values_on_paper(&ids) as i32);
    v.update(&txn).await?;
    audit::record(&txn, now, origin, read_entry(staff, &s, "visit_submit")).await?;
    txn.commit().await?;
    Ok(Receipt {
        visit_number: s.visit.visit_number,
        applications: lines,
    })
}

fn json<T: serde::Serialize>(v: &T) -> Result<String, AppError> {
    serde_json::to_string(v).map_err(|_| AppError::Internal)
}
