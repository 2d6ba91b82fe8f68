//! The integration API as a business system calls it: its department's feed with a
//! key, acknowledgements, status updates that show in the queue's history, the outbox
//! rows written with each change, and every refusal (no key, a revoked key, another
//! department, a read-only key) answered with its code and audited.

use crate::common::{now, TestDb};
use crate::counter::submitted_visit;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use madoguchi_services::integration::keys;
use madoguchi_services::queue;
use madoguchi_types::error::AppError;
use madoguchi_types::model::integration::NewApiKey;
use serde_json::{json, Value};
use tower::ServiceExt;

pub(crate) async fn call_raw(
    t: &TestDb,
    req: Request<Body>,
) -> (StatusCode, axum::http::HeaderMap, axum::body::Bytes) {
    let app = server::http::app(t.state(), std::env::temp_dir().join("madoguchi-no-site"));
    let res = app.oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    (status, headers, bytes)
}

async fn call(t: &TestDb, req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, Value) {
    let (status, headers, bytes) = call_raw(t, req).await;
    (
        status,
        headers,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

pub(crate) fn get(uri: &str, key: &str) -> Request<Body> {
    Request::get(uri)
        .header(header::AUTHORIZATION, format!("Bearer {key}"))
        .body(Body::empty())
        .unwrap()
}

fn post(uri: &str, key: &str, body: Value) -> Request<Body> {
    Request::post(uri)
        .header(header::AUTHORIZATION, format!("Bearer {key}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap()
}

/// A new key of `department` made by the demo administrator.
pub(crate) async fn new_key(
    t: &TestDb,
    system: &str,
    department: &str,
    can_write: bool,
) -> (String, i32) {
    let admin = t.staff("admin").await;
    let input = NewApiKey {
        system: system.into(),
        department_id: department.into(),
        can_write,
    };
    let created = keys::create(&t.db, &admin, &input, now(), "test")
        .await
        .unwrap();
    assert!(created
        .key
        .starts_with(&format!("mdg_{}_", created.view.prefix)));
    (created.key, created.view.id)
}

pub(crate) async fn audited(t: &TestDb, action: &str, outcome: &str) -> i64 {
    let row = t
        .db
        .query_one_raw(sea_orm::Statement::from_string(
            t.backend(),
            format!(
                "SELECT COUNT(*) AS n FROM audit_log WHERE action = '{action}' AND outcome = '{outcome}'"
            ),
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

use sea_orm::ConnectionTrait;

const FEED: &str = "/api/v1/departments/kodomo/applications";

#[tokio::test]
async fn a_business_system_reads_its_feed_acknowledges_and_moves_a_status() {
    let t = TestDb::new().await.with_city(20).await;
    let receipt = submitted_visit(&t).await;
    let mine: Vec<i32> = receipt
        .applications
        .iter()
        .filter(|l| l.department_id == "kodomo")
        .map(|l| l.application_id)
        .collect();
    assert!(!mine.is_empty());
    // Each application of the visit was announced in the transaction that wrote it.
    assert_eq!(
        t.count("outbox_events").await,
        receipt.applications.len() as i64
    );
    let (key, _) = new_key(&t, "児童手当システム", "kodomo", true).await;

    let reads = audited(&t, "api_application_read", "ok").await;
    let (status, _, page) = call(&t, get(FEED, &key)).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let items = page["items"].as_array().unwrap();
    let ids: Vec<i64> = items.iter().map(|i| i["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, mine.iter().map(|i| i64::from(*i)).collect::<Vec<_>>());
    assert!(items.iter().all(|i| i["department_id"] == "kodomo"));
    let claim = items
        .iter()
        .find(|i| i["procedure_id"] == "child_allowance")
        .expect("the child allowance claim");
    assert_eq!(claim["status"], "received");
    assert_eq!(claim["channel"], "counter");
    assert_eq!(claim["visit_number"], receipt.visit_number.as_str());
    assert!(claim["fields"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["key"].as_str().is_some_and(|k| !k.is_empty()) && f["value"] != ""));
    assert_eq!(claim["history"][0]["status"], "received");
    assert_eq!(claim["history"][0]["by"], "staff");
    // Every application read is a read of a resident's data: audited, naming the key.
    assert_eq!(
        audited(&t, "api_application_read", "ok").await,
        reads + items.len() as i64
    );

    // Pages: one at a time, then on from the cursor.
    let (_, _, first) = call(&t, get(&format!("{FEED}?limit=1"), &key)).await;
    assert_eq!(first["items"].as_array().unwrap().len(), 1);
    if mine.len() > 1 {
        let cursor = first["next_cursor"].as_str().unwrap();
        let (_, _, second) = call(&t, get(&format!("{FEED}?limit=1&after={cursor}"), &key)).await;
        assert_eq!(second["items"][0]["id"], i64::from(mine[1]));
    } else {
        assert!(first["next_cursor"].is_null());
    }

    // Acknowledged applications leave this system's feed (twice changes nothing).
    let ack = json!({ "applications": mine });
    let url = "/api/v1/departments/kodomo/acknowledgements";
    let (status, _, body) = call(&t, post(url, &key, ack.clone())).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _, _) = call(&t, post(url, &key, ack)).await;
    assert_eq!(status, StatusCode::OK);
    let (_, _, page) = call(&t, get(FEED, &key)).await;
    assert_eq!(page["items"], json!([]));
    // Another system of the same department still sees them.
    let (other, _) = new_key(&t, "保育システム", "kodomo", false).await;
    let (_, _, page) = call(&t, get(FEED, &other)).await;
    assert_eq!(page["items"].as_array().unwrap().len(), mine.len());

    // A status update from the system: in the queue's history, named, and announced.
    let id = claim["id"].as_i64().unwrap();
    let status_url = format!("/api/v1/applications/{id}/status");
    let events = t.count("outbox_events").await;
    let (status, _, body) = call(
        &t,
        post(
            &status_url,
            &key,
            json!({"from": "received", "to": "in_review"}),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    assert_eq!(t.count("outbox_events").await, events + 1);
    let kodomo = t.staff("kodomo").await;
    let detail = queue::get(
        &t.db,
        &kodomo,
        madoguchi_core::rules::bundled(),
        id as i32,
        now(),
        "test",
    )
    .await
    .unwrap();
    assert_eq!(detail.summary.status, "in_review");
    assert_eq!(detail.history.last().unwrap().who, "児童手当システム");

    // Out of order, stale, or without the reason a return needs: refused with codes.
    let (status, _, body) = call(
        &t,
        post(
            &status_url,
            &key,
            json!({"from": "in_review", "to": "received"}),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["reason"]["kind"], "status_order");
    let (status, _, body) = call(
        &t,
        post(
            &status_url,
            &key,
            json!({"from": "received", "to": "in_review"}),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["reason"]["kind"], "changed_meanwhile");
    let (status, _, body) = call(
        &t,
        post(
            &status_url,
            &key,
            json!({"from": "in_review", "to": "returned"}),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"][0]["field"], "note");
    let (status, _, body) = call(
        &t,
        post(
            &status_url,
            &key,
            json!({"from": "in_review", "to": "done"}),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"][0]["field"], "to");
    let (status, _, body) = call(&t, post(&status_url, &key, json!("not an update"))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["code"], "transport");
    // Nothing of the refused changes was written.
    assert_eq!(t.count("outbox_events").await, events + 1);
}

#[tokio::test]
async fn keys_are_refused_with_401_and_403_and_every_refusal_is_audited() {
    let t = TestDb::new().await.with_city(20).await;
    let receipt = submitted_visit(&t).await;
    let hoken_app = receipt
        .applications
        .iter()
        .find(|l| l.department_id != "kodomo")
        .expect("an application of another department")
        .application_id;
    let (key, key_id) = new_key(&t, "児童手当システム", "kodomo", false).await;
    let denied = audited(&t, "api_denied", "unauthenticated").await;

    let (status, headers, body) = call(&t, Request::get(FEED).body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["code"], "unauthenticated");
    assert!(headers[header::WWW_AUTHENTICATE]
        .to_str()
        .unwrap()
        .starts_with("Bearer"));
    let (status, _, _) = call(&t, get(FEED, "mdg_00000000_guess")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        audited(&t, "api_denied", "unauthenticated").await,
        denied + 2
    );

    // Another department's feed: forbidden; its application: not found.
    let forbidden = audited(&t, "api_denied", "forbidden").await;
    let (status, _, body) = call(&t, get("/api/v1/departments/hoken/applications", &key)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["code"], "forbidden");
    let (status, _, _) = call(&t, get(&format!("/api/v1/applications/{hoken_app}"), &key)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(audited(&t, "api_application_read", "denied").await, 1);
    // A read-only key cannot write.
    let (status, _, _) = call(
        &t,
        post(
            &format!(
                "/api/v1/applications/{}/status",
                receipt.applications[0].application_id
            ),
            &key,
            json!({"from": "received", "to": "in_review"}),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(audited(&t, "api_denied", "forbidden").await, forbidden + 2);
    // Acknowledging another department's application acknowledges nothing.
    let mine = receipt
        .applications
        .iter()
        .find(|l| l.department_id == "kodomo")
        .unwrap()
        .application_id;
    let (status, _, _) = call(
        &t,
        post(
            "/api/v1/departments/kodomo/acknowledgements",
            &key,
            json!({"applications": [mine, hoken_app]}),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(t.count("application_acks").await, 0);
    let (status, _, body) = call(&t, get(&format!("{FEED}?limit=0"), &key)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"][0]["field"], "limit");

    // Revoked: refused at once.
    let admin = t.staff("admin").await;
    keys::revoke(&t.db, &admin, key_id, now(), "test")
        .await
        .unwrap();
    let (status, _, _) = call(&t, get(FEED, &key)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // Only an administrator with integration.manage makes or revokes keys.
    let kodomo = t.staff("kodomo").await;
    let input = NewApiKey {
        system: "x".into(),
        department_id: "kodomo".into(),
        can_write: true,
    };
    assert_eq!(
        keys::create(&t.db, &kodomo, &input, now(), "test")
            .await
            .unwrap_err(),
        AppError::Forbidden
    );
    let blank = NewApiKey {
        system: " ".into(),
        ..input.clone()
    };
    let err = keys::create(&t.db, &admin, &blank, now(), "test")
        .await
        .unwrap_err();
    assert!(matches!(err, AppError::InvalidInput { ref fields } if fields[0].field == "system"));
    assert_eq!(audited(&t, "api_key_create", "ok").await, 1);
    assert_eq!(audited(&t, "api_key_revoke", "ok").await, 1);
}

#[tokio::test]
async fn the_openapi_document_describes_the_api_from_the_code() {
    let t = TestDb::new().await;
    let (status, _, doc) = call(
        &t,
        Request::get("/api/v1/openapi.json")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        doc["openapi"].as_str().unwrap().starts_with("3.1"),
        "{}",
        doc["openapi"]
    );
    for path in [
        "/api/v1/screenings",
        "/api/v1/departments/{department}/applications",
        "/api/v1/departments/{department}/acknowledgements",
        "/api/v1/applications/{id}",
        "/api/v1/applications/{id}/status",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} is missing");
    }
    assert_eq!(
        doc["components"]["securitySchemes"]["api_key"]["scheme"],
        "bearer"
    );
    let schemas = &doc["components"]["schemas"];
    for name in [
        "ApplicationRecord",
        "FeedPage",
        "StatusUpdate",
        "Request",
        "ScreeningResult",
        "ApiError",
    ] {
        assert!(schemas[name].is_object(), "schema {name} is missing");
    }
}
