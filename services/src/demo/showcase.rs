//! The fixed showcase households every demo city starts with (see README, "Demo
//! households"), so demos and tests can find them by name.

use super::shapes::{Cover, Person};
use chrono::{Datelike, NaiveDate};

pub const COUNT: usize = 6;

fn date(s: &str) -> NaiveDate {
    s.parse().expect("showcase dates are valid")
}

/// A town (its name and postal code) and a block (丁目, 番, 号).
pub type Address = ((&'static str, &'static str), (i64, i64, i64));

/// The town and block of showcase household `index`: fixed, so the demo identity
/// provider's residents match the registry (README, "Demo identities").
pub fn address(index: usize) -> Option<Address> {
    let towns = super::names::TOWNS;
    let (town, block) = match index {
        0 => (0, (1, 2, 3)),
        1 => (1, (2, 4, 6)),
        2 => (2, (3, 1, 8)),
        3 => (3, (1, 10, 2)),
        4 => (4, (2, 7, 5)),
        5 => (5, (4, 3, 9)),
        _ => return None,
    };
    Some((towns[town], block))
}

/// Showcase household number `index` (0-based, below [`COUNT`]).
pub fn showcase(index: usize, today: NaiveDate) -> (Vec<Person>, Cover) {
    let p = |rel, family, given, female, birth: &str| Person {
        rel,
        family,
        given,
        female,
        birth: date(birth),
        income: None,
        public_servant: None,
        allowance: false,
        care: false,
        property: false,
    };
    match index {
        // 山田 太郎: NHI household expecting a baby — the seed's headline case.
        0 => {
            let mut head = p(
                "head",
                ("山田", "ヤマダ"),
                ("太郎", "タロウ"),
                false,
                "1990-05-01",
            );
            head.income = Some(2_800_000);
            head.public_servant = Some(false);
            let mut spouse = p(
                "spouse",
                ("山田", "ヤマダ"),
                ("花子", "ハナコ"),
                true,
                "1992-07-10",
            );
            spouse.income = Some(0);
            (vec![head, spouse], Cover::Nhi)
        }
        // 星野 健一: employee-insured, already receives child allowance for one child.
        1 => {
            let mut head = p(
                "head",
                ("星野", "ホシノ"),
                ("健一", "ケンイチ"),
                false,
                "1986-02-14",
            );
            head.income = Some(4_500_000);
            head.public_servant = Some(false);
            head.allowance = true;
            let mut spouse = p(
                "spouse",
                ("星野", "ホシノ"),
                ("美咲", "ミサキ"),
                true,
                "1988-09-03",
            );
            spouse.income = Some(1_000_000);
            let child = p(
                "child",
                ("星野", "ホシノ"),
                ("蓮", "レン"),
                false,
                "2021-06-10",
            );
            (vec![head, spouse, child], Cover::Employee)
        }
        // 桜井 彩: a single mother on NHI with a toddler.
        2 => {
            let mut head = p(
                "head",
                ("桜井", "サクライ"),
                ("彩", "アヤ"),
                true,
                "1996-03-22",
            );
            head.income = Some(1_200_000);
            head.public_servant = Some(false);
            head.allowance = true;
            let child = p(
                "child",
                ("桜井", "サクライ"),
                ("凛", "リン"),
                true,
                "2023-01-15",
            );
            (vec![head, child], Cover::Nhi)
        }
        // 宮本 誠: a public servant; child allowance is claimed at his employer.
        3 => {
            let mut head = p(
                "head",
                ("宮本", "ミヤモト"),
                ("誠", "マコト"),
                false,
                "1984-11-30",
            );
            head.income = Some(5_200_000);
            head.public_servant = Some(true);
            let mut spouse = p(
                "spouse",
                ("宮本", "ミヤモト"),
                ("裕子", "ユウコ"),
                true,
                "1987-04-02",
            );
            spouse.income = Some(0);
            (vec![head, spouse], Cover::Employee)
        }
        // 小川 翔太: NHI couple; the city does not know whether he is a public servant,
        // so the counter asks.
        5 => {
            let mut head = p(
                "head",
                ("小川", "オガワ"),
                ("翔太", "ショウタ"),
                false,
                "1993-08-08",
            );
            head.income = Some(3_200_000);
            let mut spouse = p(
                "spouse",
                ("小川", "オガワ"),
                ("舞", "マイ"),
                true,
                "1994-02-02",
            );
            spouse.income = Some(0);
            (vec![head, spouse], Cover::Nhi)
        }
        // 大野 清: aged 75 from today's year's birthday, living alone, owns property.
        _ => {
            let mut head = p(
                "head",
                ("大野", "オオノ"),
                ("清", "キヨシ"),
                false,
                "1951-04-02",
            );
            head.birth = NaiveDate::from_ymd_opt(today.year() - 75, 4, 2).unwrap_or(head.birth);
            head.income = Some(1_800_000);
            head.property = true;
            head.care = true;
            (vec![head], Cover::Nhi)
        }
    }
}
