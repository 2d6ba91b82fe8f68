//! Japanese value types, parsed once at the edge. Each `parse` returns a
//! [`ValueError`] whose `code` is stable and whose `message_ja` is what the tablet shows
//! next to the field — the same words in the browser and on the server.

mod address;
mod amount;
mod bank;
mod clock;
mod digits;
mod free_text;
pub mod identity;
mod kana;
mod my_number;
mod name;
mod phone;
mod postal;
mod wareki;

pub use address::Address;
pub use amount::{group_thousands, parse_amount};
pub use bank::{AccountType, BankAccount, BankField};
pub use clock::ClockTime;
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
    /// A date before today where only today or later makes sense (an effective date).
    #[error("past_date")]
    PastDate,
    #[error("invalid_choice")]
    InvalidChoice,
    #[error("date_out_of_range")]
    DateOutOfRange,
    #[error("invalid_postal_code")]
    InvalidPostalCode,
    #[error("invalid_my_number")]
    InvalidMyNumber,
    #[error("invalid_time")]
    InvalidTime,
    #[error("invalid_number")]
    InvalidNumber,
    #[error("out_of_range")]
    OutOfRange,
    /// A login name with characters other than letters, digits, `.`, `_` and `-`.
    #[error("invalid_username")]
    InvalidUsername,
    /// Already used by another record (a login name, a department id).
    #[error("taken")]
    Taken,
    /// A pre-entry's short code that cannot be one (8 letters and digits).
    #[error("invalid_short_code")]
    InvalidShortCode,
    /// An attached file that is empty.
    #[error("file_empty")]
    FileEmpty,
    /// An attached file over the size limit.
    #[error("file_too_large")]
    FileTooLarge,
    /// An attached file that is not a whole PDF, JPEG or PNG, is not what it claims to
    /// be, or is a PDF with active content (`attachment::Refusal` says which).
    #[error("file_type")]
    FileType,
    /// Not an e-mail address (`name@example.jp`).
    #[error("invalid_email")]
    InvalidEmail,
    /// A confirmation code that is not the one sent.
    #[error("code_mismatch")]
    CodeMismatch,
    /// A confirmation code past its time, or tried too often: a new one must be sent.
    #[error("code_expired")]
    CodeExpired,
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
            Self::PastDate => "past_date",
            Self::InvalidChoice => "invalid_choice",
            Self::DateOutOfRange => "date_out_of_range",
            Self::InvalidPostalCode => "invalid_postal_code",
            Self::InvalidMyNumber => "invalid_my_number",
            Self::InvalidTime => "invalid_time",
            Self::InvalidNumber => "invalid_number",
            Self::OutOfRange => "out_of_range",
            Self::InvalidUsername => "invalid_username",
            Self::Taken => "taken",
            Self::InvalidShortCode => "invalid_short_code",
            Self::FileEmpty => "file_empty",
            Self::FileTooLarge => "file_too_large",
            Self::FileType => "file_type",
            Self::InvalidEmail => "invalid_email",
            Self::CodeMismatch => "code_mismatch",
            Self::CodeExpired => "code_expired",
        }
    }

    /// Every error, for checks that each has its message in every language. A new
    /// variant fails to compile in `listed` below until it is added here too.
    pub const ALL: [ValueError; 28] = [
        Self::Required,
        Self::TooLong,
        Self::NotKana,
        Self::Gaiji,
        Self::InvalidCharacter,
        Self::InvalidPhone,
        Self::InvalidBankCode,
        Self::InvalidBranchCode,
        Self::InvalidAccountNumber,
        Self::InvalidDate,
        Self::FutureDate,
        Self::PastDate,
        Self::InvalidChoice,
        Self::DateOutOfRange,
        Self::InvalidPostalCode,
        Self::InvalidMyNumber,
        Self::InvalidTime,
        Self::InvalidNumber,
        Self::OutOfRange,
        Self::InvalidUsername,
        Self::Taken,
        Self::InvalidShortCode,
        Self::FileEmpty,
        Self::FileTooLarge,
        Self::FileType,
        Self::InvalidEmail,
        Self::CodeMismatch,
        Self::CodeExpired,
    ];

    #[allow(dead_code)]
    const fn listed(self) {
        match self {
            Self::Required
            | Self::TooLong
            | Self::NotKana
            | Self::Gaiji
            | Self::InvalidCharacter
            | Self::InvalidPhone
            | Self::InvalidBankCode
            | Self::InvalidBranchCode
            | Self::InvalidAccountNumber
            | Self::InvalidDate
            | Self::FutureDate
            | Self::PastDate
            | Self::InvalidChoice
            | Self::DateOutOfRange
            | Self::InvalidPostalCode
            | Self::InvalidMyNumber
            | Self::InvalidTime
            | Self::InvalidNumber
            | Self::OutOfRange
            | Self::InvalidUsername
            | Self::Taken
            | Self::InvalidShortCode
            | Self::FileEmpty
            | Self::FileTooLarge
            | Self::FileType
            | Self::InvalidEmail
            | Self::CodeMismatch
            | Self::CodeExpired => {}
        }
    }

    /// What the resident reads next to the field, in the counter's language.
    pub fn message(self, lang: crate::lang::Lang) -> &'static str {
        match lang.code() {
            "en" => self.message_en(),
            _ if lang.is_japanese() && lang != crate::lang::Lang::JA => self.message_easy(),
            _ => self.message_ja(),
        }
    }

    /// In plain Japanese (やさしい日本語): short words, kana over kanji.
    pub fn message_easy(self) -> &'static str {
        match self {
            Self::Required => "かいて ください",
            Self::TooLong => "ながすぎます。みじかく して ください",
            Self::NotKana => "カタカナ で かいて ください",
            Self::Gaiji => "つかえない じ が あります。しょくいん に いって ください",
            Self::InvalidCharacter => "つかえない じ が あります",
            Self::InvalidPhone => "でんわばんごう を すうじ 10けた か 11けた で かいて ください",
            Self::InvalidBankCode => "きんゆうきかん コード は すうじ 4けた です",
            Self::InvalidBranchCode => "してん コード は すうじ 3けた です",
            Self::InvalidAccountNumber => "こうざばんごう は すうじ 7けた まで です",
            Self::InvalidDate => "ひづけ を ただしく かいて ください",
            Self::FutureDate => "きょう より あと の ひ は かけません",
            Self::PastDate => "きょう より まえ の ひ は かけません",
            Self::InvalidChoice => "ひとつ えらんで ください",
            Self::DateOutOfRange => "1ねん まえ から 3かげつ さき まで の ひ を かいて ください",
            Self::InvalidPostalCode => "ゆうびんばんごう は すうじ 7けた です",
            Self::InvalidMyNumber => {
                "マイナンバー は 12けた の すうじ です。もういちど みて ください"
            }
            Self::InvalidTime => "じかん は 14:35 の ように かいて ください",
            Self::InvalidNumber => "すうじ で かいて ください",
            Self::OutOfRange => "かける かず を こえて います",
            Self::InvalidUsername => "えいご の もじ と すうじ で かいて ください",
            Self::Taken => "もう つかわれて います",
            Self::InvalidShortCode => "コード は K7M3-Q9PX の ような 8 もじ です",
            Self::FileEmpty => "ファイル の なかみ が ありません",
            Self::FileTooLarge => "ファイル が おおきすぎます。10MB まで です",
            Self::FileType => "しゃしん (JPEG・PNG) か PDF の ファイル を えらんで ください",
            Self::InvalidEmail => "メールアドレス は name@example.jp の ように かいて ください",
            Self::CodeMismatch => "コード が ちがいます。メール の コード を いれて ください",
            Self::CodeExpired => "コード の じかん が おわりました。もう いちど おくって ください",
        }
    }

    pub fn message_en(self) -> &'static str {
        match self {
            Self::Required => "Please fill this in",
            Self::TooLong => "Too long; please shorten it",
            Self::NotKana => "Please write it in katakana",
            Self::Gaiji => "A character cannot be entered here; please tell the staff",
            Self::InvalidCharacter => "Contains a character that cannot be used",
            Self::InvalidPhone => "Enter a phone number of 10 or 11 digits",
            Self::InvalidBankCode => "The bank code has 4 digits",
            Self::InvalidBranchCode => "The branch code has 3 digits",
            Self::InvalidAccountNumber => "The account number has up to 7 digits",
            Self::InvalidDate => "Please enter a valid date",
            Self::FutureDate => "The date cannot be after today",
            Self::PastDate => "The date cannot be before today",
            Self::InvalidChoice => "Please choose one",
            Self::DateOutOfRange => "Enter a date from a year ago to three months ahead",
            Self::InvalidPostalCode => "The postal code has 7 digits",
            Self::InvalidMyNumber => "My Number has 12 digits; please check it",
            Self::InvalidTime => "Enter the time like 14:35",
            Self::InvalidNumber => "Please enter a number",
            Self::OutOfRange => "The number is outside what can be entered",
            Self::InvalidUsername => "Use letters, digits, '.', '_' and '-' only",
            Self::Taken => "Already in use",
            Self::InvalidShortCode => "Enter the 8-character code, like K7M3-Q9PX",
            Self::FileEmpty => "The file is empty",
            Self::FileTooLarge => "The file is too large; up to 10 MB",
            Self::FileType => "Choose a photo (JPEG or PNG) or a PDF file",
            Self::InvalidEmail => "Enter an e-mail address, like name@example.jp",
            Self::CodeMismatch => "That is not the code we sent. Enter the code in the e-mail",
            Self::CodeExpired => "The code has expired. Please send a new one",
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
            Self::PastDate => "今日より前の日付は入力できません",
            Self::InvalidChoice => "選択してください",
            Self::DateOutOfRange => "1年前から3か月先までの日付を入力してください",
            Self::InvalidPostalCode => "郵便番号は数字7けたで入力してください",
            Self::InvalidMyNumber => "マイナンバーは12けたの数字です。番号を確かめてください",
            Self::InvalidTime => "時刻は 14:35 のように入力してください",
            Self::InvalidNumber => "数字で入力してください",
            Self::OutOfRange => "入力できる範囲をこえています",
            Self::InvalidUsername => "半角の英字・数字と . _ - で入力してください",
            Self::Taken => "すでに使われています",
            Self::InvalidShortCode => "コードは K7M3-Q9PX のような英数字8文字です",
            Self::FileEmpty => "ファイルが空です",
            Self::FileTooLarge => "ファイルが大きすぎます。10MBまでです",
            Self::FileType => "写真 (JPEG・PNG) かPDFのファイルを選んでください",
            Self::InvalidEmail => "メールアドレスは name@example.jp のように入力してください",
            Self::CodeMismatch => "コードが違います。メールに書かれたコードを入力してください",
            Self::CodeExpired => "コードの有効期限が切れました。もう一度送ってください",
        }
    }
}

/// A normalised value that must not be empty nor longer than `max` characters.
pub(crate) fn within(value: String, max: usize) -> Result<String, ValueError> {
    if value.is_empty() {
        Err(ValueError::Required)
    } else if value.chars().count() > max {
        Err(ValueError::TooLong)
    } else {
        Ok(value)
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
