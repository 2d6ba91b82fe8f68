//! The members a rule may name besides its subject, derived from the event and the
//! household. Each is a named function so rules never re-derive "the mother" or "the
//! claimant" their own way.

use super::expr::Role;
use crate::age;
use crate::screening::{Event, EventType, Member, Relationship, Request, Sex};

/// The roles for one event. `claimant` is `Err(options)` when the household data cannot
/// tell who claims, so the counter asks (question `claimant`).
pub(crate) struct Roles<'a> {
    pub person: Option<&'a Member>,
    pub head: Option<&'a Member>,
    pub partner: Option<&'a Member>,
    pub claimant: Result<Option<&'a Member>, Vec<&'a Member>>,
    pub mother: Option<&'a Member>,
    pub single_parent: Option<&'a Member>,
}

pub(crate) enum Resolved<'a> {
    Member(&'a Member),
    /// The household has no such member.
    Absent,
    /// Only an answer can tell (the claimant between two parents).
    Ask,
}

impl<'a> Roles<'a> {
    pub fn new(req: &'a Request, event: &Event, answered_claimant: Option<&str>) -> Self {
        let members = &req.household.members;
        let by_id = |id: &str| members.iter().find(|m| m.id == id);
        let person = event.person.as_deref().and_then(by_id);
        let head = members
            .iter()
            .find(|m| m.relationship == Relationship::Head);
        let spouse = members
            .iter()
            .find(|m| m.relationship == Relationship::Spouse);
        let partner = match person.map(|p| p.relationship) {
            Some(Relationship::Head) => spouse,
            Some(Relationship::Spouse) => head,
            _ => None,
        };
        let parents = parents(members, person, event);
        let claimant = match answered_claimant.and_then(by_id) {
            Some(m) => Ok(Some(m)),
            None => claimant(&parents, members, event),
        };
        let mother = match event.kind {
            EventType::Pregnancy => person,
            _ => parents.iter().copied().find(|m| m.sex == Sex::Female),
        };
        let single_parent = match parents.as_slice() {
            [one] => Some(*one),
            _ => None,
        };
        Self {
            person,
            head,
            partner,
            claimant,
            mother,
            single_parent,
        }
    }

    pub fn get(&self, role: Role, subject: Option<&'a Member>) -> Resolved<'a> {
        let found = match role {
            Role::Subject => subject,
            Role::Person => self.person,
            Role::Head => self.head,
            Role::Partner => self.partner,
            Role::Mother => self.mother,
            Role::SingleParent => self.single_parent,
            Role::Claimant => match &self.claimant {
                Ok(m) => *m,
                Err(_) => return Resolved::Ask,
            },
        };
        found.map_or(Resolved::Absent, Resolved::Member)
    }
}

/// The parents of the children the event is about: the head and spouse (less the
/// member who dies or leaves), or for a grandchild the adult children of the head.
fn parents<'a>(
    members: &'a [Member],
    person: Option<&'a Member>,
    event: &Event,
) -> Vec<&'a Member> {
    if let Some(p) = person.filter(|p| p.relationship == Relationship::Grandchild) {
        return members
            .iter()
            .filter(|m| {
                m.relationship == Relationship::Child
                    && m.id != p.id
                    && age::age_on(m.birth_date, event.date) >= 15
            })
            .collect();
    }
    if event.kind == EventType::Divorce && person.is_none() {
        return members
            .iter()
            .filter(|m| m.relationship == Relationship::Head)
            .collect();
    }
    let leaves = matches!(
        event.kind,
        EventType::Death | EventType::Divorce | EventType::Birth
    );
    members
        .iter()
        .filter(|m| matches!(m.relationship, Relationship::Head | Relationship::Spouse))
        .filter(|m| !(leaves && person.is_some_and(|p| p.id == m.id)))
        .collect()
}

/// The claimant of child benefits: the only parent, or the one with the higher income.
/// Ties go to the first listed (usually the head).
fn claimant<'a>(
    parents: &[&'a Member],
    members: &'a [Member],
    event: &Event,
) -> Result<Option<&'a Member>, Vec<&'a Member>> {
    match parents {
        [one] => Ok(Some(*one)),
        [a, b] => match (a.income, b.income) {
            (Some(x), Some(y)) => Ok(Some(if y > x { b } else { a })),
            _ => Err(parents.to_vec()),
        },
        _ => Err(members
            .iter()
            .filter(|m| age::age_on(m.birth_date, event.date) >= 15)
            .collect()),
    }
}
