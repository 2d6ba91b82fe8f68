//! Step 1: what happened — one or several life events, as at the counter.

use super::{Navigator, Step};
use crate::ui::common::ErrorSummary;
use crate::ui::counter::EventChoices;
use crate::ui::i18n::{m, ruby, t, Catalog};
use leptos::prelude::*;
use madoguchi_core::navigator::EventSketch;
use madoguchi_core::screening::EventType;

#[component]
pub fn EventsStep() -> impl IntoView {
    let nav = Navigator::get();
    let catalog = Catalog::get();
    let missing = RwSignal::new(false);
    let chosen = move |kind: EventType| nav.sketch.with(|s| s.has(kind));
    let toggle = move |kind: EventType| {
        nav.sketch.update(|s| {
            if s.has(kind) {
                s.events.retain(|e| e.kind != kind);
            } else {
                s.events.push(EventSketch {
                    kind,
                    date: String::new(),
                    person: None,
                });
            }
        });
        nav.guidance.set(None);
        missing.set(false);
    };
    let next = move |_| {
        if nav.sketch.with_untracked(|s| s.events.is_empty()) {
            missing.set(true);
            crate::ui::common::focus("error-summary");
        } else {
            nav.go(Step::Household);
        }
    };
    let summary = Signal::derive(move || {
        missing
            .get()
            .then(|| ruby::plain(&catalog.raw(m::public::events::none)))
    });
    view! {
        <section class="navigator">
            <p class="step-count">{move || catalog.show(&catalog.fill(m::public::page::step, &[("n", Step::Events.number().to_string())]))}</p>
            <h1 id="step-heading" tabindex="-1">{t(m::public::page::title)}</h1>
            <p class="lead">{t(m::public::page::lead)}</p>
            <p class="hint privacy">{t(m::public::page::privacy)}</p>
            <ErrorSummary message=summary/>
            <h2>{t(m::public::events::title)}</h2>
            <p class="hint">{t(m::public::events::hint)}</p>
            <EventChoices chosen toggle/>
            <div class="actions">
                <button type="button" class="btn btn-primary" on:click=next>{t(m::common::next)}</button>
            </div>
        </section>
    }
}
