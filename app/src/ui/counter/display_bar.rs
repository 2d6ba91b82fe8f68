//! The bar above every screen of a visit: the language, furigana (for Japanese), large
//! text, high contrast, and reading the screen aloud where the tablet has a voice for
//! the language. All of it belongs to the visit and resets when the visit ends.

use super::lang_switch::LangSwitch;
use super::{Step, Wizard};
use crate::ui::display::{set_root_class, speech};
use crate::ui::i18n::{m, t};
use leptos::prelude::*;

#[component]
pub fn DisplayBar() -> impl IntoView {
    let wizard = Wizard::get();
    let lang = move || wizard.draft.with(|d| d.lang);
    let furigana = move || wizard.draft.with(|d| d.furigana);
    let large = move || wizard.draft.with(|d| d.large_text);
    let contrast = move || wizard.draft.with(|d| d.high_contrast);
    let voices = RwSignal::new(0u32);
    speech::on_voices_changed(move || voices.update(|n| *n += 1));
    let can_read = move || {
        voices.track();
        speech::has_voice(lang().html())
    };
    Effect::new(move |_| set_root_class("large-text", large()));
    Effect::new(move |_| set_root_class("high-contrast", contrast()));
    on_cleanup(|| {
        set_root_class("large-text", false);
        set_root_class("high-contrast", false);
        speech::stop();
    });
    view! {
        <div class="display-bar">
            {move || (wizard.step.get() != Step::Start).then(|| view! { <LangSwitch/> })}
            <div class="display-options" role="group" aria-label=crate::ui::i18n::t_plain(m::common::display::label)>
                {move || lang().is_japanese().then(|| view! {
                    <button type="button" class="btn btn-ghost toggle" aria-pressed=move || furigana().to_string()
                        on:click=move |_| wizard.draft.update(|d| d.furigana = !d.furigana)>
                        {t(m::common::display::furigana)}
                    </button>
                })}
                <button type="button" class="btn btn-ghost toggle" aria-pressed=move || large().to_string()
                    on:click=move |_| wizard.draft.update(|d| d.large_text = !d.large_text)>
                    {t(m::common::display::large_text)}
                </button>
                <button type="button" class="btn btn-ghost toggle" aria-pressed=move || contrast().to_string()
                    on:click=move |_| wizard.draft.update(|d| d.high_contrast = !d.high_contrast)>
                    {t(m::common::display::high_contrast)}
                </button>
                {move || can_read().then(|| view! {
                    <button type="button" class="btn btn-ghost read-aloud"
                        on:click=move |_| speech::read_screen(lang().html())>
                        <span aria-hidden="true">"🔊 "</span>{t(m::common::display::read_aloud)}
                    </button>
                })}
            </div>
        </div>
    }
}
