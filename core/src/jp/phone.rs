//! Telephone numbers: 10 or 11 digits, hyphens and full-width digits accepted.

use super::ValueError;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneNumber(String, String);

impl PhoneNumber {
    pub fn parse(input: &str) -> Result<Self, ValueError> {
        let mut digits = String::new();
        for c in input.trim().chars() {
            match c {
                '0'..='9' => digits.push(c),
                '０'..='９' => digits.push(char::from_u32(c as u32 - 0xFEE0).unwrap_or('0')),
                '-' | '－' | 'ー' | ' ' | '(' | ')' => {}
                _ => return Err(ValueError::InvalidPhone),
            }
        }
        if digits.is_empty() {
            return Err(ValueError::Required);
        }
        if !(digits.len() == 10 || digits.len() == 11) || !digits.starts_with('0') {
            return Err(ValueError::InvalidPhone);
        }
        // As the resident grouped it (area code and number), in half-width characters.
        let display: String = input
            .trim()
            .chars()
            .filter_map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - 0xFEE0),
                '－' | 'ー' => Some('-'),
                ' ' | '(' | ')' => None,
                c => Some(c),
            })
            .collect();
        Ok(Self(digits, display))
    }

    /// The digits only.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// As printed: the digits grouped as typed (`0859-22-1111`).
    pub fn display(&self) -> &str {
        &self.1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_hyphens_and_full_width_digits() {
        assert_eq!(
            PhoneNumber::parse("０９０-1234-5678").unwrap().as_str(),
            "09012345678"
        );
    }

    #[test]
    fn prints_as_grouped_by_the_resident() {
        assert_eq!(
            PhoneNumber::parse("０８５９－２２－１１１１")
                .unwrap()
                .display(),
            "0859-22-1111"
        );
        assert_eq!(
            PhoneNumber::parse("09012345678").unwrap().display(),
            "09012345678"
        );
    }

    #[test]
    fn rejects_too_few_digits() {
        assert_eq!(PhoneNumber::parse("0859-22"), Err(ValueError::InvalidPhone));
    }

    #[test]
    fn rejects_letters() {
        assert_eq!(PhoneNumber::parse("0859abc"), Err(ValueError::InvalidPhone));
    }
}
