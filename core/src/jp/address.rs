//! Addresses as typed at the counter (a new address, a place of birth): trimmed, runs of
//! spaces made one, half-width katakana made full-width, bounded. A private-use
//! character (外字) cannot be exchanged with other systems, so the resident is asked to
//! see staff, as for names.

use super::kana::half_width_to_full_width;
use super::ValueError;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address(String);

const MAX_CHARS: usize = 100;

impl Address {
    pub fn parse(input: &str) -> Result<Self, ValueError> {
        let converted = half_width_to_full_width(input);
        let mut out = String::new();
        for word in converted
            .split(char::is_whitespace)
            .filter(|w| !w.is_empty())
        {
            if !out.is_empty() {
                out.push(' ');
            }
            for c in word.chars() {
                if super::name::is_private_use(c) {
                    return Err(ValueError::Gaiji);
                }
                if c.is_control() {
                    return Err(ValueError::InvalidCharacter);
                }
                out.push(c);
            }
        }
        super::within(out, MAX_CHARS).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_address_as_written_with_one_space_between_parts() {
        let a = Address::parse("  星ヶ丘市中央1丁目2-3 　 ｺｰﾎﾟ星 101 ").unwrap();
        assert_eq!(a.as_str(), "星ヶ丘市中央1丁目2-3 コーポ星 101");
    }

    #[test]
    fn rejects_gaiji_with_the_see_staff_error() {
        assert_eq!(Address::parse("星ヶ丘市\u{E000}町"), Err(ValueError::Gaiji));
    }

    #[test]
    fn rejects_control_characters_and_empty_and_overlong_input() {
        assert_eq!(
            Address::parse("中央\u{7}1"),
            Err(ValueError::InvalidCharacter)
        );
        assert_eq!(Address::parse(" \u{3000} "), Err(ValueError::Required));
        assert_eq!(Address::parse(&"あ".repeat(101)), Err(ValueError::TooLong));
    }
}
