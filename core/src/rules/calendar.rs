//! The days the city hall is closed: weekdays, yearly spans (年末年始) and the national
//! holidays, from `calendar.toml`. A filing deadline that falls on a closed day moves
//! to the next open day (地方自治法4条の2第4項), with the reason in words.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosedSpan {
    /// (month, day), inclusive; `from` after `until` wraps the year end.
    pub from: (u32, u32),
    pub until: (u32, u32),
    pub name: String,
}

impl ClosedSpan {
    fn contains(&self, d: NaiveDate) -> bool {
        let md = (d.month(), d.day());
        if self.from <= self.until {
            self.from <= md && md <= self.until
        } else {
            md >= self.from || md <= self.until
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    pub closed_weekdays: Vec<Weekday>,
    pub closed_spans: Vec<ClosedSpan>,
    pub holidays: BTreeMap<NaiveDate, String>,
}

/// A deadline after the calendar: the day, and why it moved (if it did).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    pub day: NaiveDate,
    pub note: Option<String>,
    /// `note` as data: [`Moved::NOTE`] with the day and why it is closed.
    pub phrase: Option<crate::screening::Phrase>,
}

impl Moved {
    /// The note's text as translations know it.
    pub const NOTE: &'static str = "{date}は閉庁日 ({why}) のため翌開庁日まで";
}

impl Calendar {
    /// Why the city hall is closed on `d` ("土曜日", "年末年始", "元日"), or `None`.
    pub fn closed(&self, d: NaiveDate) -> Option<String> {
        if let Some(span) = self.closed_spans.iter().find(|s| s.contains(d)) {
            return Some(span.name.clone());
        }
        if let Some(name) = self.holidays.get(&d) {
            return Some(name.clone());
        }
        self.closed_weekdays
            .contains(&d.weekday())
            .then(|| weekday_ja(d.weekday()).to_owned())
    }

    /// The first open day on or after `d`. Stops after a year (a calendar that closes
    /// every day is refused when compiled, so this is a guard only).
    pub fn next_open(&self, d: NaiveDate) -> NaiveDate {
        let mut day = d;
        for _ in 0..366 {
            if self.closed(day).is_none() {
                return day;
            }
            match day.checked_add_days(Days::new(1)) {
                Some(next) => day = next,
                None => return d,
            }
        }
        d
    }

    /// A filing deadline moved to the next open day, with the reason
    /// ("12月29日は閉庁日 (年末年始) のため翌開庁日まで").
    pub fn move_deadline(&self, d: NaiveDate) -> Moved {
        let Some(why) = self.closed(d) else {
            return Moved {
                day: d,
                note: None,
                phrase: None,
            };
        };
        use crate::screening::{Phrase, PhraseArg};
        Moved {
            day: self.next_open(d),
            phrase: Some(
                Phrase::fixed(Moved::NOTE)
                    .with("date", PhraseArg::Date(d))
                    .with("why", PhraseArg::Term(why.clone())),
            ),
            note: Some(format!(
                "{}月{}日は閉庁日 ({why}) のため翌開庁日まで",
                d.month(),
                d.day()
            )),
        }
    }

    /// The last day the holiday list covers (31 December of its last year).
    pub fn covered_until(&self) -> Option<NaiveDate> {
        let last = self.holidays.keys().next_back()?;
        NaiveDate::from_ymd_opt(last.year(), 12, 31)
    }

    /// A warning when the holiday list runs out within a year of `today`: deadlines
    /// after its end would ignore the holidays not yet listed.
    pub fn warning(&self, today: NaiveDate) -> Option<super::Msg> {
        let until = self.covered_until()?;
        let horizon = today.checked_add_days(Days::new(365))?;
        (until < horizon).then(|| {
            crate::msg!(
                "祝日の一覧は{year}年12月31日までです。翌年の祝日 (内閣府が公表) を calendar.toml に加えてください",
                year = until.year()
            )
        })
    }
}

pub fn weekday_ja(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "月曜日",
        Weekday::Tue => "火曜日",
        Weekday::Wed => "水曜日",
        Weekday::Thu => "木曜日",
        Weekday::Fri => "金曜日",
        Weekday::Sat => "土曜日",
        Weekday::Sun => "日曜日",
    }
}

pub fn parse_weekday(s: &str) -> Option<Weekday> {
    Some(match s {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

/// `MM-DD` as (month, day), refusing impossible days (02-30). 02-29 is allowed.
pub fn parse_month_day(s: &str) -> Option<(u32, u32)> {
    let (m, d) = s.split_once('-')?;
    if m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (m, d) = (m.parse().ok()?, d.parse().ok()?);
    NaiveDate::from_ymd_opt(2024, m, d).map(|_| (m, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn city() -> Calendar {
        Calendar {
            closed_weekdays: vec![Weekday::Sat, Weekday::Sun],
            closed_spans: vec![ClosedSpan {
                from: (12, 29),
                until: (1, 3),
                name: "年末年始".into(),
            }],
            holidays: [(d("2027-01-11"), "成人の日".to_owned())].into(),
        }
    }

    #[test]
    fn the_year_end_moves_to_the_first_open_day() {
        let c = city();
        let m = c.move_deadline(d("2026-12-29"));
        assert_eq!(m.day, d("2027-01-04"));
        assert_eq!(
            m.note.as_deref(),
            Some("12月29日は閉庁日 (年末年始) のため翌開庁日まで")
        );
        let phrase = m.phrase.expect("a moved deadline says why as data");
        assert_eq!(phrase.text, Moved::NOTE);
        assert_eq!(
            phrase.args.get("why"),
            Some(&crate::screening::PhraseArg::Term("年末年始".into()))
        );
        assert_eq!(
            phrase.args.get("date"),
            Some(&crate::screening::PhraseArg::Date(d("2026-12-29")))
        );
        assert_eq!(c.move_deadline(d("2026-12-28")).note, None);
        // 2027-01-09 is a Saturday, 01-10 Sunday, 01-11 成人の日.
        assert_eq!(c.next_open(d("2027-01-09")), d("2027-01-12"));
    }

    #[test]
    fn month_days_must_exist() {
        assert_eq!(parse_month_day("12-29"), Some((12, 29)));
        assert_eq!(parse_month_day("02-29"), Some((2, 29)));
        assert_eq!(parse_month_day("02-30"), None);
        assert_eq!(parse_month_day("13-01"), None);
        assert_eq!(parse_month_day("1-3"), None);
    }

    #[test]
    fn warns_a_year_before_the_list_runs_out() {
        let c = city();
        assert_eq!(c.warning(d("2026-12-30")), None);
        assert!(c.warning(d("2027-01-01")).is_some());
    }
}
