//! 個人番号 (My Number): twelve digits whose last is a check digit (行政手続における特定の
//! 個人を識別するための番号の利用等に関する法律施行令 8条). Parsed once, never shown in
//! full on a screen (`masked`), and held only where a form needs it.

use super::digits::only_digits;
use super::ValueError;
use serde::{Deserialize, Serialize};

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyNumber(String);

/// Never print the number in logs or debug output.
impl std::fmt::Debug for MyNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "MyNumber({})", self.masked())
    }
}

/// The check digit of the first eleven digits.
pub fn check_digit(first11: &[u8; 11]) -> u8 {
    // P_n is the n-th digit counted from the right of the eleven; Q_n = n + 1 for
    // n ≤ 6, n − 5 for n ≥ 7.
    let sum: u32 = (1..=11)
        .map(|n| {
            let p = u32::from(first11[11 - n]);
            let q = if n <= 6 { n as u32 + 1 } else { n as u32 - 5 };
            p * q
        })
        .sum();
    let r = sum % 11;
    if r <= 1 {
        0
    } else {
        (11 - r) as u8
    }
}

impl MyNumber {
    pub fn parse(input: &str) -> Result<Self, ValueError> {
        if input.trim().is_empty() {
            return Err(ValueError::Required);
        }
        let digits =
            only_digits(input, &['-', ' ', '\u{3000}']).ok_or(ValueError::InvalidMyNumber)?;
        if digits.len() != 12 {
            return Err(ValueError::InvalidMyNumber);
        }
        let d: Vec<u8> = digits.bytes().map(|b| b - b'0').collect();
        let mut first = [0u8; 11];
        first.copy_from_slice(&d[..11]);
        if check_digit(&first) != d[11] {
            return Err(ValueError::InvalidMyNumber);
        }
        Ok(Self(digits))
    }

    /// The twelve digits, for the form that needs them.
    pub fn digits(&self) -> &str {
        &self.0
    }

    /// As shown on a screen: only the last four digits.
    pub fn masked(&self) -> String {
        format!("**** **** {}", &self.0[8..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn with_check(first11: &str) -> String {
        let mut d = [0u8; 11];
        for (i, b) in first11.bytes().enumerate() {
            d[i] = b - b'0';
        }
        format!("{first11}{}", check_digit(&d))
    }

    #[test]
    fn a_number_with_its_check_digit_is_accepted_and_masked() {
        // 12345678901 → weights from the right 2..7 then 2..6: check digit 8.
        assert_eq!(with_check("12345678901"), "123456789018");
        let n = MyNumber::parse("1234 5678 9018").unwrap();
        assert_eq!(n.digits(), "123456789018");
        assert_eq!(n.masked(), "**** **** 9018");
        assert_eq!(format!("{n:?}"), "MyNumber(**** **** 9018)");
    }

    #[test]
    fn rejects_a_wrong_check_digit_and_the_wrong_length() {
        assert_eq!(
            MyNumber::parse("123456789012"),
            Err(ValueError::InvalidMyNumber)
        );
        assert_eq!(
            MyNumber::parse("12345678901"),
            Err(ValueError::InvalidMyNumber)
        );
        assert_eq!(
            MyNumber::parse("1234567890180"),
            Err(ValueError::InvalidMyNumber)
        );
        assert_eq!(
            MyNumber::parse("12345678901X"),
            Err(ValueError::InvalidMyNumber)
        );
    }

    proptest! {
        #[test]
        fn every_eleven_digits_with_their_check_digit_parse(first in "[0-9]{11}") {
            let full = with_check(&first);
            prop_assert!(MyNumber::parse(&full).is_ok());
        }

        #[test]
        fn changing_one_digit_is_caught(first in "[0-9]{11}", pos in 0usize..12, bump in 1u8..10) {
            let full = with_check(&first);
            let mut bytes = full.clone().into_bytes();
            bytes[pos] = b'0' + (bytes[pos] - b'0' + bump) % 10;
            let changed = String::from_utf8(bytes).unwrap();
            // The weights 2..7 are coprime to 11, so one changed digit always changes the
            // weighted sum's remainder; it goes unnoticed only when both the old and the
            // new remainder are 0 or 1 (both give the check digit 0).
            let remainder = |s: &str| {
                let d: Vec<u32> = s.bytes().take(11).map(|b| u32::from(b - b'0')).collect();
                (1..=11).map(|n| d[11 - n] * if n <= 6 { n as u32 + 1 } else { n as u32 - 5 }).sum::<u32>() % 11
            };
            let unnoticed = pos < 11 && remainder(&full) <= 1 && remainder(&changed) <= 1;
            prop_assert_eq!(MyNumber::parse(&changed).is_ok(), unnoticed);
        }
    }
}
