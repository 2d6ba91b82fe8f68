//! Files for business systems without an API: a procedure's applications as CSV (UTF-8
//! or CP932) or JSON, by key over HTTP and by `madoguchi export`, each row audited.

use crate::api_v1::{audited, call_raw, get, new_key};
use crate::common::{madoguchi_on, TestDb};
use crate::counter::submitted_visit;
use axum::http::StatusCode;

const EXPORT: &str = "/api/v1/departments/kodomo/exports/child_allowance";

#[tokio::test]
async fn a_system_downloads_its_procedures_applications_as_csv_in_cp932_or_json() {
    let t = TestDb::new().await.with_city(20).await;
    submitted_visit(&t).await;
    let (key, _) = new_key(&t, "児童手当システム", "kodomo", false).await;

    let (status, headers, body) =
        call_raw(&t, get(&format!("{EXPORT}?encoding=cp932"), &key)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "text/csv; charset=Shift_JIS");
    let (text, _, bad) = encoding_rs::SHIFT_JIS.decode(&body);
    assert!(!bad, "valid CP932");
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    assert!(
        header.starts_with("申請番号,手続コード,担当課コード,処理状況,受付日時"),
        "{header}"
    );
    assert!(header.contains("申請者_氏名"), "{header}");
    let row = lines.next().expect("one application");
    assert!(row.contains(",child_allowance,kodomo,received,"), "{row}");
    assert!(row.contains("山田"), "{row}");
    assert_eq!(audited(&t, "application_export", "ok").await, 1);

    let (status, _, body) = call_raw(&t, get(&format!("{EXPORT}?format=json"), &key)).await;
    assert_eq!(status, StatusCode::OK);
    let json: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(json["procedure"], "child_allowance");
    assert_eq!(json["applications"][0]["処理状況"], "received");
    for c in json["columns"].as_array().unwrap() {
        let own = c["header"].as_str().unwrap().starts_with("madoguchi.");
        assert_eq!(c["standard"], !own, "{c}");
    }

    // Filters, bad parameters, another department.
    let (_, _, body) = call_raw(&t, get(&format!("{EXPORT}?status=completed"), &key)).await;
    assert_eq!(
        String::from_utf8_lossy(&body).lines().count(),
        1,
        "header only"
    );
    for bad in ["?format=xml", "?encoding=ebcdic", "?status=lost"] {
        let (status, _, _) = call_raw(&t, get(&format!("{EXPORT}{bad}"), &key)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
    }
    let (status, _, _) = call_raw(
        &t,
        get("/api/v1/departments/kodomo/exports/no_such_procedure", &key),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _, _) =
        call_raw(&t, get("/api/v1/departments/hoken/exports/nhi_join", &key)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn an_operator_exports_with_the_command_line() {
    let t = TestDb::new().await.with_city(20).await;
    submitted_visit(&t).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ca.csv");
    let out = madoguchi_on(
        &t.url,
        &[
            "export",
            "child_allowance",
            "--department",
            "kodomo",
            "--encoding",
            "cp932",
            "--output",
            file.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&file).unwrap();
    let (text, _, bad) = encoding_rs::SHIFT_JIS.decode(&bytes);
    assert!(!bad);
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 application(s) exported"));

    let out = madoguchi_on(
        &t.url,
        &[
            "export",
            "child_allowance",
            "--department",
            "kodomo",
            "--format",
            "json",
        ],
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["applications"].as_array().unwrap().len(), 1);
    assert_eq!(audited(&t, "application_export", "ok").await, 2);
}
