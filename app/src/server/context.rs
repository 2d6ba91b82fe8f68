//! What a server function needs from its request: the state, the caller, where the
//! request came from, and a way to set the session cookie.

use super::{auth, AppState};
use crate::error::AppError;
use crate::model::{Role, StaffMe};
use leptos::prelude::*;

pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the server-function context");
        AppError::Internal
    })
}

fn parts() -> Option<http::request::Parts> {
    use_context::<http::request::Parts>()
}

/// The session token from the request's cookie.
pub fn session_token() -> Option<String> {
    auth::token_from_headers(&parts()?.headers)
}

/// Where the request came from, for the audit log.
pub fn origin() -> String {
    parts()
        .and_then(|p| {
            p.extensions
                .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
                .map(|c| c.0.ip().to_string())
        })
        .unwrap_or_else(|| "unknown".into())
}

/// The signed-in staff member, or `Unauthenticated`.
pub async fn staff() -> Result<(AppState, StaffMe), AppError> {
    let state = state()?;
    let token = session_token().ok_or(AppError::Unauthenticated)?;
    let me = auth::session_staff(&state.db, &token, state.clock.now()).await?;
    Ok((state, me))
}

/// The signed-in staff member if their role is one of `roles`, else `Forbidden`.
pub async fn staff_with(roles: &[Role]) -> Result<(AppState, StaffMe), AppError> {
    let (state, me) = staff().await?;
    if roles.contains(&me.role) {
        Ok((state, me))
    } else {
        Err(AppError::Forbidden)
    }
}

/// Sets (or, with `None`, clears) the session cookie on the response.
pub fn set_session_cookie(token: Option<&str>) {
    let value = match token {
        Some(t) => format!(
            "{}={t}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}",
            auth::SESSION_COOKIE,
            auth::SESSION_HOURS * 3600
        ),
        None => format!(
            "{}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0",
            auth::SESSION_COOKIE
        ),
    };
    if let (Some(resp), Ok(v)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(&value),
    ) {
        resp.append_header(http::header::SET_COOKIE, v);
    }
}
