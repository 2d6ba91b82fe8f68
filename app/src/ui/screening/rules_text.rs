//! What the city's rules write in Japanese — a procedure, a department, its counter, a
//! reason, a deadline note, a question — in the visit's language
//! (`locales/<code>/rules.toml`), with the official Japanese name beside a translated
//! one: it is what the forms, the signs and the staff say.

use crate::ui::i18n::{m, ruby, Catalog};
use leptos::prelude::*;
use madoguchi_core::screening::{Phrase, PhraseArg, HONORIFIC};

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
/// Where the page knows a member only by an id (the public navigator), a phrase's
/// names come from here instead ("あなた", "your partner"; tracked), in every language
/// including Japanese.
#[component]
pub fn PhraseText(ja: String, phrase: Option<Phrase>) -> impl IntoView {
    let catalog = Catalog::get();
    let names = use_context::<MemberNames>();
    move || match (&names, &phrase) {
        (Some(names), Some(p)) => with_names(catalog, p, names),
        _ => phrase
            .as_ref()
            .and_then(|p| translated(catalog, p))
            .unwrap_or_else(|| ja.clone()),
    }
}

/// Names of the members a page knows by id only, by id (tracked: follows the language).
#[derive(Clone)]
pub struct MemberNames(pub std::sync::Arc<NameOf>);

/// A member's name by id, if the page knows one.
pub type NameOf = dyn Fn(&str) -> Option<String> + Send + Sync;

/// `phrase` in the current language (its Japanese text where there is no translation),
/// each member named by `names`. A name given this way is a word for a person ("あなた",
/// "お子さん"), so the honorific the Japanese text puts after a name is dropped.
fn with_names(catalog: Catalog, phrase: &Phrase, names: &MemberNames) -> String {
    let mut text = catalog
        .rules(&format!("texts.{}", phrase.text))
        .unwrap_or_else(|| phrase.text.clone());
    let values: Vec<(&str, String)> = phrase
        .args
        .iter()
        .map(|(name, value)| {
            let shown = match value {
                PhraseArg::Name(id) => match (names.0)(id) {
                    Some(word) => {
                        let placeholder = format!("{{{name}}}");
                        text = text.replace(&format!("{placeholder}{HONORIFIC}"), &placeholder);
                        word
                    }
                    None => id.clone(),
                },
                other => value_text(catalog, other),
            };
            (name.as_str(), shown)
        })
        .collect();
    sentence_case(ruby::plain(&ruby::fill(&text, &values)))
}

/// A sentence begins with a capital where the script has them (a name word such as
/// "the person answering" may open it).
fn sentence_case(text: String) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => text,
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
