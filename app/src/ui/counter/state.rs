//! The wizard's state: which step, and what this visit has gathered so far. Nothing is
//! written to the browser's storage; `clear` drops it all.

use crate::model::{BabyInput, EventInput, HouseholdView, Receipt, VisitInput, VisitScreening};
use leptos::prelude::*;
use madoguchi_core::forms::InterviewInput;
use madoguchi_core::screening::EventType;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Start,
    Event,
    Find,
    Members,
    Details,
    Baby,
    Procedures,
    Interview(Topic),
    Review,
    Receipt,
}

/// One topic of the interview per screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    Confirm,
    Phone,
    BirthPlace,
    Bank,
}

impl Step {
    /// Position in the wizard for the progress bar (none on the start screen).
    pub fn progress(self) -> Option<(u32, u32)> {
        let n = match self {
            Step::Start => return None,
            Step::Event => 1,
            Step::Find => 2,
            Step::Members => 3,
            Step::Details => 4,
            Step::Baby => 5,
            Step::Procedures => 6,
            Step::Interview(_) => 7,
            Step::Review => 8,
            Step::Receipt => 9,
        };
        Some((n, 9))
    }
}

#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub visit_number: Option<String>,
    pub household: Option<HouseholdView>,
    /// The life events chosen, in the order chosen.
    pub events: Vec<EventInput>,
    pub baby: BabyInput,
    pub answers: BTreeMap<String, serde_json::Value>,
    pub screening: Option<VisitScreening>,
    pub interview: InterviewInput,
    pub receipt: Option<Receipt>,
}

impl Draft {
    /// The visit as the server needs it to screen or submit; `None` before a visit and
    /// a household exist.
    pub fn visit_input(&self) -> Option<VisitInput> {
        Some(VisitInput {
            visit_number: self.visit_number.clone()?,
            household_number: self.household.as_ref()?.household_number.clone(),
            events: self.events.clone(),
            baby: self.has(EventType::Birth).then(|| self.baby.clone()),
            answers: self.answers.clone(),
        })
    }

    pub fn has(&self, kind: EventType) -> bool {
        self.events.iter().any(|e| e.kind == kind)
    }

    /// Events other than a birth: they need a date and a member on the details step.
    pub fn has_details(&self) -> bool {
        self.events.iter().any(|e| e.kind != EventType::Birth)
    }

    pub fn procedure_ids(&self) -> Vec<String> {
        self.screening
            .as_ref()
            .map(|s| {
                s.procedures
                    .iter()
                    .map(|p| p.procedure.id.clone())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The interview topics the chosen procedures need, in order.
    pub fn topics(&self) -> Vec<Topic> {
        let ids = self.procedure_ids();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let fields = madoguchi_core::forms::interview(&ids);
        let has = |key: &str| fields.iter().any(|f| f.key == key);
        let mut topics = vec![Topic::Confirm, Topic::Phone];
        if has("birth.place") {
            topics.push(Topic::BirthPlace);
        }
        if has("bank.account") {
            topics.push(Topic::Bank);
        }
        topics
    }
}

#[derive(Clone, Copy)]
pub struct Wizard {
    pub step: RwSignal<Step>,
    pub draft: RwSignal<Draft>,
}

impl Wizard {
    pub fn provide() -> Self {
        let w = Wizard {
            step: RwSignal::new(Step::Start),
            draft: RwSignal::new(Draft::default()),
        };
        provide_context(w);
        w
    }

    pub fn get() -> Self {
        expect_context::<Wizard>()
    }

    pub fn go(&self, step: Step) {
        self.step.set(step);
        crate::ui::common::focus("step-heading");
    }

    /// Ends the visit on this tablet: forget everything about the resident.
    pub fn clear(&self) {
        self.draft.set(Draft::default());
        self.go(Step::Start);
    }

    /// After the members: the events' details, the baby, or straight to the list.
    pub fn after_members(&self) -> Step {
        self.draft.with_untracked(|d| {
            if d.has_details() {
                Step::Details
            } else if d.has(EventType::Birth) {
                Step::Baby
            } else {
                Step::Procedures
            }
        })
    }

    /// After the details: the baby when one was born, else the list.
    pub fn after_details(&self) -> Step {
        if self.draft.with_untracked(|d| d.has(EventType::Birth)) {
            Step::Baby
        } else {
            Step::Procedures
        }
    }

    /// Back from the baby: the details, or the members.
    pub fn before_baby(&self) -> Step {
        if self.draft.with_untracked(|d| d.has_details()) {
            Step::Details
        } else {
            Step::Members
        }
    }

    /// Back from the procedure list.
    pub fn before_procedures(&self) -> Step {
        if self.draft.with_untracked(|d| d.has(EventType::Birth)) {
            Step::Baby
        } else {
            self.before_baby()
        }
    }

    /// The interview topic after `topic`, or the review.
    pub fn after(&self, topic: Topic) -> Step {
        let topics = self.draft.with_untracked(|d| d.topics());
        let i = topics
            .iter()
            .position(|t| *t == topic)
            .map_or(topics.len(), |i| i + 1);
        topics.get(i).map_or(Step::Review, |t| Step::Interview(*t))
    }

    /// The step before `topic`: the previous topic or the procedure list.
    pub fn before(&self, topic: Topic) -> Step {
        let topics = self.draft.with_untracked(|d| d.topics());
        match topics.iter().position(|t| *t == topic) {
            Some(i) if i > 0 => Step::Interview(topics[i - 1]),
            _ => Step::Procedures,
        }
    }
}
