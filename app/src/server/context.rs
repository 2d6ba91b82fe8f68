//! What a server function needs from its request. The HTTP layer has already checked
//! the caller against the permission the function is registered with (`api::server_fns`)
//! and provided a `Caller`; functions ask again for the permission they name, so the
//! table and the code must agree (the permission matrix test holds them to it).

use super::auth::{self, Current, RequestMeta};
use super::AppState;
use crate::error::AppError;
use crate::model::{Permission, SessionState, StaffMe};
use leptos::prelude::*;

/// The caller of a request as the HTTP layer found it.
#[derive(Debug, Clone, Default)]
pub struct Caller {
    pub meta: RequestMeta,
    /// The session, in whatever state, if the request carried a live one.
    pub current: Option<Current>,
    /// The resident signed in online, if the request carried a live resident session
    /// (a kind of caller apart from staff: another cookie, another table).
    pub resident: Option<super::online::ResidentCurrent>,
}

pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the server-function context");
        AppError::Internal
    })
}

fn caller() -> Caller {
    use_context::<Caller>().unwrap_or_default()
}

/// Where the request came from.
pub fn meta() -> RequestMeta {
    caller().meta
}

/// The client's address, for the audit log.
pub fn origin() -> String {
    meta().address
}

/// The signed-in staff member if their roles grant `permission`: `Unauthenticated`
/// without a finished sign-in, `Forbidden` without the permission.
pub fn staff_with(permission: Permission) -> Result<(AppState, StaffMe), AppError> {
    let state = state()?;
    let current = caller()
        .current
        .filter(|c| c.me.state == SessionState::Full)
        .ok_or(AppError::Unauthenticated)?;
    if current.me.can(permission) {
        Ok((state, current.me))
    } else {
        Err(AppError::Forbidden)
    }
}

/// The session of a sign-in in progress (or finished), for the sign-in steps.
pub fn session() -> Result<(AppState, Current), AppError> {
    let state = state()?;
    let current = caller().current.ok_or(AppError::Unauthenticated)?;
    Ok((state, current))
}

/// The session if there is one (public functions that answer differently when signed
/// in).
pub fn maybe_session() -> Option<Current> {
    caller().current
}

/// The resident signed in online (the HTTP layer lets nobody else call a
/// resident's function; this checks again).
pub fn resident() -> Result<(AppState, super::online::ResidentCurrent), AppError> {
    let state = state()?;
    let me = caller().resident.ok_or(AppError::Unauthenticated)?;
    Ok((state, me))
}

/// The resident signed in online, if any.
pub fn maybe_resident() -> Option<super::online::ResidentCurrent> {
    caller().resident
}

/// Sets the session cookie on the response (or, with `None`, removes it).
pub fn set_session_cookie(token: Option<&str>) {
    let Ok(state) = state() else { return };
    let value = auth::cookie(token, meta().https, state.security.absolute.num_seconds());
    append_header(http::header::SET_COOKIE, &value);
}

/// Sets the resident session's cookie (or, with `None`, removes it).
pub fn set_resident_cookie(token: Option<&str>) {
    let Ok(state) = state() else { return };
    let value = super::online::sessions::cookie(
        token,
        meta().https,
        state.security.resident_absolute.num_seconds(),
    );
    append_header(http::header::SET_COOKIE, &value);
}

/// Tells the browser to drop everything of this site it holds (sign-out).
pub fn clear_site_data() {
    append_header(
        http::HeaderName::from_static("clear-site-data"),
        "\"cache\", \"cookies\", \"storage\"",
    );
}

fn append_header(name: http::HeaderName, value: &str) {
    if let (Some(resp), Ok(v)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(value),
    ) {
        resp.append_header(name, v);
    }
}
