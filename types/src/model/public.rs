//! What the public pages (no sign-in) exchange with the server.

use super::ProcedureView;
use madoguchi_core::screening::{NotApplicable, Question};
use serde::{Deserialize, Serialize};

/// The public navigator's answer: the procedures a household as described needs, each
/// with where it is handled and whether it can be done online, and the questions that
/// would change the list. Nothing of it is stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Guidance {
    /// The rule set version used.
    pub ruleset: String,
    pub procedures: Vec<ProcedureView>,
    pub questions: Vec<Question>,
    #[serde(default)]
    pub not_applicable: Vec<NotApplicable>,
}

/// The form of a pre-entry: what the city cannot know before the visit (the baby's
/// name, a bank account, the hospital), the fields of the procedures' forms that have
/// no prefill source, topic by topic. The rest is read from the registry at the counter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreEntryForm {
    pub interview: super::InterviewSpec,
    /// A birth is among the events: the baby's name, reading and sex are asked too.
    pub baby: bool,
    /// How many days the code stays valid.
    pub days: u32,
}

/// What a resident sends to make a pre-entry: the navigator's sketch (the procedures
/// are screened again from it on the server), the baby and the answers typed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PreEntryRequest {
    pub sketch: madoguchi_core::navigator::Sketch,
    pub baby: super::BabyInput,
    pub answers: madoguchi_core::forms::Answers,
    pub lang: madoguchi_core::forms::Lang,
}

/// The pre-entry made: its code (shown `K7M3-Q9PX`), the QR code's modules, and the
/// last day (Japan time) it can be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreEntryTicket {
    pub code: String,
    pub qr: Vec<Vec<bool>>,
    pub valid_until: chrono::NaiveDate,
}

/// A pre-entry as stored (sealed) and as the counter receives it: the events with their
/// dates, the baby, the interview's answers as typed, and the resident's language.
/// No one is named beyond what the resident typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreEntry {
    pub events: Vec<super::EventInput>,
    pub baby: Option<super::BabyInput>,
    pub answers: madoguchi_core::forms::Answers,
    pub lang: madoguchi_core::forms::Lang,
}

impl PreEntryRequest {
    /// Checks what was typed against the pre-entry's interview: every value given must
    /// be valid, but any may be left empty (the counter asks it then). Returns the
    /// answers kept (only the interview's own fields) or every field's error; the baby's
    /// errors are reported as `baby-<field>`.
    pub fn check(
        &self,
        form: &PreEntryForm,
        today: chrono::NaiveDate,
    ) -> Result<PreEntry, Vec<madoguchi_core::forms::FieldError>> {
        use madoguchi_core::forms::{check_field, FieldError};
        use madoguchi_core::jp::ValueError;
        use madoguchi_core::screening::EventType;
        let spec = &form.interview;
        let asked = |key: &str| spec.plan.asks(key.split('/').next().unwrap_or(key));
        let answers: madoguchi_core::forms::Answers = self
            .answers
            .iter()
            .filter(|(k, v)| asked(k) && !v.trim().is_empty())
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        // Only what was typed is checked (an empty choice is no error here: the counter
        // asks it). A bank account counts as typed once any of its parts is.
        let typed = |key: &str| {
            answers.keys().any(|k| {
                k == key
                    || (k.starts_with(key)
                        && k[key.len()..].starts_with('/')
                        && !k.ends_with("/account_type"))
            })
        };
        let mut errors: Vec<FieldError> = spec
            .plan
            .topics
            .iter()
            .flat_map(|t| &t.fields)
            .filter(|k| typed(k))
            .filter_map(|k| check_field(&spec.catalog, &spec.plan, k, &answers).err())
            .flatten()
            .filter(|e| e.error != ValueError::Required)
            .collect();
        let birth = self
            .sketch
            .events
            .iter()
            .find(|e| e.kind == EventType::Birth);
        let mut baby = None;
        if let (true, Some(birth)) = (form.baby, birth) {
            let b = super::BabyInput {
                birth_date: birth.date.clone(),
                ..self.baby.clone()
            };
            let typed = [&b.family_name, &b.given_name, &b.family_kana, &b.given_kana]
                .iter()
                .any(|v| !v.trim().is_empty())
                || !b.sex.is_empty();
            if typed {
                if let Err(found) = b.check(today) {
                    errors.extend(
                        found
                            .into_iter()
                            // Left empty is no error here (the sex unchosen included).
                            .filter(|e| {
                                e.error != ValueError::Required
                                    && e.field != "birth_date"
                                    && !(e.field == "sex" && b.sex.is_empty())
                            })
                            .map(|e| FieldError {
                                field: format!("baby-{}", e.field),
                                error: e.error,
                            }),
                    );
                }
                baby = Some(b);
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(PreEntry {
            events: self
                .sketch
                .events
                .iter()
                .map(|e| super::EventInput {
                    kind: e.kind,
                    date: e.date.clone(),
                    person: None,
                })
                .collect(),
            baby,
            answers,
            lang: self.lang,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use madoguchi_core::forms::{Catalog, Plan};
    use madoguchi_core::navigator::{EventSketch, Sketch};
    use madoguchi_core::screening::EventType;

    fn birth() -> PreEntryRequest {
        let mut sketch = Sketch::default();
        sketch.events.push(EventSketch {
            kind: EventType::Birth,
            date: "2026-11-20".into(),
            person: None,
        });
        PreEntryRequest {
            sketch,
            baby: super::super::BabyInput::default(),
            answers: Default::default(),
            lang: Default::default(),
        }
    }

    fn form() -> PreEntryForm {
        PreEntryForm {
            interview: super::super::InterviewSpec {
                catalog: Catalog {
                    topics: vec![],
                    fields: vec![],
                    forms: vec![],
                },
                plan: Plan::default(),
            },
            baby: true,
            days: 14,
        }
    }

    #[test]
    fn anything_may_stay_empty_but_what_is_typed_must_be_right() {
        let today = "2026-11-25".parse().unwrap();
        // Nothing typed: a pre-entry of the events alone.
        let entry = birth().check(&form(), today).unwrap();
        assert_eq!(entry.baby, None);
        assert_eq!(entry.events[0].date, "2026-11-20");
        // Only the given name: kept, born on the event's day; the sex may stay unchosen.
        let mut r = birth();
        r.baby.given_name = "陽菜".into();
        let entry = r.check(&form(), today).unwrap();
        let baby = entry.baby.unwrap();
        assert_eq!(baby.given_name, "陽菜");
        assert_eq!(baby.birth_date, "2026-11-20");
        // A reading that is not kana: refused beside the field.
        r.baby.given_kana = "hina".into();
        let errors = r.check(&form(), today).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "baby-given_kana");
    }
}
