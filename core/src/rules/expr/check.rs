//! Name resolution and type checking. Every fact, parameter, role and function is
//! looked up here, so a typo or a comparison of a date with an amount is refused with
//! a precise message before a rule can ever run.

use super::ast::{Ast, CmpOp, Spanned};
use super::ExprError;
use crate::screening::{Insurance, Relationship, Sex};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    Bool,
    Int,
    Date,
    Days,
    Months,
    Member,
    Insurance,
    Relationship,
    Sex,
    Text,
}

impl Ty {
    pub fn name(self) -> crate::rules::Msg {
        match self {
            Self::Bool => crate::msg!("真偽 (true/false)"),
            Self::Int => crate::msg!("数"),
            Self::Date => crate::msg!("日付"),
            Self::Days => crate::msg!("日数"),
            Self::Months => crate::msg!("月数・年数"),
            Self::Member => crate::msg!("世帯員"),
            Self::Insurance => crate::msg!("保険の種類"),
            Self::Relationship => crate::msg!("続柄"),
            Self::Sex => crate::msg!("性別"),
            Self::Text => crate::msg!("文字"),
        }
    }

    /// The values a text literal may take when compared with this type.
    fn symbols(self) -> Option<Vec<&'static str>> {
        match self {
            Self::Insurance => Some(
                Insurance::ALL
                    .iter()
                    .map(|i| i.id())
                    .chain(["unknown"])
                    .collect(),
            ),
            Self::Relationship => Some(Relationship::ALL.iter().map(|r| r.id()).collect()),
            Self::Sex => Some(Sex::ALL.iter().map(|s| s.id()).collect()),
            _ => None,
        }
    }
}

/// Who a rule talks about. `subject` is the member the rule is evaluated for; the
/// others are derived from the event and the household by named, tested functions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Subject,
    Person,
    Claimant,
    Mother,
    Partner,
    Head,
    SingleParent,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Self::Subject,
        Self::Person,
        Self::Claimant,
        Self::Mother,
        Self::Partner,
        Self::Head,
        Self::SingleParent,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::Subject => "subject",
            Self::Person => "person",
            Self::Claimant => "claimant",
            Self::Mother => "mother",
            Self::Partner => "partner",
            Self::Head => "head",
            Self::SingleParent => "single_parent",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.name() == name)
    }
}

/// A fact about one member: from the contract's member fields, or declared in the rule
/// files and only ever answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberFact {
    Relationship,
    Sex,
    BirthDate,
    Insurance,
    Income,
    PublicServant,
    MyNumberCard,
    CareCertified,
    PropertyOwner,
    Moving,
    Declared(usize),
}

impl MemberFact {
    pub const BUILTIN: [(&'static str, MemberFact, Ty); 10] = [
        ("relationship", Self::Relationship, Ty::Relationship),
        ("sex", Self::Sex, Ty::Sex),
        ("birth_date", Self::BirthDate, Ty::Date),
        ("insurance", Self::Insurance, Ty::Insurance),
        ("income", Self::Income, Ty::Int),
        ("public_servant", Self::PublicServant, Ty::Bool),
        ("my_number_card", Self::MyNumberCard, Ty::Bool),
        ("care_certified", Self::CareCertified, Ty::Bool),
        ("property_owner", Self::PropertyOwner, Ty::Bool),
        ("moving", Self::Moving, Ty::Bool),
    ];

    /// The contract's field name of a built-in fact (empty for a declared one).
    pub fn name(self) -> &'static str {
        Self::BUILTIN
            .iter()
            .find(|(_, f, _)| *f == self)
            .map_or("", |(n, ..)| *n)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Builtin {
    /// `age(m, day)`: completed years on `day`.
    Age,
    /// `reached(m, n, day)`: has reached age n by `day` (the day before the birthday).
    Reached,
    /// `child_period(m, n, day)`: on or before the first 31 March after reaching n.
    ChildPeriod,
    /// `school_age(m, day)`: from the first 1 April after reaching 6 to the 31 March
    /// after reaching 15.
    SchoolAge,
    /// `receives(m, 'procedure_id')`: already receives that benefit.
    Receives,
    /// `concerned(m)`: the event is about this member (the person it names, members
    /// marked `moving`, or everyone when it names nobody).
    Concerned,
    /// `exists(role)`: the household has such a member.
    Exists,
    /// `child_allowance_monthly(claimant)`: the monthly amount for all children counted.
    ChildAllowanceMonthly,
    /// `child_allowance_band(claimant)`: 'no_limit', 'full', 'special' or 'over'.
    ChildAllowanceBand,
    /// `child_rearing_band(m)`: 'full', 'partial', 'over' or 'obligor_over' (児童扶養手当).
    ChildRearingBand,
    /// `child_rearing_monthly(m)`: the highest expected monthly 児童扶養手当.
    ChildRearingMonthly,
    /// `child_rearing_monthly_min(m)`: the lowest of the band (一部支給).
    ChildRearingMonthlyMin,
    /// `income_within(m, limit)`: m's 所得 within a city's limit (per dependant);
    /// a limit of "none" always holds.
    IncomeWithin,
}

impl Builtin {
    fn lookup(name: &str) -> Option<(Builtin, &'static [Ty], Ty)> {
        use Ty::*;
        Some(match name {
            "age" => (Self::Age, &[Member, Date], Int),
            "reached" => (Self::Reached, &[Member, Int, Date], Bool),
            "child_period" => (Self::ChildPeriod, &[Member, Int, Date], Bool),
            "school_age" => (Self::SchoolAge, &[Member, Date], Bool),
            "receives" => (Self::Receives, &[Member, Text], Bool),
            "concerned" => (Self::Concerned, &[Member], Bool),
            "exists" => (Self::Exists, &[Member], Bool),
            "child_allowance_monthly" => (Self::ChildAllowanceMonthly, &[Member], Int),
            "child_allowance_band" => (Self::ChildAllowanceBand, &[Member], Text),
            "child_rearing_band" => (Self::ChildRearingBand, &[Member], Text),
            "child_rearing_monthly" => (Self::ChildRearingMonthly, &[Member], Int),
            "child_rearing_monthly_min" => (Self::ChildRearingMonthlyMin, &[Member], Int),
            "income_within" => (Self::IncomeWithin, &[Member, Int], Bool),
            _ => return None,
        })
    }

    pub const NAMES: [&'static str; 13] = [
        "age",
        "reached",
        "child_period",
        "school_age",
        "receives",
        "concerned",
        "exists",
        "child_allowance_monthly",
        "child_allowance_band",
        "child_rearing_band",
        "child_rearing_monthly",
        "child_rearing_monthly_min",
        "income_within",
    ];
}

#[derive(Debug, Clone, PartialEq)]
pub enum Const {
    Bool(bool),
    Int(i64),
    Sym(String),
}

/// A checked expression, ready to evaluate. `start..end` is its place in the source
/// text, used by explanations.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub op: Op,
    pub start: u32,
    pub end: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    Const(Const),
    AsOf,
    EventDate,
    Role(Role),
    /// The member bound by the n-th enclosing `count`/`any`/`all`, innermost last.
    Bound(usize),
    Param(usize, Option<Box<Node>>),
    Fact(Box<Node>, MemberFact),
    HouseholdFact(usize),
    Call(Builtin, Vec<Node>),
    Count(Box<Node>),
    Any(Box<Node>),
    All(Box<Node>),
    Not(Box<Node>),
    And(Box<Node>, Box<Node>),
    Or(Box<Node>, Box<Node>),
    Cmp(CmpOp, Box<Node>, Box<Node>),
    In(Box<Node>, Vec<Const>, bool),
    Add(Box<Node>, Box<Node>),
    Sub(Box<Node>, Box<Node>),
}

/// What names mean in a rule set: its parameters, declared facts and procedures.
pub trait Vocabulary {
    fn param(&self, name: &str) -> Option<(usize, Ty)>;
    fn member_fact(&self, name: &str) -> Option<(usize, Ty)>;
    fn household_fact(&self, name: &str) -> Option<(usize, Ty)>;
    fn has_procedure(&self, id: &str) -> bool;
}

fn mk(op: Op, s: &Spanned) -> Node {
    Node {
        op,
        start: s.start as u32,
        end: s.end as u32,
    }
}

fn err(s: &Spanned, message: crate::rules::Msg) -> ExprError {
    ExprError::at(s.start, s.end, message)
}

/// Checks a text literal against the type it is compared with.
fn symbol(s: &Spanned, text: &str, ty: Ty) -> Result<Const, ExprError> {
    if let Some(allowed) = ty.symbols() {
        if !allowed.contains(&text) {
            return Err(err(
                s,
                crate::msg!(
                    "`{text}` は{ty}ではありません。使えるのは {allowed} です",
                    text,
                    ty = ty.name(),
                    allowed = allowed.join(", ")
                ),
            ));
        }
        return Ok(Const::Sym(text.to_owned()));
    }
    if ty == Ty::Text {
        return Ok(Const::Sym(text.to_owned()));
    }
    Err(err(
        s,
        crate::msg!("文字と{ty}は比べられません", ty = ty.name()),
    ))
}

pub fn check(
    s: &Spanned,
    vocab: &dyn Vocabulary,
    bound: &mut Vec<String>,
) -> Result<(Node, Ty), ExprError> {
    Ok(match &s.ast {
        Ast::Int(n) => (mk(Op::Const(Const::Int(*n)), s), Ty::Int),
        Ast::Bool(b) => (mk(Op::Const(Const::Bool(*b)), s), Ty::Bool),
        Ast::Str(t) => (mk(Op::Const(Const::Sym(t.clone())), s), Ty::Text),
        Ast::List(_) => return Err(err(s, crate::msg!("一覧 [...] は `in` の後にだけ書けます"))),
        Ast::Name(name) => {
            if let Some(depth) = bound.iter().rposition(|b| b == name) {
                (mk(Op::Bound(depth), s), Ty::Member)
            } else if let Some(role) = Role::from_name(name) {
                (mk(Op::Role(role), s), Ty::Member)
            } else if name == "as_of" {
                (mk(Op::AsOf, s), Ty::Date)
            } else if name == "event" || name == "household" {
                return Err(err(
                    s,
                    crate::msg!("`{name}` の後に項目が必要です (例: `{name}.date`)", name),
                ));
            } else {
                return Err(err(
                    s,
                    crate::msg!(
                        "`{name}` という名前はありません。as_of、event.date、または世帯員 ({roles}) を使います",
                        name,
                        roles = Role::ALL.map(|r| r.name()).join(", ")
                    ),
                ));
            }
        }
        Ast::Param(name, day) => {
            let (index, ty) = vocab
                .param(name)
                .ok_or_else(|| err(s, crate::msg!("パラメータ `${name}` はありません", name)))?;
            let day = match day {
                Some(d) => {
                    let (node, t) = check(d, vocab, bound)?;
                    if t != Ty::Date {
                        return Err(err(
                            d,
                            crate::msg!("パラメータは日付で読みます ({ty}ではなく)", ty = t.name()),
                        ));
                    }
                    Some(Box::new(node))
                }
                None => None,
            };
            (mk(Op::Param(index, day), s), ty)
        }
        Ast::Field(base, field) => {
            if let Ast::Name(n) = &base.ast {
                if n == "event" && !bound.contains(n) {
                    return match field.as_str() {
                        "date" => Ok((mk(Op::EventDate, s), Ty::Date)),
                        _ => Err(err(
                            s,
                            crate::msg!("`event` に `{field}` はありません。event.date か person を使います", field),
                        )),
                    };
                }
                if n == "household" && !bound.contains(n) {
                    let (index, ty) = vocab.household_fact(field).ok_or_else(|| {
                        err(s, crate::msg!("世帯の事実 `{field}` はありません", field))
                    })?;
                    return Ok((mk(Op::HouseholdFact(index), s), ty));
                }
            }
            let (b, ty) = check(base, vocab, bound)?;
            if ty != Ty::Member {
                return Err(err(
                    base,
                    crate::msg!("事実を持つのは世帯員だけです (これは{ty})", ty = ty.name()),
                ));
            }
            let (fact, fty) =
                if let Some((_, f, t)) = MemberFact::BUILTIN.iter().find(|(n, ..)| n == field) {
                    (*f, *t)
                } else if let Some((i, t)) = vocab.member_fact(field) {
                    (MemberFact::Declared(i), t)
                } else {
                    return Err(err(
                        s,
                        crate::msg!("世帯員の事実 `{field}` はありません", field),
                    ));
                };
            (mk(Op::Fact(Box::new(b), fact), s), fty)
        }
        Ast::Call(name, args) => {
            let (builtin, params, ret) = Builtin::lookup(name).ok_or_else(|| {
                err(
                    s,
                    crate::msg!(
                        "関数 `{name}` はありません。使えるのは {names}, count, any, all です",
                        name,
                        names = Builtin::NAMES.join(", ")
                    ),
                )
            })?;
            if args.len() != params.len() {
                return Err(err(
                    s,
                    crate::msg!(
                        "`{name}` には値が{want}つ必要です ({got}つではなく)",
                        name,
                        want = params.len(),
                        got = args.len()
                    ),
                ));
            }
            let mut nodes = Vec::with_capacity(args.len());
            for (a, want) in args.iter().zip(params) {
                let (n, t) = check(a, vocab, bound)?;
                if t != *want {
                    return Err(err(
                        a,
                        crate::msg!(
                            "`{name}` のここには{want}が必要です ({ty}ではなく)",
                            name,
                            want = want.name(),
                            ty = t.name()
                        ),
                    ));
                }
                if builtin == Builtin::Receives && *want == Ty::Text {
                    match &n.op {
                        Op::Const(Const::Sym(id)) if vocab.has_procedure(id) => {}
                        Op::Const(Const::Sym(id)) => {
                            return Err(err(a, crate::msg!("手続き `{id}` はありません", id)))
                        }
                        _ => {
                            return Err(err(
                                a,
                                crate::msg!(
                                    "手続きの id を引用符で書きます (例: 'child_allowance')"
                                ),
                            ))
                        }
                    }
                }
                nodes.push(n);
            }
            (mk(Op::Call(builtin, nodes), s), ret)
        }
        Ast::Each(kind, var, body) => {
            if Role::from_name(var).is_some()
                || var == "event"
                || var == "household"
                || var == "as_of"
            {
                return Err(err(
                    s,
                    crate::msg!(
                        "`{var}` はすでに使われている名前です。m などにしてください",
                        var
                    ),
                ));
            }
            bound.push(var.clone());
            let checked = check(body, vocab, bound);
            bound.pop();
            let (b, t) = checked?;
            if t != Ty::Bool {
                return Err(err(
                    body,
                    crate::msg!(
                        "`{kind}` には真偽の条件が必要です ({ty}ではなく)",
                        kind,
                        ty = t.name()
                    ),
                ));
            }
            match kind.as_str() {
                "count" => (mk(Op::Count(Box::new(b)), s), Ty::Int),
                "any" => (mk(Op::Any(Box::new(b)), s), Ty::Bool),
                _ => (mk(Op::All(Box::new(b)), s), Ty::Bool),
            }
        }
        Ast::Not(inner) => {
            let (n, t) = check(inner, vocab, bound)?;
            if t != Ty::Bool {
                return Err(err(
                    inner,
                    crate::msg!(
                        "`not` には真偽の条件が必要です ({ty}ではなく)",
                        ty = t.name()
                    ),
                ));
            }
            (mk(Op::Not(Box::new(n)), s), Ty::Bool)
        }
        Ast::And(a, b) | Ast::Or(a, b) => {
            let (x, tx) = check(a, vocab, bound)?;
            let (y, ty) = check(b, vocab, bound)?;
            for (part, t) in [(a, tx), (b, ty)] {
                if t != Ty::Bool {
                    return Err(err(
                        part,
                        crate::msg!(
                            "`and`/`or` でつなげるのは真偽の条件です ({ty}ではなく)",
                            ty = t.name()
                        ),
                    ));
                }
            }
            let op = if matches!(s.ast, Ast::And(..)) {
                Op::And(Box::new(x), Box::new(y))
            } else {
                Op::Or(Box::new(x), Box::new(y))
            };
            (mk(op, s), Ty::Bool)
        }
        Ast::Cmp(op, a, b) => {
            let (x, tx) = operand(a, vocab, bound, None)?;
            let (y, ty) = operand(b, vocab, bound, Some(tx))?;
            let (x, tx) = if tx == Ty::Text && ty != Ty::Text {
                operand(a, vocab, bound, Some(ty))?
            } else {
                (x, tx)
            };
            if tx != ty {
                return Err(err(
                    s,
                    crate::msg!(
                        "{left}と{right}は比べられません",
                        left = tx.name(),
                        right = ty.name()
                    ),
                ));
            }
            let ordered = matches!(tx, Ty::Int | Ty::Date | Ty::Days | Ty::Months);
            if !ordered && !matches!(op, CmpOp::Eq | CmpOp::Ne) {
                return Err(err(
                    s,
                    crate::msg!("{ty}は == か != でだけ比べられます", ty = tx.name()),
                ));
            }
            if tx == Ty::Bool {
                return Err(err(
                    s,
                    crate::msg!("true/false と比べずに、条件そのもの (または not 条件) を書きます"),
                ));
            }
            (mk(Op::Cmp(*op, Box::new(x), Box::new(y)), s), Ty::Bool)
        }
        Ast::In(value, items, negated) => {
            let (v, t) = check(value, vocab, bound)?;
            if t.symbols().is_none() && t != Ty::Text {
                return Err(err(
                    value,
                    crate::msg!("`in` で並べるのは文字の値です (これは{ty})", ty = t.name()),
                ));
            }
            let mut consts = Vec::with_capacity(items.len());
            for item in items {
                let Ast::Str(text) = &item.ast else {
                    return Err(err(item, crate::msg!("一覧の値は引用符で囲んだ文字です")));
                };
                consts.push(symbol(item, text, t)?);
            }
            (mk(Op::In(Box::new(v), consts, *negated), s), Ty::Bool)
        }
        Ast::Add(a, b) | Ast::Sub(a, b) => {
            let (x, tx) = check(a, vocab, bound)?;
            let (y, ty) = check(b, vocab, bound)?;
            let result = match (tx, ty) {
                (Ty::Int, Ty::Int) => Ty::Int,
                (Ty::Date, Ty::Days) | (Ty::Date, Ty::Months) => Ty::Date,
                (Ty::Days, Ty::Days) => Ty::Days,
                _ => {
                    return Err(err(
                        s,
                        crate::msg!(
                            "{left}と{right}は足し引きできません",
                            left = tx.name(),
                            right = ty.name()
                        ),
                    ))
                }
            };
            let op = if matches!(s.ast, Ast::Add(..)) {
                Op::Add(Box::new(x), Box::new(y))
            } else {
                Op::Sub(Box::new(x), Box::new(y))
            };
            (mk(op, s), result)
        }
    })
}

/// Checks one side of a comparison; a text literal takes the type of the other side.
fn operand(
    s: &Spanned,
    vocab: &dyn Vocabulary,
    bound: &mut Vec<String>,
    other: Option<Ty>,
) -> Result<(Node, Ty), ExprError> {
    match (&s.ast, other) {
        (Ast::Str(text), Some(t)) if t != Ty::Text => {
            Ok((mk(Op::Const(symbol(s, text, t)?), s), t))
        }
        _ => check(s, vocab, bound),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{compile, parse};
    use super::*;

    struct V;
    impl Vocabulary for V {
        fn param(&self, name: &str) -> Option<(usize, Ty)> {
            match name {
                "age_limit" => Some((0, Ty::Int)),
                "deadline" => Some((1, Ty::Days)),
                _ => None,
            }
        }
        fn member_fact(&self, name: &str) -> Option<(usize, Ty)> {
            (name == "name_changes").then_some((0, Ty::Bool))
        }
        fn household_fact(&self, _: &str) -> Option<(usize, Ty)> {
            None
        }
        fn has_procedure(&self, id: &str) -> bool {
            id == "child_allowance"
        }
    }

    fn msg(src: &str) -> String {
        compile(src, &V, Ty::Bool).unwrap_err().message.to_string()
    }

    #[test]
    fn a_well_typed_condition_compiles() {
        compile(
            "subject.insurance == 'nhi' and age(subject, event.date) < $age_limit",
            &V,
            Ty::Bool,
        )
        .unwrap();
        compile("event.date + $deadline", &V, Ty::Date).unwrap();
        compile(
            "count(m: m != person and reached(m, 15, event.date)) >= 2",
            &V,
            Ty::Bool,
        )
        .unwrap();
    }

    #[test]
    fn rejects_an_unknown_fact() {
        assert!(msg("subject.insurence == 'nhi'").contains("事実 `insurence` はありません"));
    }

    #[test]
    fn rejects_an_unknown_insurance_kind_and_lists_the_valid_ones() {
        let m = msg("subject.insurance == 'nhl'");
        assert!(
            m.contains("`nhl` は保険の種類ではありません") && m.contains("nhi"),
            "{m}"
        );
    }

    #[test]
    fn rejects_comparing_a_date_with_a_number() {
        assert!(msg("event.date > 3").contains("日付と数は比べられません"));
    }

    #[test]
    fn rejects_an_unknown_parameter() {
        assert!(
            msg("age(subject, as_of) < $agelimit").contains("パラメータ `$agelimit` はありません")
        );
    }

    #[test]
    fn rejects_an_unknown_procedure_in_receives() {
        assert!(msg("receives(subject, 'child_alowance')")
            .contains("手続き `child_alowance` はありません"));
    }

    #[test]
    fn rejects_a_non_boolean_condition() {
        assert!(msg("age(subject, as_of)").contains("真偽 (true/false)が必要"));
    }

    #[test]
    fn rejects_wrong_argument_types() {
        assert!(msg("age(as_of, subject) > 3").contains("世帯員が必要"));
    }

    #[test]
    fn points_at_the_offending_part() {
        let e = compile("subject.insurance == 'nhi' and subject.foo", &V, Ty::Bool).unwrap_err();
        assert_eq!(e.start, 31);
        let _ = parse("x").unwrap();
    }
}
