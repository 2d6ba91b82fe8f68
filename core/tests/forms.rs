//! The form files: they compile, cover every procedure of the rule catalog, and make
//! one merged interview in which a value several forms need is asked once.

use madoguchi_core::forms::{
    self, bundled, check, check_topic, compile, part, Answers, FieldType, Lang, Plan, FORM_FILES,
};
use madoguchi_core::jp::ValueError;
use madoguchi_core::rules;
use madoguchi_core::screening::EventType;
use std::collections::BTreeSet;

const NHI_BIRTH: &[&str] = &[
    "birth_registration",
    "child_allowance",
    "child_medical_subsidy",
    "nhi_enrollment",
    "childbirth_lump_sum",
    "nhi_perinatal_premium_exemption",
];

/// What the registry and the earlier steps of a birth visit know.
fn known_at_a_birth() -> BTreeSet<String> {
    [
        "applicant.name",
        "applicant.kana",
        "applicant.birth_date",
        "applicant.address",
        "household.head",
        "father.name",
        "mother.name",
        "mother.birth_date",
        "spouse.name",
        "subjects",
        "baby.name",
        "baby.kana",
        "baby.birth_date",
        "baby.sex",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect()
}

fn birth_plan() -> Plan {
    Plan::new(
        bundled(),
        NHI_BIRTH,
        &[EventType::Birth],
        &known_at_a_birth(),
    )
}

fn asked(plan: &Plan) -> Vec<&str> {
    plan.topics
        .iter()
        .flat_map(|t| t.fields.iter().map(String::as_str))
        .collect()
}

#[test]
fn every_procedure_of_the_rules_has_a_form_and_every_form_a_procedure() {
    let rules = rules::bundled();
    let cat = bundled();
    for p in &rules.procedures {
        assert!(cat.form(&p.id).is_some(), "no form for `{}`", p.id);
    }
    for f in &cat.forms {
        assert!(
            rules.procedure(&f.procedure).is_some(),
            "form for unknown procedure `{}`",
            f.procedure
        );
    }
}

#[test]
fn every_field_is_printed_by_some_form_and_speaks_three_languages() {
    let cat = bundled();
    for field in &cat.fields {
        assert!(
            cat.forms.iter().any(|f| f.fields().any(|k| k == field.key)),
            "`{}` is on no form",
            field.key
        );
        for lang in Lang::all() {
            assert!(
                !field.label.get(lang).trim().is_empty(),
                "`{}` has no {} label",
                field.key,
                lang.code()
            );
        }
        if let FieldType::Choice { options } = &field.ty {
            assert!(options.iter().all(|o| !o.label.en.is_empty()));
        }
    }
}

#[test]
fn a_value_several_forms_need_is_asked_once() {
    let plan = birth_plan();
    let asked = asked(&plan);
    for key in ["applicant.phone", "bank.account", "applicant.my_number"] {
        assert_eq!(asked.iter().filter(|k| **k == key).count(), 1, "{key}");
    }
    // The phone is printed on five of the six forms, the bank account on two.
    let cat = bundled();
    let printing = |key: &str| {
        NHI_BIRTH
            .iter()
            .filter(|p| cat.form(p).unwrap().fields().any(|k| k == key))
            .count()
    };
    assert!(printing("applicant.phone") >= 5);
    assert_eq!(printing("bank.account"), 2);
}

#[test]
fn what_the_registry_holds_is_confirmed_not_asked() {
    let plan = birth_plan();
    let asked = asked(&plan);
    assert!(plan.confirm.iter().any(|k| k == "applicant.name"));
    assert!(plan.confirm.iter().any(|k| k == "baby.name"));
    assert!(!asked.contains(&"applicant.name"));
    assert!(!asked.contains(&"mother.name"));
    // No father in the registry (a single mother): the birth registration may leave it
    // empty, so it is asked but optional.
    let mut known = known_at_a_birth();
    known.remove("father.name");
    let plan = Plan::new(bundled(), NHI_BIRTH, &[EventType::Birth], &known);
    assert!(asked_of(&plan).contains(&"father.name".to_owned()));
    assert!(!plan.requires(bundled(), "father.name", &Answers::new()));
}

fn asked_of(plan: &Plan) -> Vec<String> {
    plan.topics.iter().flat_map(|t| t.fields.clone()).collect()
}

#[test]
fn topics_come_in_the_catalogs_order_one_screen_each() {
    let plan = birth_plan();
    let topics: Vec<&str> = plan.topics.iter().map(|t| t.topic.as_str()).collect();
    assert_eq!(topics, ["applicant", "baby", "birth", "bank", "my_number"]);
}

#[test]
fn paper_would_have_needed_far_more_values_than_are_asked() {
    let plan = birth_plan();
    let (prefilled, asked, on_paper) = plan.counts(bundled(), &Answers::new());
    assert_eq!(prefilled, plan.confirm.len());
    assert!(on_paper > 3 * asked, "{on_paper} on paper, {asked} asked");
    assert!(prefilled > 0);
}

#[test]
fn a_field_that_depends_on_an_answer_is_required_only_when_it_applies() {
    let cat = bundled();
    let plan = birth_plan();
    let mut a = Answers::new();
    a.insert("birth.direct_payment".into(), "full".into());
    assert!(!plan.shows(cat, "birth.hospital_paid", &a));
    // Paid in full by the insurance: no bank account for the lump sum, but child
    // allowance still pays into one.
    assert!(plan.requires(cat, "bank.account", &a));
    a.insert("birth.direct_payment".into(), "partial".into());
    assert!(plan.requires(cat, "birth.hospital_paid", &a));
    let errors = check_topic(cat, &plan, "birth", &a);
    assert!(errors
        .iter()
        .any(|e| e.field == "birth.hospital_paid" && e.error == ValueError::Required));
}

#[test]
fn a_field_for_another_event_is_not_asked() {
    let cat = bundled();
    // 国保加入 after a birth asks neither the date of moving in nor the insurer left.
    let plan = Plan::new(
        cat,
        &["nhi_enrollment"],
        &[EventType::Birth],
        &known_at_a_birth(),
    );
    let asked = asked(&plan);
    assert!(!asked.contains(&"move_in.date"));
    assert!(!asked.contains(&"insurance.previous_insurer"));
    let plan = Plan::new(
        cat,
        &["nhi_enrollment"],
        &[EventType::InsuranceLoss],
        &BTreeSet::new(),
    );
    assert!(asked_of(&plan).contains(&"insurance.previous_insurer".to_owned()));
}

fn good_birth_answers() -> Answers {
    [
        ("applicant.relationship", "father"),
        ("applicant.phone", "0859-22-1111"),
        ("baby.birth_time", "14:35"),
        ("baby.birth_place", "星ヶ丘市立病院"),
        ("baby.birth_place_address", "星ヶ丘市中央1丁目1-1"),
        ("birth.multiple", "single"),
        ("birth.due_date", "令和8年11月25日"),
        ("birth.direct_payment", "partial"),
        ("birth.hospital_paid", "４８０,０００"),
        ("birth.compensation_scheme", "yes"),
        ("bank.account/bank_code", "0001"),
        ("bank.account/branch_code", "123"),
        ("bank.account/account_type", "ordinary"),
        ("bank.account/number", "1234567"),
        ("bank.account/holder", "ﾔﾏﾀﾞ ﾀﾛｳ"),
        ("applicant.my_number", "1234 5678 9018"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect()
}

#[test]
fn good_answers_print_as_the_forms_want_them() {
    let mut a = good_birth_answers();
    // A valid My Number: the check digit of 12345678901 is 8.
    a.insert("applicant.my_number".into(), "123456789018".into());
    let v = check(bundled(), &birth_plan(), &a).unwrap();
    assert_eq!(v["birth.due_date"], "令和8年11月25日");
    assert_eq!(v["birth.hospital_paid"], "480,000円");
    assert_eq!(v["baby.birth_time"], "14時35分");
    assert_eq!(v["applicant.relationship"], "父");
    assert!(v["bank.account"].contains("ヤマダ\u{3000}タロウ"));
}

#[test]
fn every_error_is_reported_at_once_next_to_its_input() {
    let mut a = good_birth_answers();
    a.insert("applicant.phone".into(), "12".into());
    a.insert("bank.account/holder".into(), "山田".into());
    a.insert("birth.due_date".into(), "平成31年5月1日".into());
    a.insert("applicant.my_number".into(), "123456789019".into());
    let errors = check(bundled(), &birth_plan(), &a).unwrap_err();
    let got: Vec<(&str, ValueError)> = errors.iter().map(|e| (e.field.as_str(), e.error)).collect();
    assert!(got.contains(&("applicant.phone", ValueError::InvalidPhone)));
    assert!(got.contains(&(part("bank.account", "holder").as_str(), ValueError::NotKana)));
    assert!(
        got.contains(&("birth.due_date", ValueError::InvalidDate)),
        "{got:?}"
    );
    assert!(got.contains(&("applicant.my_number", ValueError::InvalidMyNumber)));
}

#[test]
fn a_typo_in_the_form_files_is_refused_with_the_file_named() {
    let mut files: Vec<(&str, String)> = FORM_FILES
        .iter()
        .map(|(p, t)| (*p, (*t).to_owned()))
        .collect();
    let birth = files.iter_mut().find(|(p, _)| *p == "birth.toml").unwrap();
    birth.1 = birth.1.replacen("\"baby.kana\"", "\"baby.kanna\"", 1);
    let fields = files.iter_mut().find(|(p, _)| *p == "fields.toml").unwrap();
    fields.1 = fields
        .1
        .replacen("registry.head.name", "registry.head.nmae", 1);
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let errors = compile(&refs).unwrap_err();
    let text: Vec<String> = errors
        .iter()
        .map(|e| format!("{}: {}", e.file, e.message))
        .collect();
    assert!(
        text.iter()
            .any(|t| t.starts_with("birth.toml") && t.contains("`baby.kanna` はありません")),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|t| t.starts_with("fields.toml") && t.contains("registry.head.nmae")),
        "{text:?}"
    );
}

#[test]
fn a_condition_on_a_missing_option_is_refused() {
    let files: Vec<(&str, String)> = FORM_FILES
        .iter()
        .map(|(p, t)| (*p, t.replace("is = [\"partial\"]", "is = [\"partly\"]")))
        .collect();
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let errors = compile(&refs).unwrap_err();
    assert!(
        errors.iter().any(|e| e.message.contains("`partly`")),
        "{errors:?}"
    );
    let _ = forms::Signature::One;
}

#[test]
fn sample_answers_pass_the_checks_of_every_form() {
    let cat = bundled();
    for form in &cat.forms {
        let events = EventType::ALL;
        let plan = Plan::new(cat, &[form.procedure.as_str()], &events, &BTreeSet::new());
        let answers = forms::sample::answers(cat, &plan);
        assert!(
            check(cat, &plan, &answers).is_ok(),
            "{}: {:?}",
            form.procedure,
            check(cat, &plan, &answers)
        );
    }
}

#[test]
fn a_correction_is_checked_as_the_interview_checks_it_and_must_be_given() {
    let cat = bundled();
    let a = good_birth_answers();
    let bank = forms::check_correction(cat, "bank.account", &a).unwrap();
    assert!(bank.contains("ヤマダ\u{3000}タロウ"));
    assert_eq!(
        forms::check_correction(cat, "applicant.phone", &a).unwrap(),
        "0859-22-1111"
    );
    // An optional field still has to be given when it is being corrected.
    let empty = Answers::new();
    let e = forms::check_correction(cat, "applicant.phone", &empty).unwrap_err();
    assert_eq!(e[0].error, ValueError::Required);
    let mut wrong = a.clone();
    wrong.insert("bank.account/holder".into(), "山田".into());
    let e = forms::check_correction(cat, "bank.account", &wrong).unwrap_err();
    assert_eq!(e[0].field, "bank.account/holder");
    // A key no form has is refused, not ignored.
    assert!(forms::check_correction(cat, "no.such", &a).is_err());
}
