//! Calling the router as a browser would: JSON posts with a cookie, and signing in
//! through the same HTTP steps as the tablet (password, enrol an authenticator app with
//! a code computed here, confirm).

use crate::common::{now, TestDb};
use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use madoguchi_services::auth::totp;
use madoguchi_services::AppState;
use serde_json::Value;
use tower::ServiceExt;

pub struct Web {
    pub state: AppState,
}

pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Answer {
    /// The `name=value` of the session cookie the answer set, if any.
    pub fn cookie(&self) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.contains("madoguchi_session=") && !c.contains("Max-Age=0"))
            .and_then(|c| c.split(';').next())
            .map(str::to_owned)
    }
}

impl Web {
    pub fn new(t: &TestDb) -> Self {
        Self { state: t.state() }
    }

    pub fn with(state: AppState) -> Self {
        Self { state }
    }

    pub fn router(&self) -> axum::Router {
        server::http::app(
            self.state.clone(),
            std::env::temp_dir().join("madoguchi-no-site"),
        )
    }

    pub async fn send(&self, req: Request<Body>) -> Answer {
        let res = self.router().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        Answer {
            status,
            headers,
            body: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        }
    }

    /// A same-origin JSON post, with a cookie if given.
    pub async fn post(&self, path: &str, body: &str, cookie: Option<&str>) -> Answer {
        let mut req = Request::post(path)
            .header(header::CONTENT_TYPE, "application/json")
            .header("sec-fetch-site", "same-origin");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::from(body.to_owned())).unwrap())
            .await
    }

    pub async fn get(&self, path: &str, cookie: Option<&str>) -> Answer {
        let mut req = Request::get(path).header("sec-fetch-site", "same-origin");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::empty()).unwrap()).await
    }

    /// Signs an account in over HTTP and enrols an authenticator app; returns the full
    /// session's cookie.
    pub async fn sign_in_with(&self, user: &str, password: &str) -> String {
        let body = serde_json::json!({ "username": user, "password": password }).to_string();
        let a = self.post("/api/auth/sign_in", &body, None).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        assert_eq!(a.body["state"], "enrol", "{user} enrols first");
        let cookie = a.cookie().expect("a session cookie");
        let e = self
            .post("/api/auth/totp_enrol_start", "{}", Some(&cookie))
            .await;
        assert_eq!(e.status, StatusCode::OK, "{}", e.body);
        let secret = e.body["secret"].as_str().unwrap().to_owned();
        let code = totp::code_at(&secret, totp::step_of(now())).unwrap();
        let c = self
            .post(
                "/api/auth/totp_enrol_confirm",
                &serde_json::json!({ "code": code }).to_string(),
                Some(&cookie),
            )
            .await;
        assert_eq!(c.status, StatusCode::OK, "{}", c.body);
        assert_eq!(c.body[0]["state"], "full");
        c.cookie().expect("a new session id after enrolment")
    }
}
