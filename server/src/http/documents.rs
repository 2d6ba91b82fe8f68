//! Printed documents over plain GET (a browser opens or prints them directly):
//! `GET /api/applications/{id}/form.pdf` for staff who read the department queue,
//! `GET /api/visits/{number}/receipt.pdf?lang=<code>` for the counter staff member who
//! took the visit, and `GET /api/resident/visits/{number}/receipt.pdf?lang=<code>` for
//! the resident who applied online. Access is checked as for server functions; the
//! services check the record.

use super::access::{self, error_response};
use app::api::Access;
use app::server::documents::{self, Pdf};
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use madoguchi_services::visits::Owner;
use madoguchi_services::AppState;
use madoguchi_types::error::AppError;
use madoguchi_types::model::Permission;

pub const FORM_ACCESS: Access = Access::Permission(Permission::QueueRead);
pub const RECEIPT_ACCESS: Access = Access::Permission(Permission::CounterRun);

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
        Err(e) => error_response(&e),
    }
}

pub async fn application_form(
    State(state): State<AppState>,
    Path(id): Path<i32>,
    req: Request,
) -> Response {
    let (req, _) = req.into_parts();
    let (current, meta) = match access::caller(&state, &req, FORM_ACCESS).await {
        Ok(c) => c,
        Err(denied) => return denied,
    };
    respond(
        documents::application_pdf(
            &state.db,
            &state.printer,
            &current.me,
            &state.rules.on(state.clock.today()),
            id,
            state.clock.now(),
            &meta.address,
        )
        .await,
    )
}

/// `?lang=<code>`: the resident's language, printed below the Japanese (a code that is
/// not one of `locales/languages.toml` prints Japanese only).
#[derive(serde::Deserialize)]
pub struct ReceiptQuery {
    lang: Option<String>,
}

pub async fn visit_receipt(
    State(state): State<AppState>,
    Path(number): Path<String>,
    Query(query): Query<ReceiptQuery>,
    req: Request,
) -> Response {
    let (req, _) = req.into_parts();
    let (current, meta) = match access::caller(&state, &req, RECEIPT_ACCESS).await {
        Ok(c) => c,
        Err(denied) => return denied,
    };
    receipt(
        &state,
        Owner::Staff(&current.me),
        &number,
        &query,
        &meta.address,
    )
    .await
}

/// The receipt of the signed-in resident's own online application.
pub async fn resident_receipt(
    State(state): State<AppState>,
    Path(number): Path<String>,
    Query(query): Query<ReceiptQuery>,
    req: Request,
) -> Response {
    let (parts, _) = req.into_parts();
    let (meta, resident) = match access::resident_of(&state, &parts).await {
        Ok(r) => r,
        Err(refused) => return refused,
    };
    receipt(
        &state,
        Owner::Resident(&resident.account),
        &number,
        &query,
        &meta.address,
    )
    .await
}

/// A visit's receipt for its owner (staff at the counter, or the resident online), in
/// the language asked for.
async fn receipt(
    state: &AppState,
    owner: Owner<'_>,
    number: &str,
    query: &ReceiptQuery,
    origin: &str,
) -> Response {
    respond(
        documents::receipt_pdf(
            &state.db,
            &state.printer,
            owner,
            &state.rules.on(state.clock.today()),
            number,
            madoguchi_core::lang::Lang::parse_or_ja(query.lang.as_deref().unwrap_or("ja")),
            state.clock.now(),
            origin,
        )
        .await,
    )
}
