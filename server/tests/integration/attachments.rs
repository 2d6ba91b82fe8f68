//! Attachments of an online application: sent as the request's body, checked by their
//! content (a PDF that is not one, a file over the limit: refused with the field's
//! error, the reason audited), kept with their SHA-256, handed to the application of
//! their procedure at submission, and read back by that department's staff only — as
//! a download of the checked type, never something the browser runs.

use crate::common::{now, TestDb};
use crate::counter::{baby, interview};
use crate::online::{last_audit, resident_cookie, taro};
use crate::web::{Answer, Web};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use madoguchi_services::entities::application;
use madoguchi_services::online::accounts;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};
use tower::ServiceExt;

/// A small PNG that is whole: signature, header chunk, end chunk.
pub fn png() -> Vec<u8> {
    let mut b = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    b.extend_from_slice(b"IHDR");
    b.extend_from_slice(&[0u8; 21]);
    b.extend_from_slice(b"IEND");
    b.extend_from_slice(&[0xAE, 0x42, 0x60, 0x82]);
    b
}

pub fn birth(visit_number: &str) -> Value {
    json!({
        "visit_number": visit_number,
        "household_number": "",
        "applicant": null,
        "events": [{"kind": "birth", "date": "", "person": null}],
        "baby": baby(),
        "answers": {},
    })
}

pub fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

async fn upload(
    web: &Web,
    cookie: Option<&str>,
    query: (&str, &str, &str),
    claimed: &str,
    bytes: Vec<u8>,
) -> Answer {
    let (visit, procedure, document) = query;
    let q = format!(
        "visit={}&procedure={}&document={}",
        encode(visit),
        encode(procedure),
        encode(document)
    );
    upload_to(web, cookie, &q, claimed, bytes).await
}

/// Sends `bytes` as a file named `../通帳.png` with the query `q` (where it goes).
pub async fn upload_to(
    web: &Web,
    cookie: Option<&str>,
    q: &str,
    claimed: &str,
    bytes: Vec<u8>,
) -> Answer {
    let mut req = Request::post(format!(
        "/api/resident/attachments?{q}&name={}",
        encode("../通帳.png")
    ))
    .header(header::CONTENT_TYPE, claimed)
    .header("sec-fetch-site", "same-origin");
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    web.send(req.body(Body::from(bytes)).unwrap()).await
}

/// 山田 太郎 signed in, his application for the birth consented and screened: his
/// cookie, the visit's number and the first document the child allowance asks for.
pub async fn birth_application(web: &Web, t: &TestDb) -> (String, String, String) {
    let account = accounts::sign_in(&t.db, now(), "10.0.0.9", &taro())
        .await
        .unwrap();
    let cookie = resident_cookie(web, &account).await;
    let started = web
        .post("/api/resident/start_application", "{}", Some(&cookie))
        .await;
    let number = started.body["visit_number"].as_str().unwrap().to_owned();
    web.post(
        "/api/resident/application_consent",
        &json!({"visit_number": number, "granted": true}).to_string(),
        Some(&cookie),
    )
    .await;
    let screened = web
        .post(
            "/api/resident/screen_application",
            &json!({"input": birth(&number)}).to_string(),
            Some(&cookie),
        )
        .await;
    assert_eq!(screened.status, StatusCode::OK, "{}", screened.body);
    let document = screened.body["procedures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["procedure"]["id"] == "child_allowance")
        .expect("the child allowance is listed")["procedure"]["documents"][0]
        .as_str()
        .unwrap()
        .to_owned();
    (cookie, number, document)
}

#[tokio::test]
async fn a_document_is_checked_kept_with_its_hash_and_read_by_its_department_only() {
    let t = TestDb::new().await.with_city(10).await;
    let web = Web::new(&t);
    let (cookie, number, document) = birth_application(&web, &t).await;
    let q = (number.as_str(), "child_allowance", document.as_str());

    // A photo of the bank book: kept, named without its path, with its hash.
    let ok = upload(&web, Some(&cookie), q, "image/png", png()).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert_eq!(ok.body["kind"], "png");
    assert_eq!(ok.body["name"], "通帳.png");
    assert_eq!(
        ok.body["sha256"],
        madoguchi_core::attachment::digest(&png()).as_str()
    );

    // Refused, each with the field's error and nothing kept; the reason is audited.
    let fake_pdf = upload(
        &web,
        Some(&cookie),
        q,
        "application/pdf",
        b"<script>".to_vec(),
    )
    .await;
    assert_eq!(fake_pdf.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fake_pdf.body["code"], "invalid_input");
    assert_eq!(fake_pdf.body["fields"][0]["field"], "attachment");
    assert_eq!(fake_pdf.body["fields"][0]["error"], "file_type");
    assert_eq!(last_audit(&t).await.outcome, "mismatch");
    let mut big = png();
    big.resize(madoguchi_core::attachment::DEFAULT_MAX_BYTES + 1, 0);
    let too_large = upload(&web, Some(&cookie), q, "image/png", big).await;
    assert_eq!(too_large.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(too_large.body["fields"][0]["error"], "file_too_large");
    let elsewhere = upload(
        &web,
        Some(&cookie),
        (number.as_str(), "child_allowance", "何かの書類"),
        "image/png",
        png(),
    )
    .await;
    assert_eq!(elsewhere.body["fields"][0]["error"], "invalid_choice");
    let counter_only = upload(
        &web,
        Some(&cookie),
        (number.as_str(), "birth_registration", &document),
        "image/png",
        png(),
    )
    .await;
    assert_eq!(counter_only.status, StatusCode::NOT_FOUND);
    let nobody = upload(&web, None, q, "image/png", png()).await;
    assert_eq!(nobody.status, StatusCode::UNAUTHORIZED);
    let staff = t.cookie("counter").await;
    let as_staff = upload(&web, Some(&staff), q, "image/png", png()).await;
    assert_eq!(as_staff.status, StatusCode::UNAUTHORIZED);
    assert_eq!(t.count("attachments").await, 1);

    let listed = web
        .post(
            "/api/resident/application_attachments",
            &json!({"visit_number": number}).to_string(),
            Some(&cookie),
        )
        .await;
    assert_eq!(listed.body.as_array().unwrap().len(), 1);

    // Submitted: the file goes with the child allowance's application.
    let submitted = web
        .post(
            "/api/resident/submit_application",
            &json!({"input": {"visit": birth(&number), "answers": interview(), "signature_png": null}})
                .to_string(),
            Some(&cookie),
        )
        .await;
    assert_eq!(submitted.status, StatusCode::OK, "{}", submitted.body);
    let app = application::Entity::find()
        .filter(application::Column::ProcedureId.eq("child_allowance"))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    let id = ok.body["id"].as_i64().unwrap();
    let path = format!("/api/applications/{}/attachments/{id}", app.id);

    let kodomo = t.cookie("kodomo").await;
    let detail = web
        .post(
            "/api/staff/get_application",
            &json!({"id": app.id}).to_string(),
            Some(&kodomo),
        )
        .await;
    assert_eq!(detail.body["attachments"][0]["name"], "通帳.png");
    let res = web
        .router()
        .oneshot(
            Request::get(&path)
                .header("sec-fetch-site", "same-origin")
                .header(header::COOKIE, &kodomo)
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let h = res.headers().clone();
    assert_eq!(h[header::CONTENT_TYPE], "image/png");
    assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    let disposition = h[header::CONTENT_DISPOSITION].to_str().unwrap();
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    assert!(h[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .contains("sandbox"));
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    assert_eq!(bytes.as_ref(), png().as_slice());
    let a = last_audit(&t).await;
    assert_eq!(
        (a.action.as_str(), a.outcome.as_str()),
        ("attachment_read", "ok")
    );

    // Another department's staff find nothing; nor does the resident by this route.
    let hoken = t.cookie("hoken").await;
    assert_eq!(
        web.get(&path, Some(&hoken)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(last_audit(&t).await.outcome, "not_found");
    assert_eq!(
        web.get(&path, Some(&cookie)).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn throwing_an_application_away_deletes_its_files() {
    let t = TestDb::new().await.with_city(10).await;
    let web = Web::new(&t);
    let (cookie, number, document) = birth_application(&web, &t).await;
    let q = (number.as_str(), "child_allowance", document.as_str());
    let first = upload(&web, Some(&cookie), q, "image/png", png()).await;
    upload(&web, Some(&cookie), q, "", png()).await;
    assert_eq!(t.count("attachments").await, 2);
    let removed = web
        .post(
            "/api/resident/remove_attachment",
            &json!({"visit_number": number, "id": first.body["id"]}).to_string(),
            Some(&cookie),
        )
        .await;
    assert_eq!(removed.status, StatusCode::OK, "{}", removed.body);
    assert_eq!(t.count("attachments").await, 1);
    web.post(
        "/api/resident/discard_application",
        &json!({"visit_number": number}).to_string(),
        Some(&cookie),
    )
    .await;
    assert_eq!(t.count("attachments").await, 0);
}
