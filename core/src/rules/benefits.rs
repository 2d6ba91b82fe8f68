//! 児童手当: the monthly amount for all children a claimant counts, and the income band
//! (before the October 2024 reform). Every amount, age and limit is a dated parameter
//! named in [`ChildAllowanceParams::NAMES`]; the counting itself is here, once.

use super::eval::{Ask, AskKey, Eval, Out, Stop, V};
use super::expr::MemberFact;
use super::{Param, ParamValue};
use crate::age;
use crate::screening::{Member, Relationship};

#[derive(Debug, Clone, Copy)]
pub(crate) struct ChildAllowanceParams {
    paid_until_age: usize,
    counted_until_age: usize,
    under_three: usize,
    from_three: usize,
    third_and_later: usize,
    third_bonus_until_age: usize,
    income_limit: usize,
    income_cap: usize,
    per_dependant: usize,
    special_amount: usize,
    dependant_income_max: usize,
}

impl ChildAllowanceParams {
    pub const NAMES: [&'static str; 11] = [
        "child_allowance.paid_until_age",
        "child_allowance.counted_until_age",
        "child_allowance.under_three",
        "child_allowance.from_three",
        "child_allowance.third_and_later",
        "child_allowance.third_bonus_until_age",
        "child_allowance.income_limit",
        "child_allowance.income_cap",
        "child_allowance.per_dependant",
        "child_allowance.special_amount",
        "child_allowance.dependant_income_max",
    ];

    pub fn resolve(params: &[Param]) -> Option<Self> {
        let i = |n: usize| params.iter().position(|p| p.name == Self::NAMES[n]);
        Some(Self {
            paid_until_age: i(0)?,
            counted_until_age: i(1)?,
            under_three: i(2)?,
            from_three: i(3)?,
            third_and_later: i(4)?,
            third_bonus_until_age: i(5)?,
            income_limit: i(6)?,
            income_cap: i(7)?,
            per_dependant: i(8)?,
            special_amount: i(9)?,
            dependant_income_max: i(10)?,
        })
    }
}

/// The value of an integer parameter on the screening day, if in force.
pub(crate) fn int(ev: &Eval<'_, '_>, index: usize) -> Option<i64> {
    match ev.rs.params[index].at(ev.req.as_of) {
        Some(ParamValue::Int(n)) => Some(n),
        _ => None,
    }
}

fn age_param<'a>(ev: &Eval<'_, '_>, index: usize) -> Result<u32, Stop<'a>> {
    int(ev, index)
        .and_then(|n| u32::try_from(n).ok())
        .ok_or(Stop::Absent)
}

/// The claimant's children: the household's children (grandchildren when the claimant
/// is a child of the head), counted until the first 31 March after `counted_until_age`,
/// oldest first.
pub(crate) fn children<'a>(ev: &Eval<'a, '_>, claimant: &Member, until: u32) -> Vec<&'a Member> {
    let rel = match claimant.relationship {
        Relationship::Child => Relationship::Grandchild,
        _ => Relationship::Child,
    };
    let mut kids: Vec<&Member> = ev
        .req
        .household
        .members
        .iter()
        .filter(|m| {
            m.relationship == rel
                && m.id != claimant.id
                && age::within_child_period(m.birth_date, until, ev.req.as_of)
        })
        .collect();
    kids.sort_by_key(|m| m.birth_date);
    kids
}

/// The monthly child allowance for every child the claimant is paid for.
pub(crate) fn monthly<'a>(ev: &mut Eval<'a, '_>, claimant: &'a Member) -> Out<'a> {
    let p = ev.rs.child_allowance.ok_or(Stop::Absent)?;
    let day = ev.req.as_of;
    let paid_until = age_param(ev, p.paid_until_age)?;
    let kids = children(ev, claimant, age_param(ev, p.counted_until_age)?);
    let paid = kids
        .iter()
        .enumerate()
        .filter(|(_, m)| age::within_child_period(m.birth_date, paid_until, day));
    let amount = match band(ev, claimant)? {
        V::Sym("over") => 0,
        V::Sym("special") => int(ev, p.special_amount).unwrap_or(0) * paid.count() as i64,
        _ => {
            let bonus_until = age_param(ev, p.third_bonus_until_age)?;
            let (under, from, third) = (
                int(ev, p.under_three),
                int(ev, p.from_three),
                int(ev, p.third_and_later),
            );
            let (Some(under), Some(from), Some(third)) = (under, from, third) else {
                return Err(Stop::Absent);
            };
            paid.map(|(rank, m)| {
                if rank >= 2 && age::within_child_period(m.birth_date, bonus_until, day) {
                    third
                } else if age::age_on(m.birth_date, day) < 3 {
                    under
                } else {
                    from
                }
            })
            .sum()
        }
    };
    Ok(V::Int(amount))
}

/// Where the claimant's 所得 falls: `no_limit` (no income limit in force), `full`,
/// `special` (特例給付) or `over`. The limits rise per dependant; a member whose income
/// is unknown counts as a dependant only if a child, and their income is asked only
/// when it would change the band.
pub(crate) fn band<'a>(ev: &mut Eval<'a, '_>, claimant: &'a Member) -> Out<'a> {
    let p = ev.rs.child_allowance.ok_or(Stop::Absent)?;
    let Some(limit) = int(ev, p.income_limit) else {
        return Ok(V::Sym("no_limit"));
    };
    let income = match ev.member_fact(claimant, MemberFact::Income)? {
        V::Int(i) => i,
        _ => return Err(Stop::Absent),
    };
    let cap = int(ev, p.income_cap);
    let per = int(ev, p.per_dependant).unwrap_or(0);
    let max_income = int(ev, p.dependant_income_max).unwrap_or(0);
    let (mut sure, mut unsure) = (0i64, Vec::new());
    for m in &ev.req.household.members {
        if m.id == claimant.id {
            continue;
        }
        match ev.member_fact(m, MemberFact::Income) {
            Ok(V::Int(i)) if i <= max_income => sure += 1,
            Ok(_) => {}
            Err(_) if age::within_child_period(m.birth_date, 18, ev.req.as_of) => sure += 1,
            Err(_) => unsure.push(m),
        }
    }
    let band_for = |n: i64| {
        if income <= limit + per * n {
            "full"
        } else if cap.is_none_or(|c| income <= c + per * n) {
            "special"
        } else {
            "over"
        }
    };
    let (low, high) = (band_for(sure), band_for(sure + unsure.len() as i64));
    if low == high {
        return Ok(V::Sym(low));
    }
    Err(Stop::Unknown(
        unsure
            .into_iter()
            .map(|m| Ask {
                key: AskKey::Fact(MemberFact::Income),
                member: Some(m),
            })
            .collect(),
    ))
}
