//! Dated parameters: every amount, age, deadline and date boundary, each a list of
//! periods. The value in force on a day is found here; gaps and overlaps are refused
//! when a rule set is compiled.

use super::expr::Ty;
use chrono::{Days, NaiveDate};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParamKind {
    Yen,
    Age,
    Count,
    Days,
    Months,
    Years,
    Date,
    Flag,
}

impl ParamKind {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "yen" => Self::Yen,
            "age" => Self::Age,
            "count" => Self::Count,
            "days" => Self::Days,
            "months" => Self::Months,
            "years" => Self::Years,
            "date" => Self::Date,
            "flag" => Self::Flag,
            _ => return None,
        })
    }

    pub fn ty(self) -> Ty {
        match self {
            Self::Yen | Self::Age | Self::Count => Ty::Int,
            Self::Days => Ty::Days,
            Self::Months | Self::Years => Ty::Months,
            Self::Date => Ty::Date,
            Self::Flag => Ty::Bool,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum ParamValue {
    Int(i64),
    Date(NaiveDate),
    Flag(bool),
    /// `"none"` for an amount: no limit (a city that sets no income limit). Compares
    /// above every amount.
    Unlimited,
}

impl ParamValue {
    /// How the value reads in a reason or on the admin page.
    pub fn display(self, kind: ParamKind) -> String {
        match (self, kind) {
            (Self::Int(n), ParamKind::Yen) => format!("{}円", super::template::thousands(n)),
            (Self::Int(n), ParamKind::Age) => format!("{n}歳"),
            (Self::Int(n), ParamKind::Days) => format!("{n}日"),
            (Self::Int(n), ParamKind::Months) => format!("{n}か月"),
            (Self::Int(n), ParamKind::Years) => format!("{n}年"),
            (Self::Int(n), _) => n.to_string(),
            (Self::Date(d), _) => crate::screening::ja_date(d),
            (Self::Flag(b), _) => if b { "はい" } else { "いいえ" }.into(),
            (Self::Unlimited, _) => "なし".into(),
        }
    }

    /// The value as a phrase's placeholder, typed like [`ParamValue::display`] writes it.
    pub fn arg(self, kind: ParamKind) -> crate::screening::PhraseArg {
        use crate::screening::PhraseArg as A;
        match (self, kind) {
            (Self::Int(n), ParamKind::Yen) => A::Yen(n),
            (Self::Int(n), ParamKind::Age) => A::Age(n),
            (Self::Int(n), ParamKind::Days) => A::Days(n),
            (Self::Int(n), ParamKind::Months) => A::Months(n),
            (Self::Int(n), ParamKind::Years) => A::Years(n),
            (Self::Int(n), _) => A::Number(n),
            (Self::Date(d), _) => A::Date(d),
            (Self::Flag(b), _) => A::Flag(b),
            (Self::Unlimited, _) => A::Unlimited,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Period {
    pub from: NaiveDate,
    /// The last day the value holds, inclusive; `None` = open-ended.
    pub until: Option<NaiveDate>,
    pub value: ParamValue,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Param {
    pub name: String,
    pub kind: ParamKind,
    pub label: String,
    pub source: Option<String>,
    /// Sorted by `from`; each period's `until` is filled in from the next one.
    pub periods: Vec<Period>,
}

impl Param {
    pub fn at(&self, day: NaiveDate) -> Option<ParamValue> {
        self.periods
            .iter()
            .find(|p| p.from <= day && p.until.is_none_or(|u| day <= u))
            .map(|p| p.value)
    }
}

/// Sorts the periods, fills implicit ends and refuses overlaps and gaps.
pub fn settle(periods: &mut [Period]) -> Result<(), super::Msg> {
    if periods.is_empty() {
        return Err(crate::msg!("パラメータには期間が1つ以上必要です"));
    }
    periods.sort_by_key(|p| p.from);
    for i in 0..periods.len() {
        if let Some(u) = periods[i].until {
            if u < periods[i].from {
                return Err(crate::msg!(
                    "{from} からの期間が、始まる前に終わっています ({until})",
                    from = periods[i].from,
                    until = u
                ));
            }
        }
        let Some(next_from) = periods.get(i + 1).map(|p| p.from) else {
            break;
        };
        let day_before = next_from - Days::new(1);
        match periods[i].until {
            None if next_from == periods[i].from => {
                return Err(crate::msg!(
                    "{next_from} に始まる期間が2つあります",
                    next_from
                ));
            }
            None => periods[i].until = Some(day_before),
            Some(u) if u >= next_from => {
                return Err(crate::msg!(
                    "期間が重なっています (overlap): {from}〜{until} と {next_from} からの期間",
                    from = periods[i].from,
                    until = u,
                    next_from
                ));
            }
            Some(u) if u < day_before => {
                return Err(crate::msg!(
                    "期間にすき間があります (gap): {from} から {day_before} まで値がありません",
                    from = u + Days::new(1),
                    day_before
                ));
            }
            Some(_) => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn p(from: &str, until: Option<&str>, v: i64) -> Period {
        Period {
            from: d(from),
            until: until.map(d),
            value: ParamValue::Int(v),
        }
    }

    #[test]
    fn the_value_changes_on_the_first_day_of_the_new_period() {
        let mut ps = vec![
            p("2023-04-01", None, 500_000),
            p("2009-10-01", None, 420_000),
        ];
        settle(&mut ps).unwrap();
        let param = Param {
            name: "x".into(),
            kind: ParamKind::Yen,
            label: String::new(),
            source: None,
            periods: ps,
        };
        assert_eq!(param.at(d("2023-03-31")), Some(ParamValue::Int(420_000)));
        assert_eq!(param.at(d("2023-04-01")), Some(ParamValue::Int(500_000)));
        assert_eq!(param.at(d("2009-09-30")), None);
    }

    #[test]
    fn overlapping_periods_are_refused() {
        let mut ps = vec![
            p("2020-01-01", Some("2024-10-01"), 1),
            p("2024-10-01", None, 2),
        ];
        assert!(settle(&mut ps).unwrap_err().contains("overlap"));
    }

    #[test]
    fn gaps_are_refused() {
        let mut ps = vec![
            p("2020-01-01", Some("2024-09-29"), 1),
            p("2024-10-01", None, 2),
        ];
        assert!(settle(&mut ps).unwrap_err().contains("gap"));
    }

    #[test]
    fn a_closed_last_period_means_nothing_after_it() {
        let mut ps = vec![p("2012-04-01", Some("2024-09-30"), 1)];
        settle(&mut ps).unwrap();
        assert_eq!(ps[0].until, Some(d("2024-09-30")));
    }
}
