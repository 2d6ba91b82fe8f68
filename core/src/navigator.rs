//! The public navigator's household, as a visitor describes it on their phone — who
//! lives with them, relative to themselves, and what happened — turned into a request of
//! the public screening contract. Nothing here comes from the registry: the navigator
//! knows only what was typed. The same checks run in the browser (each field's error
//! beside it) and on the server.

use crate::forms::FieldError;
use crate::jp::{parse_event_date, parse_past_date, ValueError};
use crate::screening::{Event, EventType, Household, Member, Relationship, Request, Sex};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The visitor's own member id; always the first member.
pub const ME: &str = "me";
/// The baby's member id, added for a birth (born on the event's day).
pub const BABY: &str = "baby";
/// At most this many members (a household larger than this is a case for the counter).
pub const MAX_MEMBERS: usize = 12;

/// Who someone is to the visitor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kin {
    Me,
    Partner,
    Child,
    Parent,
    Grandparent,
    Sibling,
    Other,
}

impl Kin {
    /// The kinds a visitor may add (themselves excepted).
    pub const ADDABLE: [Kin; 6] = [
        Self::Partner,
        Self::Child,
        Self::Parent,
        Self::Grandparent,
        Self::Sibling,
        Self::Other,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Self::Me => "me",
            Self::Partner => "partner",
            Self::Child => "child",
            Self::Parent => "parent",
            Self::Grandparent => "grandparent",
            Self::Sibling => "sibling",
            Self::Other => "other",
        }
    }
}

/// One member as typed: who they are to the visitor, the birth date as the date input
/// gives it (`YYYY-MM-DD`), and their sex (may stay unspecified).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberSketch {
    pub id: String,
    pub kin: Kin,
    pub birth_date: String,
    pub sex: Sex,
    /// Moves, in a move event (everyone by default).
    pub moving: bool,
}

/// One life event as typed: its date (`YYYY-MM-DD`) and, for a death, whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventSketch {
    pub kind: EventType,
    pub date: String,
    pub person: Option<String>,
}

/// Everything the navigator has been told.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sketch {
    pub events: Vec<EventSketch>,
    /// The visitor first (`ME`).
    pub members: Vec<MemberSketch>,
    /// The head of the household (世帯主) by member id; the visitor when absent.
    pub head: Option<String>,
    /// Answers to the questions the screening asked.
    pub answers: BTreeMap<String, serde_json::Value>,
}

impl Default for Sketch {
    fn default() -> Self {
        Self {
            events: Vec::new(),
            members: vec![MemberSketch {
                id: ME.into(),
                kin: Kin::Me,
                birth_date: String::new(),
                sex: Sex::Unspecified,
                moving: true,
            }],
            head: None,
            answers: BTreeMap::new(),
        }
    }
}

/// The field ids errors are reported under, as the page names its inputs.
pub fn member_field(i: usize) -> String {
    format!("member-{i}-birth")
}
pub fn event_date_field(i: usize) -> String {
    format!("event-{i}-date")
}
pub fn event_person_field(i: usize) -> String {
    format!("event-{i}-person")
}
pub fn movers_field(i: usize) -> String {
    format!("event-{i}-movers")
}

impl Sketch {
    /// Adds a member of this kind (an empty birth date to fill in); their id is new.
    pub fn add(&mut self, kin: Kin) {
        let n = (1..)
            .find(|n| {
                !self
                    .members
                    .iter()
                    .any(|m| m.id == format!("{}{n}", kin.id()))
            })
            .unwrap_or(1);
        self.members.push(MemberSketch {
            id: format!("{}{n}", kin.id()),
            kin,
            birth_date: String::new(),
            sex: Sex::Unspecified,
            moving: true,
        });
    }

    /// Removes a member (never the visitor), and whatever named them.
    pub fn remove(&mut self, id: &str) {
        if id == ME {
            return;
        }
        self.members.retain(|m| m.id != id);
        for e in &mut self.events {
            if e.person.as_deref() == Some(id) {
                e.person = None;
            }
        }
        if self.head.as_deref() == Some(id) {
            self.head = None;
        }
    }

    /// Whether a death is among the events (the navigator then asks who the head was).
    pub fn has(&self, kind: EventType) -> bool {
        self.events.iter().any(|e| e.kind == kind)
    }

    /// Checks the household part (birth dates) alone, for its own screen.
    pub fn check_members(&self, today: NaiveDate) -> Vec<FieldError> {
        self.members
            .iter()
            .enumerate()
            .filter_map(|(i, m)| {
                parse_past_date(&m.birth_date, today)
                    .err()
                    .map(|error| FieldError {
                        field: member_field(i),
                        error,
                    })
            })
            .collect()
    }

    /// Checks the events' part (dates, whom) alone, for its own screen.
    pub fn check_events(&self, today: NaiveDate) -> Vec<FieldError> {
        let mut out = Vec::new();
        for (i, e) in self.events.iter().enumerate() {
            let date = parse_event_date(&e.date, today).and_then(|d| {
                if e.kind == EventType::Birth && d > today {
                    Err(ValueError::FutureDate)
                } else {
                    Ok(d)
                }
            });
            if let Err(error) = date {
                out.push(FieldError {
                    field: event_date_field(i),
                    error,
                });
            }
            if e.kind == EventType::Death
                && !e
                    .person
                    .as_deref()
                    .is_some_and(|p| p != ME && self.members.iter().any(|m| m.id == p))
            {
                out.push(FieldError {
                    field: event_person_field(i),
                    error: ValueError::InvalidChoice,
                });
            }
            if is_move(e.kind) && !self.members.iter().any(|m| m.moving) {
                out.push(FieldError {
                    field: movers_field(i),
                    error: ValueError::Required,
                });
            }
        }
        out
    }

    /// The contract's request for `today`, or every field that is wrong.
    pub fn request(&self, today: NaiveDate) -> Result<Request, Vec<FieldError>> {
        let mut errors = self.check_members(today);
        errors.extend(self.check_events(today));
        if self.events.is_empty() {
            errors.push(FieldError {
                field: "events".into(),
                error: ValueError::Required,
            });
        }
        if self.members.len() > MAX_MEMBERS || self.members.first().map(|m| m.kin) != Some(Kin::Me)
        {
            errors.push(FieldError {
                field: "members".into(),
                error: ValueError::OutOfRange,
            });
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let head = self
            .head
            .as_deref()
            .and_then(|h| self.members.iter().find(|m| m.id == h))
            .map_or(Kin::Me, |m| m.kin);
        let head_id = self.head.as_deref().unwrap_or(ME);
        let moving = self.events.iter().any(|e| is_move(e.kind));
        let mut members: Vec<Member> = self
            .members
            .iter()
            .map(|m| {
                let relationship = if m.id == head_id {
                    Relationship::Head
                } else {
                    relationship(head, m.kin, self)
                };
                // Checked above.
                let born = parse_past_date(&m.birth_date, today).unwrap_or(today);
                let mut member = told(&m.id, relationship, born, m.sex);
                member.moving = moving.then_some(m.moving);
                member
            })
            .collect();
        let mut events = Vec::new();
        for e in &self.events {
            let date = parse_event_date(&e.date, today).unwrap_or(today);
            let person = match e.kind {
                EventType::Birth => {
                    if !members.iter().any(|m| m.id == BABY) {
                        let child = relationship(head, Kin::Child, self);
                        members.push(told(BABY, child, date, Sex::Unspecified));
                    }
                    Some(BABY.to_owned())
                }
                EventType::Death => e.person.clone(),
                _ => None,
            };
            events.push(Event {
                kind: e.kind,
                date,
                person,
            });
        }
        Ok(Request {
            as_of: today,
            events,
            household: Household { members },
            answers: self.answers.clone(),
        })
    }
}

/// A member as the navigator knows them: tie, birth date, sex; every other fact unknown
/// (the rules ask for what they need).
fn told(id: &str, relationship: Relationship, birth_date: NaiveDate, sex: Sex) -> Member {
    Member {
        id: id.to_owned(),
        relationship,
        birth_date,
        sex,
        insurance: None,
        income: None,
        public_servant: None,
        my_number_card: None,
        care_certified: None,
        property_owner: None,
        receives: None,
        moving: None,
    }
}

fn is_move(kind: EventType) -> bool {
    matches!(
        kind,
        EventType::MoveIn | EventType::MoveOut | EventType::MoveWithin
    )
}

/// Who a member (by their tie to the visitor) is to the head of the household (by
/// theirs). The visitor's partner as head: the visitor is the spouse, their children
/// the head's children. The visitor's parent as head: the visitor and siblings are
/// children, the visitor's children grandchildren, the other parent the spouse.
fn relationship(head: Kin, kin: Kin, sketch: &Sketch) -> Relationship {
    use Relationship as R;
    match (head, kin) {
        (Kin::Me, Kin::Me) => R::Head,
        (Kin::Me, Kin::Partner) => R::Spouse,
        (Kin::Me, Kin::Child) => R::Child,
        (Kin::Me, Kin::Parent) => R::Parent,
        (Kin::Me, Kin::Grandparent) => R::Grandparent,
        (Kin::Me, Kin::Sibling) => R::Sibling,
        (Kin::Partner, Kin::Me) => R::Spouse,
        (Kin::Partner, Kin::Child) => R::Child,
        (Kin::Parent, Kin::Me | Kin::Sibling) => R::Child,
        (Kin::Parent, Kin::Child) => R::Grandchild,
        // The head is one parent; another parent is taken as the head's spouse.
        (Kin::Parent, Kin::Parent) if sketch.members.iter().any(|m| m.kin == Kin::Parent) => {
            R::Spouse
        }
        (Kin::Parent, Kin::Grandparent) => R::Parent,
        _ => R::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn family() -> Sketch {
        let mut s = Sketch::default();
        s.members[0].birth_date = "1990-05-01".into();
        s.members[0].sex = Sex::Female;
        s.add(Kin::Partner);
        s.members[1].birth_date = "1988-02-10".into();
        s.add(Kin::Child);
        s.members[2].birth_date = "2020-04-01".into();
        s
    }

    #[test]
    fn a_birth_adds_the_baby_born_that_day_and_names_it() {
        let mut s = family();
        s.events.push(EventSketch {
            kind: EventType::Birth,
            date: "2026-11-20".into(),
            person: None,
        });
        let r = s.request(day("2026-11-24")).unwrap();
        assert_eq!(r.as_of, day("2026-11-24"));
        assert_eq!(r.events[0].person.as_deref(), Some(BABY));
        let baby = r.household.members.iter().find(|m| m.id == BABY).unwrap();
        assert_eq!(baby.birth_date, day("2026-11-20"));
        assert_eq!(baby.relationship, Relationship::Child);
        assert_eq!(r.household.members[0].relationship, Relationship::Head);
        assert_eq!(r.household.members[1].relationship, Relationship::Spouse);
        assert!(r.household.members.iter().all(|m| m.moving.is_none()));
        crate::screening::validate(&r).unwrap();
    }

    #[test]
    fn the_screening_lists_the_birth_procedures() {
        let mut s = family();
        s.events.push(EventSketch {
            kind: EventType::Birth,
            date: "2026-11-20".into(),
            person: None,
        });
        let result = crate::screening::screen(&s.request(day("2026-11-24")).unwrap()).unwrap();
        let ids: Vec<_> = result.procedures.iter().map(|p| p.id.as_str()).collect();
        assert!(ids.contains(&"birth_registration"), "{ids:?}");
        // What the city's data would tell is asked instead.
        assert!(!result.questions.is_empty());
    }

    #[test]
    fn bad_dates_are_reported_per_field_and_nothing_is_built() {
        let mut s = family();
        s.members[1].birth_date = "2030-01-01".into();
        s.members[2].birth_date = String::new();
        s.events.push(EventSketch {
            kind: EventType::Birth,
            date: "2026-12-01".into(),
            person: None,
        });
        s.events.push(EventSketch {
            kind: EventType::MoveIn,
            date: "2020-01-01".into(),
            person: None,
        });
        let errors = s.request(day("2026-11-24")).unwrap_err();
        let found: Vec<_> = errors.iter().map(|e| (e.field.as_str(), e.error)).collect();
        assert_eq!(
            found,
            vec![
                ("member-1-birth", ValueError::FutureDate),
                ("member-2-birth", ValueError::Required),
                ("event-0-date", ValueError::FutureDate),
                ("event-1-date", ValueError::DateOutOfRange),
            ]
        );
    }

    #[test]
    fn a_death_needs_someone_other_than_the_visitor() {
        let mut s = family();
        s.events.push(EventSketch {
            kind: EventType::Death,
            date: "2026-11-20".into(),
            person: Some(ME.into()),
        });
        let errors = s.request(day("2026-11-24")).unwrap_err();
        assert_eq!(errors[0].field, "event-0-person");
        s.events[0].person = Some("partner1".into());
        s.head = Some("partner1".into());
        let r = s.request(day("2026-11-24")).unwrap();
        let rel: Vec<_> = r.household.members.iter().map(|m| m.relationship).collect();
        assert_eq!(
            rel,
            vec![
                Relationship::Spouse,
                Relationship::Head,
                Relationship::Child
            ]
        );
        assert_eq!(r.events[0].person.as_deref(), Some("partner1"));
    }

    #[test]
    fn a_parent_as_head_makes_the_visitor_a_child_and_their_children_grandchildren() {
        let mut s = family();
        s.add(Kin::Parent);
        s.members[3].birth_date = "1955-01-01".into();
        s.add(Kin::Parent);
        s.members[4].birth_date = "1957-01-01".into();
        s.head = Some("parent1".into());
        s.events.push(EventSketch {
            kind: EventType::Death,
            date: "2026-11-20".into(),
            person: Some("parent1".into()),
        });
        let r = s.request(day("2026-11-24")).unwrap();
        let rel: Vec<_> = r.household.members.iter().map(|m| m.relationship).collect();
        assert_eq!(
            rel,
            vec![
                Relationship::Child,
                Relationship::Other,
                Relationship::Grandchild,
                Relationship::Head,
                Relationship::Spouse
            ]
        );
    }

    #[test]
    fn a_move_marks_who_moves_and_needs_someone() {
        let mut s = family();
        s.events.push(EventSketch {
            kind: EventType::MoveIn,
            date: "2026-11-20".into(),
            person: None,
        });
        s.members[1].moving = false;
        let r = s.request(day("2026-11-24")).unwrap();
        let moving: Vec<_> = r.household.members.iter().map(|m| m.moving).collect();
        assert_eq!(moving, vec![Some(true), Some(false), Some(true)]);
        for m in &mut s.members {
            m.moving = false;
        }
        let errors = s.request(day("2026-11-24")).unwrap_err();
        assert_eq!(errors[0].field, "event-0-movers");
    }

    #[test]
    fn removing_a_member_forgets_what_named_them_and_never_removes_the_visitor() {
        let mut s = family();
        s.events.push(EventSketch {
            kind: EventType::Death,
            date: "2026-11-20".into(),
            person: Some("partner1".into()),
        });
        s.head = Some("partner1".into());
        s.remove("partner1");
        s.remove(ME);
        assert_eq!(s.members.len(), 2);
        assert_eq!(s.events[0].person, None);
        assert_eq!(s.head, None);
        s.add(Kin::Child);
        assert_eq!(s.members[2].id, "child2");
    }
}
