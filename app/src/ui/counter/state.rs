//! The wizard's state: which step, and what this visit has gathered so far. Nothing is
//! written to the browser's storage; `clear` drops it all.

use crate::model::{
    BabyInput, EventInput, HouseholdView, InterviewSpec, Receipt, VisitInput, VisitScreening,
};
use leptos::prelude::*;
use madoguchi_core::forms::{Answers, Lang};
use madoguchi_core::screening::EventType;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Where the wizard runs: the counter's tablet, a staff member beside the resident, or
/// the resident's own phone, signed in online (no household search, no signature pad,
/// no survey; only the procedures that can be done online are applied for).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Counter,
    Online,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    Start,
    Event,
    Find,
    Members,
    /// Consent to use the city's tax data.
    Consent,
    Details,
    Baby,
    Procedures,
    /// The values the city already holds, to be confirmed.
    Confirm,
    /// One topic of the merged interview per screen, by its place in the plan.
    Interview(usize),
    /// Online: photos or PDFs of the documents the procedures ask for.
    Attachments,
    Review,
    /// The one signature, then submit.
    Sign,
    Receipt,
    /// The satisfaction survey, then a clean tablet.
    Survey,
}

impl Step {
    /// Position in the wizard for the progress bar (none on the start screen).
    pub fn progress(self, channel: Channel) -> Option<(u32, u32)> {
        if channel == Channel::Online {
            let n = match self {
                Step::Event => 1,
                Step::Consent => 2,
                Step::Details | Step::Baby => 3,
                Step::Procedures => 4,
                Step::Confirm | Step::Interview(_) => 5,
                Step::Attachments => 6,
                Step::Review => 7,
                Step::Sign => 8,
                _ => return None,
            };
            return Some((n, 8));
        }
        let n = match self {
            Step::Start | Step::Survey => return None,
            Step::Event => 1,
            Step::Find => 2,
            Step::Members => 3,
            Step::Consent => 4,
            Step::Details => 5,
            Step::Baby => 6,
            Step::Procedures => 7,
            Step::Confirm | Step::Interview(_) | Step::Attachments => 8,
            Step::Review => 9,
            Step::Sign => 10,
            Step::Receipt => 11,
        };
        Some((n, 11))
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Draft {
    pub visit_number: Option<String>,
    pub household: Option<HouseholdView>,
    /// The life events chosen, in the order chosen.
    pub events: Vec<EventInput>,
    pub baby: BabyInput,
    pub answers: BTreeMap<String, serde_json::Value>,
    pub screening: Option<VisitScreening>,
    /// The interview as typed, by field key.
    pub interview: Answers,
    pub receipt: Option<Receipt>,
    /// The visit's language, chosen on its first screen.
    pub lang: Lang,
    /// Readings over kanji (furigana) on Japanese texts.
    #[serde(default)]
    pub furigana: bool,
    /// Larger text on every screen of the visit.
    #[serde(default)]
    pub large_text: bool,
    /// Black text and borders on white, for residents who see little contrast.
    #[serde(default)]
    pub high_contrast: bool,
    /// The resident's answer to using tax data (recorded on the server).
    pub tax_consent: Option<bool>,
    /// A pre-entry was read into this visit: its values are there to be confirmed.
    #[serde(default)]
    pub pre_entry: bool,
}

impl Draft {
    /// The visit as the server needs it to screen or submit; `None` before a visit and
    /// a household exist.
    pub fn visit_input(&self) -> Option<VisitInput> {
        Some(VisitInput {
            visit_number: self.visit_number.clone()?,
            household_number: self.household.as_ref()?.household_number.clone(),
            applicant: self.household.as_ref().map(|h| h.applicant.clone()),
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

    /// The merged interview of the procedures listed, once screened.
    pub fn interview_spec(&self) -> Option<&InterviewSpec> {
        self.screening.as_ref().map(|s| &s.interview)
    }

    /// How many interview screens (topics) there are.
    pub fn topic_count(&self) -> usize {
        self.interview_spec().map_or(0, |i| i.plan.topics.len())
    }

    /// Whether there are values to confirm before the questions.
    pub fn has_confirm(&self) -> bool {
        self.screening
            .as_ref()
            .is_some_and(|s| !s.prefilled.is_empty())
    }
}

/// Whether the last save of the visit's draft reached the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveStatus {
    Saved,
    /// The network or the server was down; the state stays on this screen and is saved
    /// again at the next step (or with the retry button).
    Failed,
}

#[derive(Clone, Copy)]
pub struct Wizard {
    pub channel: Channel,
    pub step: RwSignal<Step>,
    pub draft: RwSignal<Draft>,
    pub save_status: RwSignal<SaveStatus>,
    /// A save is on its way; `dirty` asks for another when it is back, so saves never
    /// overtake each other.
    in_flight: StoredValue<bool>,
    dirty: StoredValue<bool>,
    /// Visits ended on this tablet; never offered for resuming here, even while the
    /// server is still closing them.
    ended: StoredValue<Vec<String>>,
}

impl Wizard {
    pub fn provide(channel: Channel) -> Self {
        let w = Wizard {
            channel,
            step: RwSignal::new(Step::Start),
            draft: RwSignal::new(Draft::default()),
            save_status: RwSignal::new(SaveStatus::Saved),
            in_flight: StoredValue::new(false),
            dirty: StoredValue::new(false),
            ended: StoredValue::new(Vec::new()),
        };
        provide_context(w);
        w
    }

    pub fn get() -> Self {
        expect_context::<Wizard>()
    }

    /// Moves to `step` and saves the visit's state on the server.
    pub fn go(&self, step: Step) {
        self.step.set(step);
        crate::ui::common::focus("step-heading");
        self.save();
    }

    /// Saves the draft of the open visit on the server (nothing on this device).
    pub fn save(&self) {
        let step = self.step.get_untracked();
        if matches!(step, Step::Start | Step::Receipt | Step::Survey) {
            return;
        }
        if self.in_flight.get_value() {
            self.dirty.set_value(true);
            return;
        }
        let Some(saved) = self.draft.with_untracked(|d| {
            Some(crate::model::SavedDraft {
                visit_number: d.visit_number.clone()?,
                step: serde_json::to_string(&step).ok()?,
                state: serde_json::to_string(d).ok()?,
            })
        }) else {
            return;
        };
        self.in_flight.set_value(true);
        let w = *self;
        leptos::task::spawn_local(async move {
            let ok = super::calls::save_draft(w.channel, saved).await.is_ok();
            w.save_status.set(if ok {
                SaveStatus::Saved
            } else {
                SaveStatus::Failed
            });
            w.in_flight.set_value(false);
            if w.dirty.get_value() {
                w.dirty.set_value(false);
                w.save();
            }
        });
    }

    /// Whether the visit was ended on this tablet.
    pub fn was_ended(&self, visit_number: &str) -> bool {
        self.ended
            .with_value(|e| e.iter().any(|n| n == visit_number))
    }

    /// Carries on an interrupted visit from its saved state.
    pub fn resume(&self, saved: &crate::model::SavedDraft) -> bool {
        let (Ok(step), Ok(draft)) = (
            serde_json::from_str::<Step>(&saved.step),
            serde_json::from_str::<Draft>(&saved.state),
        ) else {
            return false;
        };
        self.draft.set(draft);
        self.go(step);
        true
    }

    /// Ends the visit on this tablet: the server closes it and deletes its draft, and
    /// everything about the resident is forgotten here. Online, the application is
    /// thrown away.
    pub fn clear(&self) {
        if let Some(number) = self.draft.with_untracked(|d| d.visit_number.clone()) {
            self.ended.update_value(|e| e.push(number.clone()));
            let channel = self.channel;
            leptos::task::spawn_local(async move {
                if let Err(e) = super::calls::end(channel, number).await {
                    leptos::logging::warn!("the visit could not be ended on the server: {e}");
                }
            });
        }
        self.draft.set(Draft::default());
        self.save_status.set(SaveStatus::Saved);
        self.go(Step::Start);
    }

    /// Whether a visit was ended here (online: an application thrown away).
    pub fn ended_any(&self) -> bool {
        self.ended.with_value(|e| !e.is_empty())
    }

    /// After the events: the household search at the counter; online the household
    /// is the resident's own, so the consent.
    pub fn after_events(&self) -> Step {
        match self.channel {
            Channel::Counter => Step::Find,
            Channel::Online => Step::Consent,
        }
    }

    /// After the consent: the events' details, the baby, or straight to the list.
    pub fn after_consent(&self) -> Step {
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

    /// Back from the baby: the details, or the consent.
    pub fn before_baby(&self) -> Step {
        if self.draft.with_untracked(|d| d.has_details()) {
            Step::Details
        } else {
            Step::Consent
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

    /// The first step of the interview: the values to confirm, the first topic, or the
    /// review when nothing is asked.
    pub fn interview_start(&self) -> Step {
        self.draft.with_untracked(|d| {
            if d.has_confirm() {
                Step::Confirm
            } else {
                self.topic_or_next(d, 0)
            }
        })
    }

    /// Topic `i`, or after the last one the attachments (online) or the review.
    fn topic_or_next(&self, d: &Draft, i: usize) -> Step {
        if i < d.topic_count() {
            Step::Interview(i)
        } else if self.channel == Channel::Online {
            Step::Attachments
        } else {
            Step::Review
        }
    }

    /// The step after the confirmation or after topic `i`.
    pub fn after_confirm(&self) -> Step {
        self.draft.with_untracked(|d| self.topic_or_next(d, 0))
    }

    pub fn after(&self, i: usize) -> Step {
        self.draft.with_untracked(|d| self.topic_or_next(d, i + 1))
    }

    /// The step before topic `i`: the previous topic, the confirmation or the list.
    pub fn before(&self, i: usize) -> Step {
        self.draft.with_untracked(|d| match i {
            0 if d.has_confirm() => Step::Confirm,
            0 => Step::Procedures,
            i => Step::Interview(i - 1),
        })
    }

    /// Back from the review: the attachments online; else as [`Self::before_attachments`].
    pub fn before_review(&self) -> Step {
        match self.channel {
            Channel::Online => Step::Attachments,
            Channel::Counter => self.before_attachments(),
        }
    }

    /// Back from the attachments: the last topic, the confirmation or the list.
    pub fn before_attachments(&self) -> Step {
        let n = self.draft.with_untracked(|d| d.topic_count());
        if n > 0 {
            Step::Interview(n - 1)
        } else {
            self.before(0)
        }
    }
}
