//! Who is calling the integration API: a business system's key in
//! `Authorization: Bearer mdg_…`. A missing, unknown or revoked key is `401`, a key
//! used outside its department or scope `403`; both are audited.

use crate::http::access::error_response;
use axum::http::request::Parts;
use axum::http::{header, HeaderValue};
use axum::response::Response;
use madoguchi_services::audit::{self, Audit};
use madoguchi_services::auth::RequestMeta;
use madoguchi_services::integration::keys::{self, ApiCaller};
use madoguchi_services::AppState;
use madoguchi_types::error::AppError;

/// A request of a business system: who, and from where.
pub struct System {
    pub caller: ApiCaller,
    pub meta: RequestMeta,
}

fn meta(parts: &Parts) -> RequestMeta {
    parts
        .extensions
        .get::<RequestMeta>()
        .cloned()
        .unwrap_or_default()
}

/// The key's system, or the refusal (audited, with `WWW-Authenticate`).
pub async fn system(state: &AppState, parts: &Parts) -> Result<System, Response> {
    let meta = meta(parts);
    let key = parts
        .headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    let result = match key {
        Some(key) => keys::authenticate(&state.db, key, state.clock.now()).await,
        None => Err(AppError::Unauthenticated),
    };
    match result {
        Ok(caller) => Ok(System { caller, meta }),
        Err(e) => {
            let mut res = refuse(state, &meta, None, parts.uri.path(), e).await;
            res.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"madoguchi\""),
            );
            Err(res)
        }
    }
}

/// Audits a refused call (naming the key when there was one) and answers it.
pub async fn refuse(
    state: &AppState,
    meta: &RequestMeta,
    caller: Option<&ApiCaller>,
    path: &str,
    error: AppError,
) -> Response {
    let outcome = match error {
        AppError::Unauthenticated => "unauthenticated",
        AppError::Forbidden => "forbidden",
        _ => "error",
    };
    let target = match caller {
        Some(c) => format!("{} {path}", c.audit_name()),
        None => path.to_owned(),
    };
    let entry = Audit {
        staff_user_id: None,
        action: "api_denied",
        target,
        household_id: None,
        resident_id: None,
        purpose: "business_system",
        outcome,
    };
    if let Err(e) = audit::record(&state.db, state.clock.now(), &meta.address, entry).await {
        tracing::error!(error = %e, "a refused API call could not be audited");
        return error_response(&AppError::Internal);
    }
    error_response(&error)
}
