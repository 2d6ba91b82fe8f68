//! What the city's rules name in Japanese — a procedure, a department, its counter — in
//! the visit's language (`locales/<code>/rules.toml`), with the official Japanese name
//! beside a translated one: it is what the forms, the signs and the staff say.

use crate::ui::i18n::Catalog;
use leptos::prelude::*;

/// A name from the rules: `key` below `rules.` (`procedures.<id>.name`), `ja` the
/// rules' own text, shown as it is in Japanese and wherever the language lacks it.
/// With `official`, a translation is followed by the Japanese name.
#[component]
pub fn RulesText(key: String, ja: String, #[prop(optional)] official: bool) -> impl IntoView {
    let catalog = Catalog::get();
    move || match catalog.rules(&key) {
        Some(theirs) if official => view! {
            {theirs} " " <span class="official-name" lang="ja">{ja.clone()}</span>
        }
        .into_any(),
        Some(theirs) => theirs.into_any(),
        None => ja.clone().into_any(),
    }
}
