//! Digits as residents type them: full-width (０-９) or half-width, with separators.

/// The digits of `input` (full-width converted), if every other character is one of
/// `separators`; `None` when something else is there.
pub(crate) fn only_digits(input: &str, separators: &[char]) -> Option<String> {
    let mut out = String::with_capacity(input.len());
    for c in input.trim().chars() {
        match c {
            '0'..='9' => out.push(c),
            '０'..='９' => out.push(char::from_u32(c as u32 - 0xFEE0)?),
            c if separators.contains(&c) => {}
            _ => return None,
        }
    }
    Some(out)
}
