//! The public navigator over HTTP, as the phone calls it: no session, the same rules as
//! the counter, the city's departments for where to go, nothing stored, bad input
//! refused field by field.

use crate::common::TestDb;
use crate::web::Web;
use axum::http::StatusCode;
use serde_json::{json, Value};

fn birth(answers: Value) -> String {
    json!({ "sketch": {
        "events": [{ "kind": "birth", "date": "2026-11-20", "person": null }],
        "members": [
            { "id": "me", "kin": "me", "birth_date": "1992-07-10", "sex": "female", "moving": true },
            { "id": "partner1", "kin": "partner", "birth_date": "1990-05-01", "sex": "male", "moving": true }
        ],
        "head": null,
        "answers": answers
    }})
    .to_string()
}

fn ids(v: &Value) -> Vec<String> {
    v["procedures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["procedure"]["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_birth_is_guided_without_a_session_and_nothing_is_stored() {
    let t = TestDb::new().await.with_city(1).await;
    let web = Web::new(&t);
    let audit_before = t.count("audit_log").await;
    let visits_before = t.count("visits").await;

    let a = web.post("/api/public/guide", &birth(json!({})), None).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert!(ids(&a.body).contains(&"birth_registration".to_owned()));
    // What the city's data would have told is asked: the parents' insurance.
    let questions: Vec<&str> = a.body["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_str().unwrap())
        .collect();
    assert!(questions.contains(&"me.insurance"), "{questions:?}");

    // Each question answered (insurance: NHI, yes/no: no, an income: 0), round after
    // round, until none is left; every procedure says where it is handled.
    let mut answers = serde_json::Map::new();
    let mut a = a;
    for _ in 0..10 {
        let asked = a.body["questions"].as_array().unwrap().clone();
        if asked.is_empty() {
            break;
        }
        for q in asked {
            let value = match q["kind"].as_str().unwrap() {
                "boolean" => json!(false),
                "number" => json!(0),
                _ if q["options"].as_array().unwrap().contains(&json!("nhi")) => json!("nhi"),
                _ => q["options"][0].clone(),
            };
            answers.insert(q["id"].as_str().unwrap().to_owned(), value);
        }
        a = web
            .post(
                "/api/public/guide",
                &birth(Value::Object(answers.clone())),
                None,
            )
            .await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    }
    assert_eq!(a.body["questions"], json!([]), "every question answered");
    let listed = ids(&a.body);
    assert!(listed.contains(&"nhi_enrollment".to_owned()), "{listed:?}");
    let registration = a.body["procedures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["procedure"]["id"] == "birth_registration")
        .unwrap();
    assert_eq!(registration["department_name"], "市民課");
    assert!(registration["counter"]
        .as_str()
        .unwrap()
        .contains("1番窓口"));
    assert!(registration["phone"].is_string());
    // Only the procedures the city takes online say so.
    assert!(registration["procedure"].get("online").is_none());
    if let Some(allowance) = a.body["procedures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["procedure"]["id"] == "child_allowance")
    {
        assert_eq!(allowance["procedure"]["online"], true);
    }

    assert_eq!(t.count("audit_log").await, audit_before);
    assert_eq!(t.count("visits").await, visits_before);
}

#[tokio::test]
async fn impossible_dates_are_refused_by_field() {
    let t = TestDb::new().await;
    let web = Web::new(&t);
    let body = birth(json!({}))
        .replace("2026-11-20", "2026-12-20")
        .replace("1990-05-01", "2031-01-01");
    let a = web.post("/api/public/guide", &body, None).await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.body);
    assert_eq!(a.body["code"], "invalid_input");
    let fields: Vec<(&str, &str)> = a.body["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["field"].as_str().unwrap(), f["error"].as_str().unwrap()))
        .collect();
    assert_eq!(
        fields,
        vec![
            ("member-1-birth", "future_date"),
            ("event-0-date", "future_date")
        ]
    );

    // A sketch that is not one (an unknown kind of event) is a 400-class refusal too.
    let a = web
        .post(
            "/api/public/guide",
            &body.replace("\"birth\"", "\"wedding\""),
            None,
        )
        .await;
    assert!(a.status.is_client_error(), "{} {}", a.status, a.body);
}
