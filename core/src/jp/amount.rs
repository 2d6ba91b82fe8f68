//! A whole number typed by a resident (an amount in yen, weeks of pregnancy): digits,
//! full-width or half-width, with thousands separators, checked against a range.

use super::digits::only_digits;
use super::ValueError;

/// Parses `input` as a whole number between `min` and `max`.
pub fn parse_amount(input: &str, min: i64, max: i64) -> Result<i64, ValueError> {
    if input.trim().is_empty() {
        return Err(ValueError::Required);
    }
    let digits = only_digits(input, &[',', '，', '、', ' ', '円', '週'])
        .filter(|d| !d.is_empty() && d.len() <= 15)
        .ok_or(ValueError::InvalidNumber)?;
    let n: i64 = digits.parse().map_err(|_| ValueError::InvalidNumber)?;
    if n < min || n > max {
        return Err(ValueError::OutOfRange);
    }
    Ok(n)
}

/// 1234567 → "1,234,567".
pub fn group_thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_separators_and_full_width_digits() {
        assert_eq!(parse_amount("４８８，０００円", 0, 1_000_000), Ok(488_000));
        assert_eq!(parse_amount(" 12 ", 1, 42), Ok(12));
        assert_eq!(group_thousands(488_000), "488,000");
    }

    #[test]
    fn rejects_words_decimals_and_numbers_outside_the_range() {
        assert_eq!(parse_amount("6万", 0, 100), Err(ValueError::InvalidNumber));
        assert_eq!(parse_amount("1.5", 0, 100), Err(ValueError::InvalidNumber));
        assert_eq!(parse_amount("43", 1, 42), Err(ValueError::OutOfRange));
        assert_eq!(parse_amount("", 1, 42), Err(ValueError::Required));
    }
}
