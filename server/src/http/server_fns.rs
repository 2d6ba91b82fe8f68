//! Server functions: each path is looked up in `app::api::server_fns()` (one not
//! listed is `not_found`), its access enforced and the caller provided to the
//! function; the function's own error then gets its HTTP status (4xx for a user's
//! mistake or a denial, 500 only for the unexpected) instead of server_fn's blanket 500.

use super::access::{self, error_response};
use super::HttpState;
use app::api::Access;
use app::server::context::Caller;
use axum::body::{self, Body};
use axum::extract::State;
use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use leptos::prelude::provide_context;
use madoguchi_services::auth::RequestMeta;
use madoguchi_types::error::AppError;

/// server_fn marks an error response with this header.
const SERVER_FN_ERROR: &str = "serverfnerror";
/// An error body is a few hundred bytes; anything larger is not ours to read.
const ERROR_BODY_LIMIT: usize = 64 * 1024;

pub async fn handle(State(http): State<HttpState>, req: Request<Body>) -> Response {
    let path = req.uri().path().to_owned();
    let Some(access) = http.fns.get(path.as_str()).copied() else {
        return error_response(&AppError::NotFound);
    };
    let meta = req
        .extensions()
        .get::<RequestMeta>()
        .cloned()
        .unwrap_or_default();
    let current = match access::check(&http.app, &meta, req.headers(), access, &path).await {
        Ok(c) => c,
        Err(denied) => return denied,
    };
    debug_assert!(access != Access::Session || current.is_some());
    let resident = match access::resolve_resident(&http.app, &meta, req.headers()).await {
        Ok(r) => r,
        Err(e) => return error_response(&e),
    };
    if access == Access::Resident && resident.is_none() {
        return error_response(&AppError::Unauthenticated);
    }
    let caller = Caller {
        meta,
        current,
        resident,
    };
    let state = http.app.clone();
    let res = leptos_axum::handle_server_fns_with_context(
        move || {
            provide_context(state.clone());
            provide_context(caller.clone());
        },
        req,
    )
    .await
    .into_response();
    with_status(res).await
}

/// Gives a server function's error response the status of its code.
async fn with_status(res: Response) -> Response {
    if !res.headers().contains_key(SERVER_FN_ERROR) {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = body::to_bytes(body, ERROR_BODY_LIMIT).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "").into_response();
    };
    if let Ok(e) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status =
            StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        if let AppError::TooManyAttempts { retry_after } = e {
            if let Ok(v) = HeaderValue::from_str(&retry_after.to_string()) {
                parts.headers.insert(header::RETRY_AFTER, v);
            }
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}
