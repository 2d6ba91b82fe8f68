//! A time of day (a birth, a death), typed as `14:35`, `１４：３５` or `14時35分`, and
//! printed as `14時35分`.

use super::digits::only_digits;
use super::ValueError;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockTime {
    pub hour: u8,
    pub minute: u8,
}

impl ClockTime {
    pub fn parse(input: &str) -> Result<Self, ValueError> {
        let t = input.trim();
        if t.is_empty() {
            return Err(ValueError::Required);
        }
        let t = t.trim_end_matches('分');
        let (h, m) = t
            .split_once([':', '：', '時'])
            .ok_or(ValueError::InvalidTime)?;
        let num = |s: &str| {
            only_digits(s, &[])
                .filter(|d| (1..=2).contains(&d.len()))
                .and_then(|d| d.parse::<u8>().ok())
        };
        match (num(h), num(m)) {
            (Some(hour), Some(minute)) if hour < 24 && minute < 60 => Ok(Self { hour, minute }),
            _ => Err(ValueError::InvalidTime),
        }
    }

    pub fn display(self) -> String {
        format!("{}時{:02}分", self.hour, self.minute)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_ways_a_time_is_written() {
        for s in ["14:35", "１４：３５", "14時35分", " 14:35 ", "14時35"] {
            assert_eq!(ClockTime::parse(s).unwrap().display(), "14時35分", "{s}");
        }
        assert_eq!(ClockTime::parse("0:05").unwrap().display(), "0時05分");
    }

    #[test]
    fn rejects_impossible_hours_and_minutes() {
        for s in ["24:00", "12:60", "1435", "ab:cd", "12:345"] {
            assert_eq!(ClockTime::parse(s), Err(ValueError::InvalidTime), "{s}");
        }
    }
}
