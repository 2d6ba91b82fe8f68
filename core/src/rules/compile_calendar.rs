//! `calendar.toml` compiled: the city's closed weekdays and spans, and the national
//! holidays. Each may be given once; an impossible date, an unknown weekday or a
//! holiday listed twice is refused with its place.

use super::calendar::{parse_month_day, parse_weekday, Calendar, ClosedSpan};
use super::source::SourceFile;
use super::RuleError;
use chrono::NaiveDate;

struct At<'a> {
    file: &'a str,
    text: &'a str,
}

impl At<'_> {
    fn err(&self, offset: usize, message: super::Msg) -> RuleError {
        let before = &self.text[..offset.min(self.text.len())];
        RuleError {
            file: self.file.to_owned(),
            line: before.matches('\n').count() + 1,
            column: before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1,
            message,
        }
    }
}

/// The calendar, if any file defines `[calendar]` or `[holidays]`.
pub(crate) fn collect(
    docs: &[(&str, &str, SourceFile)],
    errors: &mut Vec<RuleError>,
) -> Option<Calendar> {
    let mut cal = Calendar::default();
    let (mut seen_calendar, mut seen_holidays) = (false, false);
    for (file, text, doc) in docs {
        let at = At { file, text };
        if let Some(c) = &doc.calendar {
            if seen_calendar {
                errors.push(at.err(0, crate::msg!("[calendar] は1つのファイルにだけ書きます")));
            }
            seen_calendar = true;
            for w in &c.closed_weekdays {
                match parse_weekday(w.get_ref()) {
                    Some(d) if !cal.closed_weekdays.contains(&d) => cal.closed_weekdays.push(d),
                    Some(_) => {}
                    None => errors.push(at.err(
                        w.span().start,
                        crate::msg!(
                            "曜日 `{day}` はありません。monday 〜 sunday で書きます",
                            day = w.get_ref()
                        ),
                    )),
                }
            }
            if cal.closed_weekdays.len() == 7 {
                errors.push(at.err(0, crate::msg!("毎日が閉庁日になっています")));
            }
            for span in &c.closed_days {
                let from = parse_month_day(span.from.get_ref());
                let until = parse_month_day(span.until.get_ref());
                match (from, until) {
                    (Some(from), Some(until)) => cal.closed_spans.push(ClosedSpan {
                        from,
                        until,
                        name: span.name.clone(),
                    }),
                    (None, _) => errors.push(bad_day(&at, &span.from)),
                    (_, None) => errors.push(bad_day(&at, &span.until)),
                }
            }
        }
        if let Some(h) = &doc.holidays {
            if seen_holidays {
                errors.push(at.err(0, crate::msg!("[holidays] は1つのファイルにだけ書きます")));
            }
            seen_holidays = true;
            for day in &h.days {
                let date = day.date.get_ref();
                let parsed = date.date.filter(|_| date.time.is_none()).and_then(|d| {
                    NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
                });
                let Some(d) = parsed else {
                    errors.push(at.err(
                        day.date.span().start,
                        crate::msg!("祝日の日付 `{date}` はありえない日です", date),
                    ));
                    continue;
                };
                if cal.holidays.insert(d, day.name.clone()).is_some() {
                    errors.push(at.err(
                        day.date.span().start,
                        crate::msg!("祝日 {d} が2回あります", d),
                    ));
                }
            }
        }
    }
    (seen_calendar || seen_holidays).then_some(cal)
}

fn bad_day(at: &At<'_>, s: &toml::Spanned<String>) -> RuleError {
    at.err(
        s.span().start,
        crate::msg!(
            "`{day}` は月-日 (例: 12-29) で、ある日を書きます",
            day = s.get_ref()
        ),
    )
}
