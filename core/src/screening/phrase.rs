//! A rules text as data: the rule set's Japanese text with its placeholders, and what
//! fills them. The result carries each reason, deadline note and question this way
//! beside the Japanese sentence, so a client can show it in the resident's language —
//! the text is the key of its translations, and each value is written as that language
//! writes a date, an amount or an age.

use chrono::NaiveDate;

/// The honorific the rule set's Japanese texts put after a member's name
/// (`{subject}さん`); a client naming members by a word for a person ("あなた") drops it.
pub const HONORIFIC: &str = "さん";
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phrase {
    /// The rule set's text as written (`{subject}さんが{event.date}に生まれました`).
    pub text: String,
    /// Placeholder (without braces) → value.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub args: BTreeMap<String, PhraseArg>,
}

impl Phrase {
    /// A text without placeholders.
    pub fn fixed(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            args: BTreeMap::new(),
        }
    }

    pub fn with(mut self, name: &str, value: PhraseArg) -> Self {
        self.args.insert(name.to_owned(), value);
        self
    }
}

/// A placeholder's value, typed so each language can write it its own way.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum PhraseArg {
    /// A member's name as the counter knows it (or their id), written as it is.
    Name(String),
    Date(NaiveDate),
    Yen(i64),
    Age(i64),
    Days(i64),
    Months(i64),
    Years(i64),
    Number(i64),
    Flag(bool),
    /// A limit that does not apply.
    Unlimited,
    /// A word of the rule set's data (a holiday, a weekday), translated like a text.
    Term(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_the_contract_documents() {
        let p = Phrase::fixed("{subject}さんが{event.date}に生まれました")
            .with("subject", PhraseArg::Name("山田 花子".into()))
            .with(
                "event.date",
                PhraseArg::Date(NaiveDate::from_ymd_opt(2026, 11, 2).unwrap()),
            );
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "text": "{subject}さんが{event.date}に生まれました",
                "args": {
                    "event.date": {"type": "date", "value": "2026-11-02"},
                    "subject": {"type": "name", "value": "山田 花子"}
                }
            })
        );
        assert_eq!(serde_json::from_value::<Phrase>(json).unwrap(), p);
        let unlimited = serde_json::to_value(PhraseArg::Unlimited).unwrap();
        assert_eq!(unlimited, serde_json::json!({"type": "unlimited"}));
    }
}
