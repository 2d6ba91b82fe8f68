//! The engine: for each event, each rule of that event, each member the rule is for —
//! evaluate the conditions, list the procedure with its reasons, deadline and benefit,
//! or turn what is unknown into questions. A pure function of the request and the rule
//! set.

use super::eval::{Ask, AskKey, Eval, Truth, V};
use super::expr::{MemberFact, Ty};
use super::roles::{Resolved, Roles};
use super::template::{Segment, Template};
use super::trace::{ConditionTrace, Held, NotListed, Outcome, RuleTrace, SeenValue, Trace};
use super::{Rule, Ruleset, Subjects};
use crate::screening::{
    ja_date, Benefit, ContractError, Event, Insurance, Member, NotApplicable, Phrase, PhraseArg,
    ProcedureResult, Question, Request, ScreeningResult,
};
use std::collections::HashMap;

/// How to screen: names to use for members in reasons and questions (their names at
/// the counter; ids otherwise), and whether to return the full trace.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options<'l> {
    pub labels: Option<&'l HashMap<String, String>>,
    pub explain: bool,
}

struct Run<'a, 'l> {
    rs: &'a Ruleset,
    req: &'a Request,
    opts: Options<'l>,
    procedures: Vec<ProcedureResult>,
    questions: Vec<Question>,
    not_applicable: Vec<NotApplicable>,
    trace: Vec<RuleTrace>,
}

impl Ruleset {
    pub fn screen(&self, req: &Request) -> Result<ScreeningResult, ContractError> {
        self.screen_with(req, Options::default())
    }

    pub fn screen_with(
        &self,
        req: &Request,
        opts: Options<'_>,
    ) -> Result<ScreeningResult, ContractError> {
        self.check_answers(req)?;
        let mut run = Run {
            rs: self,
            req,
            opts,
            procedures: Vec::new(),
            questions: Vec::new(),
            not_applicable: Vec::new(),
            trace: Vec::new(),
        };
        for (index, event) in req.events.iter().enumerate() {
            let claimant = req.answers.get("claimant").and_then(|v| v.as_str());
            let roles = Roles::new(req, event, claimant);
            for &r in &self.by_event[event.kind.index()] {
                run.rule(&self.rules[r], index, event, &roles);
            }
        }
        let mut procedures = run.procedures;
        procedures.sort_by(|a, b| match (a.deadline, b.deadline) {
            (Some(x), Some(y)) => x.cmp(&y).then_with(|| a.id.cmp(&b.id)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.id.cmp(&b.id),
        });
        let mut not_applicable = run.not_applicable;
        not_applicable.retain(|n| !procedures.iter().any(|p| p.id == n.id));
        let trace = opts.explain.then(|| Trace {
            not_listed: not_listed(self, &procedures, &run.trace),
            rules: run.trace,
        });
        Ok(ScreeningResult {
            contract: "v1".into(),
            ruleset: self.version.clone(),
            as_of: req.as_of,
            procedures,
            questions: run.questions,
            not_applicable,
            trace,
        })
    }
}

impl<'a> Run<'a, '_> {
    fn label(&self, m: &Member) -> String {
        self.opts
            .labels
            .and_then(|l| l.get(&m.id))
            .cloned()
            .unwrap_or_else(|| m.id.clone())
    }

    fn rule(&mut self, rule: &'a Rule, index: usize, event: &'a Event, roles: &Roles<'a>) {
        let members = &self.req.household.members;
        let claimant_ask = Ask {
            key: AskKey::Claimant,
            member: None,
        };
        let mut pending = false;
        let subjects: Vec<Option<&'a Member>> = match rule.subjects {
            Subjects::Event => vec![roles.person],
            Subjects::Members => members.iter().map(Some).collect(),
            Subjects::Role(role) => match roles.get(role, None) {
                Resolved::Member(m) => vec![Some(m)],
                Resolved::Absent => {
                    self.record(rule, index, None, Outcome::NoSubject, Vec::new());
                    return;
                }
                // Who claims is asked only if the rest of the rule could hold.
                Resolved::Ask => {
                    pending = true;
                    vec![None]
                }
            },
        };
        for subject in subjects {
            let mut ev = Eval {
                rs: self.rs,
                req: self.req,
                event,
                roles,
                subject,
                subject_pending: pending,
                bound: Vec::new(),
                seen: self.opts.explain.then(Vec::new),
            };
            let mut failed = false;
            let mut asks: Vec<Ask<'a>> = Vec::new();
            let mut conditions = Vec::new();
            for c in &rule.when {
                let t = ev.truth(&c.node);
                if let Some(seen) = ev.seen.as_mut() {
                    conditions.push(condition_trace(&c.text, &t, std::mem::take(seen), self));
                }
                match t {
                    Truth::Yes => {}
                    Truth::No => {
                        if !failed {
                            if let Some(t) = &c.why_not {
                                self.rule_out(rule, &ev, t);
                            }
                        }
                        failed = true;
                        if !self.opts.explain {
                            break;
                        }
                    }
                    Truth::Unknown(a) => asks.extend(
                        a.into_iter()
                            .filter(|x| !asks.contains(x))
                            .collect::<Vec<_>>(),
                    ),
                }
            }
            if pending && !failed && !asks.contains(&claimant_ask) {
                asks.push(claimant_ask);
            }
            let outcome = if failed {
                Outcome::NotApplicable
            } else if !asks.is_empty() {
                self.ask(&asks, rule, roles);
                Outcome::Question
            } else {
                self.apply(rule, &mut ev);
                Outcome::Applies
            };
            self.record(rule, index, subject, outcome, conditions);
        }
    }

    fn record(
        &mut self,
        rule: &Rule,
        event: usize,
        subject: Option<&Member>,
        outcome: Outcome,
        conditions: Vec<ConditionTrace>,
    ) {
        if self.opts.explain {
            self.trace.push(RuleTrace {
                rule: rule.id.clone(),
                procedure: self.rs.procedures[rule.procedure].id.clone(),
                event,
                subject: subject.map(|m| m.id.clone()),
                outcome,
                conditions,
            });
        }
    }

    fn apply(&mut self, rule: &'a Rule, ev: &mut Eval<'a, '_>) {
        let p = &self.rs.procedures[rule.procedure];
        let subject = ev.subject.map(|m| m.id.as_str());
        if self
            .procedures
            .iter()
            .any(|x| x.id == p.id && x.subject.as_deref() == subject)
        {
            return;
        }
        let deadline = rule.deadline.as_ref().and_then(|(_, n)| match ev.eval(n) {
            Ok(V::Date(d)) => Some(d),
            _ => None,
        });
        let (deadline, deadline_note, deadline_phrase) =
            match (deadline, &rule.deadline_fixed, &self.rs.calendar) {
                (Some(d), Some(fixed), _) => {
                    (Some(d), Some(fixed.clone()), Some(Phrase::fixed(fixed)))
                }
                (Some(d), None, Some(cal)) => {
                    let moved = cal.move_deadline(d);
                    (Some(moved.day), moved.note, moved.phrase)
                }
                (d, ..) => (d, None, None),
            };
        let benefit = rule
            .benefit
            .as_ref()
            .and_then(|b| match ev.eval(&b.amount) {
                Ok(V::Int(amount)) if amount > 0 => Some(Benefit {
                    amount,
                    per: b.per.clone(),
                    min: b.min.as_ref().and_then(|m| match ev.eval(m) {
                        Ok(V::Int(min)) if min > 0 && min < amount => Some(min),
                        _ => None,
                    }),
                }),
                _ => None,
            });
        let mut said: Vec<(String, Phrase)> = rule
            .when
            .iter()
            .filter_map(|c| c.reason.as_ref())
            .map(|t| self.render(t, ev))
            .collect();
        for note in &rule.notes {
            if let (Some(t), Truth::Yes) = (&note.reason, ev.truth(&note.node)) {
                said.push(self.render(t, ev));
            }
        }
        said.extend(rule.reasons.iter().map(|t| self.render(t, ev)));
        let (reasons, reason_phrases) = said.into_iter().unzip();
        if let Some(seen) = ev.seen.as_mut() {
            seen.clear();
        }
        self.procedures.push(ProcedureResult {
            id: p.id.clone(),
            name: p.name.clone(),
            department: p.department.clone(),
            subject: subject.map(str::to_owned),
            deadline,
            deadline_note,
            reasons,
            documents: p.documents.clone(),
            online: p.online,
            benefit,
            reason_phrases,
            deadline_phrase,
        });
    }

    /// Records why a procedure is not for this household, shown unless another rule
    /// lists it after all.
    fn rule_out(&mut self, rule: &Rule, ev: &Eval<'a, '_>, why: &Template) {
        let p = &self.rs.procedures[rule.procedure];
        let subject = ev.subject.map(|m| m.id.clone());
        let (reason, phrase) = self.render(why, ev);
        match self
            .not_applicable
            .iter_mut()
            .find(|n| n.id == p.id && n.subject == subject)
        {
            Some(n) if !n.reasons.contains(&reason) => {
                n.reasons.push(reason);
                n.reason_phrases.push(phrase);
            }
            Some(_) => {}
            None => self.not_applicable.push(NotApplicable {
                id: p.id.clone(),
                name: p.name.clone(),
                subject,
                reasons: vec![reason],
                reason_phrases: vec![phrase],
            }),
        }
    }

    /// A reason in Japanese, and as data for other languages.
    fn render(&self, t: &Template, ev: &Eval<'a, '_>) -> (String, Phrase) {
        let mut out = String::new();
        let mut phrase = Phrase::fixed(t.source.as_str());
        for seg in &t.segments {
            match seg {
                Segment::Text(s) => out.push_str(s),
                Segment::EventDate => {
                    out.push_str(&ja_date(ev.event.date));
                    phrase = phrase.with("event.date", PhraseArg::Date(ev.event.date));
                }
                Segment::Role(r) => {
                    let name = match ev.roles.get(*r, ev.subject) {
                        Resolved::Member(m) => self.label(m),
                        _ => "—".to_owned(),
                    };
                    out.push_str(&name);
                    phrase = phrase.with(r.name(), PhraseArg::Name(name));
                }
                Segment::Param(i) => {
                    let p = &self.rs.params[*i];
                    if let Some(v) = p.at(self.req.as_of) {
                        out.push_str(&v.display(p.kind));
                        phrase = phrase.with(&format!("${}", p.name), v.arg(p.kind));
                    }
                }
                Segment::Member => {}
            }
        }
        (out, phrase)
    }

    fn question_text(&self, t: &Template, member: Option<&Member>) -> (String, Phrase) {
        let mut out = String::new();
        let mut phrase = Phrase::fixed(t.source.as_str());
        for seg in &t.segments {
            match seg {
                Segment::Text(s) => out.push_str(s),
                Segment::Member => {
                    let name = member.map(|m| self.label(m)).unwrap_or_default();
                    out.push_str(&name);
                    phrase = phrase.with("member", PhraseArg::Name(name));
                }
                _ => {}
            }
        }
        (out, phrase)
    }

    /// Adds the questions for `asks`, each naming the rule's procedure among those it affects.
    fn ask(&mut self, asks: &[Ask<'a>], rule: &Rule, roles: &Roles<'a>) {
        let affects = &self.rs.procedures[rule.procedure].id;
        for a in asks {
            let q = self.question(a, roles);
            match self.questions.iter_mut().find(|x| x.id == q.id) {
                Some(existing) => {
                    if !existing.affects.contains(affects) {
                        existing.affects.push(affects.clone());
                    }
                }
                None => self.questions.push(Question {
                    affects: vec![affects.clone()],
                    ..q
                }),
            }
        }
    }

    fn question(&self, a: &Ask<'a>, roles: &Roles<'a>) -> Question {
        let rs = self.rs;
        if a.key == AskKey::Claimant {
            let options = match &roles.claimant {
                Err(list) => list.iter().map(|m| m.id.clone()).collect(),
                Ok(_) => Vec::new(),
            };
            let (text, phrase) = rs
                .claimant_question
                .map(|i| self.question_text(&rs.facts[i].question, None))
                .unzip();
            return Question {
                id: "claimant".into(),
                text: text.unwrap_or_else(|| "主に家計を支えているのはどなたですか".into()),
                kind: "choice".into(),
                options,
                phrase,
                affects: Vec::new(),
            };
        }
        let id = a.id(rs);
        let fact = match a.key {
            AskKey::Household(i) | AskKey::Fact(MemberFact::Declared(i)) => Some(i),
            AskKey::Fact(f) => rs
                .builtin_questions
                .iter()
                .find(|(x, _)| *x == f)
                .map(|(_, i)| *i),
            AskKey::Claimant => None,
        };
        let ty = match (a.key, fact) {
            (AskKey::Fact(f), None) => MemberFact::BUILTIN
                .iter()
                .find(|(_, x, _)| *x == f)
                .map_or(Ty::Bool, |(_, _, t)| *t),
            (_, Some(i)) => rs.facts[i].ty,
            (_, None) => Ty::Bool,
        };
        let (kind, options) = match ty {
            Ty::Bool => ("boolean", Vec::new()),
            Ty::Int => ("number", Vec::new()),
            Ty::Insurance => (
                "choice",
                Insurance::ALL.iter().map(|i| i.id().to_owned()).collect(),
            ),
            _ => (
                "choice",
                fact.map(|i| rs.facts[i].options.clone())
                    .unwrap_or_default(),
            ),
        };
        let (text, phrase) = match fact {
            Some(i) => {
                let (text, phrase) = self.question_text(&rs.facts[i].question, a.member);
                (text, Some(phrase))
            }
            None => (id.clone(), None),
        };
        Question {
            id,
            text,
            phrase,
            kind: kind.into(),
            options,
            affects: Vec::new(),
        }
    }
}

fn condition_trace(
    text: &str,
    t: &Truth<'_>,
    seen: Vec<super::eval::Seen>,
    run: &Run<'_, '_>,
) -> ConditionTrace {
    let mut values: Vec<SeenValue> = Vec::new();
    for s in seen {
        let expr = text
            .get(s.start as usize..s.end as usize)
            .unwrap_or_default()
            .to_owned();
        if let Some(v) = values.iter_mut().find(|v| v.expr == expr) {
            v.value = s.value;
        } else {
            values.push(SeenValue {
                expr,
                value: s.value,
            });
        }
    }
    let (result, questions) = match t {
        Truth::Yes => (Held::True, Vec::new()),
        Truth::No => (Held::False, Vec::new()),
        Truth::Unknown(asks) => (Held::Unknown, asks.iter().map(|a| a.id(run.rs)).collect()),
    };
    ConditionTrace {
        condition: text.to_owned(),
        result,
        values,
        questions,
    }
}

/// Why each procedure of the catalog is not in the result.
fn not_listed(rs: &Ruleset, listed: &[ProcedureResult], rules: &[RuleTrace]) -> Vec<NotListed> {
    rs.procedures
        .iter()
        .filter(|p| !listed.iter().any(|x| x.id == p.id))
        .map(|p| {
            let mine: Vec<&RuleTrace> = rules.iter().filter(|r| r.procedure == p.id).collect();
            let why = if mine.is_empty() {
                vec!["no rule of this procedure is for the events given".to_owned()]
            } else {
                mine.iter()
                    .filter(|r| r.outcome != Outcome::Applies)
                    .map(|r| {
                        let who = r
                            .subject
                            .as_deref()
                            .map(|s| format!(" for {s}"))
                            .unwrap_or_default();
                        match r.outcome {
                            Outcome::NoSubject => {
                                format!("{}: the household has no such member", r.rule)
                            }
                            Outcome::Question => format!("{}{who}: waiting for answers", r.rule),
                            _ => {
                                let failed: Vec<String> = r
                                    .conditions
                                    .iter()
                                    .filter(|c| c.result == Held::False)
                                    .map(|c| {
                                        let vals: Vec<String> = c
                                            .values
                                            .iter()
                                            .map(|v| format!("{} = {}", v.expr, v.value))
                                            .collect();
                                        format!("`{}` is false ({})", c.condition, vals.join(", "))
                                    })
                                    .collect();
                                format!("{}{who}: {}", r.rule, failed.join("; "))
                            }
                        }
                    })
                    .collect()
            };
            NotListed {
                procedure: p.id.clone(),
                why,
            }
        })
        .collect()
}

impl Ruleset {
    /// Refuses answers that name no member or fact, or have the wrong type: a typo
    /// must not silently leave a fact unknown.
    fn check_answers(&self, req: &Request) -> Result<(), ContractError> {
        for (key, value) in &req.answers {
            let bad = |code: &str, message: String| ContractError {
                code: code.into(),
                message,
                path: format!("answers.{key}"),
            };
            let member_ids = || req.household.members.iter().map(|m| m.id.as_str());
            if key == "claimant" {
                match value.as_str() {
                    Some(id) if member_ids().any(|m| m == id) => continue,
                    _ => {
                        return Err(bad(
                            "invalid_answer",
                            "the claimant is a member id of the household".into(),
                        ))
                    }
                }
            }
            if let Some(f) = self.facts.iter().find(|f| f.household && &f.name == key) {
                check_value(value, f.ty, &f.options).map_err(|m| bad("invalid_answer", m))?;
                continue;
            }
            let Some((_, fact)) = key
                .split_once('.')
                .filter(|(m, _)| member_ids().any(|x| x == *m))
            else {
                return Err(bad(
                    "unknown_answer",
                    format!("`{key}` names no question: use a question id from a result"),
                ));
            };
            if let Some((_, _, ty)) = MemberFact::BUILTIN.iter().find(|(n, ..)| *n == fact) {
                if matches!(ty, Ty::Relationship | Ty::Sex | Ty::Date) {
                    return Err(bad(
                        "unknown_answer",
                        format!("`{fact}` comes from the household, it is not asked"),
                    ));
                }
                check_value(value, *ty, &[]).map_err(|m| bad("invalid_answer", m))?;
            } else if let Some(f) = self.facts.iter().find(|f| !f.household && f.name == fact) {
                check_value(value, f.ty, &f.options).map_err(|m| bad("invalid_answer", m))?;
            } else {
                return Err(bad(
                    "unknown_answer",
                    format!("`{fact}` is not a fact the rules ask"),
                ));
            }
        }
        Ok(())
    }
}

fn check_value(v: &serde_json::Value, ty: Ty, options: &[String]) -> Result<(), String> {
    let ok = match ty {
        Ty::Bool => v.is_boolean(),
        Ty::Int => v.as_i64().is_some_and(|n| n >= 0),
        Ty::Insurance => v
            .as_str()
            .and_then(Insurance::from_id)
            .is_some_and(|i| i != Insurance::Unknown),
        Ty::Text => v.as_str().is_some_and(|s| options.iter().any(|o| o == s)),
        Ty::Relationship | Ty::Sex => v.is_string(),
        Ty::Date => v
            .as_str()
            .is_some_and(|s| s.parse::<chrono::NaiveDate>().is_ok()),
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(match ty {
            Ty::Bool => "the answer is true or false".into(),
            Ty::Int => "the answer is a whole number, 0 or more".into(),
            Ty::Insurance => "the answer is one of nhi, employee, late_elderly, welfare".into(),
            Ty::Text => format!("the answer is one of {}", options.join(", ")),
            _ => format!("the answer must be {}", ty.name()),
        })
    }
}
