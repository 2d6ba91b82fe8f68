//! `POST /api/v1/screenings`: the public screening contract over HTTP, screened with
//! the published rule set. No session is needed and no database is read: the result is
//! a pure function of the request and the rules. `?explain=true` adds the full trace.

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use madoguchi_core::rules::Options;
use madoguchi_core::screening::{parse_request, ContractError};
use madoguchi_services::AppState;
use serde::Deserialize;

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Params {
    /// Add the full trace: every rule, its conditions and their values.
    #[serde(default)]
    explain: bool,
}

/// Which procedures a household needs after its life events, why, by when, and what
/// must still be asked (`shared/domain/screening-contract.md`). A pure function of the
/// request and the rule set in force on `as_of`: no key, nothing stored.
#[utoipa::path(
    post,
    path = "/api/v1/screenings",
    tag = "screening",
    params(Params),
    request_body = madoguchi_core::screening::Request,
    responses(
        (status = 200, description = "The result", body = madoguchi_core::screening::ScreeningResult),
        (status = 422, description = "A request the contract refuses, with the code and the path of what is wrong", body = crate::http::api_v1::ScreeningError),
        (status = 429, description = "Too many requests from this address"),
    )
)]
pub async fn post(
    State(state): State<AppState>,
    Query(params): Query<Params>,
    body: Bytes,
) -> Response {
    let explain = params.explain;
    let result = std::str::from_utf8(&body)
        .map_err(|_| ContractError {
            code: "invalid_json".into(),
            message: "body is not UTF-8".into(),
            path: String::new(),
        })
        .and_then(parse_request)
        .and_then(|request| {
            // The version in force on the request's day (and for its events' dates).
            state.rules.for_request(&request).screen_with(
                &request,
                Options {
                    labels: None,
                    explain,
                },
            )
        });
    match result {
        Ok(r) => Json(r).into_response(),
        Err(e) => (StatusCode::UNPROCESSABLE_ENTITY, Json(e.to_json())).into_response(),
    }
}
