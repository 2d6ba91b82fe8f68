//! The visit's language: chosen on the tablet's first screen, kept with the visit, and
//! followed by the page's message catalog (`crate::ui::i18n`). The form catalog's own
//! labels (`forms/`) are picked by the same language.

use leptos::prelude::*;
use madoguchi_core::lang::Lang;

/// The language of the current visit, as a signal.
pub fn lang() -> Signal<Lang> {
    let wizard = super::Wizard::get();
    Signal::derive(move || wizard.draft.with(|d| d.lang))
}
