//! Japanese value types, parsed once at the edge. Each `parse` returns a
//! [`ValueError`] whose `code` is stable and whose `message_ja` is what the tablet shows
//! next to the field — the same words in the browser and on the server.

mod bank;
mod digits;
mod free_text;
mod kana;
mod my_number;
mod name;
mod phone;
mod postal;
mod wareki;

pub use bank::{AccountType, BankAccount, BankField};
pub use free_text::FreeText;
pub use kana::KanaName;
pub use my_number::MyNumber;
pub use name::PersonName;
pub use phone::PhoneNumber;
pub use postal::PostalCode;
pub use wareki::{era_of, format_wareki, parse_date, Era, ERAS};

use serde::{Deserialize, Serialize};

/// Why a value was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum ValueError {
    #[error("required")]
    Required,
    #[error("too_long")]
    TooLong,
    #[error("not_kana")]
    NotKana,
    #[error("gaiji")]
    Gaiji,
    #[error("invalid_character")]
    InvalidCharacter,
    #[error("invalid_phone")]
    InvalidPhone,
    #[error("invalid_bank_code")]
    InvalidBankCode,
    #[error("invalid_branch_code")]
    InvalidBranchCode,
    #[error("invalid_account_number")]
    InvalidAccountNumber,
    #[error("invalid_date")]
    InvalidDate,
    #[error("future_date")]
    FutureDate,
    #[error("invalid_choice")]
    InvalidChoice,
    #[error("date_out_of_range")]
    DateOutOfRange,
    #[error("invalid_postal_code")]
    InvalidPostalCode,
    #[error("invalid_my_number")]
    InvalidMyNumber,
}

impl ValueError {
    /// The stable code carried through the API.
    pub fn code(self) -> &'static str {
        match self {
            Self::Required => "required",
            Self::TooLong => "too_long",
            Self::NotKana => "not_kana",
            Self::Gaiji => "gaiji",
            Self::InvalidCharacter => "invalid_character",
            Self::InvalidPhone => "invalid_phone",
            Self::InvalidBankCode => "invalid_bank_code",
            Self::InvalidBranchCode => "invalid_branch_code",
            Self::InvalidAccountNumber => "invalid_account_number",
            Self::InvalidDate => "invalid_date",
            Self::FutureDate => "future_date",
            Self::InvalidChoice => "invalid_choice",
            Self::DateOutOfRange => "date_out_of_range",
            Self::InvalidPostalCode => "invalid_postal_code",
            Self::InvalidMyNumber => "invalid_my_number",
        }
    }

    /// What the resident reads next to the field: short, plain Japanese.
    pub fn message_ja(self) -> &'static str {
        match self {
            Self::Required => "入力してください",
            Self::TooLong => "長すぎます。短くしてください",
            Self::NotKana => "カタカナで入力してください",
            Self::Gaiji => "入力できない文字があります。職員にお知らせください",
            Self::InvalidCharacter => "使えない文字が入っています",
            Self::InvalidPhone => "電話番号は数字10けたか11けたで入力してください",
            Self::InvalidBankCode => "金融機関コードは数字4けたです",
            Self::InvalidBranchCode => "支店コードは数字3けたです",
            Self::InvalidAccountNumber => "口座番号は数字7けたまでです",
            Self::InvalidDate => "日付を正しく入力してください",
            Self::FutureDate => "今日より後の日付は入力できません",
            Self::InvalidChoice => "選択してください",
            Self::DateOutOfRange => "1年前から3か月先までの日付を入力してください",
            Self::InvalidPostalCode => "郵便番号は数字7けたで入力してください",
            Self::InvalidMyNumber => "マイナンバーは12けたの数字です。番号を確かめてください",
        }
    }
}

/// A date typed as `YYYY-MM-DD` (what `<input type=date>` sends).
fn parse_iso_date(input: &str) -> Result<chrono::NaiveDate, ValueError> {
    let input = input.trim();
    if input.is_empty() {
        return Err(ValueError::Required);
    }
    chrono::NaiveDate::parse_from_str(input, "%Y-%m-%d").map_err(|_| ValueError::InvalidDate)
}

/// Parses a date typed as `YYYY-MM-DD` that must not lie after `today`.
pub fn parse_past_date(
    input: &str,
    today: chrono::NaiveDate,
) -> Result<chrono::NaiveDate, ValueError> {
    let date = parse_iso_date(input)?;
    if date > today {
        return Err(ValueError::FutureDate);
    }
    Ok(date)
}

/// Parses the date of a life event typed at the counter: within the last year (later
/// events are past their deadlines and handled by staff) or the next three months (a
/// planned move).
pub fn parse_event_date(
    input: &str,
    today: chrono::NaiveDate,
) -> Result<chrono::NaiveDate, ValueError> {
    let date = parse_iso_date(input)?;
    let earliest = today - chrono::Days::new(366);
    let latest = today + chrono::Days::new(92);
    if date < earliest || date > latest {
        return Err(ValueError::DateOutOfRange);
    }
    Ok(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_dates_are_refused_outside_a_year_back_and_three_months_ahead() {
        let today: chrono::NaiveDate = "2026-11-25".parse().unwrap();
        assert!(parse_event_date("2025-11-24", today).is_ok());
        assert_eq!(
            parse_event_date("2025-11-23", today),
            Err(ValueError::DateOutOfRange)
        );
        assert!(parse_event_date("2027-02-25", today).is_ok());
        assert_eq!(
            parse_event_date("2027-02-26", today),
            Err(ValueError::DateOutOfRange)
        );
        assert_eq!(
            parse_event_date("2026-02-30", today),
            Err(ValueError::InvalidDate)
        );
        assert_eq!(parse_event_date(" ", today), Err(ValueError::Required));
    }

    #[test]
    fn rejects_a_birth_date_in_the_future() {
        let today = "2026-11-25".parse().unwrap();
        assert_eq!(
            parse_past_date("2026-11-26", today),
            Err(ValueError::FutureDate)
        );
        assert!(parse_past_date("2026-11-25", today).is_ok());
    }

    #[test]
    fn rejects_impossible_and_empty_dates() {
        let today = "2026-11-25".parse().unwrap();
        assert_eq!(
            parse_past_date("2026-02-30", today),
            Err(ValueError::InvalidDate)
        );
        assert_eq!(parse_past_date("  ", today), Err(ValueError::Required));
    }
}
