//! Names as written in the registry (kanji, kana, Latin letters for foreign residents).
//! Private-use characters (外字) cannot be exchanged with other systems: the resident is
//! asked to see staff, who register the character properly.

use super::ValueError;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonName(String);

const MAX_CHARS: usize = 30;

impl PersonName {
    pub fn parse(input: &str) -> Result<Self, ValueError> {
        let trimmed = input.trim_matches(|c: char| c.is_whitespace());
        if trimmed.is_empty() {
            return Err(ValueError::Required);
        }
        let mut out = String::new();
        let mut space = false;
        for c in trimmed.chars() {
            if c.is_whitespace() {
                space = true;
                continue;
            }
            if is_private_use(c) {
                return Err(ValueError::Gaiji);
            }
            if !is_name_char(c) {
                return Err(ValueError::InvalidCharacter);
            }
            if space {
                out.push('\u{3000}');
                space = false;
            }
            out.push(c);
        }
        super::within(out, MAX_CHARS).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

pub(crate) fn is_private_use(c: char) -> bool {
    matches!(c as u32, 0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD)
}

fn is_name_char(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'   // CJK unified ideographs
        | '\u{3400}'..='\u{4DBF}' // extension A
        | '\u{20000}'..='\u{2FA1F}' // extensions B+ and compatibility supplement
        | '\u{F900}'..='\u{FAFF}' // compatibility ideographs
        | 'ぁ'..='ゖ' | 'ァ'..='ヺ' | 'ー' | '々' | '〆' | '・' | 'ゝ' | 'ゞ' | 'ヽ' | 'ヾ'
        | 'A'..='Z' | 'a'..='z' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '\'' | '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_kanji_names_with_iteration_mark() {
        assert_eq!(PersonName::parse(" 佐々木  ").unwrap().as_str(), "佐々木");
    }

    #[test]
    fn rejects_private_use_gaiji_with_a_message_to_see_staff() {
        assert_eq!(PersonName::parse("山\u{E001}"), Err(ValueError::Gaiji));
        assert!(ValueError::Gaiji.message_ja().contains("職員"));
    }

    #[test]
    fn rejects_digits_and_symbols() {
        assert_eq!(
            PersonName::parse("太郎2"),
            Err(ValueError::InvalidCharacter)
        );
        assert_eq!(
            PersonName::parse("<script>"),
            Err(ValueError::InvalidCharacter)
        );
    }

    #[test]
    fn rejects_empty_names() {
        assert_eq!(PersonName::parse(" \u{3000} "), Err(ValueError::Required));
    }

    #[test]
    fn rejects_overlong_names() {
        assert_eq!(
            PersonName::parse(&"山".repeat(31)),
            Err(ValueError::TooLong)
        );
    }
}
