//! A procedure's applications as one file, for business systems that import files:
//! CSV (UTF-8 or CP932) or JSON, columns named after the national standard's items.

use super::applications::of_department;
use super::ApiError;
use crate::http::access::error_response;
use axum::extract::{Path, Query, Request, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use madoguchi_core::export;
use madoguchi_core::extract::Encoding;
use madoguchi_core::jp::ValueError;
use madoguchi_services::integration::export::{ExportQuery, Exporter};
use madoguchi_services::AppState;
use madoguchi_types::error::AppError;
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportParams {
    /// `csv` (the default) or `json`.
    format: Option<String>,
    /// For CSV: `utf-8` (the default) or `cp932` (Shift_JIS as Windows writes it;
    /// characters it lacks become 〓).
    encoding: Option<String>,
    /// Received on or after this day (Japan time), `YYYY-MM-DD`.
    from: Option<chrono::NaiveDate>,
    /// Received on or before this day.
    to: Option<chrono::NaiveDate>,
    /// Only applications in this status (`received`, `in_review`, …).
    status: Option<String>,
}

/// The department's applications of one procedure as a file.
#[utoipa::path(
    get,
    path = "/api/v1/departments/{department}/exports/{procedure}",
    tag = "applications",
    params(
        ("department" = String, Path, description = "The key's department"),
        ("procedure" = String, Path, description = "The procedure (`child_allowance`, …)"),
        ExportParams
    ),
    responses(
        (status = 200, description = "CSV (header row first; `charset=Shift_JIS` with `encoding=cp932`) or, with `format=json`, `{procedure, columns, applications}`",
            content((String = "text/csv"), (serde_json::Value = "application/json"))),
        (status = 401, description = "No key, or an unknown or revoked one", body = ApiError),
        (status = 403, description = "The key is of another department", body = ApiError),
        (status = 422, description = "An unknown procedure, format, encoding or status", body = ApiError),
    ),
    security(("api_key" = []))
)]
pub async fn get(
    State(state): State<AppState>,
    Path((department, procedure)): Path<(String, String)>,
    query: Result<Query<ExportParams>, axum::extract::rejection::QueryRejection>,
    req: Request,
) -> Response {
    let (parts, _) = req.into_parts();
    let sys = match of_department(&state, &parts, &department).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let Ok(Query(p)) = query else {
        return error_response(&AppError::field("from", ValueError::InvalidDate));
    };
    let json = match p.format.as_deref() {
        None | Some("csv") => false,
        Some("json") => true,
        Some(_) => return error_response(&AppError::field("format", ValueError::InvalidChoice)),
    };
    let encoding = match p.encoding.as_deref().map(Encoding::parse) {
        None => Encoding::Utf8,
        Some(Some(e)) => e,
        Some(None) => {
            return error_response(&AppError::field("encoding", ValueError::InvalidChoice))
        }
    };
    let q = ExportQuery {
        department_id: department,
        procedure,
        from: p.from,
        to: p.to,
        status: p.status,
    };
    let table = match madoguchi_services::integration::export::export(
        &state.db,
        Exporter::System(&sys.caller),
        &q,
        state.clock.now(),
        &sys.meta.address,
    )
    .await
    {
        Ok(t) => t,
        Err(e) => return error_response(&e),
    };
    if json {
        return axum::Json(export::to_json(
            &table.procedure,
            &table.columns,
            &table.rows,
        ))
        .into_response();
    }
    let csv = export::to_csv(&table.columns, &table.rows);
    let name = format!("{}.csv", table.procedure);
    let disposition = format!("attachment; filename=\"{name}\"");
    match encoding {
        Encoding::Utf8 => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (header::CONTENT_DISPOSITION, disposition),
            ],
            csv,
        )
            .into_response(),
        Encoding::Cp932 => {
            let (bytes, replaced) = export::to_cp932(&csv);
            (
                [
                    (
                        header::CONTENT_TYPE,
                        "text/csv; charset=Shift_JIS".to_owned(),
                    ),
                    (header::CONTENT_DISPOSITION, disposition),
                    (
                        header::HeaderName::from_static("madoguchi-replaced-characters"),
                        replaced.to_string(),
                    ),
                ],
                bytes,
            )
                .into_response()
        }
    }
}
