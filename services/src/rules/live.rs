//! The published rule sets in force, each from its effective date: every screening
//! takes the one in force on its day, so a version approved for a future date takes
//! over by itself. A version published with the `event_date` transition leaves events
//! dated before it to the version in force before (the law's 経過措置).

use chrono::NaiveDate;
use madoguchi_core::rules::{self, Ruleset};
use madoguchi_core::screening::Request;
use std::sync::{Arc, RwLock};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transition {
    /// Every screening on or after the effective date uses the new version.
    AsOf,
    /// Events dated before the effective date keep the version in force before.
    EventDate,
}

impl Transition {
    pub fn id(self) -> &'static str {
        match self {
            Self::AsOf => "as_of",
            Self::EventDate => "event_date",
        }
    }

    pub fn from_id(s: &str) -> Option<Self> {
        match s {
            "as_of" => Some(Self::AsOf),
            "event_date" => Some(Self::EventDate),
            _ => None,
        }
    }
}

#[derive(Clone)]
pub struct InForce {
    pub from: NaiveDate,
    pub transition: Transition,
    pub rules: Arc<Ruleset>,
}

/// The published versions, oldest first, shared by every request and replaced on
/// publication.
#[derive(Clone)]
pub struct LiveRules(Arc<RwLock<Vec<InForce>>>);

impl LiveRules {
    /// One rule set in force since ever (tests, the CLI).
    pub fn new(rules: Ruleset) -> Self {
        Self::timeline(vec![InForce {
            from: NaiveDate::MIN,
            transition: Transition::AsOf,
            rules: Arc::new(rules),
        }])
    }

    /// The rule set shipped in the repository.
    pub fn bundled() -> Self {
        Self::new(rules::bundled().clone())
    }

    pub(super) fn timeline(mut list: Vec<InForce>) -> Self {
        list.sort_by_key(|e| e.from);
        Self(Arc::new(RwLock::new(list)))
    }

    fn read(&self) -> Vec<InForce> {
        match self.0.read() {
            Ok(r) => r.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    pub(super) fn replace(&self, other: LiveRules) {
        let list = other.read();
        let mut w = match self.0.write() {
            Ok(w) => w,
            Err(poisoned) => poisoned.into_inner(),
        };
        *w = list;
    }

    /// The version in force on `day`.
    pub fn on(&self, day: NaiveDate) -> Arc<Ruleset> {
        let list = self.read();
        pick(&list, day, None)
    }

    /// The version a screening uses: in force on its `as_of`, unless that version
    /// leaves earlier events to the one before and every event is dated before it.
    pub fn for_request(&self, req: &Request) -> Arc<Ruleset> {
        let list = self.read();
        let first_event = req.events.iter().map(|e| e.date).min();
        pick(&list, req.as_of, first_event)
    }

    /// Versions that take over after `day`, with their dates (for the admin page).
    pub fn scheduled_after(&self, day: NaiveDate) -> Vec<(NaiveDate, String)> {
        self.read()
            .into_iter()
            .filter(|e| e.from > day)
            .map(|e| (e.from, e.rules.version.clone()))
            .collect()
    }
}

fn pick(list: &[InForce], day: NaiveDate, event: Option<NaiveDate>) -> Arc<Ruleset> {
    let mut i = list.iter().rposition(|e| e.from <= day).unwrap_or(0);
    while i > 0
        && list[i].transition == Transition::EventDate
        && event.is_some_and(|d| d < list[i].from)
    {
        i -= 1;
    }
    match list.get(i) {
        Some(e) => e.rules.clone(),
        None => Arc::new(rules::bundled().clone()),
    }
}
