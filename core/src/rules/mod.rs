//! Rules as data. A rule set is a handful of TOML files (in the repository under
//! `rules/`, and in the database once staff edit them): the departments, the procedure
//! catalog, the facts that may be asked, the dated parameters and the rules. They are
//! compiled here into a [`Ruleset`]: every expression parsed and type-checked, every
//! name resolved, every parameter's periods checked for gaps and overlaps. Only a
//! compiled rule set can screen, so an invalid edit can never reach residents.

mod benefits;
mod bundled;
pub mod calendar;
pub mod cases;
mod child_rearing;
mod compile;
mod compile_calendar;
mod eval;
pub mod expr;
mod msg;
mod params;
pub mod population;
mod roles;
mod screen;
pub mod source;
mod template;
pub mod trace;

use crate::screening::EventType;
use expr::{MemberFact, Node, Role, Ty};
use std::collections::BTreeMap;

pub use bundled::{bundled, bundled_cases, bundled_files};
pub use compile::{compile, is_test_file};
pub use msg::{Arg, Msg, ToArg};
pub use params::{Param, ParamKind, ParamValue, Period};
pub use screen::Options;
pub use template::thousands;

/// A rule set's files: path (such as `events/birth.toml`) → TOML text.
pub type RuleFiles = BTreeMap<String, String>;

/// An error in a rule file, pointing at the place to fix.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RuleError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: Msg,
}

impl std::fmt::Display for RuleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Department {
    pub id: String,
    pub name: String,
    pub counter: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Procedure {
    pub id: String,
    pub name: String,
    pub short_name: String,
    pub department: String,
    pub documents: Vec<String>,
    /// Can be applied for online by a signed-in resident.
    pub online: bool,
}

/// How a fact's answer is typed, and so how its question is asked.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Fact {
    pub name: String,
    pub household: bool,
    pub ty: Ty,
    pub question: template::Template,
    pub options: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Subjects {
    Event,
    Members,
    Role(Role),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Condition {
    pub text: String,
    pub node: Node,
    pub reason: Option<template::Template>,
    /// Shown when the condition fails: why the procedure is not for this household.
    pub why_not: Option<template::Template>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Rule {
    pub id: String,
    pub procedure: usize,
    pub subjects: Subjects,
    pub when: Vec<Condition>,
    pub deadline: Option<(String, Node)>,
    /// Why the deadline does not move on a closed day (時効), when the law says so.
    pub deadline_fixed: Option<String>,
    pub reasons: Vec<template::Template>,
    pub notes: Vec<Condition>,
    pub benefit: Option<BenefitExpr>,
}

/// What a rule says the household can expect: an amount (the highest of a band when
/// `min` is given) per `once`, `month` or `year`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct BenefitExpr {
    pub amount: Node,
    pub min: Option<Node>,
    pub per: String,
}

/// A compiled, checked rule set, ready to screen.
#[derive(Debug, Clone)]
pub struct Ruleset {
    pub version: String,
    pub departments: Vec<Department>,
    pub procedures: Vec<Procedure>,
    pub params: Vec<Param>,
    pub(crate) facts: Vec<Fact>,
    /// Question texts of the contract's member fields, by [`MemberFact`].
    pub(crate) builtin_questions: Vec<(MemberFact, usize)>,
    pub(crate) claimant_question: Option<usize>,
    pub(crate) rules: Vec<Rule>,
    pub(crate) by_event: Vec<Vec<usize>>,
    pub(crate) child_allowance: Option<benefits::ChildAllowanceParams>,
    pub(crate) child_rearing: Option<child_rearing::ChildRearingParams>,
    /// The city's closed days, when the rule set has `calendar.toml`.
    pub calendar: Option<calendar::Calendar>,
    files: RuleFiles,
}

impl Ruleset {
    /// Every text the result may carry as a [`crate::screening::Phrase`]: reasons,
    /// notes, deadline notes and questions, as the rule set writes them — what a
    /// language translates (`[texts]` of `locales/<code>/rules.toml`). Sorted, once each.
    pub fn phrase_texts(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for rule in &self.rules {
            let conditions = rule.when.iter().chain(&rule.notes);
            out.extend(
                conditions
                    .flat_map(|c| [&c.reason, &c.why_not])
                    .flatten()
                    .chain(&rule.reasons)
                    .map(|t| t.source.clone()),
            );
            out.extend(rule.deadline_fixed.clone());
        }
        out.extend(self.facts.iter().map(|f| f.question.source.clone()));
        if self.calendar.is_some() {
            out.push(calendar::Moved::NOTE.to_owned());
        }
        out.sort();
        out.dedup();
        out
    }

    /// Every word of the rule set's data a phrase may carry as a term: why the city
    /// hall is closed on a day (a weekday, a holiday, 年末年始). Sorted, once each.
    pub fn terms(&self) -> Vec<String> {
        let Some(cal) = &self.calendar else {
            return Vec::new();
        };
        let mut out: Vec<String> = cal
            .closed_weekdays
            .iter()
            .map(|w| calendar::weekday_ja(*w).to_owned())
            .chain(cal.closed_spans.iter().map(|s| s.name.clone()))
            .chain(cal.holidays.values().cloned())
            .collect();
        out.sort();
        out.dedup();
        out
    }

    pub fn procedure(&self, id: &str) -> Option<&Procedure> {
        self.procedures.iter().find(|p| p.id == id)
    }

    pub fn department(&self, id: &str) -> Option<&Department> {
        self.departments.iter().find(|d| d.id == id)
    }

    pub fn param(&self, name: &str) -> Option<&Param> {
        self.params.iter().find(|p| p.name == name)
    }

    /// The files this rule set was compiled from (rule tests included).
    pub fn files(&self) -> &RuleFiles {
        &self.files
    }

    /// The rule tests kept with this rule set (`tests/…`).
    pub fn test_files(&self) -> RuleFiles {
        self.files
            .iter()
            .filter(|(p, _)| is_test_file(p))
            .map(|(p, t)| (p.clone(), t.clone()))
            .collect()
    }

    /// Runs the rule tests kept with this rule set.
    pub fn run_tests(&self) -> Vec<cases::CaseResult> {
        cases::run(self, &self.test_files())
    }

    /// The ids of the rules, with their procedure and events, for browsing.
    pub fn rule_summaries(&self) -> Vec<RuleSummary> {
        self.rules
            .iter()
            .map(|r| RuleSummary {
                id: r.id.clone(),
                procedure: self.procedures[r.procedure].id.clone(),
                events: EventType::ALL
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| self.by_event[*i].iter().any(|&k| self.rules[k].id == r.id))
                    .map(|(_, e)| *e)
                    .collect(),
                conditions: r.when.iter().map(|c| c.text.clone()).collect(),
                deadline: r.deadline.as_ref().map(|d| d.0.clone()),
            })
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RuleSummary {
    pub id: String,
    pub procedure: String,
    pub events: Vec<EventType>,
    pub conditions: Vec<String>,
    pub deadline: Option<String>,
}
