//! Checking what the resident typed: each field by its type, with the value types of
//! `jp`, in the browser (one screen at a time) and again on the server (the whole
//! interview). A checked value is kept as it prints on the forms.

use super::catalog::{Catalog, FieldType};
use super::interview::{Answers, Plan};
use crate::jp::{
    self, AccountType, Address, BankAccount, BankField, ClockTime, FreeText, KanaName, MyNumber,
    PersonName, PhoneNumber, PostalCode, ValueError,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A field's error, keyed by the input it belongs to (`bank.account/number` for a part
/// of a bank account).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub error: ValueError,
}

/// The parts of a bank account, each its own input.
pub const BANK_PARTS: [&str; 5] = [
    "bank_code",
    "branch_code",
    "account_type",
    "number",
    "holder",
];

/// The key of one part of a composite field.
pub fn part(key: &str, part: &str) -> String {
    format!("{key}/{part}")
}

/// The values of the interview as they print, by field key.
pub type Values = BTreeMap<String, String>;

/// Checks every field the interview shows; all errors at once.
pub fn check(cat: &Catalog, plan: &Plan, answers: &Answers) -> Result<Values, Vec<FieldError>> {
    let mut values = Values::new();
    let mut errors = Vec::new();
    for key in plan.topics.iter().flat_map(|t| &t.fields) {
        match check_field(cat, plan, key, answers) {
            Ok(Some(v)) => {
                values.insert(key.clone(), v);
            }
            Ok(None) => {}
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok(values)
    } else {
        Err(errors)
    }
}

/// Checks the fields of one topic (one screen of the interview).
pub fn check_topic(cat: &Catalog, plan: &Plan, topic: &str, answers: &Answers) -> Vec<FieldError> {
    plan.topics
        .iter()
        .filter(|t| t.topic == topic)
        .flat_map(|t| &t.fields)
        .filter_map(|key| check_field(cat, plan, key, answers).err())
        .flatten()
        .collect()
}

/// One field: `None` when it does not show or may stay empty and is empty.
pub fn check_field(
    cat: &Catalog,
    plan: &Plan,
    key: &str,
    answers: &Answers,
) -> Result<Option<String>, Vec<FieldError>> {
    let Some(field) = cat.field(key) else {
        return Ok(None);
    };
    if !plan.shows(cat, key, answers) {
        return Ok(None);
    }
    let required = plan.requires(cat, key, answers);
    typed(field, required, answers)
}

/// A correction of one field of a submitted application (after a 差戻し): the new value
/// must be given, and is checked as the interview checks it.
pub fn check_correction(
    cat: &Catalog,
    key: &str,
    answers: &Answers,
) -> Result<String, Vec<FieldError>> {
    let Some(field) = cat.field(key) else {
        return Err(vec![FieldError {
            field: key.to_owned(),
            error: ValueError::InvalidChoice,
        }]);
    };
    typed(field, true, answers)?.ok_or_else(|| {
        vec![FieldError {
            field: key.to_owned(),
            error: ValueError::Required,
        }]
    })
}

/// A field's value by its type, `None` when it may stay empty and is empty.
fn typed(
    field: &super::catalog::Field,
    required: bool,
    answers: &Answers,
) -> Result<Option<String>, Vec<FieldError>> {
    let key = field.key.as_str();
    let raw = |k: &str| answers.get(k).map(String::as_str).unwrap_or("");
    let one = |error: ValueError| {
        vec![FieldError {
            field: key.to_owned(),
            error,
        }]
    };
    if field.ty == FieldType::BankAccount {
        let parts: Vec<String> = BANK_PARTS.iter().map(|p| part(key, p)).collect();
        let empty = parts
            .iter()
            .filter(|p| !p.ends_with("/account_type"))
            .all(|p| raw(p).trim().is_empty());
        if empty && !required {
            return Ok(None);
        }
        return bank(key, &parts.iter().map(|p| raw(p)).collect::<Vec<_>>()).map(Some);
    }
    let input = raw(key);
    if input.trim().is_empty() && !required {
        return Ok(None);
    }
    value(&field.ty, input).map(Some).map_err(one)
}

/// A value of a type, as it prints.
fn value(ty: &FieldType, input: &str) -> Result<String, ValueError> {
    Ok(match ty {
        FieldType::Name => PersonName::parse(input)?.as_str().to_owned(),
        FieldType::Kana => KanaName::parse(input)?.as_str().to_owned(),
        FieldType::Date => {
            let d = jp::parse_date(input)?;
            if !(1868..=2200).contains(&chrono::Datelike::year(&d)) {
                return Err(ValueError::InvalidDate);
            }
            jp::format_wareki(d)
        }
        FieldType::Time => ClockTime::parse(input)?.display(),
        FieldType::PostalCode => PostalCode::parse(input)?.display(),
        FieldType::Address => Address::parse(input)?.as_str().to_owned(),
        FieldType::Phone => PhoneNumber::parse(input)?.display().to_owned(),
        FieldType::Text { max } => FreeText::parse(input, *max)?.as_str().to_owned(),
        FieldType::Number { unit, min, max } => {
            format!(
                "{}{unit}",
                jp::group_thousands(jp::parse_amount(input, *min, *max)?)
            )
        }
        FieldType::Choice { options } => options
            .iter()
            .find(|o| o.id == input.trim())
            .map(|o| o.label.ja.clone())
            .ok_or(ValueError::InvalidChoice)?,
        FieldType::YesNo => match input.trim() {
            "yes" => "はい".to_owned(),
            "no" => "いいえ".to_owned(),
            _ => return Err(ValueError::InvalidChoice),
        },
        FieldType::MyNumber => MyNumber::parse(input)?.digits().to_owned(),
        // Composite or registry-only: never typed as one value.
        FieldType::BankAccount | FieldType::Members => return Err(ValueError::InvalidChoice),
    })
}

fn bank(key: &str, raw: &[&str]) -> Result<String, Vec<FieldError>> {
    let err = |p: &str, error| {
        vec![FieldError {
            field: part(key, p),
            error,
        }]
    };
    let account_type = match raw[2].trim() {
        "ordinary" => AccountType::Ordinary,
        "current" => AccountType::Current,
        _ => return Err(err("account_type", ValueError::InvalidChoice)),
    };
    let b =
        BankAccount::parse(raw[0], raw[1], account_type, raw[3], raw[4]).map_err(|(f, e)| {
            let p = match f {
                BankField::BankCode => "bank_code",
                BankField::BranchCode => "branch_code",
                BankField::Number => "number",
                BankField::Holder => "holder",
            };
            err(p, e)
        })?;
    Ok(format!(
        "金融機関コード {} 支店コード {} {} {} 名義 {}",
        b.bank_code,
        b.branch_code,
        b.account_type.label_ja(),
        b.number,
        b.holder
    ))
}
