//! Household shapes of the demo city. The first households are fixed showcase cases
//! (documented in the README) so tests and demos can find them; the rest are drawn from
//! a seeded generator with weights close to a small Japanese city.

use super::names::{CITY, FAMILY, FEMALE, MALE, TOWNS};
use super::showcase::showcase;
use super::Batch;
use crate::entities::*;
use chrono::{Datelike, Days, NaiveDate};
use madoguchi_core::age;
use sea_orm::Set;

/// SplitMix64: small, fast and the same on every platform.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    pub fn percent(&mut self, p: u64) -> bool {
        self.below(100) < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Cover {
    Nhi,
    Employee,
}

/// One person before ids are given.
pub(super) struct Person {
    pub(super) rel: &'static str,
    pub(super) family: (&'static str, &'static str),
    pub(super) given: (&'static str, &'static str),
    pub(super) female: bool,
    pub(super) birth: NaiveDate,
    pub(super) income: Option<i64>,
    pub(super) public_servant: Option<bool>,
    pub(super) allowance: bool,
    pub(super) care: bool,
    pub(super) property: bool,
}

pub struct City {
    rng: Rng,
    today: NaiveDate,
    next_resident: i32,
    next_fact: i32,
}

/// How many fixed showcase households start every demo city.
const SHOWCASE: usize = super::showcase::COUNT;

impl City {
    pub fn new(seed: u64, today: NaiveDate) -> Self {
        Self {
            rng: Rng::new(seed),
            today,
            next_resident: 1,
            next_fact: 1,
        }
    }

    fn born(&mut self, years: i64) -> NaiveDate {
        let days = years * 365 + years / 4 + self.rng.range(0, 364);
        self.today - Days::new(days as u64)
    }

    fn person(
        &mut self,
        rel: &'static str,
        family: (&'static str, &'static str),
        female: bool,
        years: (i64, i64),
    ) -> Person {
        let years = self.rng.range(years.0, years.1);
        let given = *self.rng.pick(if female { FEMALE } else { MALE });
        let birth = self.born(years);
        Person {
            rel,
            family,
            given,
            female,
            birth,
            income: None,
            public_servant: None,
            allowance: false,
            care: false,
            property: false,
        }
    }

    /// Adds household number `index` to the batch.
    pub fn household(&mut self, index: u32, batch: &mut Batch) {
        let id = index as i32 + 1;
        let (people, cover) = if (index as usize) < SHOWCASE {
            showcase(index as usize, self.today)
        } else {
            self.random_household()
        };
        let mut town = *self.rng.pick(TOWNS);
        let mut block = (
            self.rng.range(1, 5),
            self.rng.range(1, 30),
            self.rng.range(1, 20),
        );
        // The showcase households live at fixed addresses (the demo identity provider
        // vouches for them), drawn after the random ones so the rest stay as they were.
        if let Some((t, b)) = super::showcase::address(index as usize) {
            town = t;
            block = b;
        }
        let address = format!("{CITY}{}{}丁目{}番{}号", town.0, block.0, block.1, block.2);
        batch.households.push(household::ActiveModel {
            id: Set(id),
            household_number: Set(format!("{:08}", 20_000_000 + id)),
            postal_code: Set(town.1.into()),
            address: Set(address),
        });
        let moved_in = people
            .iter()
            .map(|p| p.birth)
            .min()
            .unwrap_or(self.today)
            .max(self.today - Days::new(365 * 12));
        for p in people {
            self.add_person(id, p, cover, moved_in, batch);
        }
    }

    fn add_person(
        &mut self,
        household_id: i32,
        p: Person,
        cover: Cover,
        moved_in: NaiveDate,
        batch: &mut Batch,
    ) {
        let id = self.next_resident;
        self.next_resident += 1;
        let since = p.birth.max(moved_in);
        batch.residents.push(resident::ActiveModel {
            id: Set(id),
            person_number: Set(format!("{:010}", 1_000_000_000 + id as i64)),
            household_id: Set(household_id),
            relationship: Set(p.rel.into()),
            family_name: Set(p.family.0.into()),
            given_name: Set(p.given.0.into()),
            family_name_kana: Set(p.family.1.into()),
            given_name_kana: Set(p.given.1.into()),
            kana_key: Set(format!("{}{}", p.family.1, p.given.1)),
            birth_date: Set(p.birth),
            sex: Set(if p.female { "female" } else { "male" }.into()),
            moved_in_on: Set(since),
            status: Set("active".into()),
        });
        let fiscal = age::fiscal_year(self.today);
        if let Some(income) = p.income {
            for (year, factor) in [(fiscal - 1, 95), (fiscal, 100)] {
                batch.taxes.push(tax_income::ActiveModel {
                    id: Set(self.fact()),
                    resident_id: Set(id),
                    fiscal_year: Set(year),
                    income: Set(income * factor / 100),
                    non_taxable: Set(income < 450_000),
                });
            }
        }
        let late_from = age::reaches_age_on(p.birth, 75) + Days::new(1);
        if late_from <= self.today {
            batch
                .insurance
                .push(membership(self.fact(), id, "late_elderly", late_from));
        } else if cover == Cover::Nhi {
            batch
                .insurance
                .push(membership(self.fact(), id, "nhi", since));
        }
        if p.allowance {
            batch
                .allowances
                .push(child_allowance_recipient::ActiveModel {
                    id: Set(self.fact()),
                    resident_id: Set(id),
                    since: Set(since.max(self.today - Days::new(365 * 3))),
                    children_counted: Set(1),
                    public_servant: Set(p.public_servant.unwrap_or(false)),
                });
        } else if let Some(ps) = p.public_servant {
            batch.employment.push(employment_fact::ActiveModel {
                id: Set(self.fact()),
                resident_id: Set(id),
                public_servant: Set(ps),
            });
        }
        if p.care {
            batch.care.push(care_certification::ActiveModel {
                id: Set(self.fact()),
                resident_id: Set(id),
                level: Set(format!("要介護{}", 1 + id % 5)),
                valid_from: Set(self.today - Days::new(200)),
                valid_to: Set(self.today + Days::new(165)),
            });
        }
        if p.property {
            batch.property.push(property_ownership::ActiveModel {
                id: Set(self.fact()),
                resident_id: Set(id),
                kind: Set(if id % 3 == 0 { "land" } else { "building" }.into()),
                location: Set(format!("{CITY}{}", self.rng.pick(TOWNS).0)),
            });
        }
    }

    fn fact(&mut self) -> i32 {
        self.next_fact += 1;
        self.next_fact
    }

    fn random_household(&mut self) -> (Vec<Person>, Cover) {
        let family = *self.rng.pick(FAMILY);
        let roll = self.rng.below(100);
        let cover = if self.rng.percent(35) {
            Cover::Nhi
        } else {
            Cover::Employee
        };
        let mut people = Vec::new();
        match roll {
            // Couples with children (some just born), NHI or employee-insured.
            0..=44 => {
                let public_servant = self.rng.percent(7);
                let mut head = self.person("head", family, false, (24, 50));
                head.income = Some(self.rng.range(15, 80) * 100_000);
                head.public_servant = Some(public_servant);
                let mut spouse = self.person("spouse", family, true, (22, 48));
                spouse.income = Some(if self.rng.percent(50) {
                    0
                } else {
                    self.rng.range(5, 40) * 100_000
                });
                let kids = self.rng.below(4);
                let ages: Vec<i64> = (0..kids)
                    .map(|k| {
                        if k == 0 && self.rng.percent(15) {
                            0
                        } else {
                            self.rng.range(0, 20)
                        }
                    })
                    .collect();
                // Families whose children are all of high-school age or older became
                // eligible in October 2024; not all of them have claimed yet (the
                // outreach list finds them).
                let only_older = ages.iter().all(|&a| a >= 16);
                head.allowance =
                    kids > 0 && !public_servant && (!only_older || self.rng.percent(60));
                head.property = self.rng.percent(30);
                people.push(head);
                people.push(spouse);
                for years in ages {
                    let female = self.rng.percent(50);
                    let mut child = self.person("child", family, female, (years, years));
                    if years == 0 {
                        // Born in the last fortnight: the birth procedures are still due.
                        child.birth = self.today - Days::new(self.rng.range(0, 13) as u64);
                    }
                    people.push(child);
                }
            }
            // Single parents.
            45..=52 => {
                let female = self.rng.percent(85);
                let mut head = self.person("head", family, female, (22, 50));
                head.income = Some(self.rng.range(5, 35) * 100_000);
                head.public_servant = Some(false);
                head.allowance = true;
                people.push(head);
                for _ in 0..=self.rng.below(2) {
                    let years = self.rng.range(0, 17);
                    let f = self.rng.percent(50);
                    people.push(self.person("child", family, f, (years, years)));
                }
            }
            // Three generations.
            53..=59 => {
                let mut head = self.person("head", family, false, (30, 45));
                head.income = Some(self.rng.range(25, 70) * 100_000);
                head.public_servant = Some(self.rng.percent(8));
                head.allowance = head.public_servant == Some(false);
                head.property = self.rng.percent(50);
                people.push(head);
                let mut spouse = self.person("spouse", family, true, (28, 44));
                spouse.income = Some(0);
                people.push(spouse);
                for _ in 0..=self.rng.below(3) {
                    let years = self.rng.range(0, 14);
                    let f = self.rng.percent(50);
                    people.push(self.person("child", family, f, (years, years)));
                }
                let mut father = self.person("parent", family, false, (63, 85));
                father.income = Some(self.rng.range(5, 25) * 100_000);
                father.care = self.rng.percent(25);
                people.push(father);
                if self.rng.percent(70) {
                    let years = self.rng.range(60, 83);
                    let mut mother = self.person("parent", family, true, (years, years));
                    mother.income = Some(self.rng.range(3, 12) * 100_000);
                    people.push(mother);
                }
            }
            // Elderly living alone or as a couple.
            60..=81 => {
                let female = self.rng.percent(60);
                let mut head = self.person("head", family, female, (65, 96));
                head.income = Some(self.rng.range(3, 30) * 100_000);
                head.care = self.rng.percent(20);
                head.property = self.rng.percent(60);
                people.push(head);
                if roll >= 72 {
                    let years = self.rng.range(63, 94);
                    let mut spouse = self.person("spouse", family, !female, (years, years));
                    spouse.income = Some(self.rng.range(3, 15) * 100_000);
                    people.push(spouse);
                }
                return (people, Cover::Nhi);
            }
            // Right on an age line: 64, 65, 74 or 75 around today.
            82..=86 => {
                let years = *self.rng.pick(&[64i64, 65, 74, 75]);
                let female = self.rng.percent(50);
                let mut head = self.person("head", family, female, (years, years));
                // Birthday within a week either side of today.
                let offset = self.rng.range(-7, 7);
                let anniversary = NaiveDate::from_ymd_opt(
                    self.today.year() - years as i32,
                    self.today.month(),
                    self.today.day().min(28),
                );
                if let Some(a) = anniversary {
                    head.birth = if offset >= 0 {
                        a + Days::new(offset as u64)
                    } else {
                        a - Days::new((-offset) as u64)
                    };
                }
                head.income = Some(self.rng.range(10, 40) * 100_000);
                head.property = self.rng.percent(40);
                people.push(head);
                return (people, Cover::Nhi);
            }
            // Young adults alone.
            _ => {
                let female = self.rng.percent(50);
                let mut head = self.person("head", family, female, (18, 40));
                head.income = Some(self.rng.range(0, 50) * 100_000);
                if self.rng.percent(80) {
                    head.public_servant = Some(self.rng.percent(5));
                }
                people.push(head);
            }
        }
        (people, cover)
    }
}

fn membership(
    id: i32,
    resident: i32,
    kind: &str,
    from: NaiveDate,
) -> insurance_membership::ActiveModel {
    insurance_membership::ActiveModel {
        id: Set(id),
        resident_id: Set(resident),
        kind: Set(kind.into()),
        valid_from: Set(from),
        valid_to: Set(None),
    }
}
