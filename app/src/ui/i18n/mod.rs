//! The message catalog: every text of every page, in files per language under
//! `locales/` (see `locales/languages.toml`). A page names a message by its constant
//! (`m::counter::start::title`, generated from the primary language's files, so a
//! misspelt key does not compile) and shows it with [`t`]; the visit's language picks
//! the text. The primary language (日本語) is built in; the others are fetched per area
//! when first needed. A text a language lacks shows in Japanese, and the gap is logged.
//!
//! Texts may carry readings for furigana, `{住所|じゅうしょ}`, and values,
//! `{count}`: see [`ruby`].

mod catalog;
mod load;
pub mod ruby;

pub use catalog::{
    stored_public_lang, t, t_code, t_date, t_error, t_in, t_name, t_plain, t_with, Catalog, Label,
};

include!(concat!(env!("OUT_DIR"), "/messages.rs"));

/// A message of the catalog, by its full key (`counter.start.title`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key(pub &'static str);

impl Key {
    /// The area (file) the message belongs to: the key's first part.
    pub fn area(self) -> &'static str {
        self.0.split_once('.').map_or(self.0, |(area, _)| area)
    }

    /// The primary language's text.
    pub fn primary(self) -> &'static str {
        primary(self.0).unwrap_or(self.0)
    }
}

/// The primary language's text of a key, if it has one.
pub fn primary(key: &str) -> Option<&'static str> {
    PRIMARY
        .binary_search_by(|(k, _)| (*k).cmp(key))
        .ok()
        .map(|i| PRIMARY[i].1)
}
