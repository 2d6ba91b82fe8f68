//! The interview's language: Japanese, plain Japanese or English, switched at any
//! screen without losing what was typed.

use super::Wizard;
use leptos::prelude::*;
use madoguchi_core::forms::Lang;

#[component]
pub fn LangSwitch() -> impl IntoView {
    let wizard = Wizard::get();
    let current = move || wizard.draft.with(|d| d.lang);
    view! {
        <div class="lang-switch" role="group" aria-label="言語 / Language">
            {Lang::ALL.into_iter().map(|l| view! {
                <button type="button" class="btn btn-ghost lang" lang=match l { Lang::En => "en", _ => "ja" }
                    aria-pressed=move || if current() == l { "true" } else { "false" }
                    on:click=move |_| wizard.draft.update(|d| d.lang = l)>{l.name()}</button>
            }).collect_view()}
        </div>
    }
}
