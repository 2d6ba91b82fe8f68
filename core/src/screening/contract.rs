//! Request and result types of the screening contract, exactly as
//! `shared/domain/screening-contract.md` specifies them, and the parser that turns JSON
//! into a checked [`Request`] or a [`ContractError`] with a code and a path.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    pub as_of: NaiveDate,
    pub events: Vec<Event>,
    pub household: Household,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub answers: BTreeMap<String, serde_json::Value>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    #[serde(rename = "type")]
    pub kind: EventType,
    pub date: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    Birth,
    MoveIn,
    MoveOut,
    MoveWithin,
    Death,
    Marriage,
    Divorce,
    InsuranceLoss,
    InsuranceGain,
    Pregnancy,
}

impl EventType {
    pub const ALL: [EventType; 10] = [
        Self::Birth,
        Self::MoveIn,
        Self::MoveOut,
        Self::MoveWithin,
        Self::Death,
        Self::Marriage,
        Self::Divorce,
        Self::InsuranceLoss,
        Self::InsuranceGain,
        Self::Pregnancy,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Self::Birth => "birth",
            Self::MoveIn => "move_in",
            Self::MoveOut => "move_out",
            Self::MoveWithin => "move_within",
            Self::Death => "death",
            Self::Marriage => "marriage",
            Self::Divorce => "divorce",
            Self::InsuranceLoss => "insurance_loss",
            Self::InsuranceGain => "insurance_gain",
            Self::Pregnancy => "pregnancy",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.id() == id)
    }

    /// Whether the event is about one member who must be named (the deceased, the one
    /// who marries, the pregnant resident), not the whole household.
    pub fn needs_person(self) -> bool {
        matches!(self, Self::Death | Self::Marriage | Self::Pregnancy)
    }

    /// Position in [`EventType::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn label_ja(self) -> &'static str {
        match self {
            Self::Birth => "出生",
            Self::MoveIn => "転入",
            Self::MoveOut => "転出",
            Self::MoveWithin => "転居",
            Self::Death => "死亡",
            Self::Marriage => "婚姻",
            Self::Divorce => "離婚",
            Self::InsuranceLoss => "勤務先の健康保険をやめた",
            Self::InsuranceGain => "勤務先の健康保険に入った",
            Self::Pregnancy => "妊娠",
        }
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Household {
    pub members: Vec<Member>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    pub id: String,
    pub relationship: Relationship,
    pub birth_date: NaiveDate,
    pub sex: Sex,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insurance: Option<Insurance>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub income: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_servant: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub my_number_card: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub care_certified: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub property_owner: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receives: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moving: Option<bool>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relationship {
    Head,
    Spouse,
    Child,
    Parent,
    Grandchild,
    Grandparent,
    Sibling,
    #[default]
    Other,
}

impl Relationship {
    pub const ALL: [Relationship; 8] = [
        Self::Head,
        Self::Spouse,
        Self::Child,
        Self::Parent,
        Self::Grandchild,
        Self::Grandparent,
        Self::Sibling,
        Self::Other,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Self::Head => "head",
            Self::Spouse => "spouse",
            Self::Child => "child",
            Self::Parent => "parent",
            Self::Grandchild => "grandchild",
            Self::Grandparent => "grandparent",
            Self::Sibling => "sibling",
            Self::Other => "other",
        }
    }

    pub fn label_ja(self) -> &'static str {
        match self {
            Self::Head => "世帯主",
            Self::Spouse => "妻・夫",
            Self::Child => "子",
            Self::Parent => "父母",
            Self::Grandchild => "孫",
            Self::Grandparent => "祖父母",
            Self::Sibling => "兄弟姉妹",
            Self::Other => "その他",
        }
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Male,
    Female,
    #[default]
    Unspecified,
}

impl Sex {
    pub const ALL: [Sex; 3] = [Self::Male, Self::Female, Self::Unspecified];

    pub fn id(self) -> &'static str {
        match self {
            Self::Male => "male",
            Self::Female => "female",
            Self::Unspecified => "unspecified",
        }
    }

    pub fn label_ja(self) -> &'static str {
        match self {
            Self::Male => "男",
            Self::Female => "女",
            Self::Unspecified => "—",
        }
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Insurance {
    Nhi,
    Employee,
    LateElderly,
    Welfare,
    Unknown,
}

impl Insurance {
    pub const ALL: [Insurance; 4] = [Self::Nhi, Self::Employee, Self::LateElderly, Self::Welfare];

    pub fn id(self) -> &'static str {
        match self {
            Self::Nhi => "nhi",
            Self::Employee => "employee",
            Self::LateElderly => "late_elderly",
            Self::Welfare => "welfare",
            Self::Unknown => "unknown",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .chain([Self::Unknown])
            .find(|i| i.id() == id)
    }

    pub fn label_ja(self) -> &'static str {
        match self {
            Self::Nhi => "国民健康保険",
            Self::Employee => "勤務先の健康保険",
            Self::LateElderly => "後期高齢者医療",
            Self::Welfare => "生活保護",
            Self::Unknown => "わからない",
        }
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScreeningResult {
    pub contract: String,
    pub ruleset: String,
    pub as_of: NaiveDate,
    pub procedures: Vec<ProcedureResult>,
    pub questions: Vec<Question>,
    /// Procedures a rule considered and ruled out for a reason the household should
    /// hear (an income over the limit). Added to v1; absent when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_applicable: Vec<NotApplicable>,
    /// The full explanation, when asked for (`?explain=true`, `--explain`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub trace: Option<crate::rules::trace::Trace>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProcedureResult {
    pub id: String,
    pub name: String,
    pub department: String,
    pub subject: Option<String>,
    pub deadline: Option<NaiveDate>,
    /// How the deadline was set when the city's calendar matters: moved to the next
    /// open day, or a period the law does not move. Added to v1; absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline_note: Option<String>,
    pub reasons: Vec<String>,
    pub documents: Vec<String>,
    /// `reasons` as data, one each, for a client that shows them in another language.
    /// Added to v1.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reason_phrases: Vec<super::Phrase>,
    /// `deadline_note` as data. Added to v1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline_phrase: Option<super::Phrase>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benefit: Option<Benefit>,
    /// The resident may apply for it online, signed in, instead of at the counter.
    /// Added to v1; absent when false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub online: bool,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Benefit {
    /// The amount, or the highest of the expected band when `min` is given.
    pub amount: i64,
    pub per: String,
    /// The lowest of the expected band (児童扶養手当 一部支給). Added to v1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
}

/// A procedure ruled out, with why in words the resident understands.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotApplicable {
    pub id: String,
    pub name: String,
    pub subject: Option<String>,
    pub reasons: Vec<String>,
    /// `reasons` as data, one each. Added to v1.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reason_phrases: Vec<super::Phrase>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub text: String,
    pub kind: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
    pub affects: Vec<String>,
    /// `text` as data. Added to v1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phrase: Option<super::Phrase>,
}

/// The contract's error object: `{"error": {"code", "message", "path"}}`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{code} at {path}: {message}")]
pub struct ContractError {
    pub code: String,
    pub message: String,
    pub path: String,
}

impl ContractError {
    fn new(code: &str, message: impl Into<String>, path: impl Into<String>) -> Self {
        Self {
            code: code.into(),
            message: message.into(),
            path: path.into(),
        }
    }

    /// The JSON body sent with HTTP 422 or printed with exit status 2.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({ "error": self })
    }
}

/// Parses and checks a request: JSON syntax, types, dates, ids and references.
pub fn parse_request(json: &str) -> Result<Request, ContractError> {
    let de = &mut serde_json::Deserializer::from_str(json);
    let request: Request = serde_path_to_error::deserialize(de).map_err(|e| {
        // serde_path_to_error writes `?` for a place it could not name (inside
        // malformed JSON); the path then stops at the last named part.
        let path = e.path().to_string();
        let path = path
            .split('.')
            .take_while(|p| *p != "?" && !p.is_empty())
            .collect::<Vec<_>>()
            .join(".");
        let inner = e.into_inner();
        let message = inner.to_string();
        let code = if inner.is_syntax() || inner.is_eof() {
            "invalid_json"
        } else if message.starts_with("missing field") {
            "missing_field"
        } else if message.starts_with("unknown variant") {
            "unknown_value"
        } else if message.starts_with("unknown field") {
            "unknown_field"
        } else if ["as_of", "date", "birth_date"]
            .iter()
            .any(|f| path.rsplit('.').next() == Some(f))
        {
            return ContractError::new(
                "invalid_date",
                format!("not a date of the calendar (YYYY-MM-DD): {message}"),
                path,
            );
        } else {
            "invalid_value"
        };
        ContractError::new(code, message, path)
    })?;
    validate(&request)?;
    Ok(request)
}

/// The days a request may name: from the start of the Meiji calendar (the oldest
/// registry dates) to well past any deadline. Outside it, date arithmetic is not done.
const EARLIEST: NaiveDate = match NaiveDate::from_ymd_opt(1868, 1, 1) {
    Some(d) => d,
    None => panic!("valid date"),
};
const LATEST: NaiveDate = match NaiveDate::from_ymd_opt(2200, 12, 31) {
    Some(d) => d,
    None => panic!("valid date"),
};

fn in_range(date: NaiveDate, path: impl Into<String>) -> Result<(), ContractError> {
    if (EARLIEST..=LATEST).contains(&date) {
        Ok(())
    } else {
        Err(ContractError::new(
            "date_out_of_range",
            format!("{date} is outside {EARLIEST}..{LATEST}"),
            path,
        ))
    }
}

/// Checks a request that arrived already typed (a server function's body): dates in
/// range, at least one event, member ids unique and referenced members present.
pub fn validate(request: &Request) -> Result<(), ContractError> {
    in_range(request.as_of, "as_of")?;
    for (i, e) in request.events.iter().enumerate() {
        in_range(e.date, format!("events[{i}].date"))?;
    }
    for (i, m) in request.household.members.iter().enumerate() {
        in_range(m.birth_date, format!("household.members[{i}].birth_date"))?;
    }
    if request.events.is_empty() {
        return Err(ContractError::new(
            "no_events",
            "at least one event is required",
            "events",
        ));
    }
    let mut ids = HashSet::new();
    for (i, m) in request.household.members.iter().enumerate() {
        let path = format!("household.members[{i}].id");
        if m.id.trim().is_empty() {
            return Err(ContractError::new(
                "invalid_value",
                "member id must not be empty",
                path,
            ));
        }
        if !ids.insert(m.id.as_str()) {
            return Err(ContractError::new(
                "duplicate_member_id",
                format!("member id `{}` is used twice", m.id),
                path,
            ));
        }
        if let Some(income) = m.income {
            if income < 0 {
                return Err(ContractError::new(
                    "invalid_value",
                    "income must not be negative",
                    format!("household.members[{i}].income"),
                ));
            }
        }
    }
    for (i, e) in request.events.iter().enumerate() {
        if let Some(person) = &e.person {
            if !ids.contains(person.as_str()) {
                return Err(ContractError::new(
                    "unknown_member",
                    format!("event names member `{person}`, who is not in the household"),
                    format!("events[{i}].person"),
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: &str = r#"{"as_of":"2026-11-24","events":[{"type":"birth","date":"2026-11-20","person":"c1"}],
      "household":{"members":[{"id":"c1","relationship":"child","birth_date":"2026-11-20","sex":"female"}]},"answers":{}}"#;

    #[test]
    fn accepts_the_contract_example_shape() {
        assert!(parse_request(OK).is_ok());
    }

    #[test]
    fn malformed_json_is_invalid_json() {
        assert_eq!(
            parse_request("{\"as_of\":").unwrap_err().code,
            "invalid_json"
        );
    }

    #[test]
    fn malformed_json_inside_a_member_names_the_member() {
        let e = parse_request(&OK.replace("\"sex\":\"female\"}", "\"sex\":}")).unwrap_err();
        assert_eq!(e.code, "invalid_json");
        assert_eq!(e.path, "household.members[0].sex");
        let e = parse_request("{\"as_of").unwrap_err();
        assert_eq!((e.code.as_str(), e.path.as_str()), ("invalid_json", ""));
    }

    #[test]
    fn impossible_date_names_its_path() {
        let bad = OK.replace(
            "\"birth_date\":\"2026-11-20\"",
            "\"birth_date\":\"2026-02-30\"",
        );
        let e = parse_request(&bad).unwrap_err();
        assert_eq!(e.code, "invalid_date");
        assert_eq!(e.path, "household.members[0].birth_date");
    }

    #[test]
    fn unknown_event_type_is_unknown_value() {
        let e = parse_request(&OK.replace("\"birth\"", "\"adoption\"")).unwrap_err();
        assert_eq!(e.code, "unknown_value");
        assert_eq!(e.path, "events[0].type");
    }

    #[test]
    fn event_naming_a_missing_member_is_rejected() {
        let e = parse_request(&OK.replace("\"person\":\"c1\"", "\"person\":\"x9\"")).unwrap_err();
        assert_eq!(
            (e.code.as_str(), e.path.as_str()),
            ("unknown_member", "events[0].person")
        );
    }

    #[test]
    fn duplicate_member_ids_are_rejected() {
        let two = OK.replace(
            r#"{"id":"c1","relationship":"child","birth_date":"2026-11-20","sex":"female"}"#,
            r#"{"id":"c1","relationship":"child","birth_date":"2026-11-20","sex":"female"},{"id":"c1","relationship":"head","birth_date":"1990-01-01","sex":"male"}"#,
        );
        let e = parse_request(&two).unwrap_err();
        assert_eq!(
            (e.code.as_str(), e.path.as_str()),
            ("duplicate_member_id", "household.members[1].id")
        );
    }

    #[test]
    fn dates_beyond_the_calendar_the_rules_use_are_rejected_not_computed() {
        let far = OK.replace("\"date\":\"2026-11-20\"", "\"date\":\"+262142-12-31\"");
        let e = parse_request(&far).unwrap_err();
        assert_eq!(
            (e.code.as_str(), e.path.as_str()),
            ("date_out_of_range", "events[0].date")
        );
        let old = OK.replace(
            "\"birth_date\":\"2026-11-20\"",
            "\"birth_date\":\"1867-12-31\"",
        );
        assert_eq!(
            parse_request(&old).unwrap_err().path,
            "household.members[0].birth_date"
        );
    }

    #[test]
    fn no_events_is_rejected() {
        let e =
            parse_request(&OK.replace(r#"{"type":"birth","date":"2026-11-20","person":"c1"}"#, ""))
                .unwrap_err();
        assert_eq!(e.code, "no_events");
    }

    #[test]
    fn missing_as_of_is_missing_field() {
        let e = parse_request(&OK.replace("\"as_of\":\"2026-11-24\",", "")).unwrap_err();
        assert_eq!(e.code, "missing_field");
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_arbitrary_input(s in ".*") {
            let _ = parse_request(&s);
        }
    }
}
