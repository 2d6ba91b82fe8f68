//! Names in katakana (フリガナ). Hiragana and half-width katakana are converted to
//! full-width katakana; anything else (kanji, Latin letters, digits) is rejected.

use super::ValueError;
use serde::{Deserialize, Serialize};

/// A name written in full-width katakana, words separated by one ideographic space.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KanaName(String);

const MAX_CHARS: usize = 40;

impl KanaName {
    pub fn parse(input: &str) -> Result<Self, ValueError> {
        let converted = half_width_to_full_width(input);
        let mut out = String::new();
        for word in converted.split(|c: char| c.is_whitespace() || c == '\u{3000}') {
            if word.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push('\u{3000}');
            }
            for c in word.chars() {
                out.push(to_katakana(c).ok_or(ValueError::NotKana)?);
            }
        }
        super::within(out, MAX_CHARS).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key used to find a resident by name: spaces removed, so "ヤマダ タロウ" and
    /// "ヤマダタロウ" find the same person. Stored names are never changed by this.
    pub fn search_key(&self) -> String {
        self.0.chars().filter(|c| *c != '\u{3000}').collect()
    }
}

impl std::fmt::Display for KanaName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Full-width katakana for one character, converting hiragana; `None` if it is not kana.
fn to_katakana(c: char) -> Option<char> {
    match c {
        'ァ'..='ヶ' | 'ー' | 'ヽ' | 'ヾ' | '・' => Some(c),
        'ぁ'..='ゖ' => char::from_u32(c as u32 + 0x60),
        'ゝ' => Some('ヽ'),
        'ゞ' => Some('ヾ'),
        '-' | '－' | '‐' => Some('ー'),
        _ => None,
    }
}

const HALF_WIDTH: &str = "｡｢｣､･ｦｧｨｩｪｫｬｭｮｯｰｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝ";
const FULL_WIDTH: &str = "。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン";

/// Converts half-width katakana (with separate voiced marks ﾞ ﾟ) to full-width.
pub(crate) fn half_width_to_full_width(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for c in input.chars() {
        match c {
            'ﾞ' => voice(&mut out, 1),
            'ﾟ' => voice(&mut out, 2),
            _ => match HALF_WIDTH.chars().position(|h| h == c) {
                Some(i) => out.push(FULL_WIDTH.chars().nth(i).expect("tables have equal length")),
                None => out.push(c),
            },
        }
    }
    out
}

/// Applies a voiced (1) or semi-voiced (2) mark to the last character written.
fn voice(out: &mut String, step: u32) {
    let Some(last) = out.pop() else {
        out.push(if step == 1 { '゛' } else { '゜' });
        return;
    };
    let voiced = match (last, step) {
        ('ウ', 1) => Some('ヴ'),
        (_, 1) if voiced_ka_to_to(last).is_some() => voiced_ka_to_to(last),
        ('ハ'..='ホ', _) if (last as u32 - 'ハ' as u32).is_multiple_of(3) => {
            char::from_u32(last as u32 + step)
        }
        _ => None,
    };
    match voiced {
        Some(v) => out.push(v),
        None => {
            out.push(last);
            out.push(if step == 1 { '゛' } else { '゜' });
        }
    }
}

/// カ→ガ … ト→ド: before ッ the voiced form is the next code point; ツ テ ト follow ッ.
fn voiced_ka_to_to(c: char) -> Option<char> {
    match c {
        'カ' | 'キ' | 'ク' | 'ケ' | 'コ' | 'サ' | 'シ' | 'ス' | 'セ' | 'ソ' | 'タ' | 'チ'
        | 'ツ' | 'テ' | 'ト' => char::from_u32(c as u32 + 1),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_full_width_katakana_and_normalises_spaces() {
        assert_eq!(
            KanaName::parse(" ヤマダ  タロウ ").unwrap().as_str(),
            "ヤマダ\u{3000}タロウ"
        );
    }

    #[test]
    fn converts_hiragana_to_katakana() {
        assert_eq!(
            KanaName::parse("やまだ はなこ").unwrap().as_str(),
            "ヤマダ\u{3000}ハナコ"
        );
    }

    #[test]
    fn converts_half_width_katakana_with_voiced_marks() {
        assert_eq!(
            KanaName::parse("ｶﾞｯｺｳ ﾊﾟﾝ ﾂﾞ ﾄﾞ ｳﾞ").unwrap().as_str(),
            "ガッコウ\u{3000}パン\u{3000}ヅ\u{3000}ド\u{3000}ヴ"
        );
    }

    #[test]
    fn rejects_kanji_where_kana_is_required() {
        assert_eq!(KanaName::parse("山田 太郎"), Err(ValueError::NotKana));
    }

    #[test]
    fn rejects_latin_letters_and_digits() {
        assert_eq!(KanaName::parse("Yamada"), Err(ValueError::NotKana));
        assert_eq!(KanaName::parse("ヤマダ1"), Err(ValueError::NotKana));
    }

    #[test]
    fn rejects_empty_input() {
        assert_eq!(KanaName::parse("   "), Err(ValueError::Required));
    }

    #[test]
    fn search_key_ignores_spaces() {
        assert_eq!(
            KanaName::parse("ヤマダ タロウ").unwrap().search_key(),
            "ヤマダタロウ"
        );
    }
}
