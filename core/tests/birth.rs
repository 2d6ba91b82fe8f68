//! The birth rules, pinned case by case through the public contract.

use madoguchi_core::screening::{parse_request, screen, ScreeningResult};
use serde_json::{json, Value};

fn household(members: Value, answers: Value, as_of: &str, birth: &str) -> ScreeningResult {
    let req = json!({
        "as_of": as_of,
        "events": [{ "type": "birth", "date": birth, "person": "c1" }],
        "household": { "members": members },
        "answers": answers,
    });
    screen(&parse_request(&req.to_string()).expect("valid request")).expect("screened")
}

fn ids(r: &ScreeningResult) -> Vec<&str> {
    let mut v: Vec<&str> = r.procedures.iter().map(|p| p.id.as_str()).collect();
    v.sort();
    v
}

fn nhi_family(mother_insurance: Option<&str>) -> Value {
    let mut mother = json!({ "id": "p2", "relationship": "spouse", "birth_date": "1992-07-10", "sex": "female", "income": 0 });
    if let Some(i) = mother_insurance {
        mother["insurance"] = json!(i);
    }
    json!([
        { "id": "p1", "relationship": "head", "birth_date": "1990-05-01", "sex": "male",
          "insurance": "nhi", "income": 2800000, "public_servant": false, "receives": [] },
        mother,
        { "id": "c1", "relationship": "child", "birth_date": "2026-11-20", "sex": "female" }
    ])
}

#[test]
fn nhi_household_with_a_baby_gets_registration_and_the_four_procedures_plus_the_premium_exemption()
{
    let r = household(
        nhi_family(Some("nhi")),
        json!({}),
        "2026-11-24",
        "2026-11-20",
    );
    assert_eq!(
        ids(&r),
        vec![
            "birth_registration",
            "child_allowance",
            "child_medical_subsidy",
            "childbirth_lump_sum",
            "nhi_enrollment",
            "nhi_perinatal_premium_exemption"
        ]
    );
    assert!(r.questions.is_empty());
}

#[test]
fn deadlines_count_the_way_each_law_does() {
    let r = household(
        nhi_family(Some("nhi")),
        json!({}),
        "2026-11-24",
        "2026-11-20",
    );
    let deadline = |id: &str| {
        r.procedures
            .iter()
            .find(|p| p.id == id)
            .unwrap()
            .deadline
            .map(|d| d.to_string())
    };
    assert_eq!(
        deadline("birth_registration").as_deref(),
        Some("2026-12-03")
    );
    // 15 days from the day after the birth is Saturday 5 December: the city is closed,
    // so the deadline is the next open day (地方自治法4条の2第4項), and the result says so.
    assert_eq!(deadline("child_allowance").as_deref(), Some("2026-12-07"));
    let note = |id: &str| {
        r.procedures
            .iter()
            .find(|p| p.id == id)
            .and_then(|p| p.deadline_note.clone())
    };
    assert_eq!(
        note("child_allowance").as_deref(),
        Some("12月5日は閉庁日 (土曜日) のため翌開庁日まで")
    );
    assert_eq!(note("birth_registration"), None);
    assert_eq!(deadline("nhi_enrollment").as_deref(), Some("2026-12-04"));
    assert_eq!(
        deadline("childbirth_lump_sum").as_deref(),
        Some("2028-11-20")
    );
    assert!(note("childbirth_lump_sum").is_some_and(|n| n.contains("延びません")));
    assert_eq!(deadline("child_medical_subsidy"), None);
}

#[test]
fn procedures_are_sorted_by_deadline_then_id_with_open_deadlines_last() {
    let r = household(
        nhi_family(Some("nhi")),
        json!({}),
        "2026-11-24",
        "2026-11-20",
    );
    let order: Vec<&str> = r.procedures.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(order[0], "birth_registration");
    assert_eq!(order.last(), Some(&"nhi_perinatal_premium_exemption"));
}

#[test]
fn unknown_mother_insurance_becomes_one_question_affecting_two_procedures() {
    let r = household(nhi_family(None), json!({}), "2026-11-24", "2026-11-20");
    assert_eq!(r.questions.len(), 1);
    assert_eq!(r.questions[0].id, "p2.insurance");
    assert_eq!(
        r.questions[0].affects,
        vec!["childbirth_lump_sum", "nhi_perinatal_premium_exemption"]
    );
    assert!(!ids(&r).contains(&"childbirth_lump_sum"));
}

#[test]
fn answering_the_question_settles_it() {
    let r = household(
        nhi_family(None),
        json!({ "p2.insurance": "employee" }),
        "2026-11-24",
        "2026-11-20",
    );
    assert!(r.questions.is_empty());
    assert!(!ids(&r).contains(&"childbirth_lump_sum"));
    assert!(ids(&r).contains(&"nhi_enrollment"));
}

#[test]
fn employee_insured_family_gets_no_nhi_procedures() {
    let members = json!([
        { "id": "p1", "relationship": "head", "birth_date": "1990-05-01", "sex": "male",
          "insurance": "employee", "income": 4000000, "public_servant": false, "receives": [] },
        { "id": "p2", "relationship": "spouse", "birth_date": "1992-07-10", "sex": "female", "insurance": "employee", "income": 0 },
        { "id": "c1", "relationship": "child", "birth_date": "2026-11-20", "sex": "male" }
    ]);
    let r = household(members, json!({}), "2026-11-24", "2026-11-20");
    assert_eq!(
        ids(&r),
        vec![
            "birth_registration",
            "child_allowance",
            "child_medical_subsidy"
        ]
    );
}

#[test]
fn public_servant_claims_child_allowance_at_the_employer() {
    let mut m = nhi_family(Some("employee"));
    m[0]["public_servant"] = json!(true);
    m[0]["insurance"] = json!("employee");
    let r = household(m, json!({}), "2026-11-24", "2026-11-20");
    assert!(!ids(&r).iter().any(|i| i.starts_with("child_allowance")));
}

#[test]
fn existing_recipient_files_a_revision_not_a_new_claim() {
    let mut m = nhi_family(Some("nhi"));
    m[0]["receives"] = json!(["child_allowance"]);
    let r = household(m, json!({}), "2026-11-24", "2026-11-20");
    assert!(ids(&r).contains(&"child_allowance_revision"));
    assert!(!ids(&r).contains(&"child_allowance"));
}

#[test]
fn unknown_public_servant_status_is_asked_not_assumed() {
    let mut m = nhi_family(Some("nhi"));
    m[0].as_object_mut().unwrap().remove("public_servant");
    let r = household(m, json!({}), "2026-11-24", "2026-11-20");
    assert_eq!(r.questions[0].id, "p1.public_servant");
    assert!(!ids(&r).contains(&"child_allowance"));
}

#[test]
fn higher_income_parent_is_the_claimant() {
    let mut m = nhi_family(Some("nhi"));
    m[1]["income"] = json!(5000000);
    m[1]["public_servant"] = json!(true);
    let r = household(m, json!({}), "2026-11-24", "2026-11-20");
    // The mother earns more and is a public servant: she claims at her employer.
    assert!(!ids(&r).contains(&"child_allowance"));
}

#[test]
fn single_parent_gets_the_single_parent_procedures() {
    let members = json!([
        { "id": "p1", "relationship": "head", "birth_date": "1995-03-03", "sex": "female",
          "insurance": "nhi", "income": 1500000, "public_servant": false, "receives": [] },
        { "id": "c1", "relationship": "child", "birth_date": "2026-11-20", "sex": "male" }
    ]);
    let r = household(members, json!({}), "2026-11-24", "2026-11-20");
    assert!(ids(&r).contains(&"child_rearing_allowance"));
    assert!(ids(&r).contains(&"single_parent_medical_subsidy"));
    assert!(ids(&r).contains(&"childbirth_lump_sum"));
}

#[test]
fn lump_sum_is_500000_from_april_2023_and_420000_before() {
    let after = household(
        nhi_family(Some("nhi")),
        json!({}),
        "2023-04-05",
        "2023-04-01",
    );
    let before = household(
        nhi_family(Some("nhi")),
        json!({}),
        "2023-04-05",
        "2023-03-31",
    );
    let amount = |r: &ScreeningResult| {
        r.procedures
            .iter()
            .find(|p| p.id == "childbirth_lump_sum")
            .unwrap()
            .benefit
            .as_ref()
            .unwrap()
            .amount
    };
    assert_eq!(amount(&after), 500_000);
    assert_eq!(amount(&before), 420_000);
}

#[test]
fn premium_exemption_starts_with_births_on_1_november_2023() {
    let on = household(
        nhi_family(Some("nhi")),
        json!({}),
        "2024-11-05",
        "2023-11-01",
    );
    let before = household(
        nhi_family(Some("nhi")),
        json!({}),
        "2024-11-05",
        "2023-10-31",
    );
    assert!(ids(&on).contains(&"nhi_perinatal_premium_exemption"));
    assert!(!ids(&before).contains(&"nhi_perinatal_premium_exemption"));
}

#[test]
fn child_allowance_amount_counts_a_third_child_at_30000() {
    let mut m = nhi_family(Some("nhi"));
    let arr = m.as_array_mut().unwrap();
    arr.push(
        json!({ "id": "c2", "relationship": "child", "birth_date": "2018-06-01", "sex": "male" }),
    );
    // 20 years old on the as_of day: not paid, but counted as the first child.
    arr.push(
        json!({ "id": "c3", "relationship": "child", "birth_date": "2006-06-01", "sex": "female" }),
    );
    let r = household(m, json!({}), "2026-11-24", "2026-11-20");
    let ca = r
        .procedures
        .iter()
        .find(|p| p.id == "child_allowance")
        .unwrap();
    // c2 (second, age 8): 10,000; c1 (third, baby): 30,000.
    assert_eq!(ca.benefit.as_ref().unwrap().amount, 40_000);
}

#[test]
fn a_birth_and_a_move_in_in_one_request_are_screened_together() {
    let req = json!({
        "as_of": "2026-11-24",
        "events": [
            { "type": "birth", "date": "2026-11-20", "person": "c1" },
            { "type": "move_in", "date": "2026-11-01" }
        ],
        "household": { "members": nhi_family(Some("nhi")) }, "answers": {}
    });
    let r = screen(&parse_request(&req.to_string()).unwrap()).unwrap();
    let ids = ids(&r);
    assert!(
        ids.contains(&"birth_registration") && ids.contains(&"move_in_notification"),
        "{ids:?}"
    );
}

/// Every reason, deadline note and question comes with its phrase: a text of the rule
/// set (so a language can translate it) whose placeholders are exactly its values.
#[test]
fn every_text_of_the_result_comes_as_a_phrase_a_language_can_translate() {
    use madoguchi_core::screening::Phrase;
    let known = madoguchi_core::rules::bundled().phrase_texts();
    let check = |p: &Phrase, said: &str| {
        assert!(
            known.contains(&p.text),
            "{:?} is not a text of the rules",
            p.text
        );
        let mut holes: Vec<&str> = p
            .text
            .split('{')
            .skip(1)
            .filter_map(|s| s.split_once('}').map(|(name, _)| name))
            .collect();
        holes.sort();
        holes.dedup();
        let args: Vec<&str> = p.args.keys().map(String::as_str).collect();
        assert_eq!(holes, args, "{said}: the phrase's values");
    };
    let single = json!([
        { "id": "p1", "relationship": "head", "birth_date": "1995-03-03", "sex": "female",
          "insurance": "nhi", "income": 9000000, "public_servant": false, "receives": [] },
        { "id": "c1", "relationship": "child", "birth_date": "2026-12-27", "sex": "male" }
    ]);
    // 12-27 + 14 days runs into no closed day; +15 (child allowance) is 2027-01-11, 成人の日.
    let results = [
        household(
            nhi_family(Some("nhi")),
            json!({}),
            "2026-11-24",
            "2026-11-20",
        ),
        household(nhi_family(None), json!({}), "2026-11-24", "2026-11-20"),
        household(single, json!({}), "2026-12-28", "2026-12-27"),
    ];
    let mut deadline_notes = 0;
    let mut not_applicable = 0;
    for r in &results {
        for p in &r.procedures {
            assert_eq!(p.reasons.len(), p.reason_phrases.len(), "{}", p.id);
            for (said, phrase) in p.reasons.iter().zip(&p.reason_phrases) {
                check(phrase, said);
            }
            assert_eq!(
                p.deadline_note.is_some(),
                p.deadline_phrase.is_some(),
                "{}",
                p.id
            );
            if let (Some(note), Some(phrase)) = (&p.deadline_note, &p.deadline_phrase) {
                check(phrase, note);
                deadline_notes += 1;
            }
        }
        for n in &r.not_applicable {
            assert_eq!(n.reasons.len(), n.reason_phrases.len(), "{}", n.id);
            for (said, phrase) in n.reasons.iter().zip(&n.reason_phrases) {
                check(phrase, said);
                not_applicable += 1;
            }
        }
        for q in &r.questions {
            check(q.phrase.as_ref().expect("a question's phrase"), &q.text);
        }
    }
    assert!(
        results[1].questions.len() == 1,
        "the unknown insurance is asked"
    );
    assert!(deadline_notes > 0, "a deadline note was seen");
    assert!(not_applicable > 0, "a ruled-out procedure was seen");
}
