//! The life events of a visit, checked: a birth takes its date from the baby (who joins
//! the household as `baby`); every other event has a date within the counter's range
//! and names a member of the household, or the whole household.

use super::BABY_ID;
use crate::registry::Household;
use chrono::NaiveDate;
use madoguchi_core::forms::FieldError;
use madoguchi_core::jp::{parse_event_date, ValueError};
use madoguchi_core::screening::{Event, EventType};
use madoguchi_types::error::AppError;
use madoguchi_types::model::{Baby, VisitInput};

/// The events as the screening contract takes them, and the baby if one is born.
pub(super) fn check(
    input: &VisitInput,
    household: &Household,
    today: NaiveDate,
) -> Result<(Vec<Event>, Option<Baby>), AppError> {
    let mut errors = Vec::new();
    let mut events = Vec::new();
    let mut baby = None;
    if input.events.is_empty() {
        errors.push(FieldError {
            field: "events".into(),
            error: ValueError::Required,
        });
    }
    for (i, e) in input.events.iter().enumerate() {
        if input.events[..i].iter().any(|x| x.kind == e.kind) {
            continue;
        }
        if e.kind == EventType::Birth {
            let checked = input
                .baby
                .as_ref()
                .ok_or_else(|| {
                    vec![FieldError {
                        field: "family_name".into(),
                        error: ValueError::Required,
                    }]
                })
                .and_then(|b| b.check(today));
            match checked {
                Ok(b) => {
                    events.push(Event {
                        kind: e.kind,
                        date: b.birth_date,
                        person: Some(BABY_ID.into()),
                    });
                    baby = Some(b);
                }
                Err(fields) => errors.extend(fields),
            }
            continue;
        }
        let date = parse_event_date(&e.date, today)
            .map_err(|error| {
                errors.push(FieldError {
                    field: format!("event-{i}-date"),
                    error,
                })
            })
            .ok();
        let person = match e.person.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
            None if e.kind.needs_person() => {
                errors.push(FieldError {
                    field: format!("event-{i}-person"),
                    error: ValueError::InvalidChoice,
                });
                None
            }
            None => Some(None),
            Some(p) if household.members.iter().any(|m| m.person_number == p) => {
                Some(Some(p.to_owned()))
            }
            Some(_) => {
                errors.push(FieldError {
                    field: format!("event-{i}-person"),
                    error: ValueError::InvalidChoice,
                });
                None
            }
        };
        if let (Some(date), Some(person)) = (date, person) {
            events.push(Event {
                kind: e.kind,
                date,
                person,
            });
        }
    }
    if errors.is_empty() {
        Ok((events, baby))
    } else {
        Err(AppError::InvalidInput { fields: errors })
    }
}
