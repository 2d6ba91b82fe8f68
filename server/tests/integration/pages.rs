//! The counter's page comes with its first screen for counter staff only: the start
//! screen in the page itself, the staff member's name escaped, never cached; everyone
//! else gets the plain page, which sends them to sign in.

use crate::common::TestDb;
use crate::drafts::interrupted_visit;
use crate::web::Web;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

const SHELL: &str = "<!DOCTYPE html><html lang=\"ja\"><head><title>窓口</title><script>counter()</script></head><body><noscript>JS</noscript></body></html>";
/// The other browser build's page (every page but the counter's).
const OFFICE: &str = "<!DOCTYPE html><html lang=\"ja\"><head><title>窓口</title><script>office()</script></head><body></body></html>";

/// The public pages' build (the navigator at `/`).
const PUBLIC: &str = "<!DOCTYPE html><html lang=\"ja\"><head><title>ナビ</title><script>public()</script></head><body></body></html>";

/// A built site: the counter's page (`SHELL`, with an inline loader), the office's and
/// the public pages'.
fn built_site() -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir(site.path().join("counter-app")).unwrap();
    std::fs::write(site.path().join("counter-app/index.html"), SHELL).unwrap();
    std::fs::write(site.path().join("index.html"), OFFICE).unwrap();
    std::fs::create_dir(site.path().join("public-app")).unwrap();
    std::fs::write(site.path().join("public-app/index.html"), PUBLIC).unwrap();
    site
}

/// The page `/counter` as a browser with `cookie` gets it: status, Cache-Control, body.
async fn counter_page(t: &TestDb, cookie: Option<&str>) -> (StatusCode, Option<String>, String) {
    let site = built_site();
    let router = server::http::app(t.state(), site.path().to_owned());
    let mut req = Request::get("/counter");
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    let res = router
        .oneshot(req.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let cache = res
        .headers()
        .get(header::CACHE_CONTROL)
        .map(|v| v.to_str().unwrap().to_owned());
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    (status, cache, String::from_utf8(bytes.to_vec()).unwrap())
}

/// The counter's page comes from the counter's own build, `/` from the public build;
/// every other page, known or not, from the office build; the CSP allows the inline
/// loaders of all three.
#[tokio::test]
async fn each_page_comes_from_the_build_that_carries_it() {
    let t = TestDb::new().await.with_city(5).await;
    let site = built_site();
    let router = server::http::app(t.state(), site.path().to_owned());
    let get = |path: &'static str| {
        let router = router.clone();
        async move {
            let res = router
                .oneshot(Request::get(path).body(Body::empty()).unwrap())
                .await
                .unwrap();
            let csp = res.headers()[header::CONTENT_SECURITY_POLICY]
                .to_str()
                .unwrap()
                .to_owned();
            let bytes = res.into_body().collect().await.unwrap().to_bytes();
            (csp, String::from_utf8(bytes.to_vec()).unwrap())
        }
    };
    let (_, counter) = get("/counter").await;
    assert_eq!(counter, SHELL);
    let public_hash = {
        use base64::Engine;
        use sha2::Digest;
        format!(
            "'sha256-{}'",
            base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(b"public()"))
        )
    };
    // The navigator comes with its first step drawn, in Japanese; a link that names
    // another language gets the plain page.
    for path in ["/", "/?step=household", "/?lang=ja"] {
        let (_, navigator) = get(path).await;
        assert!(
            navigator.starts_with(PUBLIC.split("</body>").next().unwrap()),
            "{path}"
        );
        assert!(navigator.contains(r#"<div id="first-screen" aria-busy="true">"#));
        assert!(navigator.contains("<h1 tabindex=\"-1\">くらしの手続きナビ</h1>"));
    }
    let (_, english) = get("/?lang=en").await;
    assert_eq!(english, PUBLIC);
    for path in [
        "/office",
        "/login",
        "/staff",
        "/staff/applications/3",
        "/admin/rules",
        "/nowhere",
    ] {
        let (csp, body) = get(path).await;
        assert_eq!(body, OFFICE, "{path}");
        // The inline loaders of the pages of this fake build: sha256("office()"),
        // sha256("counter()"), sha256("public()").
        for hash in [
            "'sha256-pLSYQBUzJ9x8gEWWXEJK4RfZKKBq4yS4zbIKrusEcg8='",
            "'sha256-E93Gb5xqc6C7ygztsiTh9yWGSiX35FQIImx7HJP4aLc='",
            public_hash.as_str(),
        ] {
            assert!(csp.contains(hash), "{csp}");
        }
    }
}

#[tokio::test]
async fn counter_staff_get_the_start_screen_in_the_page_and_nobody_else_does() {
    let t = TestDb::new().await.with_city(5).await;
    let cookie = t.cookie("counter").await;
    // A name with markup in it is shown as text.
    t.exec("UPDATE staff_users SET display_name = '窓口 <b>花子</b>' WHERE username = 'counter'")
        .await;

    let (status, cache, body) = counter_page(&t, Some(&cookie)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        cache.as_deref(),
        Some("no-store"),
        "it names the staff member"
    );
    let at = body
        .find("<div id=\"first-screen\"")
        .expect("the first screen");
    assert!(at < body.find("</body>").unwrap() && at > body.find("<noscript>").unwrap());
    assert!(body.contains("<h1 tabindex=\"-1\">ようこそ</h1>"), "{body}");
    assert!(body.contains("窓口 &lt;b&gt;花子&lt;/b&gt;"), "{body}");
    assert!(!body.contains("<b>花子"));
    assert!(body.contains(">受付をはじめる</button>"));
    assert!(body.contains(">English</button>") && body.contains(">简体中文</button>"));
    assert!(
        !body.contains("{") && !body.contains("|"),
        "no catalog markup: {body}"
    );
    // Nothing can be pressed before the app has arrived.
    assert_eq!(
        body.matches("<button").count(),
        body.matches(" disabled>").count()
    );

    for who in [None, Some(t.cookie("kodomo").await)] {
        let (status, _, body) = counter_page(&t, who.as_deref()).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body, SHELL, "{who:?} gets the plain page");
    }
}

#[tokio::test]
async fn with_an_interrupted_visit_the_first_screen_offers_nothing_to_press_but_sign_out() {
    let t = TestDb::new().await.with_city(5).await;
    let cookie = t.cookie("counter").await;
    interrupted_visit(&t, &t.staff("counter").await, "Review").await;

    let (_, _, body) = counter_page(&t, Some(&cookie)).await;
    assert!(body.contains("first-screen") && body.contains("ようこそ"));
    assert!(
        !body.contains("受付をはじめる"),
        "the app asks about the interrupted visit first"
    );
    assert_eq!(
        body.matches("<button").count(),
        4,
        "sign out and the three display options"
    );
}

/// A page that showed a text in Japanese for want of a translation tells the server,
/// which logs it; anything but a shipped language and a catalog key is bad input.
#[tokio::test]
async fn a_missing_translation_reported_by_a_page_is_accepted_only_for_catalog_keys() {
    let t = TestDb::new().await.with_city(2).await;
    let web = Web::new(&t);
    let cookie = t.cookie("counter").await;
    let report =
        |lang: &str, key: &str| serde_json::json!({ "lang": lang, "key": key }).to_string();
    let ok = web
        .post(
            "/api/catalog/report_gap",
            &report("vi", "counter.start.title"),
            Some(&cookie),
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    let data = report("en", "rules.texts.{subject}さんが転入します");
    let ok = web
        .post("/api/catalog/report_gap", &data, Some(&cookie))
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    for (lang, key) in [
        ("tlh", "counter.start.title"),
        ("ja", "counter.start.title"),
        ("en", "counter.no_such_text"),
        ("en", "counter.start.title\nforged line"),
    ] {
        let bad = web
            .post("/api/catalog/report_gap", &report(lang, key), Some(&cookie))
            .await;
        assert_eq!(
            bad.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{lang} {key:?}"
        );
        assert_eq!(bad.body["code"], "invalid_input");
    }
    let anonymous = web
        .post(
            "/api/catalog/report_gap",
            &report("vi", "counter.start.title"),
            None,
        )
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}
