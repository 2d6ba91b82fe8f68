//! The text of a diagnostic (a rule error, a failing rule test), kept translatable.
//!
//! A [`Msg`] is its Japanese template, written where the problem is found with `msg!`,
//! and the values it names. The template is also the key of its translations: the
//! `rule_errors` area of each staff language's message files maps it to that language's
//! template (`locales/en/rule_errors.toml`), the way gettext keys a catalog by the
//! source text. A value may itself be a `Msg` (a type's name, the error an expression
//! error sits in), translated the same way. With no translation the Japanese stands in.
//!
//! `app/tests/catalog.rs` collects every `msg!` template of this crate and refuses a
//! staff language that lacks one.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Msg {
    /// The Japanese template, with `{name}` where a value goes.
    pub template: String,
    pub args: Vec<(String, Arg)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Arg {
    /// A value shown as it is (a name from the rule files, a number, a date).
    Text(String),
    /// A text that is translated too.
    Msg(Msg),
}

impl Msg {
    pub fn new(template: &str) -> Self {
        Self {
            template: template.to_owned(),
            args: Vec::new(),
        }
    }

    pub fn with(mut self, name: &str, value: impl ToArg) -> Self {
        self.args.push((name.to_owned(), value.to_arg()));
        self
    }

    /// The text in a language whose templates `translate` finds (a template it does
    /// not find stays Japanese).
    pub fn render(&self, translate: &dyn Fn(&str) -> Option<String>) -> String {
        let template = translate(&self.template).unwrap_or_else(|| self.template.clone());
        let mut out = String::with_capacity(template.len());
        let mut rest = template.as_str();
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let close = after.find('}');
            let arg = close.and_then(|c| self.args.iter().find(|(n, _)| *n == after[..c]));
            match (close, arg) {
                (Some(c), Some((_, value))) => {
                    match value {
                        Arg::Text(t) => out.push_str(t),
                        Arg::Msg(m) => out.push_str(&m.render(translate)),
                    }
                    rest = &after[c + 1..];
                }
                _ => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// Whether its Japanese text contains `s` (for tests and logs).
    pub fn contains(&self, s: &str) -> bool {
        self.to_string().contains(s)
    }
}

impl fmt::Display for Msg {
    /// The Japanese text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(&|_| None))
    }
}

/// What may fill a `{name}`: texts, numbers and dates as they are, a [`Msg`] translated.
pub trait ToArg {
    fn to_arg(&self) -> Arg;
}

impl<T: ToArg + ?Sized> ToArg for &T {
    fn to_arg(&self) -> Arg {
        (**self).to_arg()
    }
}

impl ToArg for Msg {
    fn to_arg(&self) -> Arg {
        Arg::Msg(self.clone())
    }
}

macro_rules! shown_as_is {
    ($($t:ty),*) => {$(
        impl ToArg for $t {
            fn to_arg(&self) -> Arg {
                Arg::Text(self.to_string())
            }
        }
    )*};
}
shown_as_is!(
    str,
    String,
    usize,
    u32,
    i32,
    i64,
    char,
    chrono::NaiveDate,
    toml::value::Datetime
);

/// `msg!("パラメータ `{name}` が2回定義されています", name)` or
/// `msg!("…{n}…", n = count)`: a [`Msg`] with its values.
#[macro_export]
macro_rules! msg {
    ($template:literal $(, $name:ident $(= $value:expr)?)* $(,)?) => {
        $crate::rules::Msg::new($template)
            $(.with(stringify!($name), $crate::msg!(@value $name $(, $value)?)))*
    };
    (@value $name:ident) => { &$name };
    (@value $name:ident, $value:expr) => { $value };
}

#[cfg(test)]
mod tests {

    #[test]
    fn fills_values_and_translates_nested_texts() {
        let ty = crate::msg!("日付");
        let name = "due";
        let m = crate::msg!("`{name}` は{ty}です", name, ty);
        assert_eq!(m.to_string(), "`due` は日付です");
        let en = |t: &str| match t {
            "`{name}` は{ty}です" => Some("`{name}` is a {ty}".to_owned()),
            "日付" => Some("date".to_owned()),
            _ => None,
        };
        assert_eq!(m.render(&en), "`due` is a date");
        // A brace that names no value stays as it is.
        assert_eq!(
            crate::msg!("{ が閉じていません").to_string(),
            "{ が閉じていません"
        );
    }
}
