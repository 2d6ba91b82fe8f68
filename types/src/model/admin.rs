//! What the rule administration and outreach pages send and receive.

use chrono::NaiveDate;
use madoguchi_core::rules::cases::CaseResult;
use madoguchi_core::rules::population::Impact;
use madoguchi_core::rules::{RuleError, RuleSummary};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RulesOverview {
    /// The version every screening uses now.
    pub live: String,
    /// Versions approved to take over later: (day, version).
    #[serde(default)]
    pub scheduled: Vec<(NaiveDate, String)>,
    /// Set when the holiday list runs out within a year.
    #[serde(default)]
    pub calendar_warning: Option<madoguchi_core::rules::Msg>,
    /// Every version, newest first.
    pub versions: Vec<VersionRow>,
    pub procedures: Vec<ProcedureRow>,
    pub rules: Vec<RuleSummary>,
    pub params: Vec<ParamRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionRow {
    pub version: String,
    pub based_on: Option<String>,
    /// `draft`, `pending`, `returned`, `published` or `proposed`.
    pub status: String,
    pub note: String,
    pub created_by: String,
    pub created_at: String,
    pub published_by: Option<String>,
    pub published_at: Option<String>,
    #[serde(default)]
    pub effective_from: Option<NaiveDate>,
    #[serde(default)]
    pub requested_by: Option<String>,
    #[serde(default)]
    pub review_note: Option<String>,
}

/// Putting a draft up for publication: from which day, and how events dated before
/// that day are screened (`as_of` or `event_date`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicationRequest {
    pub version: String,
    /// `YYYY-MM-DD`, today or later; empty: today (immediately).
    pub effective_from: String,
    pub transition: String,
    pub note: String,
}

/// One file that differs between the version in force and the one under review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileDiff {
    pub path: String,
    /// `changed`, `added` or `removed`.
    pub status: String,
    pub hunks: Vec<Vec<madoguchi_core::diff::DiffLine>>,
}

/// A proposed release merged with the city's rules in force: each file, how it was
/// merged (`unchanged`; `release`: only the release changed it; `city`: only the city; `merged`:
/// both, on different lines; `conflict`: both, on the same lines — its chunks then
/// show each conflict to resolve).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReleaseMerge {
    pub proposed: String,
    /// The repository version the city's rules descend from.
    pub base: String,
    /// The city's version in force.
    pub city: String,
    pub files: Vec<MergeFile>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeFile {
    pub path: String,
    pub status: String,
    pub conflicts: usize,
    pub chunks: Vec<madoguchi_core::diff::Chunk>,
}

/// What the second administrator reviews before approving.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    pub version: String,
    pub status: String,
    pub note: String,
    pub created_by: String,
    pub requested_by: Option<String>,
    pub effective_from: Option<NaiveDate>,
    pub transition: String,
    pub review_note: Option<String>,
    /// The version the files are compared with: in force on the day asked for.
    pub compared_with: String,
    /// Versions already approved to take over after this one's day: (day, version).
    /// They were made before this change and do not carry it.
    #[serde(default)]
    pub overridden_by: Vec<(NaiveDate, String)>,
    pub files: Vec<FileDiff>,
    pub check: CheckReport,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcedureRow {
    pub id: String,
    pub name: String,
    pub department_id: String,
    pub department: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParamRow {
    pub name: String,
    /// The last period ends within half a year: the law or the city must say what
    /// follows, or the rules that read it stop applying.
    pub ends_soon: Option<NaiveDate>,
    pub label: String,
    pub source: Option<String>,
    pub periods: Vec<PeriodRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodRow {
    pub from: NaiveDate,
    pub until: Option<NaiveDate>,
    pub value: String,
}

/// An edited rule set: every file (rules and their tests), based on a stored version.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RuleEdit {
    pub base: String,
    pub files: BTreeMap<String, String>,
    pub note: String,
}

/// What an edit would do, before anything is saved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckReport {
    /// Compile errors (file, line, column, message); empty when the edit is valid.
    pub errors: Vec<RuleError>,
    pub tests_passed: usize,
    pub tests_failed: Vec<CaseResult>,
    /// Every household screened with the live and the edited rules.
    pub impact: Option<Impact>,
    pub impact_seconds: f64,
}

/// Reading (periods `None`) or writing the dated values of one parameter in the files of
/// an edit, through a table instead of the TOML text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParamEdit {
    pub files: BTreeMap<String, String>,
    pub name: String,
    pub periods: Option<Vec<PeriodInput>>,
}

/// One period as typed: dates as `YYYY-MM-DD`, `until` empty for open-ended, the value as
/// text (digits with or without commas; a date; はい/いいえ).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PeriodInput {
    pub from: String,
    pub until: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParamForm {
    pub files: BTreeMap<String, String>,
    /// The file that holds the parameter.
    pub file: String,
    pub name: String,
    pub label: String,
    pub kind: String,
    pub periods: Vec<PeriodInput>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutreachQuery {
    pub procedure: String,
    pub as_of: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutreachReport {
    pub procedure: String,
    pub procedure_name: String,
    pub as_of: NaiveDate,
    pub ruleset: String,
    pub households: usize,
    /// Households where an unanswered question stands in the way.
    pub unsure: usize,
    pub leads: Vec<OutreachRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutreachRow {
    pub household: String,
    pub head: String,
    pub address: String,
    pub subject: Option<String>,
    pub amount: Option<i64>,
    /// `month`, `once` or `year`.
    pub per: Option<String>,
}
