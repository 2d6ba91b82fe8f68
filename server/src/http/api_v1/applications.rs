//! The department's applications for its business system: the feed, one application,
//! acknowledgements and status updates. Thin: parse, check the department in the path
//! against the key's, call `madoguchi_services::integration::feed`.

use super::auth::{refuse, system, System};
use super::ApiError;
use crate::http::access::error_response;
use axum::body::Bytes;
use axum::extract::{Path, Query, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use madoguchi_services::integration::feed::{self, FeedQuery};
use madoguchi_services::integration::records::{
    AckRequest, AckResult, ApplicationRecord, FeedPage, StatusUpdate,
};
use madoguchi_services::AppState;
use madoguchi_types::error::AppError;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use utoipa::IntoParams;

/// The feed's query.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FeedParams {
    /// The `next_cursor` of the page before, to read on within one poll.
    after: Option<String>,
    /// Items per page, 1–500 (default 100).
    limit: Option<u32>,
    /// Only this procedure's applications (`child_allowance`, …).
    procedure: Option<String>,
}

/// A JSON body as `T`, or `400 transport` saying what is wrong with it.
pub fn body<T: DeserializeOwned>(bytes: &Bytes) -> Result<T, AppError> {
    serde_json::from_slice(bytes).map_err(|e| AppError::Transport {
        message: format!("the body is not valid JSON for this call: {e}"),
    })
}

/// An application id from the path; anything else is not found.
fn id(raw: &str) -> Result<i32, AppError> {
    raw.parse::<i32>().map_err(|_| AppError::NotFound)
}

/// The caller's system, refused with `403` when the path names another department.
pub(super) async fn of_department(
    state: &AppState,
    parts: &axum::http::request::Parts,
    department: &str,
) -> Result<System, Response> {
    let sys = system(state, parts).await?;
    if sys.caller.department_id != department {
        return Err(refuse(
            state,
            &sys.meta,
            Some(&sys.caller),
            parts.uri.path(),
            AppError::Forbidden,
        )
        .await);
    }
    Ok(sys)
}

fn answer<T: serde::Serialize>(result: Result<T, AppError>) -> Response {
    match result {
        Ok(v) => Json(v).into_response(),
        Err(e) => error_response(&e),
    }
}

/// The department's applications this system has not acknowledged, oldest first.
///
/// Poll from the start (without `after`) each time and acknowledge what you have
/// taken: an application stays in the feed until acknowledged, so one committed late
/// is never skipped. `after` reads on within one poll.
#[utoipa::path(
    get,
    path = "/api/v1/departments/{department}/applications",
    tag = "applications",
    params(("department" = String, Path, description = "The key's department (`kodomo`, …)"), FeedParams),
    responses(
        (status = 200, description = "A page of the feed", body = FeedPage),
        (status = 401, description = "No key, or an unknown or revoked one", body = ApiError),
        (status = 403, description = "The key is of another department", body = ApiError),
        (status = 422, description = "A parameter out of range", body = ApiError),
    ),
    security(("api_key" = []))
)]
pub async fn list(
    State(state): State<AppState>,
    Path(department): Path<String>,
    query: Result<Query<FeedParams>, axum::extract::rejection::QueryRejection>,
    req: Request,
) -> Response {
    let (parts, _) = req.into_parts();
    let sys = match of_department(&state, &parts, &department).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let Ok(Query(p)) = query else {
        return error_response(&AppError::field(
            "limit",
            madoguchi_core::jp::ValueError::InvalidNumber,
        ));
    };
    let q = FeedQuery {
        after: p.after,
        limit: p.limit,
        procedure: p.procedure,
    };
    let rules = state.rules.on(state.clock.today());
    answer(
        feed::feed(
            &state.db,
            &sys.caller,
            &rules,
            &q,
            state.clock.now(),
            &sys.meta.address,
        )
        .await,
    )
}

/// One application of the key's department, with its form and history.
#[utoipa::path(
    get,
    path = "/api/v1/applications/{id}",
    tag = "applications",
    params(("id" = i32, Path, description = "The application's id")),
    responses(
        (status = 200, description = "The application", body = ApplicationRecord),
        (status = 401, description = "No key, or an unknown or revoked one", body = ApiError),
        (status = 404, description = "No such application in the key's department", body = ApiError),
    ),
    security(("api_key" = []))
)]
pub async fn read(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    req: Request,
) -> Response {
    let (parts, _) = req.into_parts();
    let sys = match system(&state, &parts).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let id = match id(&raw) {
        Ok(id) => id,
        Err(e) => return error_response(&e),
    };
    let rules = state.rules.on(state.clock.today());
    answer(
        feed::read(
            &state.db,
            &sys.caller,
            &rules,
            id,
            state.clock.now(),
            &sys.meta.address,
        )
        .await,
    )
}

/// Records that the system has taken these applications (idempotent): they leave its
/// feed. All must be of the department, or none is acknowledged.
#[utoipa::path(
    post,
    path = "/api/v1/departments/{department}/acknowledgements",
    tag = "applications",
    params(("department" = String, Path, description = "The key's department")),
    request_body = AckRequest,
    responses(
        (status = 200, description = "Acknowledged", body = AckResult),
        (status = 400, description = "The body is not JSON of this shape", body = ApiError),
        (status = 401, description = "No key, or an unknown or revoked one", body = ApiError),
        (status = 403, description = "The key is of another department", body = ApiError),
        (status = 404, description = "An id not of this department; nothing was acknowledged", body = ApiError),
        (status = 422, description = "No ids, or more than 500", body = ApiError),
    ),
    security(("api_key" = []))
)]
pub async fn acknowledge(
    State(state): State<AppState>,
    Path(department): Path<String>,
    req: Request,
) -> Response {
    let (parts, raw) = req.into_parts();
    let sys = match of_department(&state, &parts, &department).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let bytes = match axum::body::to_bytes(raw, crate::http::BODY_LIMIT).await {
        Ok(b) => b,
        Err(_) => {
            return error_response(&AppError::Transport {
                message: "the body could not be read".into(),
            })
        }
    };
    let ack: AckRequest = match body(&bytes) {
        Ok(a) => a,
        Err(e) => return error_response(&e),
    };
    answer(
        feed::acknowledge(
            &state.db,
            &sys.caller,
            &ack,
            state.clock.now(),
            &sys.meta.address,
        )
        .await,
    )
}

/// Moves an application's status, as the business system (a `write` key). The change
/// shows in the department's queue and history, and is sent to webhooks.
#[utoipa::path(
    post,
    path = "/api/v1/applications/{id}/status",
    tag = "applications",
    params(("id" = i32, Path, description = "The application's id")),
    request_body = StatusUpdate,
    responses(
        (status = 204, description = "Changed"),
        (status = 400, description = "The body is not JSON of this shape", body = ApiError),
        (status = 401, description = "No key, or an unknown or revoked one", body = ApiError),
        (status = 403, description = "A read-only key", body = ApiError),
        (status = 404, description = "No such application in the key's department", body = ApiError),
        (status = 409, description = "`status_order`: the change does not follow the workflow; `changed_meanwhile`: it is no longer `from`", body = ApiError),
        (status = 422, description = "An unknown status, or a missing or too long reason", body = ApiError),
    ),
    security(("api_key" = []))
)]
pub async fn update_status(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    req: Request,
) -> Response {
    let (parts, raw_body) = req.into_parts();
    let sys = match system(&state, &parts).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    if !sys.caller.can_write {
        return refuse(
            &state,
            &sys.meta,
            Some(&sys.caller),
            parts.uri.path(),
            AppError::Forbidden,
        )
        .await;
    }
    let id = match id(&raw) {
        Ok(id) => id,
        Err(e) => return error_response(&e),
    };
    let bytes = match axum::body::to_bytes(raw_body, crate::http::BODY_LIMIT).await {
        Ok(b) => b,
        Err(_) => {
            return error_response(&AppError::Transport {
                message: "the body could not be read".into(),
            })
        }
    };
    let update: StatusUpdate = match body(&bytes) {
        Ok(u) => u,
        Err(e) => return error_response(&e),
    };
    match feed::update_status(
        &state.db,
        &sys.caller,
        id,
        &update,
        state.clock.now(),
        &sys.meta.address,
    )
    .await
    {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => error_response(&e),
    }
}
