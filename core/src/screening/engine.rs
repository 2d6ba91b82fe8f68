//! The rules. Each procedure's conditions are evaluated in three-valued logic
//! ([`Tri`]); a procedure that holds is listed with its reasons, one that hangs on an
//! unknown fact becomes questions. Only the birth event is covered so far: other events
//! are refused with `unsupported_event` rather than answered with an empty list.

use super::catalog::{self, deadlines, in_force, procedure, RULESET_VERSION};
use super::child_allowance::child_allowance;
use super::contract::*;
use super::facts::Facts;
use super::tri::Tri;
use crate::age;
use chrono::{Days, Months, NaiveDate};
use std::collections::HashMap;

/// Screens a request, naming members by their ids in reasons.
pub fn screen(request: &Request) -> Result<ScreeningResult, ContractError> {
    screen_with_labels(request, &HashMap::new())
}

/// Screens a request, naming members in reasons by `labels` (e.g. their names at the
/// counter) where given.
pub fn screen_with_labels(
    request: &Request,
    labels: &HashMap<String, String>,
) -> Result<ScreeningResult, ContractError> {
    let facts = Facts::new(request, labels);
    let mut out = Outcome::default();
    for (i, event) in request.events.iter().enumerate() {
        match event.kind {
            EventType::Birth => birth(&facts, event, &mut out),
            other => {
                return Err(ContractError {
                    code: "unsupported_event".into(),
                    message: format!(
                        "the rule set {RULESET_VERSION} does not yet cover the event `{}`",
                        serde_json::to_value(other)
                            .ok()
                            .and_then(|v| v.as_str().map(str::to_owned))
                            .unwrap_or_default()
                    ),
                    path: format!("events[{i}].type"),
                })
            }
        }
    }
    let mut procedures = out.procedures;
    procedures.sort_by(|a, b| match (a.deadline, b.deadline) {
        (Some(x), Some(y)) => x.cmp(&y).then_with(|| a.id.cmp(&b.id)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.id.cmp(&b.id),
    });
    Ok(ScreeningResult {
        contract: "v1".into(),
        ruleset: RULESET_VERSION.into(),
        as_of: request.as_of,
        procedures,
        questions: out.questions,
    })
}

#[derive(Default)]
pub(super) struct Outcome {
    procedures: Vec<ProcedureResult>,
    questions: Vec<Question>,
}

impl Outcome {
    /// Lists the procedure when `condition` holds; turns it into questions when unknown.
    pub(super) fn decide(&mut self, condition: Tri, apply: impl FnOnce() -> ProcedureResult) {
        match condition {
            Tri::Yes => {
                let p = apply();
                if !self
                    .procedures
                    .iter()
                    .any(|x| x.id == p.id && x.subject == p.subject)
                {
                    self.procedures.push(p);
                }
            }
            Tri::No => {}
            Tri::Unknown(questions) => self.ask(questions),
        }
    }

    /// Adds questions, merging the procedures they affect when one is already asked.
    pub(super) fn ask(&mut self, questions: Vec<Question>) {
        {
            {
                for q in questions {
                    match self.questions.iter_mut().find(|x| x.id == q.id) {
                        Some(existing) => {
                            for a in q.affects {
                                if !existing.affects.contains(&a) {
                                    existing.affects.push(a);
                                }
                            }
                        }
                        None => self.questions.push(q),
                    }
                }
            }
        }
    }
}

pub(super) fn known<T>(
    fact: Result<T, Question>,
    affects: &[&str],
    test: impl FnOnce(T) -> bool,
) -> Tri {
    match fact {
        Ok(v) => Tri::from_bool(test(v)),
        Err(mut q) => {
            q.affects = affects.iter().map(|s| (*s).to_owned()).collect();
            Tri::Unknown(vec![q])
        }
    }
}

pub(super) fn result(
    id: &str,
    subject: Option<&str>,
    deadline: Option<NaiveDate>,
    reasons: Vec<String>,
) -> ProcedureResult {
    let p = procedure(id).expect("every rule names a procedure in the catalog");
    ProcedureResult {
        id: id.into(),
        name: p.name.into(),
        department: p.department.into(),
        subject: subject.map(str::to_owned),
        deadline,
        reasons,
        documents: p.documents.iter().map(|d| (*d).to_owned()).collect(),
        benefit: None,
    }
}

/// The baby's parents in the household: head and spouse for a child, adult children for
/// a grandchild.
fn parents<'a>(facts: &Facts<'a>, baby: &Member, day: NaiveDate) -> Vec<&'a Member> {
    let members = &facts.request.household.members;
    match baby.relationship {
        Relationship::Grandchild => members
            .iter()
            .filter(|m| {
                m.relationship == Relationship::Child && age::age_on(m.birth_date, day) >= 15
            })
            .collect(),
        _ => members
            .iter()
            .filter(|m| matches!(m.relationship, Relationship::Head | Relationship::Spouse))
            .filter(|m| m.id != baby.id)
            .collect(),
    }
}

/// The claimant of child benefits: the parent with the higher income, or the one named
/// in the answer to `claimant`.
fn claimant<'a>(facts: &Facts<'a>, parents: &[&'a Member]) -> Result<&'a Member, Question> {
    if let Some(m) = facts.answered_member("claimant") {
        return Ok(m);
    }
    match parents {
        [one] => Ok(one),
        [a, b] => match (a.income, b.income) {
            (Some(x), Some(y)) => Ok(if y > x { b } else { a }),
            _ => Err(Question {
                id: "claimant".into(),
                text: "主に家計を支えているのはどなたですか".into(),
                kind: "choice".into(),
                options: parents.iter().map(|m| m.id.clone()).collect(),
                affects: vec![],
            }),
        },
        _ => Err(Question {
            id: "claimant".into(),
            text: "お子さんを主に養育しているのはどなたですか".into(),
            kind: "choice".into(),
            options: facts
                .request
                .household
                .members
                .iter()
                .filter(|m| age::age_on(m.birth_date, facts.request.as_of) >= 15)
                .map(|m| m.id.clone())
                .collect(),
            affects: vec![],
        }),
    }
}

fn birth(facts: &Facts<'_>, event: &Event, out: &mut Outcome) {
    let date = event.date;
    let baby = event
        .person
        .as_deref()
        .and_then(|id| facts.member(id))
        .or_else(|| {
            facts
                .request
                .household
                .members
                .iter()
                .find(|m| m.birth_date == date)
        });
    let baby_id = baby.map(|b| b.id.as_str());
    let born = match baby_id {
        Some(id) => format!("{}さんが{}に生まれました", facts.label(id), ja_date(date)),
        None => format!("{}にお子さんが生まれました", ja_date(date)),
    };

    out.decide(Tri::Yes, || {
        result(
            "birth_registration",
            baby_id,
            Some(date + Days::new(deadlines::BIRTH_REGISTRATION_DAYS)),
            vec![born.clone(), "出生の日を含めて14日以内に届け出ます".into()],
        )
    });

    let Some(baby) = baby else { return };
    let parents = parents(facts, baby, date);
    let single_parent = parents.len() == 1;
    let claimant = claimant(facts, &parents);

    // 子ども医療費助成: every resident child until the first 31 March after 18.
    if let Some(limit) = in_force(
        catalog::CHILD_MEDICAL_SUBSIDY_UNTIL_AGE,
        facts.request.as_of,
    ) {
        out.decide(
            Tri::from_bool(age::within_child_period(
                baby.birth_date,
                limit,
                facts.request.as_of,
            )),
            || {
                result(
                    "child_medical_subsidy",
                    Some(&baby.id),
                    None,
                    vec![
                        born.clone(),
                        format!("{limit}歳になった後の最初の3月31日までのお子さんが対象です"),
                    ],
                )
            },
        );
    }

    child_allowance(facts, baby, &claimant, &born, out);

    // 国保加入: the baby joins the insurance of the parent who supports it.
    let nhi = ["nhi_enrollment"];
    let cond = match &claimant {
        Ok(c) => known(facts.insurance(c), &nhi, |i| i == Insurance::Nhi),
        Err(q) => Tri::Unknown(vec![with_affects(q.clone(), &nhi)]),
    };
    out.decide(cond, || {
        let c = claimant.as_ref().expect("decided only when known");
        result(
            "nhi_enrollment",
            Some(&baby.id),
            Some(date + Days::new(deadlines::NHI_DAYS)),
            vec![
                born.clone(),
                format!("{}さんが国民健康保険に入っています", facts.label(&c.id)),
            ],
        )
    });

    // The mother's NHI membership decides the lump sum and the premium exemption.
    let mother = parents.iter().find(|m| m.sex == Sex::Female).copied();
    if let Some(mother) = mother {
        let mother_nhi =
            |affects: &[&str]| known(facts.insurance(mother), affects, |i| i == Insurance::Nhi);
        let mother_is_nhi = format!(
            "{}さんが国民健康保険に入っています",
            facts.label(&mother.id)
        );
        let lump = ["childbirth_lump_sum"];
        out.decide(mother_nhi(&lump), || {
            let mut r = result(
                "childbirth_lump_sum",
                Some(&mother.id),
                date.checked_add_months(Months::new(12 * deadlines::LUMP_SUM_YEARS)),
                vec![
                    born.clone(),
                    mother_is_nhi.clone(),
                    "出産から2年以内に申請できます".into(),
                ],
            );
            r.benefit = in_force(catalog::CHILDBIRTH_LUMP_SUM, date).map(|amount| Benefit {
                amount,
                per: "once".into(),
            });
            r
        });
        let exemption = ["nhi_perinatal_premium_exemption"];
        let cond = Tri::from_bool(date >= catalog::NHI_PERINATAL_EXEMPTION_FROM)
            .and(mother_nhi(&exemption));
        out.decide(cond, || {
            result(
                "nhi_perinatal_premium_exemption",
                Some(&mother.id),
                None,
                vec![
                    mother_is_nhi.clone(),
                    "出産前後の4か月分の国保の保険料が免除されます".into(),
                ],
            )
        });
    }

    if single_parent {
        let parent = parents[0];
        let single = format!(
            "{}さんはひとり親です (世帯に配偶者がいません)",
            facts.label(&parent.id)
        );
        out.decide(Tri::Yes, || {
            result(
                "child_rearing_allowance",
                Some(&parent.id),
                None,
                vec![
                    single.clone(),
                    born.clone(),
                    "所得により支給額が決まります".into(),
                ],
            )
        });
        out.decide(Tri::Yes, || {
            result(
                "single_parent_medical_subsidy",
                Some(&parent.id),
                None,
                vec![single.clone()],
            )
        });
    }
}

pub(super) fn with_affects(mut q: Question, affects: &[&str]) -> Question {
    q.affects = affects.iter().map(|s| (*s).to_owned()).collect();
    q
}

/// A date as residents read it: 2026年11月20日.
pub fn ja_date(d: NaiveDate) -> String {
    d.format("%Y年%-m月%-d日").to_string()
}
