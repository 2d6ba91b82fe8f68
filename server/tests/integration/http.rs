//! Through the router, as a browser or an outside system calls it.

use crate::common::{demo_password, TestDb};
use crate::web::Web;
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
    let web = Web::new(&t);
    let body = format!(
        r#"{{"username":"counter","password":"{}"}}"#,
        demo_password("counter")
    );
    let a = web.post("/api/auth/sign_in", &body, None).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(a.body["username"], "counter");
    let cookie = a.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(
        cookie.starts_with("madoguchi_session=")
            && cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Strict")
            && !cookie.contains("Secure"),
        "plain HTTP on localhost keeps the demo working: {cookie}"
    );
}

#[tokio::test]
async fn behind_a_trusted_https_proxy_the_cookie_is_host_prefixed_and_hsts_is_sent() {
    let t = TestDb::new().await.with_city(5).await;
    let mut settings = crate::common::settings();
    settings.trusted_proxies = vec!["10.0.0.1".parse().unwrap()];
    let web = Web::with(t.state_with(settings));
    let body = format!(
        r#"{{"username":"counter","password":"{}"}}"#,
        demo_password("counter")
    );
    let proxied = |proto: &str| {
        let mut req = Request::post("/api/auth/sign_in")
            .header(header::CONTENT_TYPE, "application/json")
            .header("sec-fetch-site", "same-origin")
            .header("x-forwarded-proto", proto)
            .header("x-forwarded-for", "198.51.100.7")
            .body(Body::from(body.clone()))
            .unwrap();
        req.extensions_mut()
            .insert(axum::extract::ConnectInfo(std::net::SocketAddr::from((
                [10, 0, 0, 1],
                40000,
            ))));
        req
    };
    let a = web.send(proxied("https")).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let cookie = a.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(
        cookie.starts_with("__Host-madoguchi_session=")
            && cookie.contains("; Secure")
            && cookie.contains("Path=/"),
        "{cookie}"
    );
    assert!(!cookie.contains("Domain"));
    assert_eq!(
        a.headers[header::STRICT_TRANSPORT_SECURITY],
        "max-age=63072000; includeSubDomains"
    );
    let plain = web.send(proxied("http")).await;
    assert!(plain
        .headers
        .get(header::STRICT_TRANSPORT_SECURITY)
        .is_none());
    // The forwarded address is what the audit log names.
    use sea_orm::{ConnectionTrait, Statement};
    let row =
        t.db.query_one_raw(Statement::from_string(
            t.backend(),
            "SELECT COUNT(*) AS n FROM audit_log WHERE origin = '198.51.100.7'",
        ))
        .await
        .unwrap()
        .unwrap();
    assert!(row.try_get::<i64>("", "n").unwrap() >= 1);
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let t = TestDb::new().await.with_city(5).await;
    let web = Web::new(&t);
    for a in [
        web.get("/", None).await,
        web.get("/counter", None).await,
        web.post("/api/auth/current_staff", "{}", None).await,
        web.post("/api/staff/list_applications", r#"{"query":{}}"#, None)
            .await,
        web.get("/api/applications/1/form.pdf", None).await,
    ] {
        let csp = a.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
            "{csp}"
        );
        assert!(
            !csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"),
            "{csp}"
        );
        assert!(csp.contains("frame-ancestors 'none'") && csp.contains("object-src 'none'"));
        let pp = a.headers["permissions-policy"].to_str().unwrap();
        assert!(pp.contains("camera=") && pp.contains("microphone=()"));
        assert_eq!(a.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(a.headers[header::X_FRAME_OPTIONS], "DENY");
        assert!(
            a.headers.get(header::STRICT_TRANSPORT_SECURITY).is_none(),
            "no HSTS over plain HTTP"
        );
    }
}

#[tokio::test]
async fn the_csp_allows_trunks_inline_loader_by_its_hash() {
    let dir = tempfile::tempdir().unwrap();
    let loader = "import init from '/frontend.js';\nawait init();";
    std::fs::write(
        dir.path().join("index.html"),
        format!("<html><head><script type=\"module\">{loader}</script></head></html>"),
    )
    .unwrap();
    let policy = server::http::headers::Policy::for_site(dir.path());
    use base64::Engine;
    use sha2::Digest;
    let expected =
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(loader.as_bytes()));
    assert!(policy
        .csp
        .to_str()
        .unwrap()
        .contains(&format!("'sha256-{expected}'")));
}

#[tokio::test]
async fn server_functions_refuse_cross_site_requests() {
    let t = TestDb::new().await.with_city(5).await;
    let web = Web::new(&t);
    let body = format!(
        r#"{{"username":"counter","password":"{}"}}"#,
        demo_password("counter")
    );
    let req = post("/api/auth/sign_in")
        .header("sec-fetch-site", "cross-site")
        .body(Body::from(body.clone()))
        .unwrap();
    let a = web.send(req).await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    assert!(a.headers.get(header::SET_COOKIE).is_none());
    let req = post("/api/auth/sign_in")
        .header(header::ORIGIN, "http://evil.example")
        .header(header::HOST, "127.0.0.1:3000")
        .body(Body::from(body))
        .unwrap();
    assert_eq!(web.send(req).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_queue_needs_a_session() {
    let t = TestDb::new().await.with_city(5).await;
    let a = Web::new(&t)
        .post("/api/staff/list_applications", r#"{"query":{}}"#, None)
        .await;
    assert_eq!(a.status, StatusCode::UNAUTHORIZED);
    assert_eq!(a.body["code"], "unauthenticated");
}

#[tokio::test]
async fn mistakes_and_denials_answer_4xx_with_their_code_never_500() {
    let t = TestDb::new().await.with_city(20).await;
    let receipt = crate::counter::submitted_visit(&t).await;
    let web = Web::new(&t);
    let hoken = t.cookie("hoken").await;
    let allowance = receipt
        .applications
        .iter()
        .find(|a| a.procedure_name == "児童手当 認定請求")
        .unwrap()
        .application_id;
    // Another department's application: not found, exactly like one that does not exist.
    let other = web
        .post(
            "/api/staff/get_application",
            &format!(r#"{{"id":{allowance}}}"#),
            Some(&hoken),
        )
        .await;
    let missing = web
        .post(
            "/api/staff/get_application",
            r#"{"id":999999}"#,
            Some(&hoken),
        )
        .await;
    assert_eq!(other.status, StatusCode::NOT_FOUND, "{}", other.body);
    assert_eq!(other.body, missing.body);
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    // A body that is not what the function takes.
    let bad = web
        .post("/api/staff/get_application", r#"{"id":"x"}"#, Some(&hoken))
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{}", bad.body);
    // No such function.
    let none = web.post("/api/nothing/here", "{}", Some(&hoken)).await;
    assert_eq!(none.status, StatusCode::NOT_FOUND);
    // A counter function for department staff.
    let counter_fn = web
        .post("/api/counter/start_visit", "{}", Some(&hoken))
        .await;
    assert_eq!(counter_fn.status, StatusCode::FORBIDDEN);
    assert_eq!(counter_fn.body["code"], "forbidden");
    // A wrong password.
    let wrong = web
        .post(
            "/api/auth/sign_in",
            r#"{"username":"counter","password":"wrong-password-1"}"#,
            None,
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.body["code"], "invalid_credentials");
}

#[tokio::test]
async fn too_many_sign_ins_from_one_address_get_429_with_retry_after() {
    let t = TestDb::new().await.with_city(5).await;
    let web = Web::new(&t);
    let router = web.router();
    let mut limited = None;
    for i in 0..40 {
        let body = format!(r#"{{"username":"user{i}","password":"wrong-password-1"}}"#);
        let res = router
            .clone()
            .oneshot(
                post("/api/auth/sign_in")
                    .header("sec-fetch-site", "same-origin")
                    .body(Body::from(body))
                    .unwrap(),
            )
            .await
            .unwrap();
        if res.status() == StatusCode::TOO_MANY_REQUESTS {
            limited = Some(res);
            break;
        }
    }
    let res = limited.expect("the limit is reached within 40 attempts");
    let retry: u64 = res.headers()[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry >= 1);
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    let body: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(body["code"], "too_many_attempts");
}

#[tokio::test]
async fn the_public_screening_api_is_rate_limited_per_address() {
    let t = TestDb::new().await;
    let router = Web::new(&t).router();
    let mut statuses = Vec::new();
    for _ in 0..80 {
        let res = router
            .clone()
            .oneshot(
                post("/api/v1/screenings")
                    .body(Body::from(REQUEST))
                    .unwrap(),
            )
            .await
            .unwrap();
        statuses.push(res.status());
        if res.status() == StatusCode::TOO_MANY_REQUESTS {
            assert!(res.headers().contains_key(header::RETRY_AFTER));
            break;
        }
    }
    assert_eq!(statuses[0], StatusCode::OK);
    assert_eq!(
        *statuses.last().unwrap(),
        StatusCode::TOO_MANY_REQUESTS,
        "after a burst of 60"
    );
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

async fn get_pdf(t: &TestDb, uri: &str, cookie: Option<&str>) -> (StatusCode, Vec<u8>) {
    let mut req = Request::get(uri).header("sec-fetch-site", "same-origin");
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
    let kodomo = t.cookie("kodomo").await;
    let hoken = t.cookie("hoken").await;
    let counter = t.cookie("counter").await;
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

    // In the resident's language: its lines set in that language's font (Japanese alone
    // has none); a language that does not exist prints Japanese only.
    let has = |pdf: &[u8], font: &str| pdf.windows(font.len()).any(|w| w == font.as_bytes());
    assert!(!has(&pdf, "NotoSansCJK"), "Japanese only");
    let (status, ko) = get_pdf(&t, &format!("{uri}?lang=ko"), Some(&counter)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(has(&ko, "NotoSansCJKkr-Regular"), "the Korean lines");
    let (status, other) = get_pdf(&t, &format!("{uri}?lang=xx-nope"), Some(&counter)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !has(&other, "NotoSansCJK"),
        "an unknown code prints Japanese"
    );
}

#[tokio::test]
async fn built_files_are_sent_as_compressed_at_build_when_the_browser_accepts_it() {
    let t = TestDb::new().await;
    let dir = tempfile::tempdir().unwrap();
    let wasm = vec![7u8; 4096];
    std::fs::write(dir.path().join("index.html"), "<html></html>").unwrap();
    std::fs::write(dir.path().join("app.wasm"), &wasm).unwrap();
    // Stand-ins for scripts/precompress.mjs's output: the bytes must come from these.
    std::fs::write(dir.path().join("app.wasm.br"), b"brotli twin").unwrap();
    std::fs::write(dir.path().join("app.wasm.gz"), b"gzip twin").unwrap();
    let get = |encoding: &'static str| {
        let router = server::http::app(t.state(), dir.path().to_path_buf());
        async move {
            let res = router
                .oneshot(
                    Request::get("/app.wasm")
                        .header(header::ACCEPT_ENCODING, encoding)
                        .body(Body::empty())
                        .unwrap(),
                )
                .await
                .unwrap();
            let enc = res
                .headers()
                .get(header::CONTENT_ENCODING)
                .map(|v| v.to_str().unwrap().to_owned());
            let ty = res.headers()[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .to_owned();
            let body = res.into_body().collect().await.unwrap().to_bytes();
            (enc, ty, body.to_vec())
        }
    };
    let (enc, ty, body) = get("br, gzip").await;
    assert_eq!(
        (enc.as_deref(), body.as_slice()),
        (Some("br"), &b"brotli twin"[..])
    );
    assert_eq!(ty, "application/wasm");
    let (enc, _, body) = get("gzip").await;
    assert_eq!(
        (enc.as_deref(), body.as_slice()),
        (Some("gzip"), &b"gzip twin"[..])
    );
    let (enc, _, body) = get("identity").await;
    assert_eq!((enc, body), (None, wasm));
}
