//! The satisfaction survey at the end of a visit: five levels and an optional comment,
//! stored with the visit for the dashboards. Then the tablet resets for the next
//! resident, answered or not.

use super::i18n::{lang, pick};
use super::lang_switch::LangSwitch;
use super::Wizard;
use crate::api::counter::record_survey;
use leptos::prelude::*;
use leptos::task::spawn_local;

const LEVELS: [(u8, &str, &str, &str); 5] = [
    (5, "とても満足", "とても よかった", "Very satisfied"),
    (4, "満足", "よかった", "Satisfied"),
    (3, "ふつう", "ふつう", "Neutral"),
    (2, "不満", "よくなかった", "Dissatisfied"),
    (1, "とても不満", "とても よくなかった", "Very dissatisfied"),
];

#[component]
pub fn SurveyStep() -> impl IntoView {
    let wizard = Wizard::get();
    let level = RwSignal::new(None::<u8>);
    let comment = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let lang = lang();
    let t = move |ja, easy, en| move || pick(lang.get(), ja, easy, en);
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
            <LangSwitch/>
            <h1 id="step-heading" tabindex="-1">{t("本日の手続きはいかがでしたか", "きょう の てつづき は どう でしたか", "How was your visit today?")}</h1>
            <p class="hint">{t(
                "よりよい窓口にするため、お聞かせください。答えなくてもかまいません。",
                "よい まどぐち に する ため、おしえて ください。こたえなくても だいじょうぶ です。",
                "Please tell us, to help us improve. You may skip this.",
            )}</p>
            <fieldset class="field">
                <legend>{t("満足度", "どう でしたか", "Satisfaction")}</legend>
                <div class="radios survey">
                    {LEVELS.into_iter().map(|(value, ja, easy, en)| view! {
                        <label class="radio">
                            <input type="radio" name="satisfaction" value=value.to_string()
                                prop:checked=move || level.get() == Some(value)
                                on:change=move |_| level.set(Some(value))/>
                            {t(ja, easy, en)}
                        </label>
                    }).collect_view()}
                </div>
            </fieldset>
            <div class="field">
                <label for="survey-comment">{t("ご意見 (任意)", "いけん (かかなくても よい)", "Comments (optional)")}</label>
                <textarea id="survey-comment" class="textarea" maxlength="200" rows="3"
                    prop:value=move || comment.get()
                    on:input=move |ev| comment.set(event_target_value(&ev))></textarea>
            </div>
            <div class="actions">
                <button type="button" class="btn btn-secondary" on:click=move |_| wizard.clear()>{t("答えずに終わる", "こたえないで おわる", "Skip and finish")}</button>
                <button type="button" class="btn btn-primary" disabled=move || pending.get() || level.get().is_none()
                    on:click=send>{t("送って終わる", "おくって おわる", "Send and finish")}</button>
            </div>
        </section>
    }
}
