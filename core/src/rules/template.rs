//! Reason and question texts with placeholders: `{subject}`, `{person}`, `{claimant}`
//! and the other roles (the member's name at the counter, else their id),
//! `{event.date}` (a date as residents read it) and `{$parameter}` (its value in force).

use super::expr::Role;

#[derive(Debug, Clone, PartialEq)]
pub enum Segment {
    Text(String),
    Role(Role),
    EventDate,
    Param(usize),
    /// In question texts: the member asked about.
    Member,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    /// The text as the rule set writes it: the key of its translations.
    pub source: String,
    pub segments: Vec<Segment>,
}

/// Which placeholders a text may use.
pub enum Allowed<'a> {
    Reason(&'a dyn Fn(&str) -> Option<usize>),
    Question,
}

pub fn parse(text: &str, allowed: &Allowed<'_>) -> Result<Template, super::Msg> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            out.push(Segment::Text(rest[..open].to_owned()));
        }
        let close = rest[open..]
            .find('}')
            .ok_or_else(|| crate::msg!("\"{text}\" の { が閉じていません", text))?
            + open;
        let name = &rest[open + 1..close];
        let seg = match allowed {
            Allowed::Question => match name {
                "member" => Segment::Member,
                _ => return Err(crate::msg!("差し込み {placeholder} はありません (unknown placeholder)。質問で使えるのは {member} です", placeholder = format!("{{{name}}}"))),
            },
            Allowed::Reason(param) => {
                if name == "event.date" {
                    Segment::EventDate
                } else if let Some(role) = Role::from_name(name) {
                    Segment::Role(role)
                } else if let Some(p) = name.strip_prefix('$') {
                    Segment::Param(param(p).ok_or_else(|| crate::msg!("パラメータ {param} はありません (unknown parameter)", param = format!("{{${p}}}")))?)
                } else {
                    return Err(crate::msg!(
                        "差し込み {placeholder} はありません (unknown placeholder)。{event.date}、{$…}、または世帯員 ({roles}) を使います",
                        placeholder = format!("{{{name}}}"),
                        roles = Role::ALL.map(|r| r.name()).join(", ")
                    ));
                }
            }
        };
        out.push(seg);
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        out.push(Segment::Text(rest.to_owned()));
    }
    Ok(Template {
        source: text.to_owned(),
        segments: out,
    })
}

/// 1234567 → "1,234,567".
pub use crate::jp::group_thousands as thousands;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_text_and_placeholders() {
        let f = |n: &str| (n == "x").then_some(3);
        let t = parse("{subject}さんが{event.date}に{$x}", &Allowed::Reason(&f)).unwrap();
        assert_eq!(t.source, "{subject}さんが{event.date}に{$x}");
        assert_eq!(
            t.segments,
            vec![
                Segment::Role(Role::Subject),
                Segment::Text("さんが".into()),
                Segment::EventDate,
                Segment::Text("に".into()),
                Segment::Param(3)
            ]
        );
    }

    #[test]
    fn unknown_placeholders_are_refused() {
        let f = |_: &str| None;
        assert!(parse("{baby}", &Allowed::Reason(&f))
            .unwrap_err()
            .contains("unknown placeholder"));
        assert!(parse("{$nope}", &Allowed::Reason(&f))
            .unwrap_err()
            .contains("unknown parameter"));
        assert!(parse("{subject", &Allowed::Reason(&f)).is_err());
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(500000), "500,000");
        assert_eq!(thousands(15000), "15,000");
        assert_eq!(thousands(999), "999");
    }
}
