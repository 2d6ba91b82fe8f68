//! The procedure catalog and the dated parameters the rules use. Names, departments and
//! documents are the resident-facing facts of `shared/domain/procedures.md`; amounts are
//! [`Dated`] values so a change in the law is a new row with its start date.

use chrono::NaiveDate;

/// The version of the rule set; returned with every result so it can be reproduced.
pub const RULESET_VERSION: &str = "2026-11-25.1";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Department {
    pub id: &'static str,
    pub name: &'static str,
    /// Where a resident goes (building, floor, counter number).
    pub counter: &'static str,
}

pub const DEPARTMENTS: &[Department] = &[
    Department {
        id: "shimin",
        name: "市民課",
        counter: "本庁舎1階 1番窓口",
    },
    Department {
        id: "kodomo",
        name: "こども支援課",
        counter: "本庁舎2階 12番窓口",
    },
    Department {
        id: "hoken",
        name: "保険年金課",
        counter: "本庁舎1階 5番窓口",
    },
    Department {
        id: "seikatsu_nenkin",
        name: "生活年金課",
        counter: "本庁舎1階 6番窓口",
    },
];

pub fn department(id: &str) -> Option<&'static Department> {
    DEPARTMENTS.iter().find(|d| d.id == id)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Procedure {
    pub id: &'static str,
    pub name: &'static str,
    pub department: &'static str,
    pub documents: &'static [&'static str],
}

pub const PROCEDURES: &[Procedure] = &[
    Procedure {
        id: "birth_registration",
        name: "出生届",
        department: "shimin",
        documents: &["出生証明書 (病院で記入されたもの)", "母子健康手帳"],
    },
    Procedure {
        id: "child_allowance",
        name: "児童手当 認定請求",
        department: "kodomo",
        documents: &["請求者名義の預金通帳", "請求者の健康保険の資格がわかるもの"],
    },
    Procedure {
        id: "child_allowance_revision",
        name: "児童手当 額改定認定請求",
        department: "kodomo",
        documents: &["請求者の健康保険の資格がわかるもの"],
    },
    Procedure {
        id: "child_medical_subsidy",
        name: "子ども医療費助成 (小児特別医療費助成)",
        department: "seikatsu_nenkin",
        documents: &["お子さんの健康保険の資格がわかるもの"],
    },
    Procedure {
        id: "nhi_enrollment",
        name: "国民健康保険 加入",
        department: "hoken",
        documents: &["母子健康手帳"],
    },
    Procedure {
        id: "childbirth_lump_sum",
        name: "出産育児一時金 支給申請",
        department: "hoken",
        documents: &[
            "出産費用の領収・明細書",
            "直接支払制度の合意文書",
            "世帯主名義の預金通帳",
        ],
    },
    Procedure {
        id: "nhi_perinatal_premium_exemption",
        name: "国保 産前産後期間 保険料免除 届出",
        department: "hoken",
        documents: &["母子健康手帳"],
    },
    Procedure {
        id: "child_rearing_allowance",
        name: "児童扶養手当 認定請求",
        department: "kodomo",
        documents: &["戸籍謄本", "請求者名義の預金通帳"],
    },
    Procedure {
        id: "single_parent_medical_subsidy",
        name: "ひとり親家庭医療費助成",
        department: "seikatsu_nenkin",
        documents: &["健康保険の資格がわかるもの"],
    },
];

pub fn procedure(id: &str) -> Option<&'static Procedure> {
    PROCEDURES.iter().find(|p| p.id == id)
}

/// A value that holds from a day on, until the next row's day.
#[derive(Debug, Clone, Copy)]
pub struct Dated<T: 'static> {
    pub from: NaiveDate,
    pub value: T,
}

/// The value in force on `day`, or `None` before the first row.
pub fn in_force<T: Copy>(rows: &[Dated<T>], day: NaiveDate) -> Option<T> {
    rows.iter()
        .filter(|r| r.from <= day)
        .max_by_key(|r| r.from)
        .map(|r| r.value)
}

const fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(date) => date,
        None => panic!("invalid parameter date"),
    }
}

/// Child allowance after the October 2024 reform (こども家庭庁).
#[derive(Debug, Clone, Copy)]
pub struct ChildAllowanceRule {
    /// Children are paid until the first 31 March after reaching this age.
    pub paid_until_age: u32,
    /// Children up to the first 31 March after this age count towards the third child.
    pub counted_until_age: u32,
    pub under_three: i64,
    pub from_three: i64,
    pub third_and_later: i64,
}

pub const CHILD_ALLOWANCE: &[Dated<ChildAllowanceRule>] = &[Dated {
    from: ymd(2024, 10, 1),
    value: ChildAllowanceRule {
        paid_until_age: 18,
        counted_until_age: 22,
        under_three: 15_000,
        from_three: 10_000,
        third_and_later: 30_000,
    },
}];

/// 出産育児一時金 per birth.
pub const CHILDBIRTH_LUMP_SUM: &[Dated<i64>] = &[
    Dated {
        from: ymd(2009, 10, 1),
        value: 420_000,
    },
    Dated {
        from: ymd(2023, 4, 1),
        value: 500_000,
    },
];

/// First birth (or due) date for which the NHI perinatal premium exemption exists.
pub const NHI_PERINATAL_EXEMPTION_FROM: NaiveDate = ymd(2023, 11, 1);

/// 小児特別医療費: covered until the first 31 March after this age.
pub const CHILD_MEDICAL_SUBSIDY_UNTIL_AGE: &[Dated<u32>] = &[Dated {
    from: ymd(2021, 4, 1),
    value: 18,
}];

/// Deadlines in days after the event (0 = the event day itself is the last day).
pub mod deadlines {
    /// 戸籍法49条: 14 days counting the day of birth.
    pub const BIRTH_REGISTRATION_DAYS: u64 = 13;
    /// 15日特例: 15 days from the day after the birth.
    pub const CHILD_ALLOWANCE_DAYS: u64 = 15;
    /// 国保: 14 days from the day after the event.
    pub const NHI_DAYS: u64 = 14;
    /// 出産育児一時金: the claim lapses two years from the day after the birth.
    pub const LUMP_SUM_YEARS: u32 = 2;
}
