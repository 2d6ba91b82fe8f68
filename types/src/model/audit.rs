//! The audit log as the auditor sees it: the result of verifying the chain, and the
//! viewer's filters and rows.

use serde::{Deserialize, Serialize};

/// What `madoguchi audit verify` (and the viewer) found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyReport {
    /// Entries checked.
    pub entries: u64,
    /// The chain was checked from after this entry (0, or the last retention
    /// checkpoint).
    pub from_seq: i64,
    /// The last entry that verified, and its hash.
    pub head_seq: i64,
    pub head_hash: String,
    /// The database triggers that refuse UPDATE and DELETE exist and are enabled.
    pub triggers_in_place: bool,
    /// The first problem, if any: everything after it is unverified.
    pub problem: Option<ChainProblem>,
}

impl VerifyReport {
    pub fn ok(&self) -> bool {
        self.problem.is_none() && self.triggers_in_place
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    Edited,
    Deleted,
    Reordered,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainProblem {
    pub kind: ProblemKind,
    /// The row where it shows (absent when the end of the log is missing).
    pub id: Option<i32>,
    /// The chain position concerned.
    pub seq: i64,
    pub detail: String,
}

/// The viewer's filters. Dates are days in Japan, inclusive.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuditQuery {
    /// A staff member's username.
    pub staff: Option<String>,
    /// A resident's number (宛名番号): entries about them or their household.
    pub resident: Option<String>,
    /// An action, e.g. `application_read`, `sign_in`.
    pub action: Option<String>,
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
    /// Only entries outside office hours (weekends, before 8:00 or after 19:00).
    pub after_hours: bool,
    /// Only denied, throttled or failed entries.
    pub denied_only: bool,
    /// Entries before this chain position (paging backwards from the newest).
    pub before_seq: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    pub seq: i64,
    /// In Japan's time, `YYYY-MM-DD HH:MM:SS`.
    pub at: String,
    pub staff: Option<String>,
    /// The resident account that acted online (then `staff` is empty).
    pub resident_account: Option<i32>,
    pub action: String,
    pub target: String,
    pub household: Option<String>,
    pub resident: Option<String>,
    pub purpose: String,
    pub outcome: String,
    pub origin: String,
    pub after_hours: bool,
}

/// A staff member who read many households in a short time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkReadAlert {
    pub staff: String,
    /// Start of the window, in Japan's time.
    pub from: String,
    pub households: u32,
    pub minutes: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub rows: Vec<AuditRow>,
    /// More, older entries: ask again with `before_seq` set to this.
    pub next_before: Option<i64>,
    pub alerts: Vec<BulkReadAlert>,
    /// Actions seen in the log, for the filter's choices.
    pub actions: Vec<String>,
}
