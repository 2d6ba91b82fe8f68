//! The languages Madoguchi speaks, read from `locales/languages.toml`: adding a language
//! is adding its entry and message files there, not code. Japanese is the primary
//! language: a code that is not listed falls back to it, and so does any text a
//! language lacks.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::sync::LazyLock;

/// One language of `locales/languages.toml`.
#[derive(Debug, Clone, Deserialize)]
pub struct Language {
    /// The folder of its message files and the code stored with a visit (BCP 47).
    pub code: String,
    /// Its own name, as a resident looks for it.
    pub name: String,
    /// The page's `lang` attribute and the speech voice's language.
    pub html: String,
    /// Whether the staff and admin pages are translated too.
    #[serde(default)]
    pub staff: bool,
    /// Older codes that mean this language.
    #[serde(default)]
    pub alias: Vec<String>,
    /// The font its lines on the printed receipt are set in.
    #[serde(default = "noto_sans_cjk_jp")]
    pub print_font: String,
}

fn noto_sans_cjk_jp() -> String {
    "Noto Sans CJK JP".into()
}

/// `locales/languages.toml`: the languages, and which areas of message files residents
/// read (complete in every language; the other areas in the staff languages).
#[derive(Debug, Deserialize)]
pub struct LanguagesFile {
    pub resident_areas: Vec<String>,
    /// Areas keyed by the city's data (the form catalog), not by Japanese files.
    #[serde(default)]
    pub data_areas: Vec<String>,
    /// Residents' areas translated into the listed languages only.
    #[serde(default)]
    pub partial_areas: std::collections::BTreeMap<String, Vec<String>>,
    pub language: Vec<Language>,
}

impl LanguagesFile {
    pub fn shipped() -> LanguagesFile {
        toml::from_str(LANGUAGES_TOML).expect("locales/languages.toml is checked by a test")
    }
}

/// The languages file as shipped.
pub const LANGUAGES_TOML: &str = include_str!("../../locales/languages.toml");

static FILE: LazyLock<LanguagesFile> = LazyLock::new(LanguagesFile::shipped);
static LANGUAGES: LazyLock<&'static [Language]> = LazyLock::new(|| &FILE.language);

/// The languages a page of `area` is offered in: all, or those `partial_areas` lists.
pub fn offered(area: &str) -> impl Iterator<Item = Lang> + '_ {
    Lang::all().filter(move |l| {
        FILE.partial_areas
            .get(area)
            .is_none_or(|codes| codes.iter().any(|c| c == l.code()))
    })
}

/// Whether an area's keys come from the city's data (the form catalog).
pub fn is_data_area(area: &str) -> bool {
    FILE.data_areas.iter().any(|a| a == area)
}

/// A language of the counter, by its place in `locales/languages.toml`. Stored and sent
/// as its code; an unknown code reads as Japanese.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Lang(u8);

impl Lang {
    /// Japanese, the primary language (the file's first entry).
    pub const JA: Lang = Lang(0);

    /// Every language, in the file's order.
    pub fn all() -> impl Iterator<Item = Lang> {
        (0..LANGUAGES.len()).map(|i| Lang(i as u8))
    }

    /// The languages the staff and admin pages are offered in.
    pub fn staff() -> impl Iterator<Item = Lang> {
        Self::all().filter(|l| l.language().staff)
    }

    /// The language with this code (or one of its aliases), if it is shipped.
    pub fn parse(code: &str) -> Option<Lang> {
        LANGUAGES
            .iter()
            .position(|l| l.code == code || l.alias.iter().any(|a| a == code))
            .map(|i| Lang(i as u8))
    }

    /// The language with this code, or Japanese when there is none.
    pub fn parse_or_ja(code: &str) -> Lang {
        Self::parse(code).unwrap_or(Lang::JA)
    }

    pub fn language(self) -> &'static Language {
        &LANGUAGES[self.0 as usize]
    }

    pub fn code(self) -> &'static str {
        &self.language().code
    }

    /// The language's own name, as a resident looks for it.
    pub fn name(self) -> &'static str {
        &self.language().name
    }

    /// The `lang` attribute of a text in this language.
    pub fn html(self) -> &'static str {
        &self.language().html
    }

    /// Japanese of either kind (the primary and the plain one): furigana apply.
    pub fn is_japanese(self) -> bool {
        self.html() == "ja"
    }

    /// Whether the form catalog's texts for this language are written with the forms
    /// (`Text`: 日本語, やさしい日本語, English) rather than in `locales/<code>/forms.toml`.
    pub fn reads_forms_inline(self) -> bool {
        self.is_japanese() || self.code() == "en"
    }

    /// Whether a data area's texts for this language are written with the city's data
    /// rather than in `locales/<code>/<area>.toml`: the forms in 日本語, やさしい日本語 and
    /// English; the rules (official names) in Japanese of either kind.
    pub fn reads_inline(self, area: &str) -> bool {
        match area {
            "forms" => self.reads_forms_inline(),
            _ => self.is_japanese(),
        }
    }

    /// Which of a three-way text (`Text`) stands for this language until its own
    /// translation exists: plain Japanese for やさしい日本語, English for English,
    /// Japanese for the rest.
    fn text_slot(self) -> TextSlot {
        match self.code() {
            "en" => TextSlot::En,
            _ if self.is_japanese() && self != Lang::JA => TextSlot::Easy,
            _ => TextSlot::Ja,
        }
    }
}

impl Serialize for Lang {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Lang {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let code = String::deserialize(d)?;
        Ok(Lang::parse_or_ja(&code))
    }
}

enum TextSlot {
    Ja,
    Easy,
    En,
}

/// A text of the form catalog in Japanese, plain Japanese and English.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Text {
    pub ja: String,
    pub easy: String,
    pub en: String,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match lang.text_slot() {
            TextSlot::Ja => &self.ja,
            TextSlot::Easy => &self.easy,
            TextSlot::En => &self.en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_lists_japanese_first_and_every_code_once() {
        let all: Vec<Lang> = Lang::all().collect();
        assert!(all.len() >= 7, "{all:?}");
        assert_eq!(Lang::JA.code(), "ja");
        let mut codes: Vec<&str> = all.iter().map(|l| l.code()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), all.len());
        assert!(Lang::staff().any(|l| l.code() == "en"));
    }

    #[test]
    fn unknown_codes_read_as_japanese_and_aliases_as_their_language() {
        assert_eq!(Lang::parse_or_ja("xx"), Lang::JA);
        let easy: Lang = serde_json::from_str("\"easy\"").unwrap();
        assert_eq!(easy.code(), "ja-x-easy");
        assert_eq!(serde_json::to_string(&easy).unwrap(), "\"ja-x-easy\"");
        let unknown: Lang = serde_json::from_str("\"tlh\"").unwrap();
        assert_eq!(unknown, Lang::JA);
    }

    #[test]
    fn three_way_texts_stand_in_for_languages_without_their_own() {
        let t = Text {
            ja: "住所".into(),
            easy: "すんでいる ところ".into(),
            en: "Address".into(),
        };
        assert_eq!(
            t.get(Lang::parse("ja-x-easy").unwrap()),
            "すんでいる ところ"
        );
        assert_eq!(t.get(Lang::parse("en").unwrap()), "Address");
        assert_eq!(t.get(Lang::parse("vi").unwrap()), "住所");
    }
}
