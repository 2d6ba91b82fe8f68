//! Step 3: when each event happened and, where it matters, whom it is about — who died
//! (and who was the head of the household), who moves.

use super::names::name;
use super::{Navigator, Step};
use crate::ui::common::{focus, today, ErrorSummary};
use crate::ui::counter::event_texts;
use crate::ui::i18n::{m, ruby, t, t_error, Catalog};
use leptos::prelude::*;
use madoguchi_core::forms::FieldError;
use madoguchi_core::navigator::{event_date_field, event_person_field, movers_field, ME};
use madoguchi_core::screening::EventType;

#[component]
pub fn DetailsStep() -> impl IntoView {
    let nav = Navigator::get();
    let catalog = Catalog::get();
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let summary = Signal::derive(move || {
        (!errors.with(Vec::is_empty)).then(|| ruby::plain(&catalog.raw(m::common::check_input)))
    });
    let error_of = move |field: String| {
        move || errors.with(|e| e.iter().find(|x| x.field == field).map(|x| x.error))
    };
    let next = move |_| {
        let found = nav.sketch.with_untracked(|s| s.check_events(today()));
        let ok = found.is_empty();
        errors.set(found);
        if ok {
            nav.guidance.set(None);
            nav.go(Step::Result);
        } else {
            focus("error-summary");
        }
    };
    let events = nav.sketch.with_untracked(|s| s.events.clone());
    let first_move = events.iter().position(|e| {
        matches!(
            e.kind,
            EventType::MoveIn | EventType::MoveOut | EventType::MoveWithin
        )
    });
    let others = move || {
        nav.sketch.with(|s| {
            s.members
                .iter()
                .filter(|m| m.id != ME)
                .map(|m| m.id.clone())
                .collect::<Vec<_>>()
        })
    };
    let everyone = move || {
        nav.sketch
            .with(|s| s.members.iter().map(|m| m.id.clone()).collect::<Vec<_>>())
    };
    view! {
        <section class="navigator">
            <p class="step-count">{move || catalog.show(&catalog.fill(m::public::page::step, &[("n", Step::Details.number().to_string())]))}</p>
            <h1 id="step-heading" tabindex="-1">{t(m::public::details::title)}</h1>
            <ErrorSummary message=summary/>
            {events.into_iter().enumerate().map(|(i, e)| {
                let date_id = event_date_field(i);
                let date_error = error_of(date_id.clone());
                let date_error_shown = error_of(date_id.clone());
                let date_invalid = error_of(date_id.clone());
                let person_id = event_person_field(i);
                let person_error = error_of(person_id.clone());
                let person_invalid = error_of(person_id.clone());
                let movers_id = movers_field(i);
                let movers_error = error_of(movers_id.clone());
                let date_label = if e.kind == EventType::Birth { m::public::details::birth_date } else { m::public::details::date };
                view! {
                    <fieldset class="field event-details" data-event=e.kind.id()>
                        <legend class="event-title">{t(event_texts(e.kind).0)}</legend>
                        <div class="field" class:field-invalid=move || date_invalid().is_some()>
                            <label for=date_id.clone()>{t(date_label)}</label>
                            {let id = format!("{date_id}-error"); move || date_error_shown().map(|e| view! { <p class="error" id=id.clone()>{t_error(e)}</p> })}
                            <input type="date" id=date_id.clone() aria-invalid=move || date_error().is_some().to_string()
                                prop:value=move || nav.sketch.with(|s| s.events.get(i).map(|e| e.date.clone()).unwrap_or_default())
                                on:input=move |ev| {
                                    let v = event_target_value(&ev);
                                    nav.sketch.update(|s| if let Some(e) = s.events.get_mut(i) { e.date = v; });
                                }/>
                        </div>
                        {(e.kind == EventType::Death).then(|| view! {
                            <div class="field" class:field-invalid=move || person_invalid().is_some()>
                                <label for=person_id.clone()>{t(m::public::details::who_died)}</label>
                                {move || person_error().map(|e| view! { <p class="error">{t_error(e)}</p> })}
                                <select id=person_id.clone() class="select"
                                    on:change=move |ev| {
                                        let v = event_target_value(&ev);
                                        nav.sketch.update(|s| if let Some(e) = s.events.get_mut(i) { e.person = (!v.is_empty()).then_some(v); });
                                    }>
                                    <option value="">{t(m::public::details::choose)}</option>
                                    {others().into_iter().map(|id| {
                                        let selected = { let id = id.clone(); move || nav.sketch.with(|s| s.events.get(i).and_then(|e| e.person.clone()) == Some(id.clone())) };
                                        let label = { let id = id.clone(); move || name(nav, &id).unwrap_or_default() };
                                        view! { <option value=id.clone() selected=selected>{label}</option> }
                                    }).collect_view()}
                                </select>
                                <p class="hint">{t(m::public::details::who_died_hint)}</p>
                            </div>
                            <div class="field">
                                <label for="head">{t(m::public::details::head)}</label>
                                <p class="hint">{t(m::public::details::head_hint)}</p>
                                <select id="head" class="select"
                                    on:change=move |ev| {
                                        let v = event_target_value(&ev);
                                        nav.sketch.update(|s| s.head = (v != ME).then_some(v));
                                    }>
                                    {everyone().into_iter().map(|id| {
                                        let selected = { let id = id.clone(); move || nav.sketch.with(|s| s.head.clone().unwrap_or_else(|| ME.to_owned()) == id) };
                                        let label = { let id = id.clone(); move || name(nav, &id).unwrap_or_default() };
                                        view! { <option value=id.clone() selected=selected>{label}</option> }
                                    }).collect_view()}
                                </select>
                            </div>
                        })}
                        {(Some(i) == first_move).then(|| view! {
                            <fieldset class="field movers">
                                <legend>{t(m::public::details::movers)}</legend>
                                {move || movers_error().map(|e| view! { <p class="error">{t_error(e)}</p> })}
                                {everyone().into_iter().map(|id| {
                                    let input_id = format!("moving-{id}");
                                    let label_for = input_id.clone();
                                    let checked = { let id = id.clone(); move || nav.sketch.with(|s| s.members.iter().any(|m| m.id == id && m.moving)) };
                                    let label = { let id = id.clone(); move || name(nav, &id).unwrap_or_default() };
                                    let id2 = id.clone();
                                    view! {
                                        <label class="checkbox" for=label_for>
                                            <input type="checkbox" id=input_id prop:checked=checked
                                                on:change=move |ev| {
                                                    let on = event_target_checked(&ev);
                                                    nav.sketch.update(|s| if let Some(m) = s.members.iter_mut().find(|m| m.id == id2) { m.moving = on; });
                                                }/>
                                            <span>{label}</span>
                                        </label>
                                    }
                                }).collect_view()}
                            </fieldset>
                        })}
                    </fieldset>
                }
            }).collect_view()}
            <div class="actions">
                <button type="button" class="btn btn-secondary" on:click=move |_| nav.go(Step::Household)>{t(m::common::back)}</button>
                <button type="button" class="btn btn-primary" on:click=next>{t(m::public::details::show)}</button>
            </div>
        </section>
    }
}
