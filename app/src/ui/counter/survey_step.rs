//! The satisfaction survey at the end of a visit: five levels and an optional comment,
//! stored with the visit for the dashboards. Then the tablet resets for the next
//! resident, answered or not.

use super::Wizard;
use crate::api::counter::record_survey;
use crate::ui::i18n::{m, t, Key};
use leptos::prelude::*;
use leptos::task::spawn_local;

const LEVELS: [(u8, Key); 5] = [
    (5, m::counter::survey::rating5),
    (4, m::counter::survey::rating4),
    (3, m::counter::survey::rating3),
    (2, m::counter::survey::rating2),
    (1, m::counter::survey::rating1),
];

#[component]
pub fn SurveyStep() -> impl IntoView {
    let wizard = Wizard::get();
    let level = RwSignal::new(None::<u8>);
    let comment = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let send = move |_| {
        let Some(l) = level.get_untracked() else {
            wizard.clear();
            return;
        };
        let Some(number) = wizard
            .draft
            .with_untracked(|d| d.receipt.as_ref().map(|r| r.visit_number.clone()))
        else {
            wizard.clear();
            return;
        };
        pending.set(true);
        let text = comment.get_untracked();
        spawn_local(async move {
            // Whatever the answer's fate, the tablet resets: the survey never holds a
            // resident's data on screen.
            if let Err(e) = record_survey(number, l, text).await {
                leptos::logging::warn!("the survey could not be saved: {e}");
            }
            pending.set(false);
            wizard.clear();
        });
    };
    view! {
        <section>
            <h1 id="step-heading" tabindex="-1">{t(m::counter::survey::title)}</h1>
            <p class="hint">{t(m::counter::survey::intro)}</p>
            <fieldset class="field">
                <legend>{t(m::counter::survey::satisfaction)}</legend>
                <div class="radios survey">
                    {LEVELS.into_iter().map(|(value, label)| view! {
                        <label class="radio">
                            <input type="radio" name="satisfaction" value=value.to_string()
                                prop:checked=move || level.get() == Some(value)
                                on:change=move |_| level.set(Some(value))/>
                            {t(label)}
                        </label>
                    }).collect_view()}
                </div>
            </fieldset>
            <div class="field">
                <label for="survey-comment">{t(m::counter::survey::comment)}</label>
                <textarea id="survey-comment" class="textarea" maxlength="200" rows="3"
                    prop:value=move || comment.get()
                    on:input=move |ev| comment.set(event_target_value(&ev))></textarea>
            </div>
            <div class="actions">
                <button type="button" class="btn btn-secondary" on:click=move |_| wizard.clear()>{t(m::counter::survey::skip)}</button>
                <button type="button" class="btn btn-primary" disabled=move || pending.get() || level.get().is_none()
                    on:click=send>{t(m::counter::survey::send)}</button>
            </div>
        </section>
    }
}
