//! Choose the life events: one or several (a birth and a move in the same visit, say).
//! Every event of the catalog is offered; the rules decide the procedures.

use super::{Channel, Wizard};
use crate::model::EventInput;
use crate::ui::i18n::{m, t, Key};
use leptos::prelude::*;
use madoguchi_core::screening::EventType;

/// An event's name and what a resident reads under it.
pub fn texts(kind: EventType) -> (Key, Key) {
    use m::counter::event as e;
    match kind {
        EventType::Birth => (e::birth::title, e::birth::hint),
        EventType::MoveIn => (e::move_in::title, e::move_in::hint),
        EventType::MoveOut => (e::move_out::title, e::move_out::hint),
        EventType::MoveWithin => (e::move_within::title, e::move_within::hint),
        EventType::Death => (e::death::title, e::death::hint),
        EventType::Marriage => (e::marriage::title, e::marriage::hint),
        EventType::Divorce => (e::divorce::title, e::divorce::hint),
        EventType::InsuranceLoss => (e::insurance_loss::title, e::insurance_loss::hint),
        EventType::InsuranceGain => (e::insurance_gain::title, e::insurance_gain::hint),
        EventType::Pregnancy => (e::pregnancy::title, e::pregnancy::hint),
    }
}

/// An event's name in the visit's language.
pub fn event_title(kind: EventType) -> Key {
    texts(kind).0
}

#[component]
pub fn EventStep() -> impl IntoView {
    let wizard = Wizard::get();
    let chosen = move |kind: EventType| wizard.draft.with(|d| d.has(kind));
    let toggle = move |kind: EventType| {
        wizard.draft.update(|d| {
            if d.has(kind) {
                d.events.retain(|e| e.kind != kind);
            } else {
                d.events.push(EventInput {
                    kind,
                    date: String::new(),
                    person: None,
                });
            }
            d.screening = None;
        })
    };
    let any = move || wizard.draft.with(|d| !d.events.is_empty());
    view! {
        <section>
            <h1 id="step-heading" tabindex="-1">{t(m::counter::event::title)}</h1>
            <p class="hint">{t(m::counter::event::hint)}</p>
            {(wizard.channel == Channel::Counter).then(|| view! { <super::pre_entry_reader::PreEntryReader/> })}
            <EventChoices chosen toggle/>
            <div class="actions">
                <button type="button" class="btn btn-secondary" on:click=move |_| wizard.clear()>{t(match wizard.channel {
                    Channel::Counter => m::counter::event::cancel,
                    Channel::Online => m::public::apply::discard,
                })}</button>
                <button type="button" class="btn btn-primary" disabled=move || !any() on:click=move |_| wizard.go(wizard.after_events())>{t(m::common::next)}</button>
            </div>
        </section>
    }
}

/// Every life event as a button that is on or off (aria-pressed): the counter's first
/// step and the public navigator's.
#[component]
pub fn EventChoices<C, T>(chosen: C, toggle: T) -> impl IntoView
where
    C: Fn(EventType) -> bool + Copy + Send + Sync + 'static,
    T: Fn(EventType) + Copy + Send + Sync + 'static,
{
    view! {
        <ul class="choices">
            {EventType::ALL.into_iter().map(|kind| view! {
                <li>
                    <button type="button" class="choice" aria-pressed=move || chosen(kind).to_string()
                        class:choice-on=move || chosen(kind) on:click=move |_| toggle(kind)>
                        <span class="choice-title">{t(texts(kind).0)}</span>
                        <span class="choice-text">{t(texts(kind).1)}</span>
                        <span class="choice-mark" aria-hidden="true">{move || chosen(kind).then(|| t(m::counter::event::selected))}</span>
                    </button>
                </li>
            }).collect_view()}
        </ul>
    }
}
