//! "My applications": a resident follows what they sent online as the department moves
//! it, reads the reason of a 差戻し, corrects what they typed (checked as the interview
//! checks it; what the city's records hold cannot be corrected) and sends it back into
//! the department's queue. Another resident finds nothing of it; every read and the
//! resubmission are audited in the resident's name.

use crate::attachments::{birth, birth_application, png, upload_to};
use crate::common::{now, TestDb};
use crate::counter::interview;
use crate::online::{last_audit, resident_cookie, taro};
use crate::web::{Answer, Web};
use axum::http::StatusCode;
use madoguchi_services::audit::verify;
use madoguchi_services::entities::{application, application_event, attachment, resident_account};
use madoguchi_services::online::{accounts, Identity};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{json, Value};

const REASON: &str = "口座番号を確認できませんでした。通帳のとおりに入力してください。";

fn resubmission(id: i64, keys: &[&str], answers: Value, message: &str) -> String {
    json!({"input": {"application_id": id, "keys": keys, "answers": answers, "message": message}})
        .to_string()
}

/// 太郎's online birth application, sent; the child allowance's id.
pub async fn sent(web: &Web, t: &TestDb) -> (String, i64) {
    let (cookie, number, _) = birth_application(web, t).await;
    let submitted = web
        .post(
            "/api/resident/submit_application",
            &json!({"input": {"visit": birth(&number), "answers": interview(), "signature_png": null}})
                .to_string(),
            Some(&cookie),
        )
        .await;
    assert_eq!(submitted.status, StatusCode::OK, "{}", submitted.body);
    let id = submitted.body["applications"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["procedure_id"] == "child_allowance")
        .expect("the child allowance is applied for online")["application_id"]
        .as_i64()
        .unwrap();
    (cookie, id)
}

/// 山田 花子, 太郎's wife, signed in with her own account: her cookie and account.
async fn hanako(web: &Web, t: &TestDb) -> (String, resident_account::Model) {
    let hanako = Identity {
        subject: "yamada-hanako".into(),
        name: Some("山田 花子".into()),
        birthdate: Some("1992-07-10".into()),
        gender: Some("female".into()),
        ..taro()
    };
    let account = accounts::sign_in(&t.db, now(), "10.0.0.9", &hanako)
        .await
        .unwrap();
    (resident_cookie(web, &account).await, account)
}

/// The department returns application `id` (差戻し) with `REASON`.
async fn returned(web: &Web, t: &TestDb, id: i64) {
    let staff = t.cookie("kodomo").await;
    let r = web
        .post(
            "/api/staff/change_status",
            &json!({"id": id, "from": "received", "to": "returned", "note": REASON}).to_string(),
            Some(&staff),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

/// The resident opens application `id` to correct it.
async fn open(web: &Web, cookie: &str, id: i64) -> Answer {
    web.post(
        "/api/resident/application_correction",
        &json!({"id": id}).to_string(),
        Some(cookie),
    )
    .await
}

/// The resident sends application `id` back (`body`: a `resubmission`).
async fn resubmit(web: &Web, cookie: &str, body: &str) -> Answer {
    web.post("/api/resident/resubmit_application", body, Some(cookie))
        .await
}

/// The newest entry of application `id`'s history.
async fn last_event(t: &TestDb, id: i64) -> application_event::Model {
    application_event::Entity::find()
        .filter(application_event::Column::ApplicationId.eq(id as i32))
        .order_by_desc(application_event::Column::Id)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap()
}

fn find(list: &Value, id: i64) -> &Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == id)
        .expect("listed")
}

#[tokio::test]
async fn a_resident_follows_corrects_and_resubmits_a_returned_application() {
    let t = TestDb::new().await.with_city(10).await;
    let web = Web::new(&t);
    let (cookie, id) = sent(&web, &t).await;

    let mine = web
        .post("/api/resident/my_applications", "{}", Some(&cookie))
        .await;
    assert_eq!(mine.status, StatusCode::OK, "{}", mine.body);
    let it = find(&mine.body, id);
    assert_eq!(it["status"], "received");
    assert!(it["reason"].is_null());
    assert_eq!(it["department_id"], "kodomo");
    assert_eq!(last_audit(&t).await.action, "my_applications");

    // The receipt of what was sent, for the resident who sent it.
    let receipt = format!(
        "/api/resident/visits/{}/receipt.pdf?lang=en",
        it["visit_number"].as_str().unwrap()
    );
    let pdf = web.get(&receipt, Some(&cookie)).await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert_eq!(pdf.headers["content-type"], "application/pdf");
    let a = last_audit(&t).await;
    assert_eq!(
        (a.action.as_str(), a.purpose.as_str()),
        ("receipt_print", "online_application")
    );
    assert_eq!(
        web.get(&receipt, None).await.status,
        StatusCode::UNAUTHORIZED
    );

    // Only a returned application is corrected.
    let early = open(&web, &cookie, id).await;
    assert_eq!(early.status, StatusCode::CONFLICT, "{}", early.body);

    // The department returns it, saying why.
    returned(&web, &t, id).await;
    let mine = web
        .post("/api/resident/my_applications", "{}", Some(&cookie))
        .await;
    let it = find(&mine.body, id);
    assert_eq!(
        (it["status"].as_str(), it["reason"].as_str()),
        (Some("returned"), Some(REASON))
    );

    // The form as sent: what the resident typed can be corrected, the city's records
    // cannot, and the My Number is never shown back in full.
    let opened = open(&web, &cookie, id).await;
    assert_eq!(opened.status, StatusCode::OK, "{}", opened.body);
    assert_eq!(opened.body["application"]["reason"], REASON);
    let rows = opened.body["rows"].as_array().unwrap();
    let row = |key: &str| rows.iter().find(|r| r["key"] == key).cloned();
    assert_eq!(row("bank.account").unwrap()["correctable"], true);
    assert_eq!(row("applicant.name").unwrap()["correctable"], false);
    if let Some(my_number) = row("applicant.my_number") {
        assert!(!my_number["value"]
            .as_str()
            .unwrap()
            .contains("123456789018"));
    }
    assert!(!opened.body.to_string().contains("1234 5678 9018"));
    let a = last_audit(&t).await;
    assert_eq!(
        (a.action.as_str(), a.outcome.as_str()),
        ("application_read", "ok")
    );

    // Bad input changes nothing: a wrong value, a record of the city's, or nothing.
    let mut bank = json!({
        "bank.account/bank_code": "0001",
        "bank.account/branch_code": "123",
        "bank.account/account_type": "ordinary",
        "bank.account/number": "7654321",
        "bank.account/holder": "山田",
    });
    let wrong = resubmit(
        &web,
        &cookie,
        &resubmission(id, &["bank.account"], bank.clone(), ""),
    )
    .await;
    assert_eq!(
        wrong.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        wrong.body
    );
    assert_eq!(wrong.body["fields"][0]["field"], "bank.account/holder");
    let records = resubmit(
        &web,
        &cookie,
        &resubmission(
            id,
            &["applicant.name"],
            json!({"applicant.name": "別人 一郎"}),
            "",
        ),
    )
    .await;
    assert_eq!(records.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(records.body["fields"][0]["field"], "applicant.name");
    let nothing = resubmit(&web, &cookie, &resubmission(id, &[], json!({}), "  ")).await;
    assert_eq!(nothing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(nothing.body["fields"][0]["field"], "message");
    let app = application::Entity::find_by_id(id as i32)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(app.status, "returned");
    assert!(!app.data.contains("7654321"));

    // Corrected: back in the queue as received, the form's value replaced, the
    // resident's note and the corrected item in its history.
    bank["bank.account/holder"] = json!("ヤマダ タロウ");
    let ok = resubmit(
        &web,
        &cookie,
        &resubmission(id, &["bank.account"], bank.clone(), "口座番号を直しました"),
    )
    .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert_eq!(ok.body["status"], "received");
    let app = application::Entity::find_by_id(id as i32)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(app.status, "received");
    assert!(app.data.contains("7654321"), "{}", app.data);
    let last = last_event(&t, id).await;
    assert_eq!(
        (last.kind.as_str(), last.status.as_str()),
        ("resubmitted", "received")
    );
    assert!(last.note.contains("口座番号を直しました"), "{}", last.note);
    assert_eq!(last.staff_user_id, None);
    let a = last_audit(&t).await;
    assert_eq!(
        (a.action.as_str(), a.purpose.as_str(), a.staff_user_id),
        ("application_resubmit", "online_application", None)
    );
    assert!(a.resident_account_id.is_some());

    // Once only: it is no longer returned.
    let again = resubmit(
        &web,
        &cookie,
        &resubmission(id, &["bank.account"], bank, ""),
    )
    .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);

    // The department sees the resubmission in its history.
    let staff = t.cookie("kodomo").await;
    let detail = web
        .post(
            "/api/staff/get_application",
            &json!({"id": id}).to_string(),
            Some(&staff),
        )
        .await;
    assert_eq!(detail.status, StatusCode::OK, "{}", detail.body);
    let history = detail.body["history"].as_array().unwrap();
    assert_eq!(history.last().unwrap()["kind"], "resubmitted");
    assert!(verify::walk(&t.db).await.unwrap().ok());
}

#[tokio::test]
async fn another_resident_finds_nothing_of_it() {
    let t = TestDb::new().await.with_city(10).await;
    let web = Web::new(&t);
    let (_, id) = sent(&web, &t).await;
    let number = application::Entity::find_by_id(id as i32)
        .one(&t.db)
        .await
        .unwrap()
        .map(|a| a.visit_id)
        .unwrap();
    let number = madoguchi_services::entities::visit::Entity::find_by_id(number)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap()
        .visit_number;
    let (her, account) = hanako(&web, &t).await;
    let mine = web
        .post("/api/resident/my_applications", "{}", Some(&her))
        .await;
    assert_eq!(mine.status, StatusCode::OK, "{}", mine.body);
    assert_eq!(mine.body, json!([]));
    for (path, body) in [
        (
            "/api/resident/application_correction",
            json!({"id": id}).to_string(),
        ),
        (
            "/api/resident/resubmit_application",
            resubmission(id, &[], json!({}), "x"),
        ),
    ] {
        let r = web.post(path, &body, Some(&her)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}: {}", r.body);
        let a = last_audit(&t).await;
        assert_eq!(a.outcome, "denied", "{path}");
        assert_eq!(a.resident_account_id, Some(account.id));
    }
    let receipt = format!("/api/resident/visits/{number}/receipt.pdf");
    assert_eq!(
        web.get(&receipt, Some(&her)).await.status,
        StatusCode::NOT_FOUND
    );
    // Nobody signed in: not a resident.
    let nobody = web.post("/api/resident/my_applications", "{}", None).await;
    assert_eq!(nobody.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_returned_application_takes_new_files_sent_back_with_it() {
    let t = TestDb::new().await.with_city(10).await;
    let web = Web::new(&t);
    let (cookie, id) = sent(&web, &t).await;
    let to = |document: &str| {
        format!(
            "application={id}&document={}",
            crate::attachments::encode(document)
        )
    };

    // Not returned: nothing is added to what the department is working on.
    let opened_early = open(&web, &cookie, id).await;
    assert_eq!(opened_early.status, StatusCode::CONFLICT);
    let early = upload_to(&web, Some(&cookie), &to("x"), "image/png", png()).await;
    assert_eq!(early.status, StatusCode::CONFLICT, "{}", early.body);

    returned(&web, &t, id).await;
    let opened = open(&web, &cookie, id).await;
    assert_eq!(opened.status, StatusCode::OK, "{}", opened.body);
    let document = opened.body["documents"][0]
        .as_str()
        .expect("the child allowance asks for a document")
        .to_owned();
    assert_eq!(opened.body["attachments"], json!([]));
    assert_eq!(opened.body["added"], json!([]));

    // Checked as at the first sending: a false PDF, a document not asked for.
    let fake = upload_to(
        &web,
        Some(&cookie),
        &to(&document),
        "application/pdf",
        b"%PDF-no".to_vec(),
    )
    .await;
    assert_eq!(fake.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fake.body["fields"][0]["error"], "file_type");
    let other = upload_to(&web, Some(&cookie), &to("何かの書類"), "image/png", png()).await;
    assert_eq!(other.body["fields"][0]["error"], "invalid_choice");
    // Someone else's application: not found, audited as denied.
    let (her, her_account) = hanako(&web, &t).await;
    let foreign = upload_to(&web, Some(&her), &to(&document), "image/png", png()).await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND, "{}", foreign.body);
    let a = last_audit(&t).await;
    assert_eq!(
        (a.action.as_str(), a.outcome.as_str(), a.resident_account_id),
        ("attachment_add", "denied", Some(her_account.id))
    );
    // Neither a visit nor an application: told what is missing.
    let neither = upload_to(&web, Some(&cookie), "document=x", "image/png", png()).await;
    assert_eq!(neither.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(t.count("attachments").await, 0);

    // Two photos added, one taken off again; the other waits for the resubmission.
    let kept = upload_to(&web, Some(&cookie), &to(&document), "image/png", png()).await;
    assert_eq!(kept.status, StatusCode::OK, "{}", kept.body);
    let a = last_audit(&t).await;
    assert_eq!(
        (a.action.as_str(), a.target.as_str()),
        ("attachment_add", format!("application:{id}").as_str())
    );
    let extra = upload_to(&web, Some(&cookie), &to(&document), "image/png", png()).await;
    let remove = |who: &str, file: &Value| {
        let body = json!({"application_id": id, "id": file["id"]}).to_string();
        let who = who.to_owned();
        let web = &web;
        async move {
            web.post(
                "/api/resident/remove_returned_attachment",
                &body,
                Some(&who),
            )
            .await
        }
    };
    assert_eq!(
        remove(&her, &extra.body).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(remove(&cookie, &extra.body).await.status, StatusCode::OK);
    assert_eq!(
        remove(&cookie, &extra.body).await.status,
        StatusCode::NOT_FOUND
    );
    let reopened = open(&web, &cookie, id).await;
    let added = reopened.body["added"].as_array().unwrap();
    assert_eq!(added.len(), 1);
    assert_eq!(added[0]["id"], kept.body["id"]);
    let staff = t.cookie("kodomo").await;
    let file = format!("/api/applications/{id}/attachments/{}", kept.body["id"]);
    assert_eq!(
        web.get(&file, Some(&staff)).await.status,
        StatusCode::NOT_FOUND,
        "not the department's before it is sent back"
    );

    // Sent back with the new photo only: no field corrected, no message.
    let ok = resubmit(&web, &cookie, &resubmission(id, &[], json!({}), "")).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert_eq!(ok.body["status"], "received");
    let files = attachment::Entity::find()
        .filter(attachment::Column::ApplicationId.eq(id as i32))
        .all(&t.db)
        .await
        .unwrap();
    assert_eq!(files.len(), 1);
    let last = last_event(&t, id).await;
    assert_eq!(last.kind, "resubmitted");
    assert!(
        last.note.contains("追加した書類: 通帳.png"),
        "{}",
        last.note
    );
    let read = web.get(&file, Some(&staff)).await;
    assert_eq!(read.status, StatusCode::OK);
    assert_eq!(read.headers["content-type"], "image/png");

    // Received again: no more files until it is returned once more.
    let late = upload_to(&web, Some(&cookie), &to(&document), "image/png", png()).await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert!(verify::walk(&t.db).await.unwrap().ok());
}
