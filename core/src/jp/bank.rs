//! A bank account for benefit payments (振込先口座): asked once, used by every form
//! that pays money to the household.

use super::{KanaName, ValueError};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountType {
    Ordinary,
    Current,
}

impl AccountType {
    pub fn label_ja(self) -> &'static str {
        match self {
            Self::Ordinary => "普通",
            Self::Current => "当座",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankAccount {
    pub bank_code: String,
    pub branch_code: String,
    pub account_type: AccountType,
    pub number: String,
    pub holder: KanaName,
}

/// Which part of a bank account was wrong, so the error sits next to that input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BankField {
    BankCode,
    BranchCode,
    Number,
    Holder,
}

impl BankAccount {
    pub fn parse(
        bank_code: &str,
        branch_code: &str,
        account_type: AccountType,
        number: &str,
        holder: &str,
    ) -> Result<Self, (BankField, ValueError)> {
        let digits = |s: &str, len: usize, err: ValueError| -> Result<String, ValueError> {
            let s = s.trim();
            if s.is_empty() {
                return Err(ValueError::Required);
            }
            if s.len() != len || !s.chars().all(|c| c.is_ascii_digit()) {
                return Err(err);
            }
            Ok(s.to_owned())
        };
        let bank_code = digits(bank_code, 4, ValueError::InvalidBankCode)
            .map_err(|e| (BankField::BankCode, e))?;
        let branch_code = digits(branch_code, 3, ValueError::InvalidBranchCode)
            .map_err(|e| (BankField::BranchCode, e))?;
        let number = number.trim();
        if number.is_empty() {
            return Err((BankField::Number, ValueError::Required));
        }
        if number.len() > 7 || !number.chars().all(|c| c.is_ascii_digit()) {
            return Err((BankField::Number, ValueError::InvalidAccountNumber));
        }
        let number = format!("{number:0>7}");
        let holder = KanaName::parse(holder).map_err(|e| (BankField::Holder, e))?;
        Ok(Self {
            bank_code,
            branch_code,
            account_type,
            number,
            holder,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pads_account_numbers_to_seven_digits() {
        let a = BankAccount::parse(
            "0001",
            "123",
            AccountType::Ordinary,
            "1234",
            "ヤマダ タロウ",
        )
        .unwrap();
        assert_eq!(a.number, "0001234");
    }

    #[test]
    fn rejects_a_three_digit_bank_code() {
        let e = BankAccount::parse("001", "123", AccountType::Ordinary, "1234567", "ヤマダ")
            .unwrap_err();
        assert_eq!(e, (BankField::BankCode, ValueError::InvalidBankCode));
    }

    #[test]
    fn rejects_a_holder_in_kanji() {
        let e = BankAccount::parse("0001", "123", AccountType::Ordinary, "1234567", "山田")
            .unwrap_err();
        assert_eq!(e, (BankField::Holder, ValueError::NotKana));
    }

    #[test]
    fn rejects_an_eight_digit_account_number() {
        let e = BankAccount::parse("0001", "123", AccountType::Ordinary, "12345678", "ヤマダ")
            .unwrap_err();
        assert_eq!(e, (BankField::Number, ValueError::InvalidAccountNumber));
    }
}
