//! The shipped rule set: it compiles, every rule test kept beside it (`rules/tests/`)
//! passes, every procedure has at least three cases, and invalid edits are refused with
//! the file and line to fix.

use madoguchi_core::rules::{bundled, bundled_cases, bundled_files, cases, compile};

#[test]
fn every_rule_test_passes() {
    let results = cases::run(bundled(), &bundled_cases());
    let failed: Vec<String> = results
        .iter()
        .filter(|c| !c.passed)
        .map(|c| {
            format!(
                "{} — {}:\n    {}",
                c.file,
                c.name,
                c.failures
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n    ")
            )
        })
        .collect();
    assert!(
        failed.is_empty(),
        "{} of {} rule tests failed:\n{}",
        failed.len(),
        results.len(),
        failed.join("\n")
    );
}

#[test]
fn every_procedure_has_at_least_three_cases() {
    let results = cases::run(bundled(), &bundled_cases());
    let thin: Vec<String> = bundled()
        .procedures
        .iter()
        .map(|p| {
            (
                p.id.clone(),
                results
                    .iter()
                    .filter(|c| c.procedures.contains(&p.id))
                    .count(),
            )
        })
        .filter(|(_, n)| *n < 3)
        .map(|(id, n)| format!("{id}: {n}"))
        .collect();
    assert!(
        thin.is_empty(),
        "procedures with fewer than three cases: {thin:?}"
    );
}

#[test]
fn every_procedure_has_a_rule_and_a_known_department() {
    let rs = bundled();
    let rules = rs.rule_summaries();
    for p in &rs.procedures {
        assert!(
            rules.iter().any(|r| r.procedure == p.id),
            "no rule lists {}",
            p.id
        );
        assert!(
            rs.department(&p.department).is_some(),
            "{} names {}",
            p.id,
            p.department
        );
    }
}

fn edited(file: &str, from: &str, to: &str) -> Vec<madoguchi_core::rules::RuleError> {
    let mut files = bundled_files();
    let text = files.get_mut(file).expect("file exists");
    assert!(text.contains(from), "{file} contains {from}");
    *text = text.replacen(from, to, 1);
    compile(&files).expect_err("the edit must be refused")
}

#[test]
fn an_unknown_fact_is_refused_with_file_and_line() {
    let errors = edited(
        "events/death.toml",
        "subject.property_owner",
        "subject.property_owned",
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].file, "events/death.toml");
    assert!(errors[0].line > 1);
    assert!(
        errors[0]
            .message
            .contains("事実 `property_owned` はありません"),
        "{}",
        errors[0].message
    );
}

#[test]
fn a_type_error_is_refused() {
    let errors = edited(
        "events/birth.toml",
        "claimant.insurance == 'nhi'",
        "claimant.insurance == 75",
    );
    assert!(errors[0].message.contains("比べられません"), "{errors:?}");
}

#[test]
fn overlapping_periods_are_refused() {
    let errors = edited(
        "parameters.toml",
        "values = [{ from = 2009-10-01, value = 420000 }, { from = 2023-04-01, value = 500000 }]",
        "values = [{ from = 2009-10-01, until = 2023-04-30, value = 420000 }, { from = 2023-04-01, value = 500000 }]",
    );
    assert!(errors[0].message.contains("overlap"), "{errors:?}");
    assert_eq!(errors[0].file, "parameters.toml");
}

#[test]
fn an_unknown_procedure_is_refused() {
    let errors = edited(
        "events/pregnancy.toml",
        "procedure = \"maternal_handbook\"",
        "procedure = \"maternity_handbook\"",
    );
    assert!(
        errors[0].message.contains("unknown procedure"),
        "{errors:?}"
    );
}

#[test]
fn malformed_toml_is_refused_with_its_line() {
    let errors = edited(
        "events/moving.toml",
        "[[rule]]\nid = \"move_out.notification\"",
        "[[rule]\nid = \"move_out.notification\"",
    );
    assert_eq!(errors[0].file, "events/moving.toml");
    assert!(errors[0].line > 1, "{errors:?}");
}

#[test]
fn a_wrong_expectation_fails_with_a_readable_message() {
    let mut files = madoguchi_core::rules::RuleFiles::new();
    files.insert(
        "tests/wrong.toml".into(),
        r#"
[[case]]
name = "wrong on purpose"
as_of = 2026-06-01
events = [{ type = "pregnancy", date = 2026-06-01, person = "p1" }]
members = [{ id = "p1", relationship = "head", birth_date = 1995-01-01, sex = "female" }]
expect = ["maternal_handbook"]
benefits = { pregnancy_support_benefit = 40000 }
"#
        .into(),
    );
    let results = cases::run(bundled(), &files);
    assert_eq!(results.len(), 1);
    assert!(!results[0].passed);
    let text = results[0]
        .failures
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        text.contains("手続きは [\"maternal_handbook\"] のはずが"),
        "{text}"
    );
    assert!(text.contains("40000 円のはずが 50000 円でした"), "{text}");
}

#[test]
fn explain_names_the_condition_that_kept_a_procedure_out() {
    use madoguchi_core::rules::Options;
    use madoguchi_core::screening::parse_request;
    let req = parse_request(
        r#"{"as_of":"2026-11-24","events":[{"type":"death","date":"2026-11-20","person":"p1"}],
        "household":{"members":[{"id":"p1","relationship":"spouse","birth_date":"1950-01-01","sex":"male",
        "insurance":"late_elderly","property_owner":false,"receives":[]}]}}"#,
    )
    .unwrap();
    let r = bundled()
        .screen_with(
            &req,
            Options {
                labels: None,
                explain: true,
            },
        )
        .unwrap();
    let trace = r.trace.expect("trace");
    let head = trace
        .not_listed
        .iter()
        .find(|n| n.procedure == "head_of_household_change")
        .unwrap();
    assert!(
        head.why[0].contains("subject.relationship == 'head'") && head.why[0].contains("spouse"),
        "{:?}",
        head.why
    );
    let nhi = trace
        .rules
        .iter()
        .find(|t| t.rule == "death.nhi_withdrawal")
        .unwrap();
    assert_eq!(nhi.conditions[0].values[0].value, "late_elderly");
    let untraced = bundled().screen(&req).unwrap();
    assert!(untraced.trace.is_none());
    assert_eq!(untraced.procedures, r.procedures);
}

#[test]
fn an_impossible_holiday_is_refused_with_its_line() {
    let errors = edited(
        "calendar.toml",
        "{ date = 2026-02-23, name = \"天皇誕生日\" }",
        "{ date = 2026-02-30, name = \"天皇誕生日\" }",
    );
    assert_eq!(errors[0].file, "calendar.toml");
    assert!(errors[0].line > 20, "{errors:?}");
}

#[test]
fn a_holiday_listed_twice_or_a_bad_closed_day_is_refused() {
    let errors = edited(
        "calendar.toml",
        "{ date = 2026-02-23, name = \"天皇誕生日\" }",
        "{ date = 2026-02-11, name = \"天皇誕生日\" }",
    );
    assert!(errors[0].message.contains("2回"), "{errors:?}");
    let errors = edited("calendar.toml", "until = \"01-03\"", "until = \"01-32\"");
    assert!(errors[0].message.contains("01-32"), "{errors:?}");
    let errors = edited("calendar.toml", "\"saturday\"", "\"saturnday\"");
    assert!(errors[0].message.contains("saturnday"), "{errors:?}");
}

#[test]
fn a_gap_in_a_limit_table_is_refused_with_its_parameter() {
    let errors = edited(
        "parameters.toml",
        "values = [{ from = 2018-08-01, value = 490000 }, { from = 2024-11-01, value = 690000 }]",
        "values = [{ from = 2018-08-01, until = 2024-09-30, value = 490000 }, { from = 2024-11-01, value = 690000 }]",
    );
    assert!(
        errors[0].message.contains("child_rearing.full_limit"),
        "{errors:?}"
    );
    assert_eq!(errors[0].file, "parameters.toml");
}

#[test]
fn a_limit_of_none_is_only_for_amounts() {
    let errors = edited(
        "parameters.toml",
        "values = [{ from = 2021-04-01, value = 18 }]",
        "values = [{ from = 2021-04-01, value = \"none\" }]",
    );
    assert!(
        errors[0].message.contains("child_medical.until_age"),
        "{errors:?}"
    );
}

#[test]
fn the_shipped_holidays_cover_2020_to_2027_and_warn_a_year_ahead() {
    let rs = madoguchi_core::rules::bundled();
    let cal = rs.calendar.as_ref().expect("the city's calendar");
    let day = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    assert_eq!(cal.covered_until(), Some(day("2027-12-31")));
    assert!(cal
        .holidays
        .keys()
        .next()
        .is_some_and(|d| *d <= day("2020-01-01")));
    // A few days from 内閣府's list: 振替休日, 国民の休日, the 2020 and 2021 moves.
    for d in [
        "2020-07-24",
        "2021-08-09",
        "2024-09-23",
        "2025-11-24",
        "2026-09-22",
        "2027-03-22",
    ] {
        assert!(cal.holidays.contains_key(&day(d)), "{d}");
    }
    assert_eq!(cal.warning(day("2026-11-30")), None);
    assert!(cal.warning(day("2027-01-05")).is_some());
}
