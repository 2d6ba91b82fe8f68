//! A form filled in for one application: its sections with each field's label and
//! value, as printed. Kept with the application when it is submitted, so the queue and
//! the PDF show exactly what the resident confirmed, even if the form files change
//! later.

use super::catalog::{Catalog, Form, Signature, When};
use super::interview::Answers;
use crate::screening::EventType;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filled {
    pub procedure: String,
    pub title: String,
    pub model: String,
    pub signature: Signature,
    pub sections: Vec<FilledSection>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilledSection {
    pub title: String,
    pub rows: Vec<FilledRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilledRow {
    pub key: String,
    pub label: String,
    /// Empty where the form leaves the field blank (an optional value not given).
    pub value: String,
}

impl Filled {
    /// Fills `form` from every value of the visit (`values`, by field key), leaving out
    /// fields that do not apply to these events or answers.
    pub fn new(
        cat: &Catalog,
        form: &Form,
        values: &BTreeMap<String, String>,
        answers: &Answers,
        events: &[EventType],
    ) -> Self {
        let applies = |key: &str| match form.when.get(key) {
            None => true,
            Some(When::Event(list)) => list.iter().any(|e| events.contains(e)),
            Some(When::Field { key: other, is }) => answers
                .get(other)
                .is_some_and(|v| is.iter().any(|x| x == v.trim())),
        };
        let sections = form
            .sections
            .iter()
            .map(|s| FilledSection {
                title: s.title.clone(),
                rows: s
                    .fields
                    .iter()
                    .filter(|k| applies(k))
                    .map(|k| FilledRow {
                        key: k.clone(),
                        label: cat
                            .field(k)
                            .map_or_else(|| k.clone(), |f| f.label.ja.clone()),
                        value: values.get(k).cloned().unwrap_or_default(),
                    })
                    .collect(),
            })
            .filter(|s| !s.rows.is_empty())
            .collect();
        Self {
            procedure: form.procedure.clone(),
            title: form.title.clone(),
            model: form.model.clone(),
            signature: form.signature,
            sections,
        }
    }

    /// Every label and value, in order (for lists and exports).
    pub fn rows(&self) -> impl Iterator<Item = &FilledRow> {
        self.sections.iter().flat_map(|s| &s.rows)
    }
}
