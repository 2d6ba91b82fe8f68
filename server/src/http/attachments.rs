//! Attachments over plain HTTP (a file is bytes, not a server function's JSON):
//! `POST /api/resident/attachments?visit=&procedure=&document=&name=` — the body is the
//! file, its `Content-Type` the type the browser claims — for the signed-in resident's
//! open application, or `?application=&document=&name=` for one of theirs the
//! department returned (差戻し), to go with its correction; `GET /api/applications/{id}/attachments/{attachment}` for staff
//! who may read the application, always as a download of the type its content was
//! checked to be (`nosniff`, a sandbox policy), never run in the browser.

use super::access::{self, error_response};
use super::documents::FORM_ACCESS;
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use madoguchi_core::attachment::DEFAULT_MAX_BYTES;
use madoguchi_core::jp::ValueError;
use madoguchi_services::online::attachments::{self, Holder, Upload};
use madoguchi_services::AppState;
use madoguchi_types::error::AppError;

/// What the upload route reads at most: one byte over the limit is enough to refuse a
/// file as too large with its message (the layer in front refuses far larger bodies).
pub const UPLOAD_LIMIT: usize = DEFAULT_MAX_BYTES + 1;

#[derive(serde::Deserialize)]
pub struct UploadQuery {
    visit: Option<String>,
    procedure: Option<String>,
    application: Option<i32>,
    document: String,
    #[serde(default)]
    name: String,
}

pub async fn upload(
    State(state): State<AppState>,
    Query(q): Query<UploadQuery>,
    req: Request,
) -> Response {
    let to = match (&q.visit, &q.procedure, q.application) {
        (Some(number), Some(procedure_id), None) => Holder::Visit {
            number,
            procedure_id,
        },
        (None, None, Some(id)) => Holder::Returned(id),
        _ => return error_response(&AppError::field("visit", ValueError::Required)),
    };
    let (parts, body) = req.into_parts();
    let (meta, resident) = match access::resident_of(&state, &parts).await {
        Ok(r) => r,
        Err(refused) => return refused,
    };
    let Ok(bytes) = axum::body::to_bytes(body, UPLOAD_LIMIT).await else {
        return error_response(&AppError::field("attachment", ValueError::FileTooLarge));
    };
    let upload = Upload {
        to,
        document: &q.document,
        name: &q.name,
        claimed: parts
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok()),
        bytes: &bytes,
    };
    match attachments::add(
        &state.db,
        &resident.account,
        &upload,
        state.clock.now(),
        &meta.address,
    )
    .await
    {
        Ok(view) => axum::Json(view).into_response(),
        Err(e) => error_response(&e),
    }
}

pub async fn download(
    State(state): State<AppState>,
    Path((id, attachment)): Path<(i32, i32)>,
    req: Request,
) -> Response {
    let (req, _) = req.into_parts();
    let (current, meta) = match access::caller(&state, &req, FORM_ACCESS).await {
        Ok(c) => c,
        Err(denied) => return denied,
    };
    let found = attachments::for_staff(
        &state.db,
        &current.me,
        id,
        attachment,
        state.clock.now(),
        &meta.address,
    )
    .await;
    let (kind, a) = match found {
        Ok(f) => f,
        Err(e) => return error_response(&e),
    };
    let disposition = format!(
        "attachment; filename=\"application-{id}-{attachment}.{}\"; filename*=UTF-8''{}",
        kind.extension(),
        percent_encode(&a.name)
    );
    let mut r = a.data.into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind.mime()));
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    r
}

/// RFC 8187's encoding of a file name (every byte but letters, digits and `-._~`).
fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_file_name_is_encoded_for_the_header() {
        assert_eq!(super::percent_encode("出生.pdf"), "%E5%87%BA%E7%94%9F.pdf");
        assert_eq!(super::percent_encode("a b\";.png"), "a%20b%22%3B.png");
    }
}
