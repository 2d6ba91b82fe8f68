//! The values of extract columns: dates as registries write them, codes and flags.

use crate::jp::{parse_date, ValueError};
use chrono::NaiveDate;

/// `2024-04-01`, `2024/4/1`, `20240401` or `令和6年4月1日`.
pub(super) fn date(s: &str) -> Result<NaiveDate, ValueError> {
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(s, "%Y%m%d").map_err(|_| ValueError::InvalidDate);
    }
    parse_date(s)
}

/// An empty cell, or a date.
pub(super) fn optional_date(s: &str) -> Result<Option<NaiveDate>, ValueError> {
    if s.is_empty() {
        Ok(None)
    } else {
        date(s).map(Some)
    }
}

/// A registry number (宛名番号, 世帯番号): 1 to 15 ASCII digits.
pub(super) fn number_id(s: &str) -> Result<String, ValueError> {
    if s.is_empty() {
        return Err(ValueError::Required);
    }
    if s.len() > 15 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ValueError::InvalidNumber);
    }
    Ok(s.to_owned())
}

/// A whole number within `range` (thousands separators allowed).
pub(super) fn integer(s: &str, range: std::ops::RangeInclusive<i64>) -> Result<i64, ValueError> {
    if s.is_empty() {
        return Err(ValueError::Required);
    }
    let digits: String = s.chars().filter(|c| *c != ',').collect();
    let n: i64 = digits.parse().map_err(|_| ValueError::InvalidNumber)?;
    if range.contains(&n) {
        Ok(n)
    } else {
        Err(ValueError::OutOfRange)
    }
}

/// `1`/`0`, or the words given for yes and no.
pub(super) fn flag(s: &str, yes: &str, no: &str) -> Result<bool, ValueError> {
    match s {
        "1" => Ok(true),
        "0" | "" => Ok(false),
        _ if s == yes => Ok(true),
        _ if s == no => Ok(false),
        _ => Err(ValueError::InvalidChoice),
    }
}

/// 性別: the standard code (1 男, 2 女, 9 適用不能) or the word.
pub(super) fn sex(s: &str) -> Result<&'static str, ValueError> {
    match s {
        "1" | "男" | "男性" => Ok("male"),
        "2" | "女" | "女性" => Ok("female"),
        "9" | "0" | "不明" => Ok("unspecified"),
        "" => Err(ValueError::Required),
        _ => Err(ValueError::InvalidChoice),
    }
}

/// 続柄 as the registry writes it, reduced to what the rules know. A relationship the
/// rules do not distinguish (妻の子, 縁故者, …) is `other`, as the registry would
/// also count it.
pub(super) fn relationship(s: &str) -> Result<&'static str, ValueError> {
    Ok(match s {
        "" => return Err(ValueError::Required),
        "世帯主" | "本人" => "head",
        "妻" | "夫" | "配偶者" | "妻(未届)" | "夫(未届)" => "spouse",
        "子" | "長男" | "長女" | "二男" | "次男" | "二女" | "次女" | "三男" | "三女" | "四男"
        | "四女" | "五男" | "五女" | "養子" => "child",
        "父" | "母" | "養父" | "養母" => "parent",
        "孫" => "grandchild",
        "祖父" | "祖母" => "grandparent",
        "兄" | "弟" | "姉" | "妹" => "sibling",
        _ => "other",
    })
}
