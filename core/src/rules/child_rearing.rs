//! 児童扶養手当 and the income limits that follow it: where the claimant's 所得 falls
//! against the 全部支給 / 一部支給 limits, whether a relative who must support the
//! claimant (扶養義務者: a parent, grandparent, sibling or adult child living with them)
//! earns over the obligor's limit, the expected monthly band, and a city's own limit
//! (`income_within`). Every limit and amount is a dated parameter named in
//! [`ChildRearingParams::NAMES`]; every limit rises by `income_limit.per_dependant` per
//! dependant (扶養親族等).
//!
//! Dependants are counted from the household: the claimant's are the other members whose
//! 所得 is at most `child_allowance.dependant_income_max` (a child whose income the city
//! does not know counts); an obligor's is their partner in the household (head and
//! spouse, or two grandparents) with such an income. A member whose income is unknown
//! and could change the answer is asked about; nobody else is.

use super::benefits::{children, int};
use super::eval::{Ask, AskKey, Eval, Out, Stop, V};
use super::expr::MemberFact;
use super::{Param, ParamValue};
use crate::age;
use crate::screening::{Member, Relationship};

#[derive(Debug, Clone, Copy)]
pub(crate) struct ChildRearingParams {
    until_age: usize,
    full_limit: usize,
    partial_limit: usize,
    obligor_limit: usize,
    per_dependant: usize,
    dependant_income_max: usize,
    full_amount: usize,
    partial_min: usize,
    second_full: usize,
    second_partial_min: usize,
    third_full: usize,
    third_partial_min: usize,
}

impl ChildRearingParams {
    pub const NAMES: [&'static str; 12] = [
        "child_rearing.until_age",
        "child_rearing.full_limit",
        "child_rearing.partial_limit",
        "child_rearing.obligor_limit",
        "income_limit.per_dependant",
        "child_allowance.dependant_income_max",
        "child_rearing.full_amount",
        "child_rearing.partial_min",
        "child_rearing.second_full",
        "child_rearing.second_partial_min",
        "child_rearing.third_full",
        "child_rearing.third_partial_min",
    ];

    pub fn resolve(params: &[Param]) -> Option<Self> {
        let i = |n: usize| params.iter().position(|p| p.name == Self::NAMES[n]);
        Some(Self {
            until_age: i(0)?,
            full_limit: i(1)?,
            partial_limit: i(2)?,
            obligor_limit: i(3)?,
            per_dependant: i(4)?,
            dependant_income_max: i(5)?,
            full_amount: i(6)?,
            partial_min: i(7)?,
            second_full: i(8)?,
            second_partial_min: i(9)?,
            third_full: i(10)?,
            third_partial_min: i(11)?,
        })
    }
}

/// The member who leaves the household with the event (the one who dies or divorces
/// out), counted neither as a dependant nor as an obligor.
fn leaves<'a>(ev: &Eval<'a, '_>) -> Option<&'a Member> {
    use crate::screening::EventType;
    matches!(ev.event.kind, EventType::Death | EventType::Divorce)
        .then_some(ev.roles.person)
        .flatten()
}

fn stays(ev: &Eval<'_, '_>, m: &Member) -> bool {
    leaves(ev).is_none_or(|l| l.id != m.id)
}

/// Who must support the claimant in the law's sense (民法877条: lineal relatives and
/// siblings) among the household, by the relationships to the head. Minors (within the
/// child period of 18) are the children raised, not obligors.
fn obligors<'a>(ev: &Eval<'a, '_>, claimant: &Member) -> Vec<&'a Member> {
    use Relationship as R;
    let kin: &[R] = match claimant.relationship {
        R::Head => &[
            R::Parent,
            R::Grandparent,
            R::Sibling,
            R::Child,
            R::Grandchild,
        ],
        R::Spouse => &[R::Child, R::Grandchild],
        R::Child => &[R::Head, R::Spouse, R::Grandparent, R::Child, R::Grandchild],
        _ => &[],
    };
    ev.req
        .household
        .members
        .iter()
        .filter(|m| {
            m.id != claimant.id
                && stays(ev, m)
                && kin.contains(&m.relationship)
                && !age::within_child_period(m.birth_date, 18, ev.req.as_of)
        })
        .collect()
}

/// The obligor's partner in the household, whom the obligor may count as a dependant.
fn partner<'a>(ev: &Eval<'a, '_>, m: &Member) -> Option<&'a Member> {
    use Relationship as R;
    let other = match m.relationship {
        R::Head => R::Spouse,
        R::Spouse => R::Head,
        R::Grandparent => R::Grandparent,
        R::Parent => R::Parent,
        _ => return None,
    };
    ev.req
        .household
        .members
        .iter()
        .find(|x| x.id != m.id && x.relationship == other && stays(ev, x))
}

/// Dependants certainly counted, and members who count only if their income is low.
struct Dependants<'a> {
    sure: i64,
    unsure: Vec<&'a Member>,
}

impl<'a> Dependants<'a> {
    fn of(ev: &Eval<'a, '_>, members: impl Iterator<Item = &'a Member>, max: i64) -> Self {
        let mut d = Dependants {
            sure: 0,
            unsure: Vec::new(),
        };
        for m in members {
            match ev.member_fact(m, MemberFact::Income) {
                Ok(V::Int(i)) if i <= max => d.sure += 1,
                Ok(_) => {}
                Err(_) if age::within_child_period(m.birth_date, 18, ev.req.as_of) => d.sure += 1,
                Err(_) => d.unsure.push(m),
            }
        }
        d
    }

    /// The same answer with the fewest and the most dependants, or the incomes to ask.
    fn decide<T: PartialEq>(&self, f: impl Fn(i64) -> T) -> Result<T, Stop<'a>> {
        let low = f(self.sure);
        if low == f(self.sure + self.unsure.len() as i64) {
            return Ok(low);
        }
        Err(Stop::Unknown(
            self.unsure.iter().map(|m| income_ask(m)).collect(),
        ))
    }
}

fn income_ask(m: &Member) -> Ask<'_> {
    Ask {
        key: AskKey::Fact(MemberFact::Income),
        member: Some(m),
    }
}

fn limit(ev: &Eval<'_, '_>, index: usize) -> Result<Limit, Stop<'static>> {
    match ev.rs.params[index].at(ev.req.as_of) {
        Some(ParamValue::Int(n)) => Ok(Limit::Yen(n)),
        Some(ParamValue::Unlimited) => Ok(Limit::None),
        _ => Err(Stop::Absent),
    }
}

#[derive(Debug, Clone, Copy)]
enum Limit {
    Yen(i64),
    None,
}

impl Limit {
    fn allows(self, income: i64, per: i64, dependants: i64) -> bool {
        match self {
            Limit::Yen(base) => income <= base.saturating_add(per.saturating_mul(dependants)),
            Limit::None => true,
        }
    }
}

/// The claimant's dependants: every other member with a low income, less the
/// partners the obligors count.
fn claimant_dependants<'a>(ev: &Eval<'a, '_>, claimant: &'a Member, max: i64) -> Dependants<'a> {
    let counted_by_obligors: Vec<&Member> = obligors(ev, claimant)
        .into_iter()
        .filter_map(|o| partner(ev, o))
        .collect();
    let others = ev.req.household.members.iter().filter(|m| {
        m.id != claimant.id && stays(ev, m) && !counted_by_obligors.iter().any(|x| x.id == m.id)
    });
    Dependants::of(ev, others, max)
}

/// `child_rearing_band(m)`: 'full' (全部支給), 'partial' (一部支給), 'over' (the
/// claimant's income is over the 一部支給 limit) or 'obligor_over' (a 扶養義務者 living
/// with them earns over the obligor's limit: not paid).
pub(crate) fn band<'a>(ev: &mut Eval<'a, '_>, claimant: &'a Member) -> Out<'a> {
    let p = ev.rs.child_rearing.ok_or(Stop::Absent)?;
    let income = match ev.member_fact(claimant, MemberFact::Income)? {
        V::Int(i) => i,
        _ => return Err(Stop::Absent),
    };
    let (full, partial) = (limit(ev, p.full_limit)?, limit(ev, p.partial_limit)?);
    let per = int(ev, p.per_dependant).unwrap_or(0);
    let max = int(ev, p.dependant_income_max).unwrap_or(0);
    let band = claimant_dependants(ev, claimant, max).decide(|n| {
        if full.allows(income, per, n) {
            "full"
        } else if partial.allows(income, per, n) {
            "partial"
        } else {
            "over"
        }
    })?;
    if band == "over" {
        return Ok(V::Sym(band));
    }
    let obligor_limit = limit(ev, p.obligor_limit)?;
    let mut asks = Vec::new();
    for o in obligors(ev, claimant) {
        let income = match ev.member_fact(o, MemberFact::Income) {
            Ok(V::Int(i)) => i,
            Ok(_) => continue,
            Err(Stop::Unknown(a)) => {
                asks.extend(a);
                continue;
            }
            Err(e) => return Err(e),
        };
        let deps = Dependants::of(ev, partner(ev, o).into_iter(), max);
        match deps.decide(|n| obligor_limit.allows(income, per, n)) {
            Ok(false) => return Ok(V::Sym("obligor_over")),
            Ok(true) => {}
            Err(Stop::Unknown(a)) => asks.extend(a),
            Err(e) => return Err(e),
        }
    }
    if asks.is_empty() {
        Ok(V::Sym(band))
    } else {
        Err(Stop::Unknown(asks))
    }
}

/// `child_rearing_monthly(m)` and `child_rearing_monthly_min(m)`: the expected monthly
/// amount for the claimant's children, the highest and the lowest of the band (equal
/// for 全部支給; 一部支給 depends on the exact income). 0 when not paid.
pub(crate) fn monthly<'a>(ev: &mut Eval<'a, '_>, claimant: &'a Member, lowest: bool) -> Out<'a> {
    let p = ev.rs.child_rearing.ok_or(Stop::Absent)?;
    let band = band(ev, claimant)?;
    let amount = |i: usize| int(ev, i).ok_or(Stop::Absent);
    let until = int(ev, p.until_age)
        .and_then(|n| u32::try_from(n).ok())
        .ok_or(Stop::Absent)?;
    let n = children(ev, claimant, until).len() as i64;
    if n == 0 {
        return Ok(V::Int(0));
    }
    let (first, second, third) = match (band, lowest) {
        (V::Sym("full"), _) => (
            amount(p.full_amount)?,
            amount(p.second_full)?,
            amount(p.third_full)?,
        ),
        // 一部支給 starts 10 yen under the full amount (amounts are rounded to 10 yen).
        (V::Sym("partial"), false) => (
            amount(p.full_amount)? - 10,
            amount(p.second_full)? - 10,
            amount(p.third_full)? - 10,
        ),
        (V::Sym("partial"), true) => (
            amount(p.partial_min)?,
            amount(p.second_partial_min)?,
            amount(p.third_partial_min)?,
        ),
        _ => return Ok(V::Int(0)),
    };
    Ok(V::Int(
        first + second * (n >= 2) as i64 + third * (n - 2).max(0),
    ))
}

/// `income_within(m, limit)`: m's 所得 is within `limit` raised per dependant — a city's
/// own limit for a subsidy. A limit of `"none"` holds without asking anything.
pub(crate) fn within<'a>(ev: &mut Eval<'a, '_>, m: &'a Member, limit: V<'a>) -> Out<'a> {
    let limit = match limit {
        V::Int(n) => Limit::Yen(n),
        V::Unlimited => return Ok(V::Bool(true)),
        _ => return Err(Stop::Absent),
    };
    let p = ev.rs.child_rearing.ok_or(Stop::Absent)?;
    let income = match ev.member_fact(m, MemberFact::Income)? {
        V::Int(i) => i,
        _ => return Err(Stop::Absent),
    };
    let per = int(ev, p.per_dependant).unwrap_or(0);
    let max = int(ev, p.dependant_income_max).unwrap_or(0);
    let ok = claimant_dependants(ev, m, max).decide(|n| limit.allows(income, per, n))?;
    Ok(V::Bool(ok))
}
