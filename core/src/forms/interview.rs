//! The merged interview of a visit: the forms of the procedures chosen, every field they
//! print taken once, what the city already knows shown for confirmation, and the rest
//! asked topic by topic — one topic per screen, in the catalog's order.

use super::catalog::{Catalog, FieldType, Form, Source, When};
use crate::screening::EventType;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The raw values typed in the interview, by field key (a bank account's parts as
/// `bank.account/bank_code` and so on). Kept as typed, so a draft can be resumed.
pub type Answers = BTreeMap<String, String>;

/// What one visit's interview is made of.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Plan {
    /// The procedures whose forms are made, in the order given.
    pub forms: Vec<String>,
    /// The life events of the visit (some fields apply only to one of them).
    pub events: Vec<EventType>,
    /// Fields whose values the city already holds, to be confirmed, in catalog order.
    pub confirm: Vec<String>,
    /// The topics asked, in order, each with its fields in catalog order.
    pub topics: Vec<PlanTopic>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanTopic {
    pub topic: String,
    pub fields: Vec<String>,
}

impl Plan {
    /// Builds the interview for `procedures` (those without a form are left out) given
    /// the fields whose values the city holds for this household (`known`).
    pub fn new(
        cat: &Catalog,
        procedures: &[&str],
        events: &[EventType],
        known: &BTreeSet<String>,
    ) -> Self {
        let mut plan = Plan {
            events: events.to_vec(),
            ..Plan::default()
        };
        for p in procedures {
            if cat.form(p).is_some() && !plan.forms.iter().any(|f| f == p) {
                plan.forms.push((*p).to_owned());
            }
        }
        let forms: Vec<&Form> = plan.forms.iter().filter_map(|p| cat.form(p)).collect();
        // Every field some form prints for these events (conditions on answers are
        // settled later: the field is still part of the interview).
        let used = |key: &str| {
            forms
                .iter()
                .any(|f| f.fields().any(|k| k == key) && event_allows(f, key, events))
        };
        let mut asked: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for field in cat.fields.iter().filter(|f| used(&f.key)) {
            if known.contains(&field.key) {
                plan.confirm.push(field.key.clone());
            } else if field.ty != FieldType::Members {
                asked
                    .entry(field.topic.as_str())
                    .or_default()
                    .push(field.key.clone());
            }
        }
        for t in &cat.topics {
            if let Some(fields) = asked.remove(t.id.as_str()) {
                plan.topics.push(PlanTopic {
                    topic: t.id.clone(),
                    fields,
                });
            }
        }
        plan
    }

    /// Whether the field is asked at all in this interview.
    pub fn asks(&self, key: &str) -> bool {
        self.topics
            .iter()
            .any(|t| t.fields.iter().any(|f| f == key))
    }

    /// Whether the field must be filled in, given the answers so far: some form prints
    /// it, does not mark it optional, and its condition holds.
    pub fn requires(&self, cat: &Catalog, key: &str, answers: &Answers) -> bool {
        self.forms_printing(cat, key, answers)
            .any(|f| !f.optional.iter().any(|o| o == key))
    }

    /// Whether the field shows at all, given the answers so far (the amount paid to the
    /// hospital shows only when there was a remainder).
    pub fn shows(&self, cat: &Catalog, key: &str, answers: &Answers) -> bool {
        self.forms_printing(cat, key, answers).next().is_some()
    }

    fn forms_printing<'c>(
        &'c self,
        cat: &'c Catalog,
        key: &'c str,
        answers: &'c Answers,
    ) -> impl Iterator<Item = &'c Form> + 'c {
        self.forms
            .iter()
            .filter_map(|p| cat.form(p))
            .filter(move |f| f.fields().any(|k| k == key))
            .filter(move |f| match f.when.get(key) {
                None => true,
                Some(When::Event(list)) => list.iter().any(|e| self.events.contains(e)),
                Some(When::Field { key: other, is }) => answers
                    .get(other)
                    .is_some_and(|v| is.iter().any(|x| x == v.trim())),
            })
    }

    /// How many values each source filled, for the visit's record: (prefilled, asked,
    /// on paper). On paper every form's every field would have been written by hand.
    pub fn counts(&self, cat: &Catalog, answers: &Answers) -> (usize, usize, usize) {
        let prefilled = self.confirm.len();
        let asked = self
            .topics
            .iter()
            .flat_map(|t| &t.fields)
            .filter(|k| self.shows(cat, k, answers))
            .count();
        let on_paper = self
            .forms
            .iter()
            .filter_map(|p| cat.form(p))
            .map(|f| {
                f.fields()
                    .filter(|k| match f.when.get(*k) {
                        Some(When::Event(list)) => list.iter().any(|e| self.events.contains(e)),
                        _ => true,
                    })
                    .count()
            })
            .sum();
        (prefilled, asked, on_paper)
    }

    /// Where a field's value comes from in this interview.
    pub fn source(&self, cat: &Catalog, key: &str) -> Source {
        match cat.field(key).and_then(|f| f.prefill) {
            Some(p) if self.confirm.iter().any(|k| k == key) => p.source(),
            _ => Source::Asked,
        }
    }
}

fn event_allows(form: &Form, key: &str, events: &[EventType]) -> bool {
    match form.when.get(key) {
        Some(When::Event(list)) => list.iter().any(|e| events.contains(e)),
        _ => true,
    }
}
