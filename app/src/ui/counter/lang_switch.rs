//! The visit's language, switched at any screen without losing what was typed: every
//! language of `locales/languages.toml`, each named in its own words.

use super::Wizard;
use crate::ui::i18n::{m, t_plain};
use leptos::prelude::*;
use madoguchi_core::lang::Lang;

#[component]
pub fn LangSwitch(#[prop(optional)] large: bool) -> impl IntoView {
    let wizard = Wizard::get();
    let current = move || wizard.draft.with(|d| d.lang);
    view! {
        <div class="lang-switch" class:lang-switch-large=large role="group" aria-label=t_plain(m::common::language::label)>
            {Lang::all().map(|l| view! {
                <button type="button" class="btn btn-ghost lang" lang=l.html()
                    aria-pressed=move || if current() == l { "true" } else { "false" }
                    on:click=move |_| wizard.draft.update(|d| d.lang = l)>{l.name()}</button>
            }).collect_view()}
        </div>
    }
}
