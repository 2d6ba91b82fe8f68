//! A pre-entry's short code: what a resident brings to the counter (as a QR code or
//! typed), naming the values they typed at home. Eight characters from an alphabet
//! without look-alikes (no 0/O, 1/I/L, U), shown in two groups (`K7M3-Q9PX`). Read
//! here the same way in the browser (before asking the server) and on the server.

use crate::jp::ValueError;

/// The characters of a code: digits 2–9 and the capitals without I, L, O and U.
pub const ALPHABET: &[u8; 30] = b"23456789ABCDEFGHJKMNPQRSTVWXYZ";
/// A code's length, without the hyphen.
pub const LEN: usize = 8;
/// What a pre-entry's QR code holds before the code, so a stray QR code (a web address,
/// a payment) is told apart from a pre-entry.
pub const QR_PREFIX: &str = "MADOGUCHI:PRE:";

/// A code from random bytes (one byte per character; the modulo bias of 256 % 30 is
/// immaterial at 8 characters with the counter's limits).
pub fn code_from(random: &[u8; LEN]) -> String {
    random
        .iter()
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect()
}

/// How a code is shown and printed: `K7M3-Q9PX`.
pub fn display(code: &str) -> String {
    if code.len() == LEN {
        format!("{}-{}", &code[..4], &code[4..])
    } else {
        code.to_owned()
    }
}

/// What a QR code of this pre-entry holds.
pub fn qr_text(code: &str) -> String {
    format!("{QR_PREFIX}{code}")
}

/// A code as typed or scanned: full-width characters, small letters, spaces and
/// hyphens are accepted; a scanned QR text is accepted with its prefix.
pub fn parse(input: &str) -> Result<String, ValueError> {
    let input = input.trim();
    let input = input.strip_prefix(QR_PREFIX).unwrap_or(input);
    let code: String = input
        .chars()
        .map(|c| match c {
            // Full-width ASCII to half-width.
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .filter(|c| {
            !matches!(
                c,
                ' ' | '\u{3000}' | '-' | '\u{2010}'..='\u{2015}' | '\u{30FC}'
            )
        })
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if code.is_empty() {
        return Err(ValueError::Required);
    }
    if code.len() != LEN || !code.bytes().all(|b| ALPHABET.contains(&b)) {
        return Err(ValueError::InvalidShortCode);
    }
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_as_typed_or_scanned() {
        assert_eq!(parse("k7m3-q9px"), Ok("K7M3Q9PX".into()));
        assert_eq!(parse(" Ｋ７Ｍ３ーＱ９ＰＸ "), Ok("K7M3Q9PX".into()));
        assert_eq!(parse("MADOGUCHI:PRE:K7M3Q9PX"), Ok("K7M3Q9PX".into()));
        assert_eq!(parse(""), Err(ValueError::Required));
        // Look-alikes are not in the alphabet: a misread is refused, never guessed.
        assert_eq!(parse("K7M3-Q9P0"), Err(ValueError::InvalidShortCode));
        assert_eq!(parse("K7M3-Q9P"), Err(ValueError::InvalidShortCode));
        assert_eq!(
            parse("https://example.com"),
            Err(ValueError::InvalidShortCode)
        );
    }

    #[test]
    fn codes_are_made_from_the_alphabet_and_shown_in_two_groups() {
        let code = code_from(&[0, 29, 30, 255, 7, 8, 100, 200]);
        assert_eq!(code.len(), LEN);
        assert_eq!(parse(&code), Ok(code.clone()));
        assert_eq!(display(&code), format!("{}-{}", &code[..4], &code[4..]));
        assert_eq!(parse(&qr_text(&code)), Ok(code));
    }
}
