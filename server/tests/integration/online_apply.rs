//! Applying online: a signed-in resident runs the counter's visit for their own
//! household through the resident's functions — the household is the registry's, never
//! the browser's; only the procedures that can be done online are applied for; the
//! applications land in the departments' queues marked online; every step is audited
//! in the resident's name. Another resident, staff, or nobody finds nothing.

use crate::common::{now, TestDb};
use crate::counter::{baby, interview};
use crate::online::{last_audit, resident_cookie, taro};
use crate::web::Web;
use axum::http::StatusCode;
use madoguchi_services::audit::verify;
use madoguchi_services::entities::{application, application_event, visit};
use madoguchi_services::online::{accounts, Identity};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};

fn hanako() -> Identity {
    Identity {
        subject: "yamada-hanako".into(),
        name: Some("山田 花子".into()),
        birthdate: Some("1992-07-10".into()),
        address: Some("星ヶ丘県星ヶ丘市本町1-2-3".into()),
        gender: Some("female".into()),
        ..taro()
    }
}

/// A birth in the resident's household; the household number sent is not the
/// resident's, and is not used.
fn birth(visit_number: &str) -> Value {
    json!({
        "visit_number": visit_number,
        "household_number": "99999999",
        "applicant": "someone-else",
        "events": [{"kind": "birth", "date": "", "person": null}],
        "baby": baby(),
        "answers": {},
    })
}

async fn signed_in(web: &Web, t: &TestDb, who: Identity) -> String {
    let account = accounts::sign_in(&t.db, now(), "10.0.0.9", &who)
        .await
        .unwrap();
    resident_cookie(web, &account).await
}

#[tokio::test]
async fn a_signed_in_resident_applies_online_for_their_own_household() {
    let t = TestDb::new().await.with_city(10).await;
    let web = Web::new(&t);
    let cookie = signed_in(&web, &t, taro()).await;

    let started = web
        .post("/api/resident/start_application", "{}", Some(&cookie))
        .await;
    assert_eq!(started.status, StatusCode::OK, "{}", started.body);
    assert_eq!(started.body["household"]["household_number"], "20000001");
    assert!(started.body["draft"].is_null());
    let number = started.body["visit_number"].as_str().unwrap().to_owned();
    let a = last_audit(&t).await;
    assert_eq!(
        (a.action.as_str(), a.purpose.as_str(), a.staff_user_id),
        ("household_read", "online_application", None)
    );
    assert!(a.resident_account_id.is_some());

    let consent = web
        .post(
            "/api/resident/application_consent",
            &json!({"visit_number": number, "granted": true}).to_string(),
            Some(&cookie),
        )
        .await;
    assert_eq!(consent.status, StatusCode::OK, "{}", consent.body);

    let screened = web
        .post(
            "/api/resident/screen_application",
            &json!({"input": birth(&number)}).to_string(),
            Some(&cookie),
        )
        .await;
    assert_eq!(screened.status, StatusCode::OK, "{}", screened.body);
    let procedures = screened.body["procedures"].as_array().unwrap();
    let online: Vec<&str> = procedures
        .iter()
        .filter(|p| p["procedure"]["online"] == true)
        .map(|p| p["procedure"]["id"].as_str().unwrap())
        .collect();
    assert!(!online.is_empty() && online.len() < procedures.len());
    // The interview is of the online procedures only: the birth registration is done
    // at the counter, so nothing of it is asked here.
    let forms: Vec<&str> = screened.body["interview"]["plan"]["forms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert!(forms.iter().all(|f| online.contains(f)), "{forms:?}");
    assert!(!forms.contains(&"birth_registration"), "{forms:?}");

    // No signature online: the resident signed in with their card.
    let submitted = web
        .post(
            "/api/resident/submit_application",
            &json!({"input": {"visit": birth(&number), "answers": interview(), "signature_png": null}})
                .to_string(),
            Some(&cookie),
        )
        .await;
    assert_eq!(submitted.status, StatusCode::OK, "{}", submitted.body);
    let lines = submitted.body["applications"].as_array().unwrap();
    assert_eq!(lines.len(), online.len());

    let v = visit::Entity::find()
        .filter(visit::Column::VisitNumber.eq(&number))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (v.channel.as_str(), v.status.as_str(), v.staff_user_id),
        ("online", "submitted", None)
    );
    assert_eq!(v.resident_account_id, a.resident_account_id);
    let apps = application::Entity::find()
        .filter(application::Column::VisitId.eq(v.id))
        .all(&t.db)
        .await
        .unwrap();
    assert_eq!(apps.len(), online.len());
    assert!(apps
        .iter()
        .all(|x| online.contains(&x.procedure_id.as_str())));
    let events = application_event::Entity::find()
        .filter(application_event::Column::ApplicationId.is_in(apps.iter().map(|x| x.id)))
        .all(&t.db)
        .await
        .unwrap();
    assert!(events.iter().all(|e| e.staff_user_id.is_none()));
    let a = last_audit(&t).await;
    assert_eq!(
        (a.action.as_str(), a.purpose.as_str()),
        ("visit_submit", "online_application")
    );

    // The department's queue shows them, marked online.
    let staff = t.cookie("kodomo").await;
    let queue = web
        .post(
            "/api/staff/list_applications",
            r#"{"query":{}}"#,
            Some(&staff),
        )
        .await;
    assert_eq!(queue.status, StatusCode::OK, "{}", queue.body);
    let rows = queue.body["items"].as_array().unwrap();
    let mine: Vec<&Value> = rows
        .iter()
        .filter(|r| r["visit_number"] == number.as_str())
        .collect();
    assert!(!mine.is_empty(), "{}", queue.body);
    assert!(mine.iter().all(|r| r["channel"] == "online"), "{mine:?}");
    assert!(verify::walk(&t.db).await.unwrap().ok());
}

#[tokio::test]
async fn an_application_is_its_residents_alone_and_carries_on_where_it_was_left() {
    let t = TestDb::new().await.with_city(10).await;
    let web = Web::new(&t);
    let taro_cookie = signed_in(&web, &t, taro()).await;
    let started = web
        .post("/api/resident/start_application", "{}", Some(&taro_cookie))
        .await;
    let number = started.body["visit_number"].as_str().unwrap().to_owned();
    let draft =
        json!({"draft": {"visit_number": number, "step": "\"Event\"", "state": "{\"events\":[]}"}});
    let saved = web
        .post(
            "/api/resident/save_application",
            &draft.to_string(),
            Some(&taro_cookie),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);

    // Coming back: the same application, with its saved state.
    let again = web
        .post("/api/resident/start_application", "{}", Some(&taro_cookie))
        .await;
    assert_eq!(again.body["visit_number"], number.as_str());
    assert_eq!(again.body["draft"]["step"], "\"Event\"");

    // 山田 花子, of the same household, signed in on her own: not her application.
    let hanako_cookie = signed_in(&web, &t, hanako()).await;
    for (path, body) in [
        ("/api/resident/save_application", draft.to_string()),
        (
            "/api/resident/screen_application",
            json!({"input": birth(&number)}).to_string(),
        ),
        (
            "/api/resident/discard_application",
            json!({"visit_number": number}).to_string(),
        ),
    ] {
        let r = web.post(path, &body, Some(&hanako_cookie)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}: {}", r.body);
        assert_eq!(r.body["code"], "not_found");
    }
    let hers = web
        .post(
            "/api/resident/start_application",
            "{}",
            Some(&hanako_cookie),
        )
        .await;
    assert_ne!(hers.body["visit_number"], number.as_str());
    assert!(hers.body["draft"].is_null());

    // Staff, and nobody, are not residents; counter functions do not open it either.
    let staff = t.cookie("counter").await;
    let as_staff = web
        .post(
            "/api/resident/save_application",
            &draft.to_string(),
            Some(&staff),
        )
        .await;
    assert_eq!(as_staff.status, StatusCode::UNAUTHORIZED);
    let nobody = web
        .post("/api/resident/start_application", "{}", None)
        .await;
    assert_eq!(nobody.status, StatusCode::UNAUTHORIZED);
    let counter = web
        .post("/api/counter/save_draft", &draft.to_string(), Some(&staff))
        .await;
    assert_eq!(counter.status, StatusCode::NOT_FOUND, "{}", counter.body);

    // Someone the registry does not match has nothing to apply for online.
    let stranger = Identity {
        subject: "suzuki-ichiro".into(),
        name: Some("鈴木 一郎".into()),
        ..taro()
    };
    let stranger_cookie = signed_in(&web, &t, stranger).await;
    let refused = web
        .post(
            "/api/resident/start_application",
            "{}",
            Some(&stranger_cookie),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);

    // Thrown away: its state is gone, and the next start is a new application.
    let discarded = web
        .post(
            "/api/resident/discard_application",
            &json!({"visit_number": number}).to_string(),
            Some(&taro_cookie),
        )
        .await;
    assert_eq!(discarded.status, StatusCode::OK, "{}", discarded.body);
    let fresh = web
        .post("/api/resident/start_application", "{}", Some(&taro_cookie))
        .await;
    assert_ne!(fresh.body["visit_number"], number.as_str());
    assert!(fresh.body["draft"].is_null());
    assert!(verify::walk(&t.db).await.unwrap().ok());
}
