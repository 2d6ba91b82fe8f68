//! Server functions: the app state is provided to each call, and cross-site requests are
//! refused before any of our code runs (the browser's Sec-Fetch-Site and Origin).

use app::server::AppState;
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use leptos::prelude::provide_context;

pub async fn handle(State(state): State<AppState>, req: Request<Body>) -> Response {
    if is_cross_site(&req) {
        let body = serde_json::json!({ "code": "forbidden" }).to_string();
        return (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "application/json")],
            body,
        )
            .into_response();
    }
    leptos_axum::handle_server_fns_with_context(move || provide_context(state.clone()), req)
        .await
        .into_response()
}

/// A request another site made the browser send: it must not act with our cookie.
fn is_cross_site(req: &Request<Body>) -> bool {
    let h = req.headers();
    if let Some(site) = h.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    match (
        h.get(header::ORIGIN).and_then(|v| v.to_str().ok()),
        h.get(header::HOST).and_then(|v| v.to_str().ok()),
    ) {
        (Some(origin), Some(host)) => origin.split_once("://").map(|(_, rest)| rest) != Some(host),
        _ => false,
    }
}
