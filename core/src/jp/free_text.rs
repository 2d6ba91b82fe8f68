//! Short free text (a hospital's name, a note): trimmed, bounded, printable.

use super::ValueError;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FreeText(String);

impl FreeText {
    pub fn parse(input: &str, max_chars: usize) -> Result<Self, ValueError> {
        let t = input.trim();
        if t.is_empty() {
            return Err(ValueError::Required);
        }
        if t.chars().count() > max_chars {
            return Err(ValueError::TooLong);
        }
        if t.chars()
            .any(|c| c.is_control() || matches!(c as u32, 0xE000..=0xF8FF))
        {
            return Err(ValueError::InvalidCharacter);
        }
        Ok(Self(t.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_control_characters() {
        assert_eq!(
            FreeText::parse("a\u{7}b", 10),
            Err(ValueError::InvalidCharacter)
        );
    }

    #[test]
    fn rejects_text_over_the_limit() {
        assert_eq!(FreeText::parse("あいう", 2), Err(ValueError::TooLong));
    }
}
