//! Through the router, as a browser or an outside system calls it.

use crate::common::TestDb;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

async fn call(
    t: &TestDb,
    req: Request<Body>,
) -> (StatusCode, axum::http::HeaderMap, serde_json::Value) {
    let app = server::http::app(t.state(), std::env::temp_dir().join("madoguchi-no-site"));
    let res = app.oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        headers,
        serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null),
    )
}

fn post(uri: &str) -> axum::http::request::Builder {
    Request::post(uri).header(header::CONTENT_TYPE, "application/json")
}

const REQUEST: &str = r#"{"as_of":"2026-11-24","events":[{"type":"birth","date":"2026-11-20","person":"c1"}],
 "household":{"members":[
  {"id":"p1","relationship":"head","birth_date":"1990-05-01","sex":"male","insurance":"nhi","income":2800000,"public_servant":false},
  {"id":"p2","relationship":"spouse","birth_date":"1992-07-10","sex":"female","income":0},
  {"id":"c1","relationship":"child","birth_date":"2026-11-20","sex":"female"}]},"answers":{}}"#;

#[tokio::test]
async fn the_screening_api_answers_the_contract_example() {
    let t = TestDb::new().await;
    let (status, headers, body) = call(
        &t,
        post("/api/v1/screenings")
            .body(Body::from(REQUEST))
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["contract"], "v1");
    let questions: Vec<&str> = body["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_str().unwrap())
        .collect();
    // The contract's example: the mother's insurance is unknown, so it is asked, not
    // assumed; no benefit listed for the father means he receives none, so child
    // allowance is claimed anew.
    assert_eq!(questions, ["p2.insurance"]);
    let ids: Vec<&str> = body["procedures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "birth_registration",
            "nhi_enrollment",
            "child_allowance",
            "child_medical_subsidy"
        ]
    );
    assert_eq!(headers[header::CACHE_CONTROL], "no-store");
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
}

#[tokio::test]
async fn the_screening_api_refuses_bad_input_with_422_and_a_path() {
    let t = TestDb::new().await;
    let bad = REQUEST.replace("\"1992-07-10\"", "\"1992-02-30\"");
    let (status, _, body) = call(
        &t,
        post("/api/v1/screenings").body(Body::from(bad)).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["code"], "invalid_date");
    assert_eq!(body["error"]["path"], "household.members[1].birth_date");
    let (status, _, body) = call(
        &t,
        post("/api/v1/screenings").body(Body::from("{")).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["code"], "invalid_json");
}

#[tokio::test]
async fn sign_in_over_http_sets_an_http_only_strict_cookie() {
    let t = TestDb::new().await.with_city(5).await;
    let body = r#"{"username":"counter","password":"madoguchi-counter"}"#;
    let (status, headers, me) = call(
        &t,
        post("/api/auth/sign_in").body(Body::from(body)).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{me}");
    assert_eq!(me["username"], "counter");
    let cookie = headers[header::SET_COOKIE].to_str().unwrap();
    assert!(
        cookie.starts_with("madoguchi_session=")
            && cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Strict")
    );
}

#[tokio::test]
async fn server_functions_refuse_cross_site_requests() {
    let t = TestDb::new().await.with_city(5).await;
    let body = r#"{"username":"counter","password":"madoguchi-counter"}"#;
    let req = post("/api/auth/sign_in")
        .header("sec-fetch-site", "cross-site")
        .body(Body::from(body))
        .unwrap();
    let (status, headers, _) = call(&t, req).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(headers.get(header::SET_COOKIE).is_none());
    let req = post("/api/auth/sign_in")
        .header(header::ORIGIN, "http://evil.example")
        .header(header::HOST, "127.0.0.1:3000")
        .body(Body::from(body))
        .unwrap();
    assert_eq!(call(&t, req).await.0, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_queue_needs_a_session() {
    let t = TestDb::new().await.with_city(5).await;
    let (status, _, body) = call(
        &t,
        post("/api/staff/list_applications")
            .body(Body::from("{}"))
            .unwrap(),
    )
    .await;
    assert!(!status.is_success());
    assert_eq!(body["code"], "unauthenticated");
}

#[tokio::test]
async fn explain_true_adds_the_trace_and_why_procedures_were_not_listed() {
    let t = TestDb::new().await;
    let (status, _, body) = call(
        &t,
        post("/api/v1/screenings?explain=true")
            .body(Body::from(REQUEST))
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let rules = body["trace"]["rules"].as_array().unwrap();
    let lump = rules
        .iter()
        .find(|r| r["rule"] == "birth.childbirth_lump_sum")
        .unwrap();
    assert_eq!(lump["outcome"], "question");
    assert_eq!(lump["conditions"][0]["result"], "unknown");
    assert_eq!(lump["conditions"][0]["questions"][0], "p2.insurance");
    let not_listed = body["trace"]["not_listed"].as_array().unwrap();
    let single = not_listed
        .iter()
        .find(|n| n["procedure"] == "child_rearing_allowance")
        .unwrap();
    assert!(single["why"][0]
        .as_str()
        .unwrap()
        .contains("no such member"));
    let (_, _, plain) = call(
        &t,
        post("/api/v1/screenings")
            .body(Body::from(REQUEST))
            .unwrap(),
    )
    .await;
    assert!(plain.get("trace").is_none());
}

async fn signed_in_cookie(t: &TestDb, user: &str, password: &str) -> String {
    let body = format!(r#"{{"username":"{user}","password":"{password}"}}"#);
    let (status, headers, _) =
        call(t, post("/api/auth/sign_in").body(Body::from(body)).unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    let cookie = headers[header::SET_COOKIE].to_str().unwrap();
    cookie.split(';').next().unwrap().to_owned()
}

async fn get_pdf(t: &TestDb, uri: &str, cookie: Option<&str>) -> (StatusCode, Vec<u8>) {
    let mut req = Request::get(uri);
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    let app = server::http::app(t.state(), std::env::temp_dir().join("madoguchi-no-site"));
    let res = app.oneshot(req.body(Body::empty()).unwrap()).await.unwrap();
    let status = res.status();
    if status == StatusCode::OK {
        assert_eq!(res.headers()[header::CONTENT_TYPE], "application/pdf");
    }
    (
        status,
        res.into_body().collect().await.unwrap().to_bytes().to_vec(),
    )
}

#[tokio::test]
async fn the_department_prints_its_application_and_the_counter_its_receipt() {
    let t = TestDb::new().await.with_city(20).await;
    let receipt = crate::counter::submitted_visit(&t).await;
    let kodomo = signed_in_cookie(&t, "kodomo", "madoguchi-kodomo").await;
    let hoken = signed_in_cookie(&t, "hoken", "madoguchi-hoken").await;
    let counter = signed_in_cookie(&t, "counter", "madoguchi-counter").await;
    let allowance = receipt
        .applications
        .iter()
        .find(|a| a.procedure_name == "児童手当 認定請求")
        .unwrap()
        .application_id;
    let uri = format!("/api/applications/{allowance}/form.pdf");
    let audits = t.count("audit_log").await;
    let (status, pdf) = get_pdf(&t, &uri, Some(&kodomo)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(t.count("audit_log").await > audits, "the print is audited");
    // Another department, no session, or the counter: no form.
    assert_eq!(
        get_pdf(&t, &uri, Some(&hoken)).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(get_pdf(&t, &uri, None).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(
        get_pdf(&t, &uri, Some(&counter)).await.0,
        StatusCode::FORBIDDEN
    );

    let uri = format!("/api/visits/{}/receipt.pdf", receipt.visit_number);
    let (status, pdf) = get_pdf(&t, &uri, Some(&counter)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(pdf.starts_with(b"%PDF-"));
    assert_eq!(
        get_pdf(&t, &uri, Some(&kodomo)).await.0,
        StatusCode::FORBIDDEN
    );
    let (status, _) = get_pdf(&t, "/api/visits/000000-XXXXXX/receipt.pdf", Some(&counter)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
