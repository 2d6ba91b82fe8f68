//! Cross-site request forgery: a request another site made the browser send must not
//! act with our cookie. Every request under `/api/` (server functions, PDFs, the audit
//! export — whatever its method) must come from our own pages (`Sec-Fetch-Site:
//! same-origin`, or `none` for an address typed or bookmarked), or, from a browser that
//! does not send that header, carry an `Origin` of our own host. The public API under
//! `/api/v1/` is exempt: it acts on no cookie.

use super::access::deny;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap};
use axum::middleware::Next;
use axum::response::Response;
use madoguchi_services::auth::RequestMeta;
use madoguchi_services::AppState;
use madoguchi_types::error::AppError;

pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if path.starts_with("/api/") && !path.starts_with("/api/v1/") && is_cross_site(req.headers()) {
        let meta = req
            .extensions()
            .get::<RequestMeta>()
            .cloned()
            .unwrap_or_default();
        return deny(&state, &meta, None, path, "cross_site", AppError::Forbidden).await;
    }
    next.run(req).await
}

pub fn is_cross_site(h: &HeaderMap) -> bool {
    if let Some(site) = h.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    match (
        h.get(header::ORIGIN).and_then(|v| v.to_str().ok()),
        h.get(header::HOST).and_then(|v| v.to_str().ok()),
    ) {
        (Some(origin), Some(host)) => origin.split_once("://").map(|(_, rest)| rest) != Some(host),
        (Some(_), None) => true,
        _ => false,
    }
}
