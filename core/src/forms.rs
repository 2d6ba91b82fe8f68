//! The merged interview: which values each procedure's form needs, where a value comes
//! from, and the checks on what the resident is asked. A value several forms need is a
//! single field here, so it is asked (or confirmed) once and flows into every form.

use crate::jp::{AccountType, BankAccount, BankField, FreeText, PhoneNumber, ValueError};
use serde::{Deserialize, Serialize};

/// Where a field's value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The resident registry (住民記録): shown for confirmation, never retyped.
    Registry,
    /// Entered earlier in this visit (e.g. the baby's name).
    Visit,
    /// Asked in the interview.
    Asked,
}

impl Source {
    pub fn label_ja(self) -> &'static str {
        match self {
            Self::Registry => "住民記録から",
            Self::Visit => "入力済み",
            Self::Asked => "今回の入力",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub key: &'static str,
    pub label: &'static str,
    pub source: Source,
    /// The procedures whose forms print this value.
    pub used_by: &'static [&'static str],
}

const ALL_BIRTH: &[&str] = &[
    "birth_registration",
    "child_allowance",
    "child_allowance_revision",
    "child_medical_subsidy",
    "nhi_enrollment",
    "childbirth_lump_sum",
    "nhi_perinatal_premium_exemption",
    "child_rearing_allowance",
    "single_parent_medical_subsidy",
];
const PAYS_MONEY: &[&str] = &[
    "child_allowance",
    "childbirth_lump_sum",
    "child_rearing_allowance",
];

/// Every field of the birth forms, in interview order.
pub const FIELDS: &[Field] = &[
    Field {
        key: "applicant.name",
        label: "申請者の氏名",
        source: Source::Registry,
        used_by: ALL_BIRTH,
    },
    Field {
        key: "applicant.kana",
        label: "申請者のフリガナ",
        source: Source::Registry,
        used_by: ALL_BIRTH,
    },
    Field {
        key: "applicant.birth_date",
        label: "申請者の生年月日",
        source: Source::Registry,
        used_by: ALL_BIRTH,
    },
    Field {
        key: "household.address",
        label: "住所",
        source: Source::Registry,
        used_by: ALL_BIRTH,
    },
    Field {
        key: "household.head",
        label: "世帯主",
        source: Source::Registry,
        used_by: &[
            "birth_registration",
            "nhi_enrollment",
            "childbirth_lump_sum",
        ],
    },
    Field {
        key: "mother.name",
        label: "母の氏名",
        source: Source::Registry,
        used_by: &[
            "birth_registration",
            "childbirth_lump_sum",
            "nhi_perinatal_premium_exemption",
        ],
    },
    Field {
        key: "baby.name",
        label: "お子さんの氏名",
        source: Source::Visit,
        used_by: ALL_BIRTH,
    },
    Field {
        key: "baby.kana",
        label: "お子さんのフリガナ",
        source: Source::Visit,
        used_by: ALL_BIRTH,
    },
    Field {
        key: "baby.birth_date",
        label: "お子さんの生年月日",
        source: Source::Visit,
        used_by: ALL_BIRTH,
    },
    Field {
        key: "baby.sex",
        label: "お子さんの性別",
        source: Source::Visit,
        used_by: &["birth_registration", "child_allowance", "nhi_enrollment"],
    },
    Field {
        key: "applicant.phone",
        label: "日中に連絡がとれる電話番号",
        source: Source::Asked,
        used_by: ALL_BIRTH,
    },
    Field {
        key: "birth.place",
        label: "生まれた場所 (病院などの名前)",
        source: Source::Asked,
        used_by: &["birth_registration", "childbirth_lump_sum"],
    },
    Field {
        key: "bank.account",
        label: "振込先の口座",
        source: Source::Asked,
        used_by: PAYS_MONEY,
    },
];

/// The fields the chosen procedures need, each once, in interview order.
pub fn interview(procedures: &[&str]) -> Vec<&'static Field> {
    FIELDS
        .iter()
        .filter(|f| f.used_by.iter().any(|p| procedures.contains(p)))
        .collect()
}

/// How many values paper forms would have needed for these procedures: every field on
/// every form, which the resident would have written by hand.
pub fn values_on_paper(procedures: &[&str]) -> usize {
    FIELDS
        .iter()
        .map(|f| f.used_by.iter().filter(|p| procedures.contains(p)).count())
        .sum()
}

/// What the resident types in the interview, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterviewInput {
    pub phone: String,
    pub birth_place: String,
    pub bank_code: String,
    pub branch_code: String,
    pub account_type: String,
    pub account_number: String,
    pub account_holder: String,
}

/// The interview answers, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterviewAnswers {
    pub phone: PhoneNumber,
    pub birth_place: Option<FreeText>,
    pub bank: Option<BankAccount>,
}

/// A field's error, keyed by the input it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub error: ValueError,
}

impl InterviewInput {
    /// Checks the input against the fields the procedures need; every error at once.
    pub fn check(&self, procedures: &[&str]) -> Result<InterviewAnswers, Vec<FieldError>> {
        let needs = |key: &str| interview(procedures).iter().any(|f| f.key == key);
        let mut errors = Vec::new();
        let mut err = |field: &str, error: ValueError| {
            errors.push(FieldError {
                field: field.into(),
                error,
            })
        };
        let phone = PhoneNumber::parse(&self.phone)
            .map_err(|e| err("phone", e))
            .ok();
        let birth_place = if needs("birth.place") {
            FreeText::parse(&self.birth_place, 60)
                .map_err(|e| err("birth_place", e))
                .ok()
        } else {
            None
        };
        let bank = if needs("bank.account") {
            let account_type = match self.account_type.as_str() {
                "ordinary" => Some(AccountType::Ordinary),
                "current" => Some(AccountType::Current),
                _ => {
                    err("account_type", ValueError::InvalidChoice);
                    None
                }
            };
            account_type.and_then(|t| {
                BankAccount::parse(
                    &self.bank_code,
                    &self.branch_code,
                    t,
                    &self.account_number,
                    &self.account_holder,
                )
                .map_err(|(f, e)| {
                    let field = match f {
                        BankField::BankCode => "bank_code",
                        BankField::BranchCode => "branch_code",
                        BankField::Number => "account_number",
                        BankField::Holder => "account_holder",
                    };
                    err(field, e)
                })
                .ok()
            })
        } else {
            None
        };
        match (errors.is_empty(), phone) {
            (true, Some(phone)) => Ok(InterviewAnswers {
                phone,
                birth_place,
                bank,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NHI_BIRTH: &[&str] = &[
        "birth_registration",
        "child_allowance",
        "child_medical_subsidy",
        "nhi_enrollment",
        "childbirth_lump_sum",
    ];

    fn good() -> InterviewInput {
        InterviewInput {
            phone: "0859-22-1111".into(),
            birth_place: "星ヶ丘市立病院".into(),
            bank_code: "0001".into(),
            branch_code: "123".into(),
            account_type: "ordinary".into(),
            account_number: "1234567".into(),
            account_holder: "ヤマダ タロウ".into(),
        }
    }

    #[test]
    fn shared_values_appear_once_in_the_interview() {
        let fields = interview(NHI_BIRTH);
        let bank = fields.iter().filter(|f| f.key == "bank.account").count();
        assert_eq!(bank, 1);
        assert!(values_on_paper(NHI_BIRTH) > fields.len());
    }

    #[test]
    fn no_bank_account_is_asked_when_no_procedure_pays_money() {
        assert!(!interview(&["birth_registration", "child_medical_subsidy"])
            .iter()
            .any(|f| f.key == "bank.account"));
        let mut input = good();
        input.bank_code.clear();
        assert!(input.check(&["birth_registration"]).unwrap().bank.is_none());
    }

    #[test]
    fn reports_every_error_at_once() {
        let mut input = good();
        input.phone = "12".into();
        input.account_holder = "山田".into();
        let errors = input.check(NHI_BIRTH).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["phone", "account_holder"]);
    }

    #[test]
    fn accepts_good_input() {
        let a = good().check(NHI_BIRTH).unwrap();
        assert_eq!(a.bank.unwrap().holder.as_str(), "ヤマダ\u{3000}タロウ");
    }
}
