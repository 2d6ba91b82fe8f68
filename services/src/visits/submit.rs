//! Submitting a visit: the server screens again (the tablet's list is never trusted),
//! checks the whole interview with the same types the tablet used, and writes one
//! application per procedure — each with its form filled in — in one transaction, so a
//! visit has every application or none.

use super::{json, read_entry, run_screening, values, views, Owner, Screened, BABY_ID};
use crate::db::begin_write;
use crate::entities::{answer, application, application_event, visit};
use crate::integration::outbox::{self, EventKind};
use crate::Clock;
use crate::LiveRules;
use madoguchi_core::forms::{self, Catalog, FieldType, Filled, Plan, Signature, Source};
use madoguchi_core::jp::{format_wareki, MyNumber};
use madoguchi_core::screening::EventType;
use madoguchi_core::workflow::Status;
use madoguchi_types::error::AppError;
use madoguchi_types::model::{ProcedureView, Receipt, ReceiptLine, SubmitVisit};
use sea_orm::{ActiveModelTrait, DatabaseConnection, Set};
use std::collections::BTreeMap;

/// One application to write: the procedure as screened (reasons of every member it
/// concerns merged) and the members it concerns.
struct Grouped {
    view: ProcedureView,
    subjects: Vec<Subject>,
}

struct Subject {
    resident_id: Option<i32>,
    name: String,
    birth_date: Option<chrono::NaiveDate>,
}

/// Submits the visit. Online, only the procedures the rules allow online become
/// applications (the others are done at the counter), and no handwritten signature is
/// taken: the resident signed in with their card.
pub async fn submit(
    db: &DatabaseConnection,
    owner: Owner<'_>,
    rules: &LiveRules,
    input: &SubmitVisit,
    clock: Clock,
    origin: &str,
) -> Result<Receipt, AppError> {
    let txn = begin_write(db).await?;
    let s = run_screening(&txn, owner, rules, &input.visit, clock).await?;
    if !s.result.questions.is_empty() {
        return Err(AppError::Screening {
            message: "questions_unanswered".into(),
        });
    }
    let cat = forms::bundled();
    let known = values::known(&s, cat);
    let plan = values::plan(&s, cat, &known);
    let asked = forms::check(cat, &plan, &input.answers)
        .map_err(|fields| AppError::InvalidInput { fields })?;
    // One signature for every form that takes it; none needed when none does.
    let signed = !s.online
        && plan
            .forms
            .iter()
            .filter_map(|p| cat.form(p))
            .any(|f| f.signature == Signature::One);
    let signature = match (&input.signature_png, signed) {
        (Some(url), true) => Some(super::signature::decode(url)?),
        (None, true) => {
            return Err(AppError::field(
                "signature",
                madoguchi_core::jp::ValueError::Required,
            ))
        }
        (_, false) => None,
    };
    let events: Vec<EventType> = s.request.events.iter().map(|e| e.kind).collect();
    let now = clock.now();
    let mut all = known.clone();
    all.extend(asked.clone());
    let mut lines = Vec::new();
    let mut made = Vec::new();
    let groups: Vec<Grouped> = group(&s)
        .into_iter()
        .filter(|g| !s.online || g.view.procedure.online)
        .collect();
    if groups.is_empty() {
        return Err(AppError::Screening {
            message: "nothing_to_submit".into(),
        });
    }
    for g in groups {
        let p = &g.view.procedure;
        let Some(form) = cat.form(&p.id) else {
            tracing::error!(procedure = %p.id, "no form for a screened procedure");
            return Err(AppError::Internal);
        };
        let mut values = all.clone();
        values.insert("subjects".into(), subjects_text(&g.subjects));
        let filled = Filled::new(cat, form, &values, &input.answers, &events);
        let subject_name = g
            .subjects
            .iter()
            .map(|x| x.name.as_str())
            .collect::<Vec<_>>()
            .join("、");
        let app = application::ActiveModel {
            visit_id: Set(s.visit.id),
            procedure_id: Set(p.id.clone()),
            department_id: Set(p.department.clone()),
            subject_resident_id: Set(g.subjects.iter().find_map(|x| x.resident_id)),
            subject_name: Set(subject_name),
            status: Set(Status::Received.code().into()),
            deadline: Set(p.deadline),
            reasons: Set(json(&p.reasons)?),
            data: Set(json(&filled)?),
            ruleset: Set(s.result.ruleset.clone()),
            created_at: Set(now),
            updated_at: Set(Some(now)),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        application_event::ActiveModel {
            application_id: Set(app.id),
            status: Set(Status::Received.code().into()),
            staff_user_id: Set(owner.staff_id()),
            note: Set(String::new()),
            at: Set(now),
            kind: Set("status".into()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        outbox::publish(
            &txn,
            EventKind::Received,
            &app,
            Status::Received.code(),
            None,
            now,
        )
        .await?;
        made.push((p.id.clone(), app.id));
        lines.push(ReceiptLine {
            application_id: app.id,
            procedure_id: p.id.clone(),
            department_id: p.department.clone(),
            procedure_name: p.name.clone(),
            department_name: g.view.department_name.clone(),
            counter: g.view.counter.clone(),
            deadline: p.deadline,
        });
    }
    write_answers(&txn, &s, cat, &plan, &all).await?;
    crate::online::attachments::hand_over(&txn, s.visit.id, &made).await?;
    if let Some(png) = signature {
        super::signature::store(&txn, s.visit.id, png, now).await?;
    }
    super::drafts::delete(&txn, s.visit.id).await?;
    let (prefilled, asked_count, on_paper) = plan.counts(cat, &input.answers);
    let mut v: visit::ActiveModel = s.visit.clone().into();
    v.status = Set("submitted".into());
    v.submitted_at = Set(Some(now));
    v.screening = Set(Some(json(&s.result)?));
    v.values_prefilled = Set(prefilled as i32);
    v.values_asked = Set((asked_count + input.visit.answers.len()) as i32);
    v.values_on_paper = Set(on_paper as i32);
    v.update(&txn).await?;
    owner
        .audit(&txn, now, origin, read_entry(owner, &s, "visit_submit"))
        .await?;
    txn.commit().await?;
    Ok(Receipt {
        visit_number: s.visit.visit_number,
        applications: lines,
    })
}

/// Every value of the visit with where it came from. A My Number is kept only in the
/// applications whose forms print it, so here it is masked.
async fn write_answers(
    txn: &sea_orm::DatabaseTransaction,
    s: &Screened,
    cat: &Catalog,
    plan: &Plan,
    all: &BTreeMap<String, String>,
) -> Result<(), AppError> {
    for (key, value) in all {
        let field = cat.field(key);
        if field.is_some_and(|f| f.ty == FieldType::Members) {
            continue;
        }
        let value = match field.map(|f| &f.ty) {
            Some(FieldType::MyNumber) => MyNumber::parse(value)
                .map(|m| m.masked())
                .unwrap_or_default(),
            _ => value.clone(),
        };
        let source = match plan.source(cat, key) {
            Source::Registry => "registry",
            Source::Visit => "visit",
            Source::Asked => "asked",
        };
        answer::ActiveModel {
            visit_id: Set(s.visit.id),
            key: Set(key.clone()),
            value: Set(value),
            source: Set(source.into()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// "山田 花子 (令和8年11月20日生)、山田 一郎 (…)" for the form's "persons concerned".
fn subjects_text(subjects: &[Subject]) -> String {
    subjects
        .iter()
        .map(|x| match x.birth_date {
            Some(d) => format!("{} ({}生)", x.name, format_wareki(d)),
            None => x.name.clone(),
        })
        .collect::<Vec<_>>()
        .join("、")
}

/// One application per procedure: a procedure listed for several members (国保の資格
/// 喪失 for a family, say) becomes one form naming them all.
fn group(s: &Screened) -> Vec<Grouped> {
    let member = |id: &str| -> Option<Subject> {
        if id == BABY_ID {
            let b = s.baby.as_ref()?;
            return Some(Subject {
                resident_id: None,
                name: format!(
                    "{}\u{3000}{}",
                    b.family_name.as_str(),
                    b.given_name.as_str()
                ),
                birth_date: Some(b.birth_date),
            });
        }
        s.household
            .members
            .iter()
            .find(|m| m.person_number == id)
            .map(|m| Subject {
                resident_id: Some(m.id),
                name: format!("{}\u{3000}{}", m.family_name, m.given_name),
                birth_date: Some(m.birth_date),
            })
    };
    // A procedure for the whole household names its members.
    let everyone = || -> Vec<Subject> {
        s.request
            .household
            .members
            .iter()
            .filter_map(|m| member(&m.id))
            .collect()
    };
    let mut grouped: Vec<Grouped> = Vec::new();
    for view in views(&s.result, &s.departments) {
        let subjects = match view.procedure.subject.as_deref().and_then(member) {
            Some(one) => vec![one],
            None => everyone(),
        };
        match grouped
            .iter_mut()
            .find(|g| g.view.procedure.id == view.procedure.id)
        {
            Some(g) => {
                let first = &mut g.view.procedure;
                for r in &view.procedure.reasons {
                    if !first.reasons.contains(r) {
                        first.reasons.push(r.clone());
                    }
                }
                first.deadline = match (first.deadline, view.procedure.deadline) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
                for x in subjects {
                    if !g.subjects.iter().any(|y| y.name == x.name) {
                        g.subjects.push(x);
                    }
                }
            }
            None => grouped.push(Grouped { view, subjects }),
        }
    }
    grouped
}
