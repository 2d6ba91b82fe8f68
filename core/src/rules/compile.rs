//! From rule files to a [`Ruleset`]: parse, resolve, type-check, and refuse anything
//! doubtful with an error that names the file, line and column.

use super::benefits::ChildAllowanceParams;
use super::child_rearing::ChildRearingParams;
use super::expr::{self, Builtin, MemberFact, Node, Op, Role, Ty, Vocabulary};
use super::params::{settle, Param, ParamKind, ParamValue, Period};
use super::source::{ConditionDef, SourceFile};
use super::template::{self, Allowed, Template};
use super::*;
use chrono::NaiveDate;
use std::collections::HashSet;
use std::ops::Range;

struct Ctx<'f> {
    file: &'f str,
    text: &'f str,
    errors: &'f mut Vec<RuleError>,
}

impl Ctx<'_> {
    fn err(&mut self, offset: usize, message: Msg) {
        let before = &self.text[..offset.min(self.text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        self.errors.push(RuleError {
            file: self.file.to_owned(),
            line,
            column,
            message,
        });
    }
}

struct Names<'a> {
    params: &'a [Param],
    facts: &'a [Fact],
    procedures: &'a [Procedure],
}

impl Vocabulary for Names<'_> {
    fn param(&self, name: &str) -> Option<(usize, Ty)> {
        self.params
            .iter()
            .position(|p| p.name == name)
            .map(|i| (i, self.params[i].kind.ty()))
    }
    fn member_fact(&self, name: &str) -> Option<(usize, Ty)> {
        let builtin = name == "receives" || MemberFact::BUILTIN.iter().any(|(n, ..)| *n == name);
        if builtin {
            return None;
        }
        self.facts
            .iter()
            .position(|f| !f.household && f.name == name)
            .map(|i| (i, self.facts[i].ty))
    }
    fn household_fact(&self, name: &str) -> Option<(usize, Ty)> {
        if name == "claimant" {
            return None;
        }
        self.facts
            .iter()
            .position(|f| f.household && f.name == name)
            .map(|i| (i, self.facts[i].ty))
    }
    fn has_procedure(&self, id: &str) -> bool {
        self.procedures.iter().any(|p| p.id == id)
    }
}

/// Compiles a rule set from its files, or lists every error found.
pub fn compile(files: &RuleFiles) -> Result<Ruleset, Vec<RuleError>> {
    let mut errors = Vec::new();
    let mut docs = Vec::new();
    for (name, text) in files.iter().filter(|(name, _)| !is_test_file(name)) {
        match toml::from_str::<SourceFile>(text) {
            Ok(doc) => docs.push((name.as_str(), text.as_str(), doc)),
            Err(e) => {
                let mut ctx = Ctx {
                    file: name,
                    text,
                    errors: &mut errors,
                };
                let at = e.span().map_or(0, |s| s.start);
                ctx.err(at, crate::msg!("{error}", error = e.message()));
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut version = None;
    let mut departments = Vec::new();
    let mut procedures = Vec::new();
    for (file, text, doc) in &docs {
        let mut ctx = Ctx {
            file,
            text,
            errors: &mut errors,
        };
        if let Some(v) = &doc.version {
            if version.replace(v.clone()).is_some() {
                ctx.err(0, crate::msg!("version が複数のファイルに書かれています"));
            }
        }
        for d in &doc.department {
            departments.push(Department {
                id: d.id.clone(),
                name: d.name.clone(),
                counter: d.counter.clone(),
            });
        }
        for p in &doc.procedure {
            if procedures
                .iter()
                .any(|x: &Procedure| x.id == *p.id.get_ref())
            {
                ctx.err(
                    p.id.span().start,
                    crate::msg!("手続き `{id}` が2回定義されています", id = p.id.get_ref()),
                );
            }
            procedures.push(Procedure {
                id: p.id.get_ref().clone(),
                name: p.name.clone(),
                short_name: p.short_name.clone().unwrap_or_else(|| p.name.clone()),
                department: p.department.clone(),
                documents: p.documents.clone(),
                online: p.online,
            });
        }
        for p in &doc.procedure {
            if !departments.iter().any(|d| d.id == p.department)
                && !docs
                    .iter()
                    .any(|(_, _, d)| d.department.iter().any(|x| x.id == p.department))
            {
                ctx.err(
                    p.id.span().start,
                    crate::msg!(
                        "手続き `{id}` の担当課 `{department}` はありません",
                        id = p.id.get_ref(),
                        department = &p.department
                    ),
                );
            }
        }
    }
    let params = collect_params(&docs, &mut errors);
    let (facts, builtin_questions, claimant_question) = collect_facts(&docs, &mut errors);
    let names = Names {
        params: &params,
        facts: &facts,
        procedures: &procedures,
    };
    let mut rules = Vec::new();
    let mut by_event = vec![Vec::new(); EventType::ALL.len()];
    let mut rule_ids = HashSet::new();
    for (file, text, doc) in &docs {
        let mut ctx = Ctx {
            file,
            text,
            errors: &mut errors,
        };
        for def in &doc.rule {
            let at = def.id.span().start;
            if !rule_ids.insert(def.id.get_ref().clone()) {
                ctx.err(
                    at,
                    crate::msg!("規則 `{id}` が2回定義されています", id = def.id.get_ref()),
                );
            }
            let Some(procedure) = procedures.iter().position(|p| p.id == def.procedure) else {
                ctx.err(
                    at,
                    crate::msg!(
                        "規則 `{id}` の手続き `{procedure}` はありません (unknown procedure)",
                        id = def.id.get_ref(),
                        procedure = &def.procedure
                    ),
                );
                continue;
            };
            let subjects = match def.subject.as_str() {
                "event" => Subjects::Event,
                "members" => Subjects::Members,
                other => match Role::from_name(other) {
                    Some(r) if r != Role::Subject => Subjects::Role(r),
                    _ => {
                        ctx.err(at, crate::msg!("`for = \"{other}\"` は使えません。event, members, claimant, mother, partner, head, single_parent のどれかです", other));
                        continue;
                    }
                },
            };
            let index = rules.len();
            for e in &def.events {
                match EventType::from_id(e) {
                    Some(ev) => by_event[ev.index()].push(index),
                    None => ctx.err(at, crate::msg!("出来事 `{e}` はありません", e)),
                }
            }
            let when = conditions(&mut ctx, &names, &def.when);
            let notes = conditions(&mut ctx, &names, &def.notes);
            let deadline = def.deadline.as_ref().and_then(|d| {
                expression(&mut ctx, &names, d.get_ref(), d.span(), Ty::Date)
                    .map(|n| (d.get_ref().clone(), n))
            });
            let benefit = def.benefit.as_ref().and_then(|b| {
                if !matches!(b.per.as_str(), "once" | "month" | "year") {
                    ctx.err(
                        b.amount.span().start,
                        crate::msg!(
                            "`per = \"{per}\"` は使えません。once, month, year のどれかです",
                            per = &b.per
                        ),
                    );
                }
                let amount = expression(
                    &mut ctx,
                    &names,
                    b.amount.get_ref(),
                    b.amount.span(),
                    Ty::Int,
                )?;
                let min = match &b.min {
                    Some(m) => Some(expression(
                        &mut ctx,
                        &names,
                        m.get_ref(),
                        m.span(),
                        Ty::Int,
                    )?),
                    None => None,
                };
                Some(BenefitExpr {
                    amount,
                    min,
                    per: b.per.clone(),
                })
            });
            let reasons = def
                .reasons
                .iter()
                .filter_map(|r| reason(&mut ctx, &names, r, at))
                .collect();
            rules.push(Rule {
                id: def.id.get_ref().clone(),
                procedure,
                subjects,
                when,
                deadline,
                deadline_fixed: def.deadline_fixed.clone(),
                reasons,
                notes,
                benefit,
            });
        }
    }
    let child_allowance = ChildAllowanceParams::resolve(&params);
    if child_allowance.is_none() && rules.iter().any(|r| uses(r, CHILD_ALLOWANCE)) {
        errors.push(RuleError {
            file: "parameters".into(),
            line: 0,
            column: 0,
            message: crate::msg!(
                "child_allowance_monthly/child_allowance_band にはパラメータ {names} が必要です",
                names = ChildAllowanceParams::NAMES.join(", ")
            ),
        });
    }
    let calendar = super::compile_calendar::collect(&docs, &mut errors);
    let child_rearing = ChildRearingParams::resolve(&params);
    if child_rearing.is_none() && rules.iter().any(|r| uses(r, CHILD_REARING)) {
        errors.push(RuleError {
            file: "parameters".into(),
            line: 0,
            column: 0,
            message: crate::msg!(
                "child_rearing_band/child_rearing_monthly/income_within にはパラメータ {names} が必要です",
                names = ChildRearingParams::NAMES.join(", ")
            ),
        });
    }
    let version = version.unwrap_or_else(|| {
        errors.push(RuleError {
            file: String::new(),
            line: 0,
            column: 0,
            message: crate::msg!("どのファイルにも version がありません"),
        });
        String::new()
    });
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Ruleset {
        version,
        departments,
        procedures,
        params,
        facts,
        builtin_questions,
        claimant_question,
        rules,
        by_event,
        child_allowance,
        child_rearing,
        calendar,
        files: files.clone(),
    })
}

/// Rule tests travel with the rules (`tests/…`) but are not rules.
pub fn is_test_file(path: &str) -> bool {
    path.starts_with("tests/")
}

fn expression(
    ctx: &mut Ctx<'_>,
    names: &Names<'_>,
    src: &str,
    span: Range<usize>,
    want: Ty,
) -> Option<Node> {
    match expr::compile(src, names, want) {
        Ok(n) => Some(n),
        Err(e) => {
            // The span includes the opening quote of the TOML string.
            ctx.err(
                span.start + 1 + e.start,
                crate::msg!("{error} (`{src}` の中)", error = e.message, src),
            );
            None
        }
    }
}

fn reason(ctx: &mut Ctx<'_>, names: &Names<'_>, text: &str, at: usize) -> Option<Template> {
    let lookup = |p: &str| names.params.iter().position(|x| x.name == p);
    match template::parse(text, &Allowed::Reason(&lookup)) {
        Ok(t) => Some(t),
        Err(m) => {
            ctx.err(at, m);
            None
        }
    }
}

fn conditions(ctx: &mut Ctx<'_>, names: &Names<'_>, defs: &[ConditionDef]) -> Vec<Condition> {
    defs.iter()
        .filter_map(|c| {
            let node = expression(ctx, names, c.test.get_ref(), c.test.span(), Ty::Bool)?;
            let why_not = match &c.why_not {
                Some(r) => Some(reason(ctx, names, r, c.test.span().start)?),
                None => None,
            };
            let reason = match &c.reason {
                Some(r) => Some(reason(ctx, names, r, c.test.span().start)?),
                None => None,
            };
            Some(Condition {
                text: c.test.get_ref().clone(),
                node,
                reason,
                why_not,
            })
        })
        .collect()
}

fn to_date(d: &toml::value::Datetime) -> Option<NaiveDate> {
    match (d.date, d.time) {
        (Some(date), None) => {
            NaiveDate::from_ymd_opt(date.year.into(), date.month.into(), date.day.into())
        }
        _ => None,
    }
}

fn collect_params(docs: &[(&str, &str, SourceFile)], errors: &mut Vec<RuleError>) -> Vec<Param> {
    let mut params: Vec<Param> = Vec::new();
    for (file, text, doc) in docs {
        let mut ctx = Ctx { file, text, errors };
        for def in &doc.param {
            let at = def.name.span().start;
            let name = def.name.get_ref();
            if params.iter().any(|p| &p.name == name) {
                ctx.err(
                    at,
                    crate::msg!("パラメータ `{name}` が2回定義されています", name),
                );
                continue;
            }
            let Some(kind) = ParamKind::parse(&def.kind) else {
                ctx.err(at, crate::msg!("パラメータ `{name}`: 種類 `{kind}` はありません。yen, age, count, days, months, years, date, flag のどれかです", name, kind = &def.kind));
                continue;
            };
            let mut periods = Vec::new();
            for v in &def.values {
                let (Some(from), until) = (to_date(&v.from), v.until.as_ref().map(to_date)) else {
                    ctx.err(
                        at,
                        crate::msg!(
                            "パラメータ `{name}`: `from` は日付で書きます (例: 2024-10-01)",
                            name
                        ),
                    );
                    continue;
                };
                let until = match until {
                    Some(None) => {
                        ctx.err(
                            at,
                            crate::msg!("パラメータ `{name}`: `until` は日付で書きます", name),
                        );
                        continue;
                    }
                    Some(Some(u)) => Some(u),
                    None => None,
                };
                let value = match (kind, &v.value) {
                    (ParamKind::Date, toml::Value::Datetime(d)) => to_date(d).map(ParamValue::Date),
                    (ParamKind::Flag, toml::Value::Boolean(b)) => Some(ParamValue::Flag(*b)),
                    (ParamKind::Date | ParamKind::Flag, _) => None,
                    (_, toml::Value::Integer(n)) if *n >= 0 => Some(ParamValue::Int(*n)),
                    (ParamKind::Yen, toml::Value::String(s)) if s == "none" => {
                        Some(ParamValue::Unlimited)
                    }
                    _ => None,
                };
                match value {
                    Some(value) => periods.push(Period { from, until, value }),
                    None => ctx.err(
                        at,
                        crate::msg!(
                            "パラメータ `{name}` ({from} から): 値は{kind}で書きます",
                            name,
                            from,
                            kind = match kind {
                                ParamKind::Date => crate::msg!("日付"),
                                ParamKind::Flag => crate::msg!("true か false"),
                                ParamKind::Yen => crate::msg!("0以上の整数 (限度なしは \"none\")"),
                                _ => crate::msg!("0以上の整数"),
                            }
                        ),
                    ),
                }
            }
            if let Err(m) = settle(&mut periods) {
                ctx.err(at, crate::msg!("パラメータ `{name}`: {m}", name, m));
            }
            params.push(Param {
                name: name.clone(),
                kind,
                label: def.label.clone(),
                source: def.source.clone(),
                periods,
            });
        }
    }
    params
}

type FactTables = (Vec<Fact>, Vec<(MemberFact, usize)>, Option<usize>);

fn collect_facts(docs: &[(&str, &str, SourceFile)], errors: &mut Vec<RuleError>) -> FactTables {
    let mut facts: Vec<Fact> = Vec::new();
    let mut builtin = Vec::new();
    let mut claimant = None;
    for (file, text, doc) in docs {
        let mut ctx = Ctx { file, text, errors };
        for def in &doc.fact {
            let at = def.name.span().start;
            let name = def.name.get_ref().clone();
            let household = match def.scope.as_str() {
                "member" => false,
                "household" => true,
                s => {
                    ctx.err(
                        at,
                        crate::msg!(
                            "事実 `{name}`: scope `{s}` は使えません。member か household です",
                            name,
                            s
                        ),
                    );
                    continue;
                }
            };
            let ty = match def.ty.as_str() {
                "bool" => Ty::Bool,
                "int" => Ty::Int,
                "insurance" => Ty::Insurance,
                "text" => Ty::Text,
                "member" => Ty::Member,
                t => {
                    ctx.err(
                        at,
                        crate::msg!(
                            "事実 `{name}`: 種類 `{t}` はありません。bool, int, insurance, text, member のどれかです",
                            name,
                            t
                        ),
                    );
                    continue;
                }
            };
            if ty == Ty::Text && def.options.is_empty() {
                ctx.err(
                    at,
                    crate::msg!("事実 `{name}`: text の事実には options が必要です", name),
                );
            }
            if facts
                .iter()
                .any(|f| f.name == name && f.household == household)
            {
                ctx.err(at, crate::msg!("事実 `{name}` が2回定義されています", name));
                continue;
            }
            let question = match template::parse(&def.question, &Allowed::Question) {
                Ok(t) => t,
                Err(m) => {
                    ctx.err(at, crate::msg!("事実 `{name}`: {m}", name, m));
                    continue;
                }
            };
            let index = facts.len();
            let expected = match (name.as_str(), household) {
                ("claimant", true) => {
                    claimant = Some(index);
                    Some(Ty::Member)
                }
                (n, false) => {
                    MemberFact::BUILTIN
                        .iter()
                        .find(|(b, ..)| *b == n)
                        .map(|(_, f, t)| {
                            builtin.push((*f, index));
                            *t
                        })
                }
                _ => None,
            };
            match expected {
                Some(t) if t != ty => ctx.err(
                    at,
                    crate::msg!(
                        "事実 `{name}` は判定の契約では{ty}です",
                        name,
                        ty = t.name()
                    ),
                ),
                None if ty == Ty::Member => ctx.err(
                    at,
                    crate::msg!(
                        "事実 `{name}`: 世帯員を答えにできるのは claimant だけです",
                        name
                    ),
                ),
                _ => {}
            }
            facts.push(Fact {
                name,
                household,
                ty,
                question,
                options: def.options.clone(),
            });
        }
    }
    (facts, builtin, claimant)
}

const CHILD_ALLOWANCE: &[Builtin] = &[Builtin::ChildAllowanceMonthly, Builtin::ChildAllowanceBand];
const CHILD_REARING: &[Builtin] = &[
    Builtin::ChildRearingBand,
    Builtin::ChildRearingMonthly,
    Builtin::ChildRearingMonthlyMin,
    Builtin::IncomeWithin,
];

/// The functions that read parameters by name, and those parameters.
pub(crate) const BY_NAME: [(&[Builtin], &[&str]); 2] = [
    (CHILD_ALLOWANCE, &ChildAllowanceParams::NAMES),
    (CHILD_REARING, &ChildRearingParams::NAMES),
];

/// Whether the rule calls one of `builtins`, whose parameters must then exist.
pub(crate) fn uses(rule: &Rule, builtins: &[Builtin]) -> bool {
    let walk = |n: &Node| walk(n, builtins);
    rule.when.iter().chain(&rule.notes).any(|c| walk(&c.node))
        || rule.deadline.as_ref().is_some_and(|d| walk(&d.1))
        || rule
            .benefit
            .as_ref()
            .is_some_and(|b| walk(&b.amount) || b.min.as_ref().is_some_and(walk))
}

fn walk(n: &Node, builtins: &[Builtin]) -> bool {
    let walk = |n: &Node| walk(n, builtins);
    {
        match &n.op {
            Op::Call(b, args) => builtins.contains(b) || args.iter().any(walk),
            Op::Param(_, Some(d)) => walk(d),
            Op::Fact(a, _)
            | Op::Count(a)
            | Op::Any(a)
            | Op::All(a)
            | Op::Not(a)
            | Op::In(a, _, _) => walk(a),
            Op::And(a, b) | Op::Or(a, b) | Op::Cmp(_, a, b) | Op::Add(a, b) | Op::Sub(a, b) => {
                walk(a) || walk(b)
            }
            _ => false,
        }
    }
}
