//! What the integration API answers with: an application as a business system reads
//! it (machine-readable field keys beside the printed labels), its history, a page of
//! the feed. The OpenAPI document is generated from these types (`utoipa`).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// An application as its department's business system reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ApplicationRecord {
    pub id: i32,
    /// The procedure (`child_allowance`, `nhi_join`, …; see the rule set's procedures).
    pub procedure_id: String,
    /// Its official Japanese name.
    pub procedure_name: String,
    pub department_id: String,
    /// `received`, `in_review`, `returned`, `completed`, `withdrawn` or `rejected`.
    pub status: String,
    /// When it was submitted (RFC 3339, UTC).
    pub received_at: DateTime<Utc>,
    /// When its status, assignment or history last changed.
    pub updated_at: DateTime<Utc>,
    /// The legal deadline, if the law sets one.
    pub deadline: Option<NaiveDate>,
    /// Who it is about (the baby, the person moving, …), as registered.
    pub subject_name: String,
    /// The counter visit it came from (several applications of one visit share it).
    pub visit_number: String,
    /// `counter` (the city hall's tablet).
    pub channel: String,
    /// The rule set version that decided it applies.
    pub ruleset: String,
    /// Why it applies, in the words the resident was shown.
    pub reasons: Vec<String>,
    /// The form's title.
    pub form_title: String,
    /// Every value of the form, in the order of the official form.
    pub fields: Vec<FieldRecord>,
    /// What happened to it, oldest first.
    pub history: Vec<HistoryRecord>,
}

/// One value of the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FieldRecord {
    /// The field's key in the city's form catalog (`baby.family_name`, …): stable.
    pub key: String,
    /// The section of the form it is printed in.
    pub section: String,
    /// The label on the printed form.
    pub label: String,
    /// As printed; empty where the form leaves the field blank.
    pub value: String,
}

/// One entry of an application's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct HistoryRecord {
    pub at: DateTime<Utc>,
    /// `status`, `comment` or `assigned`.
    pub kind: String,
    /// The status after the entry.
    pub status: String,
    /// `staff` or `system`.
    pub by: String,
    /// The business system's name, when `by` is `system`.
    pub system: Option<String>,
    /// The reason of a return or rejection (the resident reads it); a comment's text.
    pub note: String,
}

/// A page of the feed: the department's applications this system has not acknowledged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct FeedPage {
    pub items: Vec<ApplicationRecord>,
    /// Pass as `after` for the next page of this poll; absent on the last page.
    pub next_cursor: Option<String>,
}

/// Applications the system has taken into its own records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AckRequest {
    /// 1 to 500 application ids of the key's department.
    pub applications: Vec<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AckResult {
    /// The ids now acknowledged (those acknowledged before included).
    pub acknowledged: Vec<i32>,
}

/// A status change from a business system.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct StatusUpdate {
    /// The status the system last saw; the change is refused (`409`) if it moved since.
    pub from: String,
    /// The new status; it must follow `from` in the workflow (受付 → 審査中 → 完了, …).
    pub to: String,
    /// Required for `returned` and `rejected`: the reason the resident reads (≤ 1000
    /// characters).
    #[serde(default)]
    pub note: String,
}
