//! Gaps in the message catalog, as pages report them: written to the server's log so
//! whoever runs the city's server sees which language lacks which text.

use crate::error::AppError;
use crate::model::StaffMe;
use madoguchi_core::jp::ValueError;
use madoguchi_core::lang::{Lang, LanguagesFile};

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
}
