//! The counter's words in its three languages, picked by the language the resident
//! chose (日本語, やさしい日本語, English). Field labels come from the form files; the
//! words of the screens themselves are here, next to their use.

use leptos::prelude::*;
use madoguchi_core::forms::Lang;

/// The text for `lang`.
pub fn pick(lang: Lang, ja: &'static str, easy: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Ja => ja,
        Lang::Easy => easy,
        Lang::En => en,
    }
}

/// The language of the current visit, as a signal.
pub fn lang() -> Signal<Lang> {
    let wizard = super::Wizard::get();
    Signal::derive(move || wizard.draft.with(|d| d.lang))
}
