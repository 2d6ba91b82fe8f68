//! Screening a whole population: the same household under a standard scenario per
//! life event, for the impact preview of a rule edit (who gains or loses which
//! procedure) and for proactive outreach (who is eligible for a benefit they do not
//! receive). Pure: the caller loads the households; screening runs on every core.

use super::{Options, Ruleset};
use crate::age;
use crate::screening::{Event, EventType, Household, Member, Relationship, Request, Sex};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The id of the baby added by the birth scenario.
pub const NEW_BABY: &str = "new_baby";

/// The household under a standard scenario for `event` on `day`, or `None` when the
/// scenario does not fit the household (a divorce without a spouse, say):
/// - birth: a baby born that day joins as a child (of the head and spouse);
/// - move_in, move_out, move_within: the whole household moves;
/// - death, marriage, insurance_loss, insurance_gain: about the head;
/// - divorce: the spouse leaves;
/// - pregnancy: the first woman aged 15–49.
pub fn scenario(members: &[Member], event: EventType, day: NaiveDate) -> Option<Request> {
    let head = members
        .iter()
        .find(|m| m.relationship == Relationship::Head);
    let mut members = members.to_vec();
    let person = match event {
        EventType::Birth => {
            members.push(Member {
                id: NEW_BABY.into(),
                relationship: Relationship::Child,
                birth_date: day,
                sex: Sex::Female,
                ..Member::default()
            });
            Some(NEW_BABY.to_owned())
        }
        EventType::MoveIn | EventType::MoveOut | EventType::MoveWithin => None,
        EventType::Death
        | EventType::Marriage
        | EventType::InsuranceLoss
        | EventType::InsuranceGain => Some(head?.id.clone()),
        EventType::Divorce => Some(
            members
                .iter()
                .find(|m| m.relationship == Relationship::Spouse)?
                .id
                .clone(),
        ),
        EventType::Pregnancy => Some(
            members
                .iter()
                .find(|m| {
                    m.sex == Sex::Female && (15..50).contains(&age::age_on(m.birth_date, day))
                })?
                .id
                .clone(),
        ),
    };
    Some(Request {
        as_of: day,
        events: vec![Event {
            kind: event,
            date: day,
            person,
        }],
        household: Household { members },
        answers: BTreeMap::new(),
    })
}

/// One household as the registry holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Resident {
    pub household: String,
    pub members: Vec<Member>,
}

/// What one procedure does across the population under an edit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcedureImpact {
    pub procedure: String,
    pub name: String,
    pub gained: usize,
    pub lost: usize,
    /// Still listed, with another deadline or amount.
    pub changed: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub household: String,
    pub event: EventType,
    pub procedure: String,
    pub name: String,
    pub subject: Option<String>,
    /// `gained`, `lost` or `changed`.
    pub kind: String,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Impact {
    pub households: usize,
    pub screenings: usize,
    pub events: Vec<EventType>,
    pub procedures: Vec<ProcedureImpact>,
    /// The first changes, household by household (at most `limit`).
    pub changes: Vec<Change>,
    pub total_changes: usize,
}

/// Screens every household under every scenario of `events` with both rule sets and
/// reports who gains or loses which procedure.
pub fn impact(
    before: &Ruleset,
    after: &Ruleset,
    households: &[Resident],
    events: &[EventType],
    day: NaiveDate,
    limit: usize,
) -> Impact {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let chunk = households.len().div_ceil(workers).max(1);
    let parts: Vec<(usize, Vec<Change>)> = std::thread::scope(|s| {
        let handles: Vec<_> = households
            .chunks(chunk)
            .map(|part| s.spawn(move || diff_part(before, after, part, events, day)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect()
    });
    let mut out = Impact {
        households: households.len(),
        events: events.to_vec(),
        ..Impact::default()
    };
    let mut by_procedure: BTreeMap<String, ProcedureImpact> = BTreeMap::new();
    for (screenings, changes) in parts {
        out.screenings += screenings;
        for c in changes {
            let p = by_procedure
                .entry(c.procedure.clone())
                .or_insert_with(|| ProcedureImpact {
                    procedure: c.procedure.clone(),
                    name: c.name.clone(),
                    ..ProcedureImpact::default()
                });
            match c.kind.as_str() {
                "gained" => p.gained += 1,
                "lost" => p.lost += 1,
                _ => p.changed += 1,
            }
            out.total_changes += 1;
            if out.changes.len() < limit {
                out.changes.push(c);
            }
        }
    }
    out.procedures = by_procedure.into_values().collect();
    out
}

fn summary(p: &crate::screening::ProcedureResult) -> String {
    let deadline = p.deadline.map_or("期限なし".to_owned(), |d| d.to_string());
    match &p.benefit {
        Some(b) => {
            let per = match b.per.as_str() {
                "month" => "/月",
                "year" => "/年",
                _ => "",
            };
            format!("{deadline} / {}円{per}", super::thousands(b.amount))
        }
        None => deadline,
    }
}

fn diff_part(
    before: &Ruleset,
    after: &Ruleset,
    part: &[Resident],
    events: &[EventType],
    day: NaiveDate,
) -> (usize, Vec<Change>) {
    let mut changes = Vec::new();
    let mut screenings = 0;
    for h in part {
        for &event in events {
            let Some(req) = scenario(&h.members, event, day) else {
                continue;
            };
            let (Ok(a), Ok(b)) = (
                before.screen_with(&req, Options::default()),
                after.screen_with(&req, Options::default()),
            ) else {
                continue;
            };
            screenings += 1;
            let key = |p: &crate::screening::ProcedureResult| (p.id.clone(), p.subject.clone());
            for p in &b.procedures {
                let change = |kind: &str, before: String| Change {
                    household: h.household.clone(),
                    event,
                    procedure: p.id.clone(),
                    name: p.name.clone(),
                    subject: p.subject.clone(),
                    kind: kind.into(),
                    before,
                    after: summary(p),
                };
                match a.procedures.iter().find(|x| key(x) == key(p)) {
                    None => changes.push(change("gained", "—".into())),
                    Some(old) if summary(old) != summary(p) => {
                        changes.push(change("changed", summary(old)))
                    }
                    Some(_) => {}
                }
            }
            for p in a
                .procedures
                .iter()
                .filter(|p| !b.procedures.iter().any(|x| key(x) == key(p)))
            {
                changes.push(Change {
                    household: h.household.clone(),
                    event,
                    procedure: p.id.clone(),
                    name: p.name.clone(),
                    subject: p.subject.clone(),
                    kind: "lost".into(),
                    before: summary(p),
                    after: "—".into(),
                });
            }
        }
    }
    (screenings, changes)
}

/// A household eligible for a benefit it does not receive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lead {
    pub household: String,
    pub subject: Option<String>,
    pub monthly_or_once: Option<i64>,
    /// `month`, `once` or `year`.
    pub per: Option<String>,
}

/// Households for which `procedure` applies as they stand (screened as if the whole
/// household moved in on `day`: every standing condition, no event-specific one) and
/// whose members do not receive it. Households where a question stands in the way are
/// counted in `unsure`, not listed.
pub fn outreach(
    rules: &Ruleset,
    households: &[Resident],
    procedure: &str,
    day: NaiveDate,
) -> (Vec<Lead>, usize) {
    let mut leads = Vec::new();
    let mut unsure = 0;
    for h in households {
        if h.members.iter().any(|m| {
            m.receives
                .as_ref()
                .is_some_and(|r| r.iter().any(|p| p == procedure))
        }) {
            continue;
        }
        let Some(req) = scenario(&h.members, EventType::MoveIn, day) else {
            continue;
        };
        let Ok(r) = rules.screen(&req) else { continue };
        if let Some(p) = r.procedures.iter().find(|p| p.id == procedure) {
            leads.push(Lead {
                household: h.household.clone(),
                subject: p.subject.clone(),
                monthly_or_once: p.benefit.as_ref().map(|b| b.amount),
                per: p.benefit.as_ref().map(|b| b.per.clone()),
            });
        } else if r
            .questions
            .iter()
            .any(|q| q.affects.iter().any(|a| a == procedure))
        {
            unsure += 1;
        }
    }
    (leads, unsure)
}

/// The events whose screening an edit from `before` to `after` can change: those with
/// a rule added, removed or edited, or reading a parameter whose periods changed. The
/// impact preview screens only these.
pub fn events_touched(before: &Ruleset, after: &Ruleset) -> Vec<EventType> {
    use super::expr::{Node, Op};
    use super::template::Segment;
    fn walk(n: &Node, out: &mut Vec<usize>) {
        match &n.op {
            Op::Param(i, day) => {
                out.push(*i);
                if let Some(d) = day {
                    walk(d, out);
                }
            }
            Op::Fact(a, _)
            | Op::Count(a)
            | Op::Any(a)
            | Op::All(a)
            | Op::Not(a)
            | Op::In(a, _, _) => walk(a, out),
            Op::And(a, b) | Op::Or(a, b) | Op::Cmp(_, a, b) | Op::Add(a, b) | Op::Sub(a, b) => {
                walk(a, out);
                walk(b, out);
            }
            Op::Call(_, args) => args.iter().for_each(|a| walk(a, out)),
            _ => {}
        }
    }
    let params_of = |rs: &Ruleset, r: &super::Rule| {
        let mut used = Vec::new();
        for c in r.when.iter().chain(&r.notes) {
            walk(&c.node, &mut used);
        }
        if let Some((_, n)) = &r.deadline {
            walk(n, &mut used);
        }
        if let Some(b) = &r.benefit {
            walk(&b.amount, &mut used);
            if let Some(m) = &b.min {
                walk(m, &mut used);
            }
        }
        let templates = r
            .when
            .iter()
            .chain(&r.notes)
            .flat_map(|c| c.reason.iter().chain(&c.why_not))
            .chain(&r.reasons);
        for t in templates {
            for seg in &t.segments {
                if let Segment::Param(i) = seg {
                    used.push(*i);
                }
            }
        }
        let mut names: Vec<String> = used
            .into_iter()
            .map(|i| rs.params[i].name.clone())
            .collect();
        // The benefit functions read their parameters by name.
        for (builtins, params) in super::compile::BY_NAME {
            if super::compile::uses(r, builtins) {
                names.extend(params.iter().map(|s| (*s).to_owned()));
            }
        }
        names
    };
    let changed_params: Vec<&str> = before
        .params
        .iter()
        .filter(|p| after.param(&p.name) != Some(*p))
        .map(|p| p.name.as_str())
        .chain(
            after
                .params
                .iter()
                .filter(|p| before.param(&p.name).is_none())
                .map(|p| p.name.as_str()),
        )
        .collect();
    EventType::ALL
        .into_iter()
        .filter(|e| {
            let rules = |rs: &'_ Ruleset| -> Vec<String> {
                rs.by_event[e.index()]
                    .iter()
                    .map(|&i| format!("{:?}", rs.rules[i]))
                    .collect()
            };
            rules(before) != rules(after)
                || after.by_event[e.index()].iter().any(|&i| {
                    params_of(after, &after.rules[i])
                        .iter()
                        .any(|n| changed_params.contains(&n.as_str()))
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{bundled, bundled_files, compile};

    fn edited(from: &str, to: &str) -> Ruleset {
        let mut files = bundled_files();
        let p = files.get_mut("parameters.toml").unwrap();
        assert!(p.contains(from));
        *p = p.replace(from, to);
        compile(&files).unwrap()
    }

    fn family() -> Vec<Resident> {
        let m = |id: &str, rel, birth: &str, sex, insurance| Member {
            id: id.into(),
            relationship: rel,
            birth_date: birth.parse().unwrap(),
            sex,
            insurance: Some(insurance),
            income: Some(0),
            public_servant: Some(false),
            receives: Some(vec![]),
            my_number_card: Some(false),
            property_owner: Some(false),
            care_certified: Some(false),
            ..Member::default()
        };
        use crate::screening::Insurance::*;
        vec![Resident {
            household: "20000001".into(),
            members: vec![
                m("p1", Relationship::Head, "1990-05-01", Sex::Male, Nhi),
                m("p2", Relationship::Spouse, "1992-07-10", Sex::Female, Nhi),
                m("k1", Relationship::Child, "2008-06-01", Sex::Male, Nhi),
            ],
        }]
    }

    #[test]
    fn an_amount_edit_touches_only_the_events_whose_rules_read_it() {
        let after = edited(
            "{ from = 2023-04-01, value = 500000 }",
            "{ from = 2023-04-01, value = 480000 }",
        );
        assert_eq!(events_touched(bundled(), &after), vec![EventType::Birth]);
        assert!(events_touched(bundled(), bundled()).is_empty());
    }

    #[test]
    fn lowering_the_child_allowance_age_loses_the_high_schooler() {
        let after = edited(
            "values = [{ from = 2012-04-01, value = 15 }, { from = 2024-10-01, value = 18 }]",
            "values = [{ from = 2012-04-01, value = 15 }]",
        );
        let day: NaiveDate = "2026-11-25".parse().unwrap();
        let events = events_touched(bundled(), &after);
        assert!(events.contains(&EventType::MoveIn));
        let impact = impact(bundled(), &after, &family(), &events, day, 100);
        let ca = impact
            .procedures
            .iter()
            .find(|p| p.procedure == "child_allowance")
            .unwrap();
        assert_eq!(ca.lost, 1, "{impact:?}");
        assert!(impact
            .changes
            .iter()
            .any(|c| c.event == EventType::MoveIn && c.kind == "lost"));
    }

    #[test]
    fn outreach_finds_a_high_schooler_household_that_does_not_receive_child_allowance() {
        let day: NaiveDate = "2026-11-25".parse().unwrap();
        let (leads, unsure) = outreach(bundled(), &family(), "child_allowance", day);
        assert_eq!(unsure, 0);
        assert_eq!(leads.len(), 1);
        assert_eq!(leads[0].monthly_or_once, Some(10000));
        let mut receiving = family();
        receiving[0].members[0].receives = Some(vec!["child_allowance".into()]);
        assert!(outreach(bundled(), &receiving, "child_allowance", day)
            .0
            .is_empty());
        // Before the October 2024 reform a 16-year-old was not covered.
        assert!(outreach(
            bundled(),
            &family(),
            "child_allowance",
            "2024-09-30".parse().unwrap()
        )
        .0
        .is_empty());
    }
}
