//! The rule files as written: TOML documents staff can read and review. A rule set is
//! any number of files; each may hold any of the sections below. Expressions keep their
//! place in the file so an error names the file, line and column.

use serde::{Deserialize, Serialize};
use toml::value::Datetime;
use toml::Spanned;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub department: Vec<DepartmentDef>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub procedure: Vec<ProcedureDef>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fact: Vec<FactDef>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub param: Vec<ParamDef>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rule: Vec<RuleDef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<CalendarDef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holidays: Option<HolidaysDef>,
}

/// The city hall's own closed days: weekdays and yearly spans (年末年始).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarDef {
    /// `monday` … `sunday`.
    #[serde(default)]
    pub closed_weekdays: Vec<Spanned<String>>,
    /// Yearly spans, `MM-DD` to `MM-DD` (may wrap the year end).
    #[serde(default)]
    pub closed_days: Vec<ClosedDaysDef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClosedDaysDef {
    pub from: Spanned<String>,
    pub until: Spanned<String>,
    pub name: String,
}

/// The national holidays, as published.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HolidaysDef {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    pub days: Vec<HolidayDef>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HolidayDef {
    pub date: Spanned<toml::value::Datetime>,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DepartmentDef {
    pub id: String,
    pub name: String,
    /// Where a resident goes (building, floor, counter number).
    pub counter: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcedureDef {
    pub id: Spanned<String>,
    pub name: String,
    /// How a resident names it in a sentence ("児童手当" for "児童手当 認定請求"), as in
    /// the question "…を受けていますか". Defaults to `name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_name: Option<String>,
    pub department: String,
    #[serde(default)]
    pub documents: Vec<String>,
    /// The resident can apply online, signed in (`/online`); otherwise only at the
    /// counter. Shown by the public navigator.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub online: bool,
}

/// A fact the rules may ask about. Facts named like a contract member field
/// (`insurance`, `public_servant`, ...) give that field's question; others are asked
/// only, never in the request.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactDef {
    pub name: Spanned<String>,
    /// `member` (asked per member, answer id `p1.name`) or `household` (answer id `name`).
    pub scope: String,
    /// `bool`, `int`, `insurance`, `text` (with `options`) or `member`.
    #[serde(rename = "type")]
    pub ty: String,
    /// The question, with `{member}` (and `{procedure}` for `receives`).
    pub question: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParamDef {
    pub name: Spanned<String>,
    /// `yen`, `age`, `count`, `days`, `months`, `years`, `date` or `flag`.
    pub kind: String,
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    pub values: Vec<PeriodDef>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodDef {
    pub from: Datetime,
    /// The last day (inclusive); absent = until the next period's `from`, or open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Datetime>,
    pub value: toml::Value,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    pub id: Spanned<String>,
    pub procedure: String,
    pub events: Vec<String>,
    /// Who the procedure is for: `event` (the member the event names), `members`
    /// (each member in turn), or a role such as `claimant` or `mother`.
    #[serde(rename = "for")]
    pub subject: String,
    #[serde(default)]
    pub when: Vec<ConditionDef>,
    /// A date expression, e.g. `event.date + $deadline.nhi`; absent = no deadline.
    /// A deadline on a day the city is closed moves to the next open day…
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Spanned<String>>,
    /// …unless the law counts it otherwise (a claim period ending by 時効): then this
    /// text says so, and the date stays.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline_fixed: Option<String>,
    /// Reasons shown whenever the procedure applies, after the conditions' reasons
    /// and the notes that hold.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<String>,
    /// Extra lines shown when their condition holds; they never decide applicability.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<ConditionDef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benefit: Option<BenefitDef>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConditionDef {
    #[serde(rename = "if")]
    pub test: Spanned<String>,
    /// Shown to the resident when the condition holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Shown when the condition fails (an income over the limit): the household is
    /// told why the procedure is not for them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why_not: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BenefitDef {
    pub amount: Spanned<String>,
    /// The lowest of the expected band (一部支給), when `amount` is its highest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<Spanned<String>>,
    /// `once`, `month` or `year`.
    pub per: String,
}
