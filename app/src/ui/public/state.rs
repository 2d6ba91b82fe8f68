//! The navigator's state: what the visitor has told (a `navigator::Sketch`, kept in the
//! page only — nothing is stored on the device or the server) and the step shown, which
//! lives in the address (`?step=household`) so the browser's Back goes a step back.

use crate::model::public::{Guidance, PreEntryTicket};
use crate::model::BabyInput;
use crate::ui::common::focus;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use madoguchi_core::forms::Answers;
use madoguchi_core::navigator::Sketch;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Events,
    Household,
    Details,
    Result,
    /// The pre-entry: what the city cannot know, typed at home.
    Prepare,
    /// The pre-entry's QR code and short code.
    Ticket,
}

impl Step {
    pub const ALL: [Step; 6] = [
        Self::Events,
        Self::Household,
        Self::Details,
        Self::Result,
        Self::Prepare,
        Self::Ticket,
    ];

    fn id(self) -> &'static str {
        match self {
            Self::Events => "events",
            Self::Household => "household",
            Self::Details => "details",
            Self::Result => "result",
            Self::Prepare => "prepare",
            Self::Ticket => "ticket",
        }
    }

    /// Its place among the navigator's four steps, counted from 1 (the pre-entry's
    /// steps come after them).
    pub fn number(self) -> usize {
        Self::ALL.iter().position(|s| *s == self).unwrap_or(0) + 1
    }
}

/// Moves the router to an address (kept from the page's router context).
type Go = std::rc::Rc<dyn Fn(&str)>;

#[derive(Clone, Copy)]
pub struct Navigator {
    pub sketch: RwSignal<Sketch>,
    /// The last answer of the server, for the result step.
    pub guidance: RwSignal<Option<Guidance>>,
    /// The pre-entry as typed (the baby, the interview's answers), in the page only.
    pub baby: RwSignal<BabyInput>,
    pub prepared: RwSignal<Answers>,
    /// The pre-entry made: shown until the visitor starts again.
    pub ticket: RwSignal<Option<PreEntryTicket>>,
    query: Memo<Option<String>>,
    navigate: StoredValue<Go, LocalStorage>,
}

impl Navigator {
    pub fn provide() -> Navigator {
        let query = use_query_map();
        let navigate = use_navigate();
        let navigate: Go = std::rc::Rc::new(move |href: &str| navigate(href, Default::default()));
        let nav = Navigator {
            navigate: StoredValue::new_local(navigate),
            sketch: RwSignal::new(Sketch::default()),
            guidance: RwSignal::new(None),
            baby: RwSignal::new(BabyInput::default()),
            prepared: RwSignal::new(Answers::new()),
            ticket: RwSignal::new(None),
            query: Memo::new(move |_| query.with(|q| q.get("step"))),
        };
        provide_context(nav);
        nav
    }

    pub fn get() -> Navigator {
        expect_context::<Navigator>()
    }

    /// The step shown: the address's, unless what it needs was never told (a reload
    /// forgets everything, as promised): then the first.
    pub fn step(self) -> Step {
        let asked = self.query.get();
        let step = Step::ALL
            .into_iter()
            .find(|s| asked.as_deref() == Some(s.id()))
            .unwrap_or(Step::Events);
        let has_events = self.sketch.with_untracked(|s| !s.events.is_empty());
        let has_ticket = self.ticket.with_untracked(Option::is_some);
        if step != Step::Events && !has_events {
            Step::Events
        } else if step == Step::Ticket && !has_ticket {
            Step::Prepare
        } else {
            step
        }
    }

    /// Goes to `step` as a new entry in the history, focusing its heading.
    pub fn go(self, step: Step) {
        let href = match step {
            Step::Events => "/".to_owned(),
            s => format!("/?step={}", s.id()),
        };
        (self.navigate.get_value())(&href);
        focus("step-heading");
    }

    /// Forgets everything told, back to the first step.
    pub fn restart(self) {
        self.sketch.set(Sketch::default());
        self.guidance.set(None);
        self.baby.set(BabyInput::default());
        self.prepared.set(Answers::new());
        self.ticket.set(None);
        self.go(Step::Events);
    }
}
