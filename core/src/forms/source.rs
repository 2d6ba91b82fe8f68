//! The schema of the form files (`forms/*.toml`) as written, before checking.

use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SourceFile {
    #[serde(default)]
    pub topic: Vec<TopicDef>,
    #[serde(default)]
    pub field: Vec<FieldDef>,
    #[serde(default)]
    pub form: Vec<FormDef>,
}

/// A text in Japanese, plain Japanese and English.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TextDef {
    pub ja: String,
    pub easy: String,
    pub en: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TopicDef {
    pub id: String,
    pub title: TextDef,
    pub help: Option<TextDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct OptionDef {
    pub id: String,
    pub ja: String,
    pub easy: String,
    pub en: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FieldDef {
    pub key: String,
    #[serde(rename = "type")]
    pub ty: String,
    pub topic: String,
    pub label: TextDef,
    pub help: Option<TextDef>,
    pub prefill: Option<String>,
    #[serde(default)]
    pub options: Vec<OptionDef>,
    pub max: Option<i64>,
    pub min: Option<i64>,
    pub unit: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FormDef {
    pub procedure: String,
    pub title: String,
    pub model: String,
    pub signature: String,
    #[serde(default)]
    pub optional: Vec<String>,
    #[serde(default)]
    pub when: BTreeMap<String, WhenDef>,
    #[serde(default)]
    pub section: Vec<SectionDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SectionDef {
    pub title: String,
    pub fields: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(super) enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn list(&self) -> Vec<&str> {
        match self {
            Self::One(s) => vec![s.as_str()],
            Self::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct WhenDef {
    pub event: Option<OneOrMany>,
    pub field: Option<String>,
    pub is: Option<OneOrMany>,
}
