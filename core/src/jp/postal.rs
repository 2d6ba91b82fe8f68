//! 郵便番号: seven digits, typed with or without the hyphen, 〒 or full-width digits.

use super::digits::only_digits;
use super::ValueError;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PostalCode(String);

impl PostalCode {
    pub fn parse(input: &str) -> Result<Self, ValueError> {
        if input.trim().is_empty() {
            return Err(ValueError::Required);
        }
        let digits = only_digits(input, &['-', '－', 'ー', '〒', ' ', '\u{3000}'])
            .ok_or(ValueError::InvalidPostalCode)?;
        if digits.len() != 7 {
            return Err(ValueError::InvalidPostalCode);
        }
        Ok(Self(digits))
    }

    /// The seven digits.
    pub fn digits(&self) -> &str {
        &self.0
    }

    /// As printed on a form: 〒123-4567.
    pub fn display(&self) -> String {
        format!("〒{}-{}", &self.0[..3], &self.0[3..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_ways_residents_write_it() {
        for s in [
            "690-0051",
            "6900051",
            "〒690-0051",
            "６９０－００５１",
            " 690 0051 ",
        ] {
            assert_eq!(PostalCode::parse(s).unwrap().display(), "〒690-0051", "{s}");
        }
    }

    #[test]
    fn rejects_six_or_eight_digits_and_letters() {
        for s in ["690-005", "690-00512", "69O-0051", "abc"] {
            assert_eq!(
                PostalCode::parse(s),
                Err(ValueError::InvalidPostalCode),
                "{s}"
            );
        }
        assert_eq!(PostalCode::parse(""), Err(ValueError::Required));
    }
}
