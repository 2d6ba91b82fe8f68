//! Who may call what, enforced before any handler runs: the session from the cookie
//! (any state, or a finished sign-in with the permission the route names). A denial is
//! audited and answered with its code and 401/403 — the same answer whether or not the
//! thing asked for exists.

use app::api::Access;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use madoguchi_services::audit::{self, Audit};
use madoguchi_services::auth::{self, sessions, Current, RequestMeta};
use madoguchi_services::online::{self, ResidentCurrent};
use madoguchi_services::AppState;
use madoguchi_types::error::AppError;
use madoguchi_types::model::SessionState;

/// The session the request's cookie names, if it is live (any state).
pub async fn resolve(
    state: &AppState,
    meta: &RequestMeta,
    headers: &HeaderMap,
) -> Result<Option<Current>, AppError> {
    match auth::token_from_headers(headers, meta.https) {
        Some(token) => {
            match sessions::resolve(&state.db, &state.security, &token, state.clock.now(), meta)
                .await
            {
                Ok(c) => Ok(Some(c)),
                Err(AppError::Unauthenticated) => Ok(None),
                Err(e) => Err(e),
            }
        }
        None => Ok(None),
    }
}

/// The resident session the request's resident cookie names, if it is live.
pub async fn resolve_resident(
    state: &AppState,
    meta: &RequestMeta,
    headers: &HeaderMap,
) -> Result<Option<ResidentCurrent>, AppError> {
    let Some(token) = super::oidc::session_token(headers, meta.https) else {
        return Ok(None);
    };
    match online::sessions::resolve(&state.db, &state.security, &token, state.clock.now(), meta)
        .await
    {
        Ok(c) => Ok(Some(c)),
        Err(AppError::Unauthenticated) => Ok(None),
        Err(e) => Err(e),
    }
}

/// For a plain HTTP route of the resident's (a file, not a server function): the
/// request's meta and its live resident session, or the answer refusing it (401 without
/// one, the error's status when it cannot be read).
pub async fn resident_of(
    state: &AppState,
    parts: &axum::http::request::Parts,
) -> Result<(RequestMeta, ResidentCurrent), Response> {
    let meta = parts
        .extensions
        .get::<RequestMeta>()
        .cloned()
        .unwrap_or_default();
    match resolve_resident(state, &meta, &parts.headers).await {
        Ok(Some(r)) => Ok((meta, r)),
        Ok(None) => Err(error_response(&AppError::Unauthenticated)),
        Err(e) => Err(error_response(&e)),
    }
}

/// Whether `access` lets `current` in.
pub fn permit(current: Option<&Current>, access: Access) -> Result<(), AppError> {
    match (access, current) {
        // A resident's function: the resident session is checked by the caller.
        (Access::Public | Access::Resident, _) | (Access::Session, Some(_)) => Ok(()),
        (Access::Permission(p), Some(c)) if c.me.can(p) => Ok(()),
        (Access::Permission(_), Some(c)) if c.me.state == SessionState::Full => {
            Err(AppError::Forbidden)
        }
        _ => Err(AppError::Unauthenticated),
    }
}

/// Resolves and permits; on a denial writes the audit entry and the response.
pub async fn check(
    state: &AppState,
    meta: &RequestMeta,
    headers: &HeaderMap,
    access: Access,
    path: &str,
) -> Result<Option<Current>, Response> {
    let current = resolve(state, meta, headers)
        .await
        .map_err(|e| error_response(&e))?;
    match permit(current.as_ref(), access) {
        Ok(()) => Ok(current),
        Err(e) => {
            let outcome = if e == AppError::Forbidden {
                "forbidden"
            } else {
                "unauthenticated"
            };
            Err(deny(state, meta, current.map(|c| c.me.id), path, outcome, e).await)
        }
    }
}

/// For an HTTP route that needs a signed-in caller: the caller and where the request
/// came from, or the denial already audited and answered.
pub async fn caller(
    state: &AppState,
    req: &axum::http::request::Parts,
    access: Access,
) -> Result<(Current, RequestMeta), Response> {
    let meta = req
        .extensions
        .get::<RequestMeta>()
        .cloned()
        .unwrap_or_default();
    match check(state, &meta, &req.headers, access, req.uri.path()).await? {
        Some(current) => Ok((current, meta)),
        None => Err(error_response(&AppError::Unauthenticated)),
    }
}

/// Audits a denied request and answers it.
pub async fn deny(
    state: &AppState,
    meta: &RequestMeta,
    staff: Option<i32>,
    path: &str,
    outcome: &str,
    error: AppError,
) -> Response {
    if let Err(e) = audit::record(
        &state.db,
        state.clock.now(),
        &meta.address,
        Audit {
            staff_user_id: staff,
            action: "request_denied",
            target: path.to_owned(),
            household_id: None,
            resident_id: None,
            purpose: "access_control",
            outcome,
        },
    )
    .await
    {
        tracing::error!(error = %e, "a denial could not be audited");
        return error_response(&AppError::Internal);
    }
    error_response(&error)
}

/// An error as JSON with its status (and `Retry-After` when it says to wait).
pub fn error_response(e: &AppError) -> Response {
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut res = (status, axum::Json(e)).into_response();
    if let AppError::TooManyAttempts { retry_after } = e {
        if let Ok(v) = HeaderValue::from_str(&retry_after.to_string()) {
            res.headers_mut().insert(header::RETRY_AFTER, v);
        }
    }
    res
}
