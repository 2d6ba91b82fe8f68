//! The explanation of a screening (`?explain=true`, `--explain`): every rule
//! considered, for whom, each condition with the values it saw and whether it held, and
//! why each procedure of the catalog was not listed.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Trace {
    pub rules: Vec<RuleTrace>,
    pub not_listed: Vec<NotListed>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Every condition held: the procedure is listed.
    Applies,
    /// A condition failed.
    NotApplicable,
    /// No condition failed, but one is unknown: its facts are asked.
    Question,
    /// The rule is for a member the household does not have (no mother, say).
    NoSubject,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleTrace {
    pub rule: String,
    pub procedure: String,
    /// Index of the event in the request.
    pub event: usize,
    pub subject: Option<String>,
    pub outcome: Outcome,
    pub conditions: Vec<ConditionTrace>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Held {
    True,
    False,
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConditionTrace {
    pub condition: String,
    pub result: Held,
    /// Each fact, parameter and function the condition read, with its value
    /// (`unknown` when the data does not tell, `none` when there is no such member or
    /// the parameter is not in force).
    pub values: Vec<SeenValue>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeenValue {
    pub expr: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NotListed {
    pub procedure: String,
    pub why: Vec<String>,
}
