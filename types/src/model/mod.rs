//! Data that crosses between browser and server: what screens show and what they send.

use chrono::NaiveDate;
use madoguchi_core::screening::{ProcedureResult, Question};
use serde::{Deserialize, Serialize};

/// How the counter tablet protects an unattended visit: after `idle_seconds` without a
/// touch it clears itself, showing a warning `warning_seconds` before. An interrupted
/// visit (a reload, a crash) is offered for resuming for `resume_minutes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KioskSettings {
    pub idle_seconds: u32,
    pub warning_seconds: u32,
    pub resume_minutes: u32,
}

impl Default for KioskSettings {
    fn default() -> Self {
        Self {
            idle_seconds: 180,
            warning_seconds: 30,
            resume_minutes: 30,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberView {
    /// Registry person number (宛名番号); also the member id in screening requests.
    pub person_number: String,
    pub name: String,
    pub kana: String,
    pub birth_date: NaiveDate,
    pub sex: String,
    pub relationship: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HouseholdView {
    pub household_number: String,
    /// The member found at the counter (the resident filing), by resident number.
    pub applicant: String,
    pub postal_code: String,
    pub address: String,
    pub members: Vec<MemberView>,
}

/// How to find a household at the counter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum HouseholdQuery {
    /// A member's name in kana plus date of birth (as typed).
    KanaAndBirthDate { kana: String, birth_date: String },
    /// A member's resident number (宛名番号).
    PersonNumber(String),
}

/// The baby as typed at the counter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BabyInput {
    pub family_name: String,
    pub given_name: String,
    pub family_kana: String,
    pub given_kana: String,
    pub birth_date: String,
    pub sex: String,
}

/// The screening of a visit, with members named for the resident.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VisitScreening {
    pub ruleset: String,
    pub procedures: Vec<ProcedureView>,
    pub questions: Vec<Question>,
    /// Procedures ruled out for a reason the resident should hear (an income over the
    /// limit).
    #[serde(default)]
    pub not_applicable: Vec<madoguchi_core::screening::NotApplicable>,
    /// Interview fields filled from the registry or earlier steps, with their source.
    pub prefilled: Vec<PrefilledValue>,
    /// The merged interview of the procedures listed.
    pub interview: InterviewSpec,
}

/// The merged interview and the part of the form catalog it uses, so the tablet checks
/// each screen with the same rules the server checks the whole interview with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterviewSpec {
    pub catalog: madoguchi_core::forms::Catalog,
    pub plan: madoguchi_core::forms::Plan,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProcedureView {
    pub procedure: ProcedureResult,
    pub department_name: String,
    /// Building and counter, e.g. "本庁舎 2階 12番窓口".
    pub counter: String,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrefilledValue {
    pub key: String,
    pub label: madoguchi_core::forms::Text,
    pub value: String,
    pub source: madoguchi_core::forms::Source,
}

/// A visit as the counter knows it so far: which visit, which household, its life
/// events, the baby (when one is born) and the answers to earlier questions. Sent to
/// screen the visit and again to submit it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VisitInput {
    pub visit_number: String,
    pub household_number: String,
    /// The member filing, by resident number (none: the head of the household).
    pub applicant: Option<String>,
    pub events: Vec<EventInput>,
    /// Required when one of the events is a birth (its date is the baby's birth date).
    pub baby: Option<BabyInput>,
    pub answers: std::collections::BTreeMap<String, serde_json::Value>,
}

/// One life event as entered at the counter. For a birth, date and person come from
/// the baby; for the others, the date as typed (`YYYY-MM-DD`) and the member it is
/// about by resident number (none: the whole household).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventInput {
    pub kind: madoguchi_core::screening::EventType,
    pub date: String,
    pub person: Option<String>,
}

/// What the counter submits at the end of the interview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubmitVisit {
    pub visit: VisitInput,
    /// The interview as typed, by field key.
    pub answers: madoguchi_core::forms::Answers,
    /// The one signature drawn on the tablet (`data:image/png;base64,…`); required when
    /// any form of the visit takes it.
    pub signature_png: Option<String>,
}

/// The tablet's saved state of an open visit: its step and what it has gathered, as
/// the tablet serialised them (the server keeps them as they are).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedDraft {
    pub visit_number: String,
    pub step: String,
    pub state: String,
}

/// An interrupted visit that can be resumed, named without any of the resident's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftSummary {
    pub visit_number: String,
    /// When it was last saved (JST, HH:MM).
    pub saved_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    pub visit_number: String,
    pub applications: Vec<ReceiptLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptLine {
    pub application_id: i32,
    /// The procedure's and the department's ids, for their names in the visit's
    /// language (the names here are the rules' Japanese ones).
    #[serde(default)]
    pub procedure_id: String,
    #[serde(default)]
    pub department_id: String,
    pub procedure_name: String,
    pub department_name: String,
    pub counter: String,
    pub deadline: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationSummary {
    pub id: i32,
    pub procedure_id: String,
    pub procedure_name: String,
    pub subject_name: String,
    pub status: String,
    pub deadline: Option<NaiveDate>,
    pub visit_number: String,
    /// Where it was made: `counter`, or `online` (by the resident, signed in).
    #[serde(default)]
    pub channel: String,
    pub created_at: String,
    /// Who has it (a display name), if anyone.
    pub assignee: Option<String>,
    /// An open application whose deadline has passed (`overdue`) or comes within
    /// [`DUE_SOON_DAYS`] days (`soon`).
    pub due: Option<Due>,
}

/// Days before a deadline from which the queue warns.
pub const DUE_SOON_DAYS: i64 = 7;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Due {
    Overdue,
    Soon,
}

/// What the queue shows: filters, order and page. Every field may be left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct QueueQuery {
    /// A status code, `open` (any not final: the default) or `all`.
    pub status: Option<String>,
    pub procedure: Option<String>,
    /// Received on or after this day (Japan time).
    pub received_from: Option<NaiveDate>,
    /// Received on or before this day (Japan time).
    pub received_to: Option<NaiveDate>,
    /// Deadline within this many days from today (or passed).
    pub due_within: Option<u32>,
    /// Only those assigned to the caller.
    pub mine: bool,
    pub sort: QueueSort,
    /// From 0.
    pub page: u32,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QueueSort {
    #[default]
    Newest,
    Oldest,
    Deadline,
}

/// One page of the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuePage {
    pub items: Vec<ApplicationSummary>,
    /// How many match the filters.
    pub total: u64,
    pub page: u32,
    pub page_size: u32,
    /// The procedures of the caller's queue (id, name), to filter by.
    pub procedures: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApplicationDetail {
    pub summary: ApplicationSummary,
    pub department_id: String,
    pub department_name: String,
    pub ruleset: String,
    pub reasons: Vec<String>,
    /// The form as filled in and confirmed by the resident.
    pub form: madoguchi_core::forms::Filled,
    /// How the rules decided this procedure at the visit: each rule considered, its
    /// conditions and the values they saw.
    pub trace: Vec<madoguchi_core::rules::trace::RuleTrace>,
    /// Who has it (a display name), if anyone.
    pub assignee: Option<String>,
    /// The caller has it.
    pub mine: bool,
    /// The caller's staff id (to take it on).
    pub me: i32,
    /// The caller may work on it (`application.process`, its department).
    pub can_process: bool,
    /// The statuses it may move to now (empty if the caller may not process it).
    pub next: Vec<madoguchi_core::workflow::Status>,
    /// Every change, assignment and comment, oldest first.
    pub history: Vec<HistoryEntry>,
    /// The other applications of the same visit (the resident's whole errand).
    pub visit_applications: Vec<VisitApplication>,
    /// Documents the resident attached online.
    #[serde(default)]
    pub attachments: Vec<online::AttachmentView>,
}

/// Another application made at the same visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitApplication {
    pub id: i32,
    pub procedure_id: String,
    pub procedure_name: String,
    pub department_id: String,
    pub department_name: String,
    pub status: String,
    /// The caller may open it (its department's, or every queue for supervisors).
    pub can_open: bool,
}

/// One line of an application's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// When, in Japan time (`2026-12-02 10:15`).
    pub at: String,
    /// Who: a member of staff's display name, or the business system's name.
    pub who: String,
    /// `status`, `comment`, `assigned` or `resubmitted` (by the resident, online).
    pub kind: String,
    /// The status after it.
    pub status: String,
    /// The reason, the comment, or the assignee's name.
    pub note: String,
}

/// The baby, checked: the same checks in the browser (before sending) and on the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Baby {
    pub family_name: madoguchi_core::jp::PersonName,
    pub given_name: madoguchi_core::jp::PersonName,
    pub family_kana: madoguchi_core::jp::KanaName,
    pub given_kana: madoguchi_core::jp::KanaName,
    pub birth_date: NaiveDate,
    pub sex: madoguchi_core::screening::Sex,
}

impl BabyInput {
    pub fn check(&self, today: NaiveDate) -> Result<Baby, Vec<madoguchi_core::forms::FieldError>> {
        use madoguchi_core::forms::FieldError;
        use madoguchi_core::jp::{parse_past_date, KanaName, PersonName, ValueError};
        use madoguchi_core::screening::Sex;
        let mut errors = Vec::new();
        let mut err = |field: &str, error: ValueError| {
            errors.push(FieldError {
                field: field.into(),
                error,
            })
        };
        let family_name = PersonName::parse(&self.family_name)
            .map_err(|e| err("family_name", e))
            .ok();
        let given_name = PersonName::parse(&self.given_name)
            .map_err(|e| err("given_name", e))
            .ok();
        let family_kana = KanaName::parse(&self.family_kana)
            .map_err(|e| err("family_kana", e))
            .ok();
        let given_kana = KanaName::parse(&self.given_kana)
            .map_err(|e| err("given_kana", e))
            .ok();
        let birth_date = parse_past_date(&self.birth_date, today)
            .map_err(|e| err("birth_date", e))
            .ok();
        let sex = match self.sex.as_str() {
            "male" => Some(Sex::Male),
            "female" => Some(Sex::Female),
            _ => {
                err("sex", ValueError::InvalidChoice);
                None
            }
        };
        match (
            family_name,
            given_name,
            family_kana,
            given_kana,
            birth_date,
            sex,
        ) {
            (
                Some(family_name),
                Some(given_name),
                Some(family_kana),
                Some(given_kana),
                Some(birth_date),
                Some(sex),
            ) if errors.is_empty() => Ok(Baby {
                family_name,
                given_name,
                family_kana,
                given_kana,
                birth_date,
                sex,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn baby() -> BabyInput {
        BabyInput {
            family_name: "山田".into(),
            given_name: "花".into(),
            family_kana: "ヤマダ".into(),
            given_kana: "ハナ".into(),
            birth_date: "2026-11-20".into(),
            sex: "female".into(),
        }
    }

    #[test]
    fn a_complete_baby_passes() {
        assert!(baby().check("2026-11-25".parse().unwrap()).is_ok());
    }

    #[test]
    fn kanji_in_the_kana_field_and_a_future_birth_are_both_reported() {
        let mut b = baby();
        b.given_kana = "花".into();
        b.birth_date = "2026-12-01".into();
        let errors = b.check("2026-11-25".parse().unwrap()).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["given_kana", "birth_date"]);
    }

    #[test]
    fn a_missing_sex_is_an_error() {
        let mut b = baby();
        b.sex.clear();
        assert_eq!(
            b.check("2026-11-25".parse().unwrap()).unwrap_err()[0].field,
            "sex"
        );
    }
}

pub mod admin;
pub mod audit;
pub mod integration;
pub mod online;
pub mod public;
pub mod security;
pub mod staff;

pub use security::{Permission, SessionState, StaffMe};
