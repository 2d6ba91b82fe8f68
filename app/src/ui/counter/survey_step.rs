//! The satisfaction survey at the end of a visit: five levels and an optional comment,
//! stored with the visit for the dashboards. Then the tablet resets for the next
//! resident, answered or not.

use super::Wizard;
use crate::api::counter::record_survey;
use leptos::prelude::*;
use leptos::task::spawn_local;

const LEVELS: [(u8, &str); 5] = [
    (5, "とても満足"),
    (4, "満足"),
    (3, "ふつう"),
    (2, "不満"),
    (1, "とても不満"),
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
            <h1 id="step-heading" tabindex="-1">"本日の手続きはいかがでしたか"</h1>
            <p class="hint">"よりよい窓口にするため、お聞かせください。答えなくてもかまいません。"</p>
            <fieldset class="field">
                <legend>"満足度"</legend>
                <div class="radios survey">
                    {LEVELS.into_iter().map(|(value, label)| view! {
                        <label class="radio">
                            <input type="radio" name="satisfaction" value=value.to_string()
                                prop:checked=move || level.get() == Some(value)
                                on:change=move |_| level.set(Some(value))/>
                            {label}
                        </label>
                    }).collect_view()}
                </div>
            </fieldset>
            <div class="field">
                <label for="survey-comment">"ご意見 (任意)"</label>
                <textarea id="survey-comment" class="textarea" maxlength="200" rows="3"
                    prop:value=move || comment.get()
                    on:input=move |ev| comment.set(event_target_value(&ev))></textarea>
            </div>
            <div class="actions">
                <button type="button" class="btn btn-secondary" on:click=move |_| wizard.clear()>"答えずに終わる"</button>
                <button type="button" class="btn btn-primary" disabled=move || pending.get() || level.get().is_none()
                    on:click=send>"送って終わる"</button>
            </div>
        </section>
    }
}
