//! Tokens of the condition language. Positions are byte offsets into the expression so
//! errors and traces can point at the exact part a staff member wrote.

use super::ExprError;

#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Ident(String),
    /// `$name.with.dots`: a dated parameter.
    Param(String),
    Int(i64),
    Str(String),
    Sym(&'static str),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub tok: Tok,
    pub start: usize,
    pub end: usize,
}

const SYMBOLS: [&str; 16] = [
    "==", "!=", "<=", ">=", "<", ">", "(", ")", "[", "]", ",", ":", ".", "+", "-", "@",
];

pub fn tokens(src: &str) -> Result<Vec<Token>, ExprError> {
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let word = |j: usize, dots: bool| {
            let mut j = j;
            while j < bytes.len()
                && (bytes[j].is_ascii_alphanumeric()
                    || bytes[j] == b'_'
                    || (dots && bytes[j] == b'.'))
            {
                j += 1;
            }
            j
        };
        if c.is_ascii_alphabetic() || c == b'_' {
            i = word(i, false);
            out.push(Token {
                tok: Tok::Ident(src[start..i].to_owned()),
                start,
                end: i,
            });
        } else if c == b'$' {
            i = word(i + 1, true);
            let name = &src[start + 1..i];
            if name.is_empty() || name.ends_with('.') {
                return Err(ExprError::at(
                    start,
                    i,
                    crate::msg!("`$` の後にはパラメータの名前が必要です"),
                ));
            }
            out.push(Token {
                tok: Tok::Param(name.to_owned()),
                start,
                end: i,
            });
        } else if c.is_ascii_digit() {
            i = word(i, false);
            let digits: String = src[start..i].chars().filter(|c| *c != '_').collect();
            let n = digits.parse::<i64>().map_err(|_| {
                ExprError::at(
                    start,
                    i,
                    crate::msg!("`{text}` は整数ではありません", text = &src[start..i]),
                )
            })?;
            out.push(Token {
                tok: Tok::Int(n),
                start,
                end: i,
            });
        } else if c == b'\'' || c == b'"' {
            let close = src[i + 1..].find(c as char).ok_or_else(|| {
                ExprError::at(
                    start,
                    src.len(),
                    crate::msg!("文字の引用符が閉じていません"),
                )
            })?;
            i = i + 1 + close + 1;
            out.push(Token {
                tok: Tok::Str(src[start + 1..i - 1].to_owned()),
                start,
                end: i,
            });
        } else if let Some(sym) = SYMBOLS.iter().find(|s| src[i..].starts_with(**s)) {
            i += sym.len();
            out.push(Token {
                tok: Tok::Sym(sym),
                start,
                end: i,
            });
        } else {
            let ch = src[i..].chars().next().unwrap_or('?');
            return Err(ExprError::at(
                start,
                start + ch.len_utf8(),
                crate::msg!("`{ch}` は使えません", ch),
            ));
        }
    }
    Ok(out)
}
