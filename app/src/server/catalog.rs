//! The message catalog on the server: the texts it prints in every language (the
//! receipt), and the gaps pages report, written to the server's log so whoever runs the
//! city's server sees which language lacks which text.

use crate::error::AppError;
use crate::model::StaffMe;
use crate::ui::i18n::ruby;
use madoguchi_core::jp::ValueError;
use madoguchi_core::lang::{Lang, LanguagesFile};
use std::collections::HashMap;
use std::sync::LazyLock;

mod built {
    include!(concat!(env!("OUT_DIR"), "/server_texts.rs"));
}

type Texts = HashMap<String, String>;

/// Every language's texts of the server's areas (code, then area), parsed once.
static TEXTS: LazyLock<HashMap<&'static str, HashMap<&'static str, Texts>>> = LazyLock::new(|| {
    let mut all: HashMap<&'static str, HashMap<&'static str, Texts>> = HashMap::new();
    for (code, area, json) in built::TEXTS {
        match serde_json::from_str(json) {
            Ok(texts) => {
                all.entry(*code).or_default().insert(*area, texts);
            }
            Err(e) => tracing::error!(code, area, error = %e, "a built-in catalog file"),
        }
    }
    all
});

/// A text in `lang` only (its markup kept), if that language has it.
pub fn text_in(lang: Lang, key: &str) -> Option<&'static str> {
    let area = key.split_once('.')?.0;
    TEXTS
        .get(lang.code())?
        .get(area)?
        .get(key)
        .map(String::as_str)
}

/// A text in `lang` only, as printed (readings left out), if that language has it.
pub fn printed_if_any(lang: Lang, key: &str) -> Option<String> {
    text_in(lang, key).map(ruby::plain)
}

/// A text as printed: in `lang`, or in Japanese where `lang` lacks it (the gap logged),
/// values filled in, readings left out.
pub fn printed(lang: Lang, key: &str, values: &[(&str, String)]) -> String {
    let text = text_in(lang, key).or_else(|| {
        if lang != Lang::JA {
            tracing::warn!(
                lang = lang.code(),
                key,
                "message catalog gap: printed in Japanese"
            );
        }
        text_in(Lang::JA, key)
    });
    ruby::plain(&ruby::fill(text.unwrap_or(key), values))
}

/// The longest key accepted (a rules text is keyed by its Japanese sentence).
const MAX_KEY: usize = 300;

/// Logs that a page showed `key` in Japanese for want of a `lang` text.
pub fn report_gap(me: &StaffMe, lang: &str, key: &str) -> Result<(), AppError> {
    let lang = Lang::parse(lang)
        .filter(|l| *l != Lang::JA)
        .ok_or_else(|| AppError::field("lang", ValueError::InvalidCharacter))?;
    if !is_catalog_key(key) {
        return Err(AppError::field("key", ValueError::InvalidCharacter));
    }
    tracing::warn!(
        lang = lang.code(),
        key,
        staff = me.username,
        "message catalog gap: shown in Japanese"
    );
    Ok(())
}

/// A key of one of the catalog's areas, of a sane length, without control characters
/// (what reaches the log is what a page could have asked for, never arbitrary text).
fn is_catalog_key(key: &str) -> bool {
    let data_area = key
        .split_once('.')
        .is_some_and(|(a, _)| LanguagesFile::shipped().data_areas.iter().any(|d| d == a));
    let known = data_area || crate::ui::i18n::primary(key).is_some();
    known && key.chars().count() <= MAX_KEY && !key.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_catalog_keys_are_logged() {
        assert!(is_catalog_key("counter.start.title"));
        assert!(is_catalog_key(
            "rules.texts.{subject}さんが{event.date}に生まれました"
        ));
        assert!(!is_catalog_key("nonsense"));
        assert!(!is_catalog_key("counter.no_such_text"));
        assert!(!is_catalog_key("evil.key"));
        assert!(!is_catalog_key("counter.x\nforged log line"));
        assert!(!is_catalog_key(&format!("counter.{}", "x".repeat(400))));
    }

    #[test]
    fn the_server_prints_in_every_language_with_japanese_for_a_gap() {
        let ko = Lang::parse("ko").unwrap();
        assert_eq!(
            printed(Lang::JA, "counter.receipt.paper.title", &[]),
            "受付票"
        );
        assert_eq!(printed(ko, "counter.receipt.paper.title", &[]), "접수표");
        assert_eq!(
            printed(
                ko,
                "counter.receipt.paper.headline",
                &[("count", "3".into())]
            ),
            "3건의 신청을 접수했습니다"
        );
        // The rules' names are translated for every language but Japanese.
        assert!(text_in(ko, "rules.procedures.birth_registration.name").is_some());
        assert!(text_in(Lang::JA, "rules.procedures.birth_registration.name").is_none());
        // A key no language has: the key itself, never an empty line.
        assert_eq!(printed(ko, "counter.no_such", &[]), "counter.no_such");
    }
}
