//! `GET /api/audit/export.csv?…`: the audit log as CSV for the auditor, with the
//! viewer's filters as query parameters.

use super::access::{self, error_response};
use app::api::Access;
use axum::extract::{Query, Request, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use madoguchi_services::audit::viewer;
use madoguchi_services::AppState;
use madoguchi_types::model::audit::AuditQuery;
use madoguchi_types::model::Permission;

pub const ACCESS: Access = Access::Permission(Permission::AuditRead);

pub async fn export(
    State(state): State<AppState>,
    Query(q): Query<AuditQuery>,
    req: Request,
) -> Response {
    let (req, _) = req.into_parts();
    let (current, meta) = match access::caller(&state, &req, ACCESS).await {
        Ok(c) => c,
        Err(denied) => return denied,
    };
    match viewer::csv(&state.db, &current.me, &q, state.clock.now(), &meta.address).await {
        Ok(text) => {
            let mut r = text.into_response();
            let h = r.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            );
            h.insert(
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"audit-log.csv\""),
            );
            r
        }
        Err(e) => error_response(&e),
    }
}
