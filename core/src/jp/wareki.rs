//! Dates in 和暦 (明治–令和) or western years, as residents write them, and shown back in
//! 和暦. The first year of an era is 元年; an era ends the day before the next begins
//! (平成31年4月30日 is followed by 令和元年5月1日), so a day past the end of its era
//! (平成31年5月1日) is refused rather than silently moved. 明治 is counted from
//! 1868-01-01, as the 改元の詔 made all of 1868 明治元年.

use super::digits::only_digits;
use super::ValueError;
use chrono::{Datelike, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Era {
    pub name: &'static str,
    /// The Latin initial used in short forms (R6.11.25).
    pub initial: char,
    pub start: (i32, u32, u32),
}

pub const ERAS: [Era; 5] = [
    Era {
        name: "明治",
        initial: 'M',
        start: (1868, 1, 1),
    },
    Era {
        name: "大正",
        initial: 'T',
        start: (1912, 7, 30),
    },
    Era {
        name: "昭和",
        initial: 'S',
        start: (1926, 12, 25),
    },
    Era {
        name: "平成",
        initial: 'H',
        start: (1989, 1, 8),
    },
    Era {
        name: "令和",
        initial: 'R',
        start: (2019, 5, 1),
    },
];

impl Era {
    fn first_day(self) -> NaiveDate {
        let (y, m, d) = self.start;
        NaiveDate::from_ymd_opt(y, m, d).expect("era start dates are valid")
    }
}

/// The era of a day, or `None` before 明治.
pub fn era_of(day: NaiveDate) -> Option<(Era, i32)> {
    ERAS.iter()
        .rev()
        .find(|e| e.first_day() <= day)
        .map(|e| (*e, day.year() - e.start.0 + 1))
}

/// 令和6年11月25日, with 元年 for the first year.
pub fn format_wareki(day: NaiveDate) -> String {
    match era_of(day) {
        Some((era, year)) => {
            let y = if year == 1 {
                "元".to_owned()
            } else {
                year.to_string()
            };
            format!("{}{y}年{}月{}日", era.name, day.month(), day.day())
        }
        None => day.format("%Y年%-m月%-d日").to_string(),
    }
}

/// Parses `令和元年5月1日`, `令和1年5月1日`, `R1.5.1`, `H31/4/30`, `2019年5月1日`,
/// `2019-05-01` or `2019/5/1` (full-width digits and spaces allowed).
pub fn parse_date(input: &str) -> Result<NaiveDate, ValueError> {
    let text: String = input
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if text.is_empty() {
        return Err(ValueError::Required);
    }
    let (era, rest) = match ERAS.iter().find_map(|e| {
        text.strip_prefix(e.name)
            .or_else(|| text.strip_prefix(e.initial))
            .or_else(|| text.strip_prefix(e.initial.to_ascii_lowercase()))
            .map(|rest| (Some(*e), rest))
    }) {
        Some(found) => found,
        None => (None, text.as_str()),
    };
    let rest = rest.replacen("元", "1", 1);
    let parts: Vec<&str> = rest
        .split(['年', '月', '日', '.', '/', '-', '．', '／', '－'])
        .filter(|p| !p.is_empty())
        .collect();
    let [y, m, d] = parts.as_slice() else {
        return Err(ValueError::InvalidDate);
    };
    let num = |s: &str| {
        only_digits(s, &[]).and_then(|d| {
            if d.is_empty() {
                None
            } else {
                d.parse::<u32>().ok()
            }
        })
    };
    let (Some(y), Some(m), Some(d)) = (num(y), num(m), num(d)) else {
        return Err(ValueError::InvalidDate);
    };
    let year = match era {
        Some(e) if y >= 1 => e.start.0 + y as i32 - 1,
        Some(_) => return Err(ValueError::InvalidDate),
        None => y as i32,
    };
    let date = NaiveDate::from_ymd_opt(year, m, d).ok_or(ValueError::InvalidDate)?;
    if let Some(e) = era {
        // The day must lie inside the era written.
        if era_of(date).map(|(x, _)| x) != Some(e) {
            return Err(ValueError::InvalidDate);
        }
    }
    Ok(date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_heisei_reiwa_boundary() {
        assert_eq!(format_wareki(d("2019-04-30")), "平成31年4月30日");
        assert_eq!(format_wareki(d("2019-05-01")), "令和元年5月1日");
        assert_eq!(parse_date("平成31年4月30日"), Ok(d("2019-04-30")));
        assert_eq!(parse_date("令和元年5月1日"), Ok(d("2019-05-01")));
        assert_eq!(parse_date("令和1年5月1日"), Ok(d("2019-05-01")));
        assert_eq!(parse_date("R1.5.1"), Ok(d("2019-05-01")));
    }

    #[test]
    fn a_day_past_its_era_is_refused_not_moved() {
        assert_eq!(parse_date("平成31年5月1日"), Err(ValueError::InvalidDate));
        assert_eq!(parse_date("令和元年4月30日"), Err(ValueError::InvalidDate));
        assert_eq!(parse_date("昭和64年1月8日"), Err(ValueError::InvalidDate));
        assert_eq!(parse_date("昭和64年1月7日"), Ok(d("1989-01-07")));
        assert_eq!(parse_date("平成元年1月8日"), Ok(d("1989-01-08")));
    }

    #[test]
    fn every_era_boundary() {
        assert_eq!(format_wareki(d("1912-07-29")), "明治45年7月29日");
        assert_eq!(format_wareki(d("1912-07-30")), "大正元年7月30日");
        assert_eq!(format_wareki(d("1926-12-24")), "大正15年12月24日");
        assert_eq!(format_wareki(d("1926-12-25")), "昭和元年12月25日");
        assert_eq!(format_wareki(d("1868-01-01")), "明治元年1月1日");
    }

    #[test]
    fn western_years_and_full_width_digits() {
        assert_eq!(parse_date("2026-11-25"), Ok(d("2026-11-25")));
        assert_eq!(parse_date("2026/11/25"), Ok(d("2026-11-25")));
        assert_eq!(parse_date("２０２６年１１月２５日"), Ok(d("2026-11-25")));
        assert_eq!(parse_date("令和 ８年 １月 ５日"), Ok(d("2026-01-05")));
        assert_eq!(parse_date("h31/4/30"), Ok(d("2019-04-30")));
    }

    #[test]
    fn impossible_or_malformed_dates_are_refused() {
        for s in [
            "令和6年2月30日",
            "令和0年5月1日",
            "令和6年13月1日",
            "令和6年",
            "みらい",
            "2026-11",
        ] {
            assert_eq!(parse_date(s), Err(ValueError::InvalidDate), "{s}");
        }
        assert_eq!(parse_date("  "), Err(ValueError::Required));
    }

    proptest! {
        #[test]
        fn wareki_round_trips_every_day_from_1868_to_2100(days in 0i64..85_100) {
            let day = d("1868-01-01") + chrono::Days::new(days as u64);
            prop_assume!(day <= d("2100-12-31"));
            prop_assert_eq!(parse_date(&format_wareki(day)), Ok(day));
            prop_assert_eq!(parse_date(&day.to_string()), Ok(day));
        }
    }
}
