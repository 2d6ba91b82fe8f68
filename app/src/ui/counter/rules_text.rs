//! What the city's rules write in Japanese — a procedure, a department, its counter, a
//! reason, a deadline note, a question — in the visit's language
//! (`locales/<code>/rules.toml`), with the official Japanese name beside a translated
//! one: it is what the forms, the signs and the staff say.

use crate::ui::i18n::{m, ruby, Catalog};
use leptos::prelude::*;
use madoguchi_core::screening::{Phrase, PhraseArg};

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

/// A reason, deadline note or question of the rules: `ja` as the server wrote it, or
/// in another language its phrase translated (`texts."<the rules' text>"`) with each
/// value written as that language writes it. Japanese where the language lacks it.
#[component]
pub fn PhraseText(ja: String, phrase: Option<Phrase>) -> impl IntoView {
    let catalog = Catalog::get();
    move || {
        phrase
            .as_ref()
            .and_then(|p| translated(catalog, p))
            .unwrap_or_else(|| ja.clone())
    }
}

/// `phrase` in the current language (tracked), or `None` in Japanese and where the
/// language lacks its text.
pub fn translated(catalog: Catalog, phrase: &Phrase) -> Option<String> {
    let text = catalog.rules(&format!("texts.{}", phrase.text))?;
    let values: Vec<(&str, String)> = phrase
        .args
        .iter()
        .map(|(name, value)| (name.as_str(), value_text(catalog, value)))
        .collect();
    Some(ruby::plain(&ruby::fill(&text, &values)))
}

/// A phrase's value as the current language writes it (tracked).
fn value_text(catalog: Catalog, value: &PhraseArg) -> String {
    let unit = |key, n: &i64| catalog.fill(key, &[("n", n.to_string())]);
    let text = match value {
        PhraseArg::Name(name) => name.clone(),
        PhraseArg::Date(d) => catalog.date(*d),
        PhraseArg::Yen(n) => catalog.yen(*n),
        PhraseArg::Age(n) => unit(m::common::units::age, n),
        PhraseArg::Days(n) => unit(m::common::units::days, n),
        PhraseArg::Months(n) => unit(m::common::units::months, n),
        PhraseArg::Years(n) => unit(m::common::units::years, n),
        PhraseArg::Number(n) => madoguchi_core::jp::group_thousands(*n),
        PhraseArg::Flag(true) => catalog.raw(m::common::yes),
        PhraseArg::Flag(false) => catalog.raw(m::common::no),
        PhraseArg::Unlimited => catalog.raw(m::common::units::unlimited),
        PhraseArg::Term(word) => catalog
            .rules(&format!("terms.{word}"))
            .unwrap_or_else(|| word.clone()),
    };
    ruby::plain(&text)
}
