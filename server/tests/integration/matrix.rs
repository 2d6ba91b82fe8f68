//! The permission matrix, generated from what the server registers: every role × every
//! server function and HTTP route, allowed or denied exactly as the `role_permissions`
//! table says — so a new function or route cannot be forgotten (it has no sample
//! below and the test fails), and the table, the HTTP layer and each function's own
//! check must agree. Also: every route refuses a cross-site request.

use crate::common::{now, settings, TestDb};
use crate::web::Web;
use app::api::Access;
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use madoguchi_services::{permissions, staff};
use madoguchi_types::model::Permission;
use std::collections::BTreeMap;

const PASSWORD: &str = "hoshigaoka-matrix-test";

/// A body each function accepts in shape (the values name nothing that exists, so a
/// call that is allowed ends in `not_found`, a field error, or an empty answer).
fn sample(path: &str) -> Option<&'static str> {
    Some(match path.trim_start_matches("/api/") {
        "auth/sign_in" => r#"{"username":"nobody","password":"wrong-password-1"}"#,
        "auth/passkey_sign_in_finish" => r#"{"ceremony":"x","credential":"{}"}"#,
        "auth/verify_code" => r#"{"code":"000000"}"#,
        "auth/passkey_verify_finish" | "auth/passkey_register_finish" => {
            r#"{"credential":"{}","name":"x"}"#
        }
        "auth/change_password" => r#"{"current_password":"wrong","new_password":"x"}"#,
        "auth/totp_enrol_confirm" => r#"{"code":"000000"}"#,
        "auth/remove_passkey" => r#"{"id":999999}"#,
        "auth/sign_out"
        | "auth/current_staff"
        | "auth/passkey_sign_in_start"
        | "auth/passkey_verify_start"
        | "auth/totp_enrol_start"
        | "auth/passkey_register_start"
        | "auth/my_factors"
        | "auth/renew_recovery_codes" => "{}",
        "catalog/report_gap" => r#"{"lang":"en","key":"counter.start.title"}"#,
        "public/guide" => {
            r#"{"sketch":{"events":[{"kind":"birth","date":"2026-11-20","person":null}],"members":[{"id":"me","kin":"me","birth_date":"1990-05-01","sex":"female","moving":true}],"head":null,"answers":{}}}"#
        }
        "public/pre_entry_form" => {
            r#"{"sketch":{"events":[{"kind":"birth","date":"2026-11-20","person":null}],"members":[{"id":"me","kin":"me","birth_date":"1990-05-01","sex":"female","moving":true}],"head":null,"answers":{}}}"#
        }
        "public/create_pre_entry" => {
            r#"{"request":{"sketch":{"events":[],"members":[],"head":null,"answers":{}},"baby":{"family_name":"","given_name":"","family_kana":"","given_kana":"","birth_date":"","sex":""},"answers":{},"lang":"ja"}}"#
        }
        "counter/take_pre_entry" => r#"{"visit_number":"X","code":"K7M3Q9PX"}"#,
        "counter/start_visit" | "counter/kiosk_settings" | "counter/resumable_visit" => "{}",
        "counter/find_household" => r#"{"query":{"PersonNumber":"9999999999"}}"#,
        "counter/screen_visit" => {
            r#"{"input":{"visit_number":"X","household_number":"X","applicant":null,"events":[],"baby":null,"answers":{}}}"#
        }
        "counter/submit_visit" => {
            r#"{"input":{"visit":{"visit_number":"X","household_number":"X","applicant":null,"events":[],"baby":null,"answers":{}},"answers":{},"signature_png":null}}"#
        }
        "counter/save_draft" => r#"{"draft":{"visit_number":"X","step":"x","state":"{}"}}"#,
        "counter/resume_visit" | "counter/end_visit" => r#"{"visit_number":"X"}"#,
        "counter/record_consent" => r#"{"visit_number":"X","granted":true}"#,
        "counter/record_survey" => r#"{"visit_number":"X","level":5,"comment":""}"#,
        "staff/list_applications" => r#"{"query":{}}"#,
        "staff/get_application" => r#"{"id":999999}"#,
        "staff/change_status" => r#"{"id":999999,"from":"received","to":"in_review","note":""}"#,
        "staff/assign_application" => r#"{"id":999999,"to":null}"#,
        "staff/comment_application" => r#"{"id":999999,"text":"x"}"#,
        "admin/rules_overview" => "{}",
        "admin/rule_files" | "admin/review_rules" | "admin/approve_rules" => {
            r#"{"version":"no-such-version"}"#
        }
        "admin/return_rules" => r#"{"version":"no-such-version","reason":"x"}"#,
        "admin/rollback_rules" => r#"{"to":"no-such-version"}"#,
        "admin/merge_release" => r#"{"version":"no-such-version"}"#,
        "admin/save_merge" => r#"{"version":"no-such-version","choices":{}}"#,
        "admin/request_publication" => {
            r#"{"request":{"version":"no-such-version","effective_from":"2099-01-01","transition":"as_of","note":""}}"#
        }
        "admin/check_rules" | "admin/save_rules" => {
            r#"{"edit":{"base":"no-such-version","files":{},"note":""}}"#
        }
        "admin/edit_param" => r#"{"edit":{"files":{},"name":"no_such_param","periods":null}}"#,
        "admin/outreach" => r#"{"query":{"procedure":"no_such_procedure","as_of":null}}"#,
        "admin/staff_overview" => "{}",
        "admin/create_staff" => {
            r#"{"input":{"username":"","display_name":"","roles":[],"department_id":null}}"#
        }
        "admin/update_staff" => {
            r#"{"id":999999,"input":{"username":"x","display_name":"x","roles":["counter"],"department_id":null}}"#
        }
        "admin/act_on_staff" => r#"{"id":999999,"action":"unlock"}"#,
        "admin/end_staff_session" => r#"{"session":"000000000000"}"#,
        "admin/save_department" => {
            r#"{"department":{"id":"","name":"","counter":"","building":"","phone":""}}"#
        }
        "admin/integration_overview" => "{}",
        "admin/create_api_key" => {
            r#"{"input":{"system":"","department_id":"no-such-department","can_write":false}}"#
        }
        "admin/revoke_api_key" | "admin/unsubscribe_webhook" | "admin/replay_delivery" => {
            r#"{"id":999999}"#
        }
        "admin/webhooks_overview" => "{}",
        "admin/subscribe_webhook" => {
            r#"{"input":{"department_id":"no-such-department","url":"ftp://x"}}"#
        }
        "audit/search" => r#"{"query":{}}"#,
        "audit/verify" => "{}",
        "resident/online_status" | "resident/sign_out" | "resident/start_application" => "{}",
        "resident/screen_application" => {
            r#"{"input":{"visit_number":"X","household_number":"X","applicant":null,"events":[],"baby":null,"answers":{}}}"#
        }
        "resident/submit_application" => {
            r#"{"input":{"visit":{"visit_number":"X","household_number":"X","applicant":null,"events":[],"baby":null,"answers":{}},"answers":{},"signature_png":null}}"#
        }
        "resident/save_application" => r#"{"draft":{"visit_number":"X","step":"x","state":"{}"}}"#,
        "resident/application_consent" => r#"{"visit_number":"X","granted":true}"#,
        "resident/discard_application" | "resident/application_attachments" => {
            r#"{"visit_number":"X"}"#
        }
        "resident/remove_attachment" => r#"{"visit_number":"X","id":1}"#,
        "resident/remove_returned_attachment" => r#"{"application_id":1,"id":1}"#,
        "resident/my_applications" | "resident/remove_notice_address" => "{}",
        "resident/set_notice_address" => r#"{"address":"x","lang":"ja"}"#,
        "resident/confirm_notice_address" => r#"{"code":"1"}"#,
        "resident/application_correction" => r#"{"id":1}"#,
        "resident/resubmit_application" => {
            r#"{"input":{"application_id":1,"keys":[],"answers":{},"message":"x"}}"#
        }
        "v1/screenings" => {
            r#"{"as_of":"2026-11-24","events":[],"household":{"members":[]},"answers":{}}"#
        }
        "applications/1/form.pdf"
        | "applications/1/attachments/1"
        | "visits/20261125-0001/receipt.pdf"
        | "audit/export.csv"
        | "resident/attachments?visit=X&procedure=X&document=X"
        | "resident/visits/20261125-0001/receipt.pdf" => "",
        _ => return None,
    })
}

/// Every call the server answers: (method, path, access).
fn every_call() -> Vec<(Method, String, Access)> {
    let mut calls: Vec<(Method, String, Access)> = app::api::server_fns()
        .into_iter()
        .map(|(path, access)| (Method::POST, path.to_owned(), access))
        .collect();
    calls.extend(
        server::http::routes()
            .into_iter()
            .map(|r| (r.method, r.example.to_owned(), r.access)),
    );
    // Sign-out last: it ends the session the other calls use.
    calls.sort_by_key(|(_, path, _)| path.ends_with("/sign_out"));
    calls
}

async fn call(
    web: &Web,
    method: &Method,
    path: &str,
    cookie: Option<&str>,
    cross_site: bool,
) -> (StatusCode, serde_json::Value) {
    let body = sample(path).unwrap_or_else(|| panic!("add a sample body for {path} to matrix.rs"));
    let mut req = Request::builder()
        .method(method.clone())
        .uri(path)
        .header(header::CONTENT_TYPE, "application/json")
        .header(
            "sec-fetch-site",
            if cross_site {
                "cross-site"
            } else {
                "same-origin"
            },
        );
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    let a = web.send(req.body(Body::from(body)).unwrap()).await;
    (a.status, a.body)
}

#[tokio::test]
async fn every_role_is_allowed_exactly_what_its_permissions_grant_on_every_function_and_route() {
    let t = TestDb::new().await.with_city(10).await;
    let mut s = settings();
    s.passkey_for_admins = false;
    let web = Web::with(t.state_with(s));
    let roles = permissions::roles(&t.db).await.unwrap();
    assert_eq!(
        roles.len(),
        5,
        "counter, department, supervisor, admin, auditor"
    );

    // The code's permissions are the table's.
    let table: Vec<String> = {
        use sea_orm::EntityTrait;
        madoguchi_services::entities::permission::Entity::find()
            .all(&t.db)
            .await
            .unwrap()
            .into_iter()
            .map(|p| p.id)
            .collect()
    };
    for p in Permission::ALL {
        assert!(
            table.contains(&p.id().to_owned()),
            "{} missing from the permissions table",
            p.id()
        );
    }

    let calls = every_call();
    let mut matrix: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (role, granted) in &roles {
        let username = format!("m_{}", role.id);
        let dept = (role.id == "department").then_some("kodomo");
        staff::upsert(
            &t.db,
            &username,
            &role.name,
            std::slice::from_ref(&role.id),
            dept,
            PASSWORD,
            false,
            now(),
        )
        .await
        .unwrap();
        let cookie = web.sign_in_with(&username, PASSWORD).await;
        for (method, path, access) in &calls {
            let (status, body) = call(&web, method, path, Some(&cookie), false).await;
            let cell = format!("{} {path}: {status}", role.id);
            match access {
                Access::Permission(p) if granted.contains(p) => {
                    assert!(
                        status != StatusCode::FORBIDDEN && status != StatusCode::UNAUTHORIZED,
                        "{cell} — {} grants {} ({body})",
                        role.id,
                        p.id()
                    );
                    assert!(
                        status != StatusCode::INTERNAL_SERVER_ERROR,
                        "{cell} ({body})"
                    );
                    matrix
                        .entry(path.clone())
                        .or_default()
                        .push(role.id.clone());
                }
                Access::Permission(p) => {
                    assert_eq!(
                        status,
                        StatusCode::FORBIDDEN,
                        "{cell} — {} does not grant {}",
                        role.id,
                        p.id()
                    );
                    assert_eq!(body["code"], "forbidden", "{cell}");
                }
                // A staff session is never a resident.
                Access::Resident => {
                    assert_eq!(status, StatusCode::UNAUTHORIZED, "{cell} ({body})");
                    assert_eq!(body["code"], "unauthenticated", "{cell}");
                }
                Access::Session | Access::Public => {
                    assert!(
                        status != StatusCode::INTERNAL_SERVER_ERROR,
                        "{cell} ({body})"
                    );
                    if *access == Access::Public {
                        assert!(status != StatusCode::FORBIDDEN, "{cell}");
                    }
                }
            }
        }
    }
    // Without a session: 401 wherever a session is needed.
    for (method, path, access) in &calls {
        let (status, body) = call(&web, method, path, None, false).await;
        if *access != Access::Public {
            assert_eq!(
                status,
                StatusCode::UNAUTHORIZED,
                "{path} without a session ({body})"
            );
            assert_eq!(body["code"], "unauthenticated");
        }
    }
    // The matrix as it stands, for a reviewer reading the test output.
    for (path, roles) in &matrix {
        println!("{path}: {}", roles.join(", "));
    }
}

#[tokio::test]
async fn every_route_refuses_a_cross_site_request_even_with_a_valid_cookie() {
    let t = TestDb::new().await.with_city(5).await;
    let mut s = settings();
    s.passkey_for_admins = false;
    let web = Web::with(t.state_with(s));
    staff::upsert(
        &t.db,
        "m_all",
        "全権",
        &[
            "counter".into(),
            "supervisor".into(),
            "admin".into(),
            "auditor".into(),
        ],
        None,
        PASSWORD,
        false,
        now(),
    )
    .await
    .unwrap();
    let cookie = web.sign_in_with("m_all", PASSWORD).await;
    let before = t.count("audit_log").await;
    let mut refused = 0;
    for (method, path, _) in every_call() {
        let (status, body) = call(&web, &method, &path, Some(&cookie), true).await;
        if path.starts_with("/api/v1/") {
            // The public API acts on no cookie; other systems call it from anywhere.
            assert_ne!(status, StatusCode::FORBIDDEN, "{path}");
        } else {
            assert_eq!(status, StatusCode::FORBIDDEN, "{path} cross-site");
            assert_eq!(body["code"], "forbidden");
            refused += 1;
        }
    }
    assert_eq!(
        t.count("audit_log").await,
        before + refused,
        "each refusal is audited"
    );
    // And the session still works for the real tablet.
    let (status, _) = call(
        &web,
        &Method::POST,
        "/api/counter/kiosk_settings",
        Some(&cookie),
        false,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn every_route_answers_with_the_security_headers_over_http_and_behind_an_https_proxy() {
    let t = TestDb::new().await.with_city(5).await;
    let mut s = settings();
    s.trusted_proxies = vec!["10.0.0.1".parse().unwrap()];
    let web = Web::with(t.state_with(s));
    let mut calls = every_call();
    calls.push((Method::GET, "/".into(), Access::Public));
    calls.push((Method::GET, "/counter".into(), Access::Public));
    for https in [false, true] {
        for (method, path, _) in &calls {
            let mut req = Request::builder()
                .method(method.clone())
                .uri(path.as_str())
                .header(header::CONTENT_TYPE, "application/json")
                .header("sec-fetch-site", "same-origin");
            if https {
                req = req.header("x-forwarded-proto", "https");
            }
            let mut req = req.body(Body::from(sample(path).unwrap_or(""))).unwrap();
            req.extensions_mut()
                .insert(axum::extract::ConnectInfo(std::net::SocketAddr::from((
                    [10, 0, 0, 1],
                    40000,
                ))));
            let a = web.send(req).await;
            let csp = a.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
            assert!(
                csp.contains("'wasm-unsafe-eval'")
                    && !csp.contains("unsafe-inline")
                    && !csp.contains("'unsafe-eval'"),
                "{path}"
            );
            // Only the counter's page may use the camera (its own origin's): it reads
            // pre-entry QR codes.
            let camera = if path == "/counter" {
                "camera=(self)"
            } else {
                "camera=()"
            };
            assert!(
                a.headers["permissions-policy"]
                    .to_str()
                    .unwrap()
                    .starts_with(camera),
                "{path}"
            );
            assert_eq!(a.headers[header::X_FRAME_OPTIONS], "DENY", "{path}");
            assert_eq!(
                a.headers.contains_key(header::STRICT_TRANSPORT_SECURITY),
                https,
                "{path} HSTS only over HTTPS"
            );
        }
    }
}
