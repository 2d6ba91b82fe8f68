//! Pre-entries over HTTP, as the phone and the counter tablet call them: the form of
//! what the city cannot know, checked and sealed under a short code (nothing readable
//! at rest), taken once into a counter visit (audited), refused when used or expired.

use crate::api_v1::audited;
use crate::common::{now, today, TestDb};
use crate::web::Web;
use axum::http::StatusCode;
use chrono::Duration;
use madoguchi_services::entities::pre_entry;
use madoguchi_services::pre_entry::{PreEntryKey, PreEntrySettings};
use madoguchi_services::visits::Owner;
use madoguchi_services::{visits, Clock};
use sea_orm::EntityTrait;
use serde_json::{json, Value};

fn sketch() -> Value {
    json!({
        "events": [{ "kind": "birth", "date": "2026-11-20", "person": null }],
        "members": [
            { "id": "me", "kin": "me", "birth_date": "1992-07-10", "sex": "female", "moving": true },
            { "id": "partner1", "kin": "partner", "birth_date": "1990-05-01", "sex": "male", "moving": true }
        ],
        "head": null,
        "answers": {}
    })
}

fn request(phone: &str) -> String {
    json!({ "request": {
        "sketch": sketch(),
        "baby": {
            "family_name": "山田", "given_name": "花", "family_kana": "ヤマダ",
            "given_kana": "ハナ", "birth_date": "", "sex": "female"
        },
        "answers": {
            "applicant.phone": phone,
            "baby.birth_time": "10:30",
            "baby.birth_place": "星ヶ丘市民病院",
            "applicant.name": "ここには書けない",
        },
        "lang": "ja"
    }})
    .to_string()
}

fn asked(form: &Value) -> Vec<String> {
    form["interview"]["plan"]["topics"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| t["fields"].as_array().unwrap().clone())
        .map(|f| f.as_str().unwrap().to_owned())
        .collect()
}

/// Makes a pre-entry over HTTP as the phone does; returns the answer's body and code.
async fn make(web: &Web) -> (Value, String) {
    let made = web
        .post(
            "/api/public/create_pre_entry",
            &request("090-1234-5678"),
            None,
        )
        .await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    let code = made.body["code"].as_str().unwrap().to_owned();
    (made.body, code)
}

/// A new visit of the counter's staff member: its number and the session cookie.
async fn counter_visit(t: &TestDb) -> (String, String) {
    let counter = t.staff("counter").await;
    let number = visits::start(&t.db, Owner::Staff(&counter), Clock::Fixed(now()))
        .await
        .unwrap();
    (number, t.cookie("counter").await)
}

#[tokio::test]
async fn a_pre_entry_is_sealed_then_taken_once_into_a_counter_visit() {
    let t = TestDb::new().await.with_city(5).await;
    let web = Web::new(&t);

    // The form asks what the city cannot know, never what the registry holds.
    let form = web
        .post(
            "/api/public/pre_entry_form",
            &json!({ "sketch": sketch() }).to_string(),
            None,
        )
        .await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    assert_eq!(form.body["baby"], true);
    assert_eq!(form.body["days"], 14);
    let fields = asked(&form.body);
    assert!(fields.contains(&"applicant.phone".to_owned()), "{fields:?}");
    assert!(fields.contains(&"baby.birth_time".to_owned()), "{fields:?}");
    assert!(!fields.contains(&"applicant.name".to_owned()), "{fields:?}");
    assert!(!fields.contains(&"baby.name".to_owned()), "{fields:?}");
    // My Number is shown with the card at the counter, never kept in a pre-entry.
    assert!(
        !fields.contains(&"applicant.my_number".to_owned()),
        "{fields:?}"
    );

    // A wrong value: a field error, nothing stored.
    let bad = web
        .post("/api/public/create_pre_entry", &request("12"), None)
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert_eq!(bad.body["code"], "invalid_input");
    assert_eq!(bad.body["fields"][0]["field"], "applicant.phone");
    assert_eq!(t.count("pre_entries").await, 0);

    let (made, code) = make(&web).await;
    assert_eq!(code.len(), 8);
    assert_eq!(
        made["valid_until"],
        (today() + Duration::days(14)).to_string()
    );
    assert!(made["qr"].as_array().unwrap().len() >= 21);
    assert_eq!(audited(&t, "pre_entry_create", "ok").await, 1);

    // At rest: neither what was typed nor the code can be read.
    let rows = pre_entry::Entity::find().all(&t.db).await.unwrap();
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_ne!(row.id, code);
    let sealed = String::from_utf8_lossy(&row.sealed);
    for plain in ["山田", "ヤマダ", "090", "10:30", "病院", &code] {
        assert!(!sealed.contains(plain), "{plain} readable at rest");
    }

    // The counter takes it into a visit: typed in small letters with a hyphen.
    let (number, cookie) = counter_visit(&t).await;
    let typed = format!("{}-{}", &code[..4], &code[4..]).to_lowercase();
    let body = json!({ "visit_number": number, "code": typed }).to_string();
    let taken = web
        .post("/api/counter/take_pre_entry", &body, Some(&cookie))
        .await;
    assert_eq!(taken.status, StatusCode::OK, "{}", taken.body);
    assert_eq!(taken.body["events"][0]["kind"], "birth");
    assert_eq!(taken.body["events"][0]["date"], "2026-11-20");
    assert_eq!(taken.body["baby"]["given_name"], "花");
    assert_eq!(taken.body["baby"]["birth_date"], "2026-11-20");
    assert_eq!(taken.body["answers"]["applicant.phone"], "090-1234-5678");
    assert_eq!(taken.body["answers"]["baby.birth_place"], "星ヶ丘市民病院");
    // Only the form's own fields are kept.
    assert!(taken.body["answers"].get("applicant.name").is_none());
    assert_eq!(t.count("pre_entries").await, 0, "deleted once taken");
    assert_eq!(audited(&t, "pre_entry_take", "taken").await, 1);

    // Used: not found, and audited as such.
    let again = web
        .post("/api/counter/take_pre_entry", &body, Some(&cookie))
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND, "{}", again.body);
    assert_eq!(again.body["code"], "not_found");
    assert_eq!(audited(&t, "pre_entry_take", "not_found").await, 1);

    // A code that cannot be one: a field error before any lookup.
    let typo = json!({ "visit_number": number, "code": "K7M3-Q9P0" }).to_string();
    let typo = web
        .post("/api/counter/take_pre_entry", &typo, Some(&cookie))
        .await;
    assert_eq!(
        typo.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        typo.body
    );
    assert_eq!(typo.body["fields"][0]["error"], "invalid_short_code");

    // Without a counter session: refused before anything is read.
    let anonymous = web.post("/api/counter/take_pre_entry", &body, None).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn an_expired_pre_entry_is_refused_and_deleted() {
    let t = TestDb::new().await.with_city(5).await;
    // Made four days ago by a city that keeps pre-entries three days: valid through
    // 24 November (Japan time), so expired today.
    let mut then = t.state();
    then.clock = Clock::Fixed(now() - Duration::days(4));
    then.pre_entry = std::sync::Arc::new(PreEntrySettings {
        key: PreEntryKey::from_bytes([42; 32]),
        days: 3,
    });
    let (made, code) = make(&Web::with(then)).await;
    assert_eq!(made["valid_until"], "2026-11-24");
    assert_eq!(t.count("pre_entries").await, 1);

    let web = Web::new(&t);
    let (number, cookie) = counter_visit(&t).await;
    let body = json!({ "visit_number": number, "code": code }).to_string();
    let taken = web
        .post("/api/counter/take_pre_entry", &body, Some(&cookie))
        .await;
    assert_eq!(taken.status, StatusCode::NOT_FOUND, "{}", taken.body);
    assert_eq!(t.count("pre_entries").await, 0, "purged once expired");
}
