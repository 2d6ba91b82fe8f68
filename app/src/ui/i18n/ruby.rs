//! The markup inside catalog texts: `{漢字|かんじ}` gives a reading for furigana, and
//! `{name}` is a value filled in when shown. Everything else is plain text.

use leptos::prelude::*;

/// A piece of a catalog text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    /// A word and its reading.
    Ruby(&'a str, &'a str),
    /// A value's name.
    Value(&'a str),
}

/// Splits a text into its pieces. An unmatched brace is kept as text.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let Some(len) = rest[open..].find('}') else {
            break;
        };
        let inner = &rest[open + 1..open + len];
        if open > 0 {
            out.push(Piece::Text(&rest[..open]));
        }
        match inner.split_once('|') {
            Some((base, reading)) => out.push(Piece::Ruby(base, reading)),
            None => out.push(Piece::Value(inner)),
        }
        rest = &rest[open + len + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    out
}

/// Fills in the values, keeping the readings' markup.
pub fn fill(text: &str, values: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(text.len());
    for piece in pieces(text) {
        match piece {
            Piece::Text(s) => out.push_str(s),
            Piece::Ruby(base, reading) => {
                out.push('{');
                out.push_str(base);
                out.push('|');
                out.push_str(reading);
                out.push('}');
            }
            Piece::Value(name) => match values.iter().find(|(n, _)| *n == name) {
                Some((_, v)) => out.push_str(v),
                None => {
                    out.push('{');
                    out.push_str(name);
                    out.push('}');
                }
            },
        }
    }
    out
}

/// The text as read without furigana (for attributes, titles, logs).
pub fn plain(text: &str) -> String {
    flatten(text, |word, _| word)
}

/// The text as spoken: readings instead of the words they read, so the synthesiser
/// says the names and numbers as the city wrote them.
pub fn spoken(text: &str) -> String {
    flatten(text, |_, reading| reading)
}

/// The text as one string, each word with a reading given by `pick(word, reading)`;
/// values stay marked (`{name}`).
fn flatten(text: &str, pick: for<'a> fn(&'a str, &'a str) -> &'a str) -> String {
    pieces(text)
        .into_iter()
        .map(|p| match p {
            Piece::Text(s) => s.to_owned(),
            Piece::Ruby(word, reading) => pick(word, reading).to_owned(),
            Piece::Value(name) => format!("{{{name}}}"),
        })
        .collect()
}

/// The text as shown: with `<ruby>` over the words that have readings when furigana
/// are on, plain otherwise. The readings are for the eye only (`aria-hidden`): a
/// screen reader says the word once, and a control's name stays the word.
pub fn view(text: &str, furigana: bool) -> AnyView {
    if !furigana || !text.contains('|') {
        return plain(text).into_any();
    }
    pieces(text)
        .into_iter()
        .map(|p| match p {
            Piece::Text(s) => s.to_owned().into_any(),
            Piece::Ruby(base, reading) => {
                view! { <ruby>{base.to_owned()}<rt aria-hidden="true">{reading.to_owned()}</rt></ruby> }
                    .into_any()
            }
            Piece::Value(name) => format!("{{{name}}}").into_any(),
        })
        .collect_view()
        .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readings_values_and_text_are_told_apart() {
        assert_eq!(
            pieces("{住所|じゅうしょ}は{n}件"),
            vec![
                Piece::Ruby("住所", "じゅうしょ"),
                Piece::Text("は"),
                Piece::Value("n"),
                Piece::Text("件"),
            ]
        );
        assert_eq!(pieces("a { b"), vec![Piece::Text("a { b")]);
    }

    #[test]
    fn values_fill_in_and_readings_stay() {
        let filled = fill("{n}{件|けん}の{申請|しんせい}", &[("n", "3".into())]);
        assert_eq!(filled, "3{件|けん}の{申請|しんせい}");
        assert_eq!(plain(&filled), "3件の申請");
        assert_eq!(spoken(&filled), "3けんのしんせい");
    }
}
