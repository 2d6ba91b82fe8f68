//! The five layouts: their columns (named after the national standard's 基本データリスト
//! items where it has them; see docs/REGISTRY_LAYOUTS.md) and the typed row of each.
//! Every cell of every row is checked; the file's errors come back together.

use super::read::Table;
use super::values;
use super::{Extract, Kind, Problem, RowError};
use crate::jp::{KanaName, PersonName, PostalCode, ValueError};
use chrono::NaiveDate;
use std::collections::HashMap;

const JUKI: &[&str] = &[
    "宛名番号",
    "世帯番号",
    "続柄",
    "氏",
    "名",
    "氏_カナ",
    "名_カナ",
    "生年月日",
    "性別",
    "郵便番号",
    "住所",
    "住民となった年月日",
    "住民状態",
];
const TAX: &[&str] = &["宛名番号", "課税年度", "合計所得金額", "非課税区分"];
const INSURANCE: &[&str] = &["宛名番号", "保険区分", "資格取得年月日", "資格喪失年月日"];
const ALLOWANCE: &[&str] = &[
    "宛名番号",
    "認定年月日",
    "支給対象児童数",
    "公務員区分",
    "消滅年月日",
];
const CARE: &[&str] = &[
    "宛名番号",
    "要介護状態区分",
    "認定有効期間開始年月日",
    "認定有効期間終了年月日",
];

pub(super) fn columns(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Juki => JUKI,
        Kind::Tax => TAX,
        Kind::Insurance => INSURANCE,
        Kind::ChildAllowance => ALLOWANCE,
        Kind::Care => CARE,
    }
}

/// 住民状態: living here, moved out (転出), died (死亡).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResidentStatus {
    Active,
    MovedOut,
    Deceased,
}

impl ResidentStatus {
    /// As stored in `residents.status`.
    pub fn code(self) -> &'static str {
        match self {
            ResidentStatus::Active => "active",
            ResidentStatus::MovedOut => "moved_out",
            ResidentStatus::Deceased => "deceased",
        }
    }

    fn parse(s: &str) -> Result<Self, ValueError> {
        match s {
            "住民" | "1" => Ok(ResidentStatus::Active),
            "転出" | "2" => Ok(ResidentStatus::MovedOut),
            "死亡" | "3" => Ok(ResidentStatus::Deceased),
            "" => Err(ValueError::Required),
            _ => Err(ValueError::InvalidChoice),
        }
    }
}

/// One resident of the 住基 extract, with their household.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResidentRow {
    pub person_number: String,
    pub household_number: String,
    /// `head`, `spouse`, `child`, … (see `values::relationship`).
    pub relationship: &'static str,
    pub family_name: String,
    pub given_name: String,
    pub family_name_kana: String,
    pub given_name_kana: String,
    pub birth_date: NaiveDate,
    /// `male`, `female` or `unspecified`.
    pub sex: &'static str,
    /// Seven digits.
    pub postal_code: String,
    pub address: String,
    pub moved_in_on: NaiveDate,
    pub status: ResidentStatus,
}

impl ResidentRow {
    /// How residents are found by name (spaces dropped), as the registry search keys them.
    pub fn kana_key(&self) -> String {
        format!("{}{}", self.family_name_kana, self.given_name_kana)
            .chars()
            .filter(|c| *c != '\u{3000}')
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaxRow {
    pub person_number: String,
    pub fiscal_year: i32,
    pub income: i64,
    pub non_taxable: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InsuranceRow {
    pub person_number: String,
    /// `nhi` (国保) or `late_elderly` (後期高齢).
    pub kind: &'static str,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowanceRow {
    pub person_number: String,
    pub since: NaiveDate,
    pub children_counted: i32,
    pub public_servant: bool,
    /// Set when the entitlement has ended (消滅): the recipient is removed.
    pub ended_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CareRow {
    pub person_number: String,
    /// 要支援1–2, 要介護1–5.
    pub level: String,
    pub valid_from: NaiveDate,
    pub valid_to: NaiveDate,
}

/// One row's cells, parsed one by one; a bad cell is noted and parsing goes on.
struct Cells<'a> {
    table: &'a Table,
    record: &'a csv::StringRecord,
    columns: &'static [&'static str],
    line: u64,
    errors: &'a mut Vec<RowError>,
}

impl Cells<'_> {
    fn get<T>(&mut self, i: usize, parse: impl FnOnce(&str) -> Result<T, ValueError>) -> Option<T> {
        let (value, column) = self.table.get(self.record, i);
        match parse(value) {
            Ok(v) => Some(v),
            Err(e) => {
                self.errors.push(RowError {
                    line: self.line,
                    column: Some(column),
                    field: Some(self.columns[i].to_owned()),
                    problem: Problem::Value(e),
                    detail: format!("「{}」", value.chars().take(40).collect::<String>()),
                });
                None
            }
        }
    }
}

fn each<T>(
    table: &Table,
    kind: Kind,
    key: impl Fn(&T) -> String,
    mut row: impl FnMut(&mut Cells) -> Option<T>,
) -> Result<Vec<(u64, T)>, Vec<RowError>> {
    let mut errors = Vec::new();
    let mut out = Vec::with_capacity(table.rows.len());
    let mut seen: HashMap<String, u64> = HashMap::with_capacity(table.rows.len());
    for (line, record) in &table.rows {
        let mut cells = Cells {
            table,
            record,
            columns: columns(kind),
            line: *line,
            errors: &mut errors,
        };
        if let Some(r) = row(&mut cells) {
            if let Some(first) = seen.insert(key(&r), *line) {
                errors.push(RowError {
                    line: *line,
                    column: None,
                    field: None,
                    problem: Problem::Duplicate,
                    detail: format!("{first}行目と同じ"),
                });
            }
            out.push((*line, r));
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

pub(super) fn rows(kind: Kind, table: Table) -> Result<Extract, Vec<RowError>> {
    let t = &table;
    Ok(match kind {
        Kind::Juki => {
            let rows = each(t, kind, |r: &ResidentRow| r.person_number.clone(), resident)?;
            households_agree(&rows)?;
            Extract::Juki(rows)
        }
        Kind::Tax => Extract::Tax(each(
            t,
            kind,
            |r: &TaxRow| format!("{}/{}", r.person_number, r.fiscal_year),
            |c| {
                Some(TaxRow {
                    person_number: c.get(0, values::number_id)?,
                    fiscal_year: c.get(1, |s| values::integer(s, 1989..=2200))? as i32,
                    income: c.get(2, |s| values::integer(s, 0..=999_999_999_999))?,
                    non_taxable: c.get(3, |s| values::flag(s, "非課税", "課税"))?,
                })
            },
        )?),
        Kind::Insurance => Extract::Insurance(each(
            t,
            kind,
            |r: &InsuranceRow| format!("{}/{}/{}", r.person_number, r.kind, r.valid_from),
            |c| {
                let person_number = c.get(0, values::number_id);
                let kind = c.get(1, |s| match s {
                    "国保" | "国民健康保険" | "1" => Ok("nhi"),
                    "後期高齢" | "後期高齢者医療" | "2" => Ok("late_elderly"),
                    "" => Err(ValueError::Required),
                    _ => Err(ValueError::InvalidChoice),
                });
                let from = c.get(2, values::date);
                let to = c.get(3, values::optional_date);
                Some(InsuranceRow {
                    person_number: person_number?,
                    kind: kind?,
                    valid_from: from?,
                    valid_to: to?,
                })
            },
        )?),
        Kind::ChildAllowance => Extract::ChildAllowance(each(
            t,
            kind,
            |r: &AllowanceRow| r.person_number.clone(),
            |c| {
                let person_number = c.get(0, values::number_id);
                let since = c.get(1, values::date);
                let children = c.get(2, |s| values::integer(s, 0..=20));
                let servant = c.get(3, |s| values::flag(s, "公務員", "一般"));
                let ended = c.get(4, values::optional_date);
                Some(AllowanceRow {
                    person_number: person_number?,
                    since: since?,
                    children_counted: children? as i32,
                    public_servant: servant?,
                    ended_on: ended?,
                })
            },
        )?),
        Kind::Care => Extract::Care(each(
            t,
            kind,
            |r: &CareRow| format!("{}/{}", r.person_number, r.valid_from),
            |c| {
                let person_number = c.get(0, values::number_id);
                let level = c.get(1, care_level);
                let from = c.get(2, values::date);
                let to = c.get(3, values::date);
                let (from, to) = (from?, to?);
                if to < from {
                    c.get(3, |_| Err::<(), _>(ValueError::DateOutOfRange));
                    return None;
                }
                Some(CareRow {
                    person_number: person_number?,
                    level: level?,
                    valid_from: from,
                    valid_to: to,
                })
            },
        )?),
    })
}

fn care_level(s: &str) -> Result<String, ValueError> {
    let s: String = s
        .chars()
        .map(|c| match c {
            '１'..='５' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect();
    match s.as_str() {
        "要支援1" | "要支援2" | "要介護1" | "要介護2" | "要介護3" | "要介護4" | "要介護5" => {
            Ok(s)
        }
        "" => Err(ValueError::Required),
        _ => Err(ValueError::InvalidChoice),
    }
}

fn resident(c: &mut Cells) -> Option<ResidentRow> {
    let person_number = c.get(0, values::number_id);
    let household_number = c.get(1, values::number_id);
    let relationship = c.get(2, values::relationship);
    let family_name = c.get(3, |s| PersonName::parse(s).map(|n| n.as_str().to_owned()));
    let given_name = c.get(4, |s| PersonName::parse(s).map(|n| n.as_str().to_owned()));
    let family_kana = c.get(5, |s| KanaName::parse(s).map(|n| n.as_str().to_owned()));
    let given_kana = c.get(6, |s| KanaName::parse(s).map(|n| n.as_str().to_owned()));
    let birth_date = c.get(7, values::date);
    let sex = c.get(8, values::sex);
    let postal = c.get(9, |s| PostalCode::parse(s).map(|p| p.digits().to_owned()));
    let address = c.get(10, |s| match s.chars().count() {
        0 => Err(ValueError::Required),
        1..=200 => Ok(s.to_owned()),
        _ => Err(ValueError::TooLong),
    });
    let moved_in = c.get(11, values::date);
    let status = c.get(12, ResidentStatus::parse);
    Some(ResidentRow {
        person_number: person_number?,
        household_number: household_number?,
        relationship: relationship?,
        family_name: family_name?,
        given_name: given_name?,
        family_name_kana: family_kana?,
        given_name_kana: given_kana?,
        birth_date: birth_date?,
        sex: sex?,
        postal_code: postal?,
        address: address?,
        moved_in_on: moved_in?,
        status: status?,
    })
}

/// Every living member's row of one household gives the same address.
fn households_agree(rows: &[(u64, ResidentRow)]) -> Result<(), Vec<RowError>> {
    let mut first: HashMap<&str, (u64, &str, &str)> = HashMap::new();
    let mut errors = Vec::new();
    for (line, r) in rows
        .iter()
        .filter(|(_, r)| r.status == ResidentStatus::Active)
    {
        let seen = first
            .entry(&r.household_number)
            .or_insert((*line, &r.postal_code, &r.address));
        if (seen.1, seen.2) != (r.postal_code.as_str(), r.address.as_str()) {
            errors.push(RowError {
                line: *line,
                column: None,
                field: Some("住所".to_owned()),
                problem: Problem::Conflict,
                detail: format!("{}行目は「{}」", seen.0, seen.2),
            });
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}
