//! Fuzzing the screening contract with proptest (cargo-fuzz needs a nightly toolchain,
//! which these machines cannot fetch): arbitrary JSON, and valid requests with one part
//! replaced by arbitrary JSON, must parse to a request or to a coded error — never a
//! panic — and every request that parses must screen without panicking.

use madoguchi_core::screening::{parse_request, screen};
use proptest::prelude::*;
use serde_json::{json, Value};

fn valid() -> Value {
    json!({
        "as_of": "2026-11-24",
        "events": [{ "type": "birth", "date": "2026-11-20", "person": "c1" }],
        "household": { "members": [
            { "id": "p1", "relationship": "head", "birth_date": "1990-05-01", "sex": "male",
              "insurance": "nhi", "income": 2800000, "public_servant": false, "receives": [] },
            { "id": "p2", "relationship": "spouse", "birth_date": "1992-07-10", "sex": "female" },
            { "id": "c1", "relationship": "child", "birth_date": "2026-11-20", "sex": "female" }
        ]},
        "answers": { "p2.insurance": "nhi" }
    })
}

/// Any JSON value, a few levels deep, with strings that look like dates, ids and enums.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        "[0-9]{4}-[0-9]{2}-[0-9]{2}".prop_map(Value::String),
        // Extreme years: chrono parses them, the rules must not compute with them.
        "[+-][0-9]{5,6}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9])".prop_map(Value::String),
        prop_oneof![
            Just("birth"),
            Just("death"),
            Just("nhi"),
            Just("head"),
            Just("c1"),
            Just("p9"),
            Just("")
        ]
        .prop_map(|s| Value::String(s.into())),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,10}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// The paths inside a valid request that a mutation may replace.
const PATHS: &[&[&str]] = &[
    &["as_of"],
    &["events"],
    &["events", "0"],
    &["events", "0", "type"],
    &["events", "0", "date"],
    &["events", "0", "person"],
    &["household"],
    &["household", "members"],
    &["household", "members", "0"],
    &["household", "members", "0", "birth_date"],
    &["household", "members", "0", "income"],
    &["household", "members", "0", "receives"],
    &["household", "members", "1", "insurance"],
    &["household", "members", "2", "id"],
    &["answers"],
    &["answers", "p2.insurance"],
];

fn replace(target: &mut Value, path: &[&str], with: Value) {
    let mut at = target;
    for (i, key) in path.iter().enumerate() {
        let last = i + 1 == path.len();
        let next = match at {
            Value::Object(m) if last => {
                m.insert((*key).to_owned(), with);
                return;
            }
            Value::Array(a) if last => {
                if let Some(slot) = key.parse::<usize>().ok().and_then(|n| a.get_mut(n)) {
                    *slot = with;
                }
                return;
            }
            Value::Object(m) => m.get_mut(*key),
            Value::Array(a) => key.parse::<usize>().ok().and_then(|n| a.get_mut(n)),
            _ => None,
        };
        match next {
            Some(n) => at = n,
            None => return,
        }
    }
}

fn check(text: &str) {
    match parse_request(text) {
        Ok(request) => match screen(&request) {
            Ok(result) => assert_eq!(result.contract, "v1"),
            Err(e) => assert!(!e.code.is_empty()),
        },
        Err(e) => assert!(!e.code.is_empty() && !e.message.is_empty()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_json_never_panics(v in any_json()) {
        check(&v.to_string());
    }

    #[test]
    fn a_valid_request_with_one_part_replaced_never_panics(i in 0..PATHS.len(), with in any_json()) {
        let mut request = valid();
        replace(&mut request, PATHS[i], with);
        check(&request.to_string());
    }

    #[test]
    fn truncated_requests_are_invalid_json(cut in 1usize..200) {
        let text = valid().to_string();
        let cut = cut.min(text.len() - 1);
        if text.is_char_boundary(cut) {
            let e = parse_request(&text[..cut]).unwrap_err();
            prop_assert_eq!(e.code, "invalid_json");
        }
    }
}

#[test]
fn the_unmutated_request_screens() {
    check(&valid().to_string());
    assert!(parse_request(&valid().to_string()).is_ok());
}
