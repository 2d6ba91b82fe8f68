//! Printed documents over plain GET (a browser opens or prints them directly):
//! `GET /api/applications/{id}/form.pdf` for staff of the application's department,
//! `GET /api/visits/{number}/receipt.pdf` for the counter staff member who took the
//! visit. The session cookie is checked as for server functions; errors are the same
//! stable codes.

use app::error::AppError;
use app::model::Role;
use app::server::documents::{self, Pdf};
use app::server::{auth, AppState};
use axum::extract::{ConnectInfo, Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::net::SocketAddr;

/// Where the request came from, for the audit log.
fn origin(req: &axum::http::request::Parts) -> String {
    req.extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(|| "unknown".into(), |c| c.0.ip().to_string())
}

async fn caller(
    state: &AppState,
    headers: &HeaderMap,
    roles: &[Role],
) -> Result<app::model::StaffMe, AppError> {
    let token = auth::token_from_headers(headers).ok_or(AppError::Unauthenticated)?;
    let me = auth::session_staff(&state.db, &token, state.clock.now()).await?;
    if roles.contains(&me.role) {
        Ok(me)
    } else {
        Err(AppError::Forbidden)
    }
}

fn respond(result: Result<Pdf, AppError>) -> Response {
    match result {
        Ok(pdf) => {
            let disposition = format!("inline; filename=\"{}\"", pdf.filename);
            let mut r = pdf.bytes.into_response();
            let h = r.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/pdf"),
            );
            if let Ok(v) = HeaderValue::from_str(&disposition) {
                h.insert(header::CONTENT_DISPOSITION, v);
            }
            r
        }
        Err(e) => {
            let status = match e {
                AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
                AppError::Forbidden => StatusCode::FORBIDDEN,
                AppError::NotFound => StatusCode::NOT_FOUND,
                _ => StatusCode::INTERNAL_SERVER_ERROR,
            };
            (status, axum::Json(e)).into_response()
        }
    }
}

pub async fn application_form(
    State(state): State<AppState>,
    Path(id): Path<i32>,
    req: Request,
) -> Response {
    let (req, _) = req.into_parts();
    let result = async {
        let me = caller(&state, &req.headers, &[Role::Department, Role::Supervisor]).await?;
        documents::application_pdf(
            &state.db,
            &state.printer,
            &me,
            &state.rules.get(),
            id,
            state.clock.now(),
            &origin(&req),
        )
        .await
    }
    .await;
    respond(result)
}

pub async fn visit_receipt(
    State(state): State<AppState>,
    Path(number): Path<String>,
    req: Request,
) -> Response {
    let (req, _) = req.into_parts();
    let result = async {
        let me = caller(&state, &req.headers, &[Role::Counter, Role::Supervisor]).await?;
        documents::receipt_pdf(
            &state.db,
            &state.printer,
            &me,
            &state.rules.get(),
            &number,
            state.clock.now(),
            &origin(&req),
        )
        .await
    }
    .await;
    respond(result)
}
