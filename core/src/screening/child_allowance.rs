//! 児童手当 at a birth: a new claim, or a revision when the claimant already receives
//! it for older children; and the monthly amount for all children the household counts.

use super::catalog::{self, deadlines, in_force};
use super::contract::*;
use super::engine::{known, result, with_affects, Outcome};
use super::facts::Facts;
use super::tri::Tri;
use crate::age;
use chrono::Days;

/// 児童手当: a new claim, or a revision when the claimant already receives it for older
/// children. Public servants claim at their employer.
pub(super) fn child_allowance(
    facts: &Facts<'_>,
    baby: &Member,
    claimant: &Result<&Member, Question>,
    born: &str,
    out: &mut Outcome,
) {
    let Some(rule) = in_force(catalog::CHILD_ALLOWANCE, facts.request.as_of) else {
        return;
    };
    let ids = ["child_allowance", "child_allowance_revision"];
    let c = match claimant {
        Ok(c) => *c,
        Err(q) => {
            out.ask(vec![with_affects(q.clone(), &ids)]);
            return;
        }
    };
    let eligible = Tri::from_bool(age::within_child_period(
        baby.birth_date,
        rule.paid_until_age,
        facts.request.as_of,
    ))
    .and(known(facts.public_servant(c), &ids, |p| !p));
    let receives = facts.receives(c, "child_allowance");
    let name = facts.label(&c.id);
    let benefit = child_allowance_amount(facts, c, &rule);
    let deadline = Some(baby.birth_date + Days::new(deadlines::CHILD_ALLOWANCE_DAYS));
    let reasons = |receiving: bool| {
        vec![
            born.to_owned(),
            if receiving {
                format!("{name}さんはすでに児童手当を受けています (子が増えるので額が変わります)")
            } else {
                format!("{name}さんは児童手当を受けていません")
            },
            format!("{name}さんは公務員ではありません"),
        ]
    };
    let new_claim = eligible.clone().and(known(receives.clone(), &ids, |r| !r));
    out.decide(new_claim, || {
        let mut r = result("child_allowance", Some(&baby.id), deadline, reasons(false));
        r.benefit = benefit.clone();
        r
    });
    let revision = eligible.and(known(receives, &ids, |r| r));
    out.decide(revision, || {
        let mut r = result(
            "child_allowance_revision",
            Some(&baby.id),
            deadline,
            reasons(true),
        );
        r.benefit = benefit.clone();
        r
    });
}

/// The monthly child allowance for all children the claimant's household counts.
fn child_allowance_amount(
    facts: &Facts<'_>,
    claimant: &Member,
    rule: &catalog::ChildAllowanceRule,
) -> Option<Benefit> {
    let day = facts.request.as_of;
    let child_rel = match claimant.relationship {
        Relationship::Child => Relationship::Grandchild,
        _ => Relationship::Child,
    };
    let mut children: Vec<&Member> = facts
        .request
        .household
        .members
        .iter()
        .filter(|m| {
            m.relationship == child_rel
                && age::within_child_period(m.birth_date, rule.counted_until_age, day)
        })
        .collect();
    children.sort_by_key(|m| m.birth_date);
    let amount: i64 = children
        .iter()
        .enumerate()
        .filter(|(_, m)| age::within_child_period(m.birth_date, rule.paid_until_age, day))
        .map(|(rank, m)| {
            if rank >= 2 {
                rule.third_and_later
            } else if age::age_on(m.birth_date, day) < 3 {
                rule.under_three
            } else {
                rule.from_three
            }
        })
        .sum();
    (amount > 0).then(|| Benefit {
        amount,
        per: "month".into(),
    })
}
