//! How Japanese law counts age (年齢計算ニ関スル法律, 民法143条). A person *reaches* age N at
//! the end of the day before the Nth birthday; a 29 February birthday has no
//! corresponding day in common years, so the period then ends on 28 February.
//! Rules call these functions by name instead of doing date arithmetic themselves.

use chrono::{Datelike, Days, NaiveDate};

/// The day on which a person born on `birth` reaches age `n` (満n歳に達する日).
pub fn reaches_age_on(birth: NaiveDate, n: u32) -> NaiveDate {
    let year = birth.year() + n as i32;
    match NaiveDate::from_ymd_opt(year, birth.month(), birth.day()) {
        Some(anniversary) => anniversary - Days::new(1),
        // Born on 29 February, common year: the period ends at the end of February.
        None => NaiveDate::from_ymd_opt(year, 2, 28).expect("28 February exists every year"),
    }
}

/// Whether the person has reached age `n` on `day` (the reaching day counts).
pub fn has_reached(birth: NaiveDate, n: u32, day: NaiveDate) -> bool {
    day >= reaches_age_on(birth, n)
}

/// Age in completed years on `day`, as a resident would say it: the age reached at the
/// end of a day is held from the next day on.
pub fn age_on(birth: NaiveDate, day: NaiveDate) -> u32 {
    if day <= birth {
        return 0;
    }
    let mut age = (day.year() - birth.year()).max(0) as u32;
    while age > 0 && reaches_age_on(birth, age) >= day {
        age -= 1;
    }
    age
}

/// The first 31 March on or after the day of reaching age `n`
/// (n歳に達する日以後の最初の3月31日) — the end of most child benefits.
pub fn first_march_31_after_reaching(birth: NaiveDate, n: u32) -> NaiveDate {
    let reached = reaches_age_on(birth, n);
    let same_year = NaiveDate::from_ymd_opt(reached.year(), 3, 31).expect("31 March exists");
    if reached <= same_year {
        same_year
    } else {
        NaiveDate::from_ymd_opt(reached.year() + 1, 3, 31).expect("31 March exists")
    }
}

/// Whether a child born on `birth` is still covered on `day` by a benefit that lasts
/// until the first 31 March after reaching `n`.
pub fn within_child_period(birth: NaiveDate, n: u32, day: NaiveDate) -> bool {
    day >= birth && day <= first_march_31_after_reaching(birth, n)
}

/// School age (学齢): from the first 1 April after reaching 6 until the 31 March after
/// reaching 15. Returns the first and last day.
pub fn school_age_period(birth: NaiveDate) -> (NaiveDate, NaiveDate) {
    let day_after_six = reaches_age_on(birth, 6) + Days::new(1);
    let april = NaiveDate::from_ymd_opt(day_after_six.year(), 4, 1).expect("1 April exists");
    let start = if day_after_six <= april {
        april
    } else {
        NaiveDate::from_ymd_opt(day_after_six.year() + 1, 4, 1).expect("1 April exists")
    };
    (start, first_march_31_after_reaching(birth, 15))
}

/// The Japanese fiscal year (April to March) a day falls in, named by its starting year.
pub fn fiscal_year(day: NaiveDate) -> i32 {
    if day.month() >= 4 {
        day.year()
    } else {
        day.year() - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn reaching_age_is_the_day_before_the_birthday() {
        assert_eq!(reaches_age_on(d("2008-04-01"), 18), d("2026-03-31"));
        assert_eq!(reaches_age_on(d("2008-04-02"), 18), d("2026-04-01"));
    }

    #[test]
    fn leap_day_birth_reaches_age_on_28_february_in_common_years() {
        assert_eq!(reaches_age_on(d("2008-02-29"), 1), d("2009-02-28"));
        assert_eq!(reaches_age_on(d("2008-02-29"), 4), d("2012-02-28"));
    }

    #[test]
    fn child_born_1_april_leaves_benefits_a_year_earlier_than_child_born_2_april() {
        assert_eq!(
            first_march_31_after_reaching(d("2008-04-01"), 18),
            d("2026-03-31")
        );
        assert_eq!(
            first_march_31_after_reaching(d("2008-04-02"), 18),
            d("2027-03-31")
        );
        assert!(!within_child_period(d("2008-04-01"), 18, d("2026-04-01")));
        assert!(within_child_period(d("2008-04-02"), 18, d("2026-04-01")));
    }

    #[test]
    fn age_changes_on_the_birthday_as_residents_say_it() {
        assert_eq!(age_on(d("1961-11-25"), d("2026-11-24")), 64);
        assert_eq!(age_on(d("1961-11-25"), d("2026-11-25")), 65);
        assert_eq!(age_on(d("2026-11-20"), d("2026-11-24")), 0);
    }

    #[test]
    fn sixty_five_is_reached_the_day_before_the_birthday() {
        assert!(!has_reached(d("1961-11-25"), 65, d("2026-11-23")));
        assert!(has_reached(d("1961-11-25"), 65, d("2026-11-24")));
    }

    #[test]
    fn children_born_1_april_start_school_with_the_year_above() {
        assert_eq!(school_age_period(d("2019-04-01")).0, d("2025-04-01"));
        assert_eq!(school_age_period(d("2019-04-02")).0, d("2026-04-01"));
        assert_eq!(school_age_period(d("2019-04-02")).1, d("2035-03-31"));
    }

    #[test]
    fn fiscal_year_starts_in_april() {
        assert_eq!(fiscal_year(d("2026-03-31")), 2025);
        assert_eq!(fiscal_year(d("2026-04-01")), 2026);
    }

    proptest::proptest! {
        #[test]
        fn age_increases_by_one_exactly_after_the_reaching_day(days in 0i64..60000, n in 1u32..100) {
            let birth = d("1900-01-01") + chrono::Duration::days(days);
            let reached = reaches_age_on(birth, n);
            proptest::prop_assert_eq!(age_on(birth, reached), n - 1);
            proptest::prop_assert_eq!(age_on(birth, reached + Days::new(1)), n);
        }
    }
}
