//! Evaluation in three-valued logic. A fact the request does not hold (and no answer
//! gives) is *unknown*, carrying the question that would settle it; a role the
//! household lacks (no mother, say) is *absent* and makes the condition false. `and`
//! drops the questions of an unknown part when another part fails, so only questions
//! whose answers could change the result are ever asked.

use super::expr::{Builtin, CmpOp, Const, MemberFact, Node, Op, Role};
use super::roles::{Resolved, Roles};
use super::{benefits, child_rearing, Ruleset};
use crate::age;
use crate::screening::{Event, Insurance, Member, Request};
use chrono::{Days, Months, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum V<'a> {
    Bool(bool),
    Int(i64),
    Date(NaiveDate),
    Days(i64),
    Months(i64),
    Member(&'a Member),
    Sym(&'a str),
    /// An amount parameter set to `"none"`: no limit, above every amount.
    Unlimited,
}

/// What an unknown fact needs: which fact, about whom.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum AskKey {
    Fact(MemberFact),
    Household(usize),
    Claimant,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Ask<'a> {
    pub key: AskKey,
    pub member: Option<&'a Member>,
}

impl Ask<'_> {
    /// The question id an answer is given under: `<member>.<fact>` for a member's fact,
    /// `<fact>` for the household's, `claimant` for whom benefits are paid to.
    pub fn id(&self, rs: &Ruleset) -> String {
        let member = self.member.map_or("", |m| m.id.as_str());
        match self.key {
            AskKey::Claimant => "claimant".to_owned(),
            AskKey::Household(i) => rs.facts[i].name.clone(),
            AskKey::Fact(MemberFact::Declared(i)) => format!("{member}.{}", rs.facts[i].name),
            AskKey::Fact(f) => format!("{member}.{}", f.name()),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Stop<'a> {
    Unknown(Vec<Ask<'a>>),
    Absent,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Truth<'a> {
    Yes,
    No,
    Unknown(Vec<Ask<'a>>),
}

/// A value seen while evaluating, for explanations: the part of the expression and
/// what it was.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Seen {
    pub start: u32,
    pub end: u32,
    pub value: String,
}

pub(crate) type Out<'a> = Result<V<'a>, Stop<'a>>;

pub(crate) struct Eval<'a, 't> {
    pub rs: &'a Ruleset,
    pub req: &'a Request,
    pub event: &'a Event,
    pub roles: &'t Roles<'a>,
    pub subject: Option<&'a Member>,
    /// The rule is for the claimant, whom only an answer can name: `subject` is then
    /// unknown (not absent), so conditions on other facts may still rule it out before
    /// the claimant is asked.
    pub subject_pending: bool,
    pub bound: Vec<&'a Member>,
    pub seen: Option<Vec<Seen>>,
}

fn merge<'a>(mut a: Vec<Ask<'a>>, b: Vec<Ask<'a>>) -> Vec<Ask<'a>> {
    for x in b {
        if !a.contains(&x) {
            a.push(x);
        }
    }
    a
}

impl<'a> Eval<'a, '_> {
    pub fn truth(&mut self, n: &'a Node) -> Truth<'a> {
        match self.eval(n) {
            Ok(V::Bool(true)) => Truth::Yes,
            Ok(_) | Err(Stop::Absent) => Truth::No,
            Err(Stop::Unknown(asks)) => Truth::Unknown(asks),
        }
    }

    pub fn answer(&self, key: &str) -> Option<&'a serde_json::Value> {
        if self.req.answers.is_empty() {
            return None;
        }
        self.req.answers.get(key)
    }

    fn member_answer(&self, m: &Member, fact: &str) -> Option<&'a serde_json::Value> {
        if self.req.answers.is_empty() {
            return None;
        }
        self.req.answers.get(&format!("{}.{fact}", m.id))
    }

    pub fn eval(&mut self, n: &'a Node) -> Out<'a> {
        let out = self.eval_inner(n);
        if let Some(seen) = self.seen.as_mut() {
            if matches!(
                n.op,
                Op::Fact(..)
                    | Op::Call(..)
                    | Op::Param(..)
                    | Op::HouseholdFact(_)
                    | Op::Count(_)
                    | Op::EventDate
                    | Op::AsOf
            ) {
                seen.push(Seen {
                    start: n.start,
                    end: n.end,
                    value: show(&out),
                });
            }
        }
        out
    }

    fn eval_inner(&mut self, n: &'a Node) -> Out<'a> {
        match &n.op {
            Op::Const(Const::Bool(b)) => Ok(V::Bool(*b)),
            Op::Const(Const::Int(i)) => Ok(V::Int(*i)),
            Op::Const(Const::Sym(s)) => Ok(V::Sym(s)),
            Op::AsOf => Ok(V::Date(self.req.as_of)),
            Op::EventDate => Ok(V::Date(self.event.date)),
            Op::Role(Role::Subject) if self.subject_pending => Err(Stop::Unknown(vec![Ask {
                key: AskKey::Claimant,
                member: None,
            }])),
            Op::Role(r) => match self.roles.get(*r, self.subject) {
                Resolved::Member(m) => Ok(V::Member(m)),
                Resolved::Absent => Err(Stop::Absent),
                Resolved::Ask => Err(Stop::Unknown(vec![Ask {
                    key: AskKey::Claimant,
                    member: None,
                }])),
            },
            Op::Bound(depth) => self
                .bound
                .get(*depth)
                .map(|m| V::Member(m))
                .ok_or(Stop::Absent),
            Op::Param(i, day) => {
                let day = match day {
                    Some(d) => self.date(d)?,
                    None => self.req.as_of,
                };
                let p = &self.rs.params[*i];
                match p.at(day) {
                    Some(v) => Ok(param_value(v, p.kind)),
                    None => Err(Stop::Absent),
                }
            }
            Op::Fact(m, f) => {
                let m = self.member(m)?;
                self.member_fact(m, *f)
            }
            Op::HouseholdFact(i) => {
                let fact = &self.rs.facts[*i];
                match self.answer(&fact.name).and_then(|v| typed(v, fact.ty)) {
                    Some(v) => Ok(v),
                    None => Err(Stop::Unknown(vec![Ask {
                        key: AskKey::Household(*i),
                        member: None,
                    }])),
                }
            }
            Op::Call(b, args) => self.call(*b, args),
            Op::Count(body) => {
                let (mut count, mut asks) = (0, Vec::new());
                for m in &self.req.household.members {
                    self.bound.push(m);
                    let t = self.truth(body);
                    self.bound.pop();
                    match t {
                        Truth::Yes => count += 1,
                        Truth::No => {}
                        Truth::Unknown(a) => asks = merge(asks, a),
                    }
                }
                if asks.is_empty() {
                    Ok(V::Int(count))
                } else {
                    Err(Stop::Unknown(asks))
                }
            }
            Op::Any(body) | Op::All(body) => {
                let any = matches!(n.op, Op::Any(_));
                let mut asks = Vec::new();
                for m in &self.req.household.members {
                    self.bound.push(m);
                    let t = self.truth(body);
                    self.bound.pop();
                    match (t, any) {
                        (Truth::Yes, true) => return Ok(V::Bool(true)),
                        (Truth::No, false) => return Ok(V::Bool(false)),
                        (Truth::Unknown(a), _) => asks = merge(asks, a),
                        _ => {}
                    }
                }
                if asks.is_empty() {
                    Ok(V::Bool(!any))
                } else {
                    Err(Stop::Unknown(asks))
                }
            }
            Op::Not(x) => match self.eval(x)? {
                V::Bool(b) => Ok(V::Bool(!b)),
                _ => Err(Stop::Absent),
            },
            Op::And(a, b) | Op::Or(a, b) => {
                let and = matches!(n.op, Op::And(..));
                let x = self.truth(a);
                let decided = if and { Truth::No } else { Truth::Yes };
                if x == decided && self.seen.is_none() {
                    return Ok(V::Bool(!and));
                }
                let y = self.truth(b);
                match (x, y) {
                    (x, _) if x == decided => Ok(V::Bool(!and)),
                    (_, y) if y == decided => Ok(V::Bool(!and)),
                    (Truth::Unknown(p), Truth::Unknown(q)) => Err(Stop::Unknown(merge(p, q))),
                    (Truth::Unknown(p), _) | (_, Truth::Unknown(p)) => Err(Stop::Unknown(p)),
                    _ => Ok(V::Bool(and)),
                }
            }
            Op::Cmp(op, a, b) => {
                let (x, y) = (self.eval(a), self.eval(b));
                // Any amount compares the same with "no limit": an unknown one is not asked.
                let (x, y) = match (x, y) {
                    (Err(Stop::Unknown(_)), Ok(V::Unlimited)) => (Ok(V::Int(0)), Ok(V::Unlimited)),
                    (Ok(V::Unlimited), Err(Stop::Unknown(_))) => (Ok(V::Unlimited), Ok(V::Int(0))),
                    other => other,
                };
                let (x, y) = both(x, y)?;
                compare(*op, x, y).map(V::Bool).ok_or(Stop::Absent)
            }
            Op::In(x, items, negated) => {
                let V::Sym(s) = self.eval(x)? else {
                    return Err(Stop::Absent);
                };
                let found = items.iter().any(|c| matches!(c, Const::Sym(t) if t == s));
                Ok(V::Bool(found != *negated))
            }
            Op::Add(a, b) | Op::Sub(a, b) => {
                let plus = matches!(n.op, Op::Add(..));
                let (x, y) = both(self.eval(a), self.eval(b))?;
                arith(plus, x, y).ok_or(Stop::Absent)
            }
        }
    }

    pub fn member(&mut self, n: &'a Node) -> Result<&'a Member, Stop<'a>> {
        match self.eval(n)? {
            V::Member(m) => Ok(m),
            _ => Err(Stop::Absent),
        }
    }

    fn date(&mut self, n: &'a Node) -> Result<NaiveDate, Stop<'a>> {
        match self.eval(n)? {
            V::Date(d) => Ok(d),
            _ => Err(Stop::Absent),
        }
    }

    fn int(&mut self, n: &'a Node) -> Result<i64, Stop<'a>> {
        match self.eval(n)? {
            V::Int(i) => Ok(i),
            _ => Err(Stop::Absent),
        }
    }

    pub fn member_fact(&self, m: &'a Member, f: MemberFact) -> Out<'a> {
        let unknown = || {
            Err(Stop::Unknown(vec![Ask {
                key: AskKey::Fact(f),
                member: Some(m),
            }]))
        };
        let flag = |name: &str, known: Option<bool>| match self
            .member_answer(m, name)
            .and_then(|v| v.as_bool())
            .or(known)
        {
            Some(b) => Ok(V::Bool(b)),
            None => unknown(),
        };
        match f {
            MemberFact::Relationship => Ok(V::Sym(m.relationship.id())),
            MemberFact::Sex => Ok(V::Sym(m.sex.id())),
            MemberFact::BirthDate => Ok(V::Date(m.birth_date)),
            MemberFact::Insurance => {
                let answered = self
                    .member_answer(m, "insurance")
                    .and_then(|v| v.as_str())
                    .and_then(Insurance::from_id);
                match answered.or(m.insurance) {
                    Some(i) if i != Insurance::Unknown => Ok(V::Sym(i.id())),
                    _ => unknown(),
                }
            }
            MemberFact::Income => match self
                .member_answer(m, "income")
                .and_then(|v| v.as_i64())
                .or(m.income)
            {
                Some(i) => Ok(V::Int(i)),
                None => unknown(),
            },
            MemberFact::PublicServant => flag("public_servant", m.public_servant),
            MemberFact::MyNumberCard => flag("my_number_card", m.my_number_card),
            MemberFact::CareCertified => flag("care_certified", m.care_certified),
            MemberFact::PropertyOwner => flag("property_owner", m.property_owner),
            MemberFact::Moving => flag("moving", m.moving),
            MemberFact::Declared(i) => {
                let fact = &self.rs.facts[i];
                match self
                    .member_answer(m, &fact.name)
                    .and_then(|v| typed(v, fact.ty))
                {
                    Some(v) => Ok(v),
                    None => unknown(),
                }
            }
        }
    }

    /// Whether the event is about `m`: the member it names, members marked `moving`,
    /// or everyone when it names nobody and nobody is marked. A member who dies in
    /// another event of the same request is not concerned by it (the deceased does not
    /// move).
    pub fn concerned(&self, m: &Member) -> bool {
        if self.event.person.as_deref() == Some(m.id.as_str()) {
            return true;
        }
        let deceased = self.req.events.iter().any(|e| {
            e.kind == crate::screening::EventType::Death
                && e.person.as_deref() == Some(m.id.as_str())
        });
        if deceased {
            return false;
        }
        match m.moving {
            Some(b) => b,
            None => {
                self.event.person.is_none()
                    && !self
                        .req
                        .household
                        .members
                        .iter()
                        .any(|x| x.moving == Some(true))
            }
        }
    }

    fn call(&mut self, b: Builtin, args: &'a [Node]) -> Out<'a> {
        match b {
            Builtin::Exists => match self.eval(&args[0]) {
                Ok(_) => Ok(V::Bool(true)),
                Err(Stop::Absent) => Ok(V::Bool(false)),
                Err(e) => Err(e),
            },
            Builtin::Concerned => {
                let m = self.member(&args[0])?;
                Ok(V::Bool(self.concerned(m)))
            }
            Builtin::Age => {
                let (m, d) = both(self.member(&args[0]), self.date(&args[1]))?;
                Ok(V::Int(age::age_on(m.birth_date, d).into()))
            }
            Builtin::Reached | Builtin::ChildPeriod => {
                let m = self.member(&args[0]);
                let n = self.int(&args[1]);
                let d = self.date(&args[2]);
                let ((m, n), d) = both(both(m, n), d)?;
                let n = u32::try_from(n).map_err(|_| Stop::Absent)?;
                Ok(V::Bool(if b == Builtin::Reached {
                    age::has_reached(m.birth_date, n, d)
                } else {
                    age::within_child_period(m.birth_date, n, d)
                }))
            }
            Builtin::SchoolAge => {
                let (m, d) = both(self.member(&args[0]), self.date(&args[1]))?;
                let (start, end) = age::school_age_period(m.birth_date);
                Ok(V::Bool(start <= d && d <= end))
            }
            Builtin::Receives => {
                let m = self.member(&args[0])?;
                let Op::Const(Const::Sym(procedure)) = &args[1].op else {
                    return Err(Stop::Absent);
                };
                // The contract's `receives` lists what the city's benefit ledgers show;
                // absent, they show nothing (its example lists `child_allowance` for a
                // claimant without the field). The city knows its recipients, so this is
                // never asked.
                let list = m.receives.as_deref().unwrap_or_default();
                Ok(V::Bool(list.iter().any(|p| p == procedure)))
            }
            Builtin::ChildAllowanceMonthly => {
                let m = self.member(&args[0])?;
                benefits::monthly(self, m)
            }
            Builtin::ChildAllowanceBand => {
                let m = self.member(&args[0])?;
                benefits::band(self, m)
            }
            Builtin::ChildRearingBand => {
                let m = self.member(&args[0])?;
                child_rearing::band(self, m)
            }
            Builtin::ChildRearingMonthly | Builtin::ChildRearingMonthlyMin => {
                let m = self.member(&args[0])?;
                child_rearing::monthly(self, m, b == Builtin::ChildRearingMonthlyMin)
            }
            Builtin::IncomeWithin => {
                // The limit first: with no limit, the income is never asked.
                let limit = self.eval(&args[1])?;
                if limit == V::Unlimited {
                    return Ok(V::Bool(true));
                }
                let m = self.member(&args[0])?;
                child_rearing::within(self, m, limit)
            }
        }
    }
}

/// Both results, or the reason neither can be used: absent wins, unknowns merge.
pub(crate) fn both<'a, A, B>(
    x: Result<A, Stop<'a>>,
    y: Result<B, Stop<'a>>,
) -> Result<(A, B), Stop<'a>> {
    match (x, y) {
        (Ok(a), Ok(b)) => Ok((a, b)),
        (Err(Stop::Absent), _) | (_, Err(Stop::Absent)) => Err(Stop::Absent),
        (Err(Stop::Unknown(p)), Err(Stop::Unknown(q))) => Err(Stop::Unknown(merge(p, q))),
        (Err(e), _) | (_, Err(e)) => Err(e),
    }
}

fn param_value<'a>(v: super::ParamValue, kind: super::ParamKind) -> V<'a> {
    use super::{ParamKind as K, ParamValue as P};
    match (v, kind) {
        (P::Int(n), K::Days) => V::Days(n),
        (P::Int(n), K::Months) => V::Months(n),
        (P::Int(n), K::Years) => V::Months(n * 12),
        (P::Int(n), _) => V::Int(n),
        (P::Date(d), _) => V::Date(d),
        (P::Flag(b), _) => V::Bool(b),
        (P::Unlimited, _) => V::Unlimited,
    }
}

/// An answer read as the fact's type; `None` when it has another shape (answers are
/// checked before screening, so this only guards).
fn typed(v: &serde_json::Value, ty: super::expr::Ty) -> Option<V<'_>> {
    use super::expr::Ty;
    match ty {
        Ty::Bool => v.as_bool().map(V::Bool),
        Ty::Int => v.as_i64().map(V::Int),
        Ty::Insurance | Ty::Text => v.as_str().map(V::Sym),
        _ => None,
    }
}

fn compare(op: CmpOp, x: V<'_>, y: V<'_>) -> Option<bool> {
    use std::cmp::Ordering;
    let ord: Option<Ordering> = match (x, y) {
        (V::Int(a), V::Int(b)) | (V::Days(a), V::Days(b)) | (V::Months(a), V::Months(b)) => {
            Some(a.cmp(&b))
        }
        (V::Date(a), V::Date(b)) => Some(a.cmp(&b)),
        (V::Int(_), V::Unlimited) => Some(Ordering::Less),
        (V::Unlimited, V::Int(_)) => Some(Ordering::Greater),
        (V::Sym(a), V::Sym(b)) => return eq(op, a == b),
        (V::Member(a), V::Member(b)) => return eq(op, a.id == b.id),
        (V::Bool(a), V::Bool(b)) => return eq(op, a == b),
        _ => None,
    };
    let o = ord?;
    Some(match op {
        CmpOp::Eq => o.is_eq(),
        CmpOp::Ne => o.is_ne(),
        CmpOp::Lt => o.is_lt(),
        CmpOp::Le => o.is_le(),
        CmpOp::Gt => o.is_gt(),
        CmpOp::Ge => o.is_ge(),
    })
}

fn eq(op: CmpOp, same: bool) -> Option<bool> {
    match op {
        CmpOp::Eq => Some(same),
        CmpOp::Ne => Some(!same),
        _ => None,
    }
}

fn arith<'a>(plus: bool, x: V<'a>, y: V<'a>) -> Option<V<'a>> {
    match (x, y) {
        (V::Unlimited, V::Int(_)) | (V::Int(_), V::Unlimited) if plus => Some(V::Unlimited),
        (V::Unlimited, V::Int(_)) => Some(V::Unlimited),
        (V::Int(a), V::Int(b)) => Some(V::Int(if plus {
            a.checked_add(b)?
        } else {
            a.checked_sub(b)?
        })),
        (V::Days(a), V::Days(b)) => Some(V::Days(if plus {
            a.checked_add(b)?
        } else {
            a.checked_sub(b)?
        })),
        (V::Date(d), V::Days(n)) => {
            let n = if plus { n } else { n.checked_neg()? };
            let days = Days::new(n.unsigned_abs());
            Some(V::Date(if n >= 0 {
                d.checked_add_days(days)?
            } else {
                d.checked_sub_days(days)?
            }))
        }
        (V::Date(d), V::Months(n)) => {
            let n = if plus { n } else { n.checked_neg()? };
            let months = Months::new(u32::try_from(n.unsigned_abs()).ok()?);
            Some(V::Date(if n >= 0 {
                d.checked_add_months(months)?
            } else {
                d.checked_sub_months(months)?
            }))
        }
        _ => None,
    }
}

fn show(out: &Out<'_>) -> String {
    match out {
        Ok(V::Bool(b)) => b.to_string(),
        Ok(V::Int(i)) => i.to_string(),
        Ok(V::Date(d)) => d.to_string(),
        Ok(V::Days(n)) => format!("{n} days"),
        Ok(V::Months(n)) => format!("{n} months"),
        Ok(V::Member(m)) => m.id.clone(),
        Ok(V::Sym(s)) => (*s).to_owned(),
        Ok(V::Unlimited) => "none (no limit)".into(),
        Err(Stop::Unknown(_)) => "unknown".into(),
        Err(Stop::Absent) => "none".into(),
    }
}
