//! The languages the counter speaks, and a text in each of them. Japanese is the
//! primary language; plain Japanese (やさしい日本語) is for residents who read kana more
//! easily than kanji; English for residents from abroad.

use serde::{Deserialize, Serialize};

/// The languages of the counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    Ja,
    Easy,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Ja, Lang::Easy, Lang::En];

    pub fn id(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::Easy => "easy",
            Lang::En => "en",
        }
    }

    /// The language's own name, as a resident looks for it.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Ja => "日本語",
            Lang::Easy => "やさしい にほんご",
            Lang::En => "English",
        }
    }
}

/// A text in each language.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Text {
    pub ja: String,
    pub easy: String,
    pub en: String,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.ja,
            Lang::Easy => &self.easy,
            Lang::En => &self.en,
        }
    }
}
