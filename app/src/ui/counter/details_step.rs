//! When each event happened and whom it is about (a birth is described on the next
//! step, with the baby). The same checks run here and on the server.

use super::Wizard;
use crate::ui::common::{focus, today, ErrorSummary};
use crate::ui::i18n::{m, t, t_error, Catalog};
use leptos::prelude::*;
use madoguchi_core::jp::{parse_event_date, ValueError};
use madoguchi_core::screening::EventType;

/// A member option's value for "the whole household".
const EVERYONE: &str = "";

#[component]
pub fn DetailsStep() -> impl IntoView {
    let wizard = Wizard::get();
    let errors = RwSignal::new(Vec::<(String, ValueError)>::new());
    let catalog = Catalog::get();
    let summary = Signal::derive(move || {
        (!errors.with(Vec::is_empty))
            .then(|| crate::ui::i18n::ruby::plain(&catalog.raw(m::common::check_input)))
    });
    let members = wizard
        .draft
        .with_untracked(|d| d.household.clone().map(|h| h.members).unwrap_or_default());
    // Default dates: today.
    wizard.draft.update(|d| {
        for e in d.events.iter_mut().filter(|e| e.date.is_empty()) {
            e.date = today().to_string();
        }
    });
    let next = move |_| {
        let found: Vec<(String, ValueError)> = wizard.draft.with_untracked(|d| {
            let mut out = Vec::new();
            for (i, e) in d
                .events
                .iter()
                .enumerate()
                .filter(|(_, e)| e.kind != EventType::Birth)
            {
                if let Err(err) = parse_event_date(&e.date, today()) {
                    out.push((format!("event-{i}-date"), err));
                }
                if e.kind.needs_person() && e.person.as_deref().is_none_or(str::is_empty) {
                    out.push((format!("event-{i}-person"), ValueError::InvalidChoice));
                }
            }
            out
        });
        let ok = found.is_empty();
        errors.set(found);
        if ok {
            wizard.draft.update(|d| d.screening = None);
            wizard.go(wizard.after_details());
        } else {
            focus("error-summary");
        }
    };
    let error_of = move |field: String| {
        Signal::derive(move || {
            errors.with(|e| e.iter().find(|(f, _)| *f == field).map(|(_, v)| *v))
        })
    };
    let events = wizard.draft.with_untracked(|d| d.events.clone());
    view! {
        <section>
            <h1 id="step-heading" tabindex="-1">{t(m::counter::details::title)}</h1>
            <ErrorSummary message=summary/>
            {events.into_iter().enumerate().filter(|(_, e)| e.kind != EventType::Birth).map(|(i, e)| {
                let date_id = format!("event-{i}-date");
                let person_id = format!("event-{i}-person");
                let date_error = error_of(date_id.clone());
                let person_error = error_of(person_id.clone());
                let date_error_id = format!("{date_id}-error");
                let members = members.clone();
                let whole = !e.kind.needs_person();
                view! {
                    <fieldset class="field event-details" data-event=e.kind.id()>
                        <legend class="event-title">{t(super::event_step::event_title(e.kind))}</legend>
                        <div class="field" class:field-invalid=move || date_error.get().is_some()>
                            <label for=date_id.clone()>{t(m::counter::details::date)}</label>
                            {move || date_error.get().map(|e| view! { <p class="error" id=date_error_id.clone()>{t_error(e)}</p> })}
                            <input type="date" id=date_id.clone() aria-invalid=move || date_error.get().is_some().to_string()
                                prop:value=move || wizard.draft.with(|d| d.events.get(i).map(|e| e.date.clone()).unwrap_or_default())
                                on:input=move |ev| {
                                    let v = event_target_value(&ev);
                                    wizard.draft.update(|d| if let Some(e) = d.events.get_mut(i) { e.date = v; });
                                }/>
                        </div>
                        <div class="field" class:field-invalid=move || person_error.get().is_some()>
                            <label for=person_id.clone()>{t(if whole { m::counter::details::who_optional } else { m::counter::details::who })}</label>
                            {move || person_error.get().map(|e| view! { <p class="error">{t_error(e)}</p> })}
                            <select id=person_id.clone() class="select" aria-invalid=move || person_error.get().is_some().to_string()
                                on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    wizard.draft.update(|d| if let Some(e) = d.events.get_mut(i) { e.person = (!v.is_empty()).then_some(v); });
                                }>
                                <option value=EVERYONE selected=move || wizard.draft.with(|d| d.events.get(i).is_some_and(|e| e.person.is_none()))>
                                    {t(if whole { m::counter::details::everyone } else { m::counter::details::choose })}
                                </option>
                                {members.into_iter().map(|member| {
                                    let number = member.person_number.clone();
                                    let selected = move || wizard.draft.with(|d| d.events.get(i).and_then(|e| e.person.clone()) == Some(number.clone()));
                                    view! { <option value=member.person_number.clone() selected=selected>{member.name}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                    </fieldset>
                }
            }).collect_view()}
            <div class="actions">
                <button type="button" class="btn btn-secondary" on:click=move |_| wizard.go(super::Step::Consent)>{t(m::common::back)}</button>
                <button type="button" class="btn btn-primary" on:click=next>{t(m::common::next)}</button>
            </div>
        </section>
    }
}
