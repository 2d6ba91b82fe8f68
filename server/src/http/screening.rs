//! `POST /api/v1/screenings`: the public screening contract over HTTP. No session is
//! needed and no database is read: the result is a pure function of the request.

use axum::body::Bytes;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use madoguchi_core::screening::{parse_request, screen, ContractError};

pub async fn post(body: Bytes) -> Response {
    let result = std::str::from_utf8(&body)
        .map_err(|_| ContractError {
            code: "invalid_json".into(),
            message: "body is not UTF-8".into(),
            path: String::new(),
        })
        .and_then(parse_request)
        .and_then(|request| screen(&request));
    match result {
        Ok(r) => Json(r).into_response(),
        Err(e) => (StatusCode::UNPROCESSABLE_ENTITY, Json(e.to_json())).into_response(),
    }
}
