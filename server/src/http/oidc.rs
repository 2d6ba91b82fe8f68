//! Residents' sign-in through the city's OpenID Connect provider. Plain GET
//! navigations, outside `/api/` (the provider sends the browser back from another
//! site, so the CSRF layer's same-origin rule cannot apply; the flow cookie and the
//! `state` are what bind the callback to the browser that started it):
//!
//! - `GET /auth/oidc/start?return_to=/my&lang=en` keeps the flow's secrets
//!   (`online::oidc::flow::start`), sets the flow cookie (SameSite=Lax, so it comes
//!   back with the provider's redirect; ten minutes) and sends the browser on;
//! - `GET /auth/oidc/callback` finishes: the identity verified, the account matched
//!   with the registry and audited, a resident session opened; on any failure the
//!   resident lands on `/my?error=<code>` with nothing signed in, and the failure is
//!   audited;
//! - `GET /auth/oidc/jwks.json`, the public half of the client's key
//!   (`private_key_jwt`), for the provider.
//!
//! Unconfigured, all three are `not_found`.

use super::access::error_response;
use axum::extract::{Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use madoguchi_services::audit::{self, Audit};
use madoguchi_services::auth::{cookie_value, RequestMeta};
use madoguchi_services::db::begin_write;
use madoguchi_services::online::oidc::flow::{self, Callback, Failure};
use madoguchi_services::online::oidc::ClientAuth;
use madoguchi_services::online::{accounts, sessions};
use madoguchi_services::AppState;
use madoguchi_types::error::AppError;

fn flow_cookie_name(https: bool) -> &'static str {
    if https {
        "__Secure-madoguchi_oidc"
    } else {
        "madoguchi_oidc"
    }
}

fn flow_cookie(token: Option<&str>, https: bool) -> String {
    let secure = if https { "; Secure" } else { "" };
    let (value, age) = match token {
        Some(t) => (t, flow::FLOW_MINUTES * 60),
        None => ("", 0),
    };
    format!(
        "{}={value}; Path=/auth/oidc; HttpOnly; SameSite=Lax{secure}; Max-Age={age}",
        flow_cookie_name(https)
    )
}

/// The resident session token a request carries.
pub fn session_token(headers: &HeaderMap, https: bool) -> Option<String> {
    cookie_value(headers, sessions::cookie_name(https))
}

fn meta_of(req: &Request) -> RequestMeta {
    req.extensions()
        .get::<RequestMeta>()
        .cloned()
        .unwrap_or_default()
}

fn see_other(location: &str, cookies: &[String]) -> Response {
    let mut res = StatusCode::SEE_OTHER.into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(v) = HeaderValue::from_str(location) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    for c in cookies {
        if let Ok(v) = HeaderValue::from_str(c) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

#[derive(serde::Deserialize)]
pub struct StartQuery {
    return_to: Option<String>,
    lang: Option<String>,
}

pub async fn start(
    State(state): State<AppState>,
    Query(q): Query<StartQuery>,
    req: Request,
) -> Response {
    let Some(provider) = state.oidc.clone() else {
        return error_response(&AppError::NotFound);
    };
    let meta = meta_of(&req);
    // The provider's pages in the resident's language where it has it.
    let ui_locales = q.lang.as_deref().map(|l| match l {
        "en" => "en ja",
        _ => "ja",
    });
    let return_to = q.return_to.as_deref().unwrap_or("/my");
    match flow::start(
        &state.db,
        &provider,
        state.clock.now(),
        return_to,
        ui_locales,
    )
    .await
    {
        Ok((token, url)) => see_other(&url, &[flow_cookie(Some(&token), meta.https)]),
        Err(e) => {
            tracing::warn!(error = %e, "an OpenID Connect sign-in could not start");
            see_other(&failed(e.code(), q.lang.as_deref()), &[])
        }
    }
}

pub async fn callback(
    State(state): State<AppState>,
    Query(cb): Query<Callback>,
    req: Request,
) -> Response {
    let Some(provider) = state.oidc.clone() else {
        return error_response(&AppError::NotFound);
    };
    let meta = meta_of(&req);
    let now = state.clock.now();
    let flow_token = cookie_value(req.headers(), flow_cookie_name(meta.https));
    let clear_flow = flow_cookie(None, meta.https);
    // A session this browser already had ends with the new sign-in.
    let old_session = session_token(req.headers(), meta.https);
    // Where the resident came from, once the flow is known: a failure goes back to
    // `/my` in their language.
    let mut came_from: Option<String> = None;
    let result = async {
        let flow = flow::take(&state.db, now, flow_token.as_deref())
            .await
            .map_err(refused)?;
        came_from = Some(flow.return_to.clone());
        let (identity, return_to) = flow::complete(&provider, now, flow, &cb)
            .await
            .map_err(refused)?;
        // The account, its match, its audit entry, the end of an older session and the
        // new one: all or nothing.
        let token = async {
            let txn = begin_write(&state.db).await?;
            let account = accounts::sign_in(&txn, now, &meta.address, &identity).await?;
            if let Some(old) = &old_session {
                sessions::end_token(&txn, old, "replaced", now, &meta.address).await?;
            }
            let token = sessions::open(&txn, &state.security, &account, now, &meta).await?;
            txn.commit().await?;
            Ok::<_, AppError>(token)
        }
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "a verified sign-in could not be recorded");
            "unavailable"
        })?;
        let age = state.security.resident_absolute.num_seconds();
        Ok(see_other(
            &return_to,
            &[
                clear_flow.clone(),
                sessions::cookie(Some(&token), meta.https, age),
            ],
        ))
    }
    .await;
    match result {
        Ok(res) => res,
        Err(code) => {
            let entry = Audit {
                staff_user_id: None,
                action: "resident_sign_in",
                target: "oidc".into(),
                household_id: None,
                resident_id: None,
                purpose: "online_sign_in",
                outcome: code,
            };
            if let Err(e) = audit::record(&state.db, now, &meta.address, entry).await {
                tracing::error!(error = %e, "a refused sign-in could not be audited");
            }
            let lang = came_from.as_deref().and_then(lang_of_path);
            see_other(&failed(code, lang), &[clear_flow])
        }
    }
}

/// `/my` with a failed sign-in's code, in the resident's language when it is known.
fn failed(code: &str, lang: Option<&str>) -> String {
    match lang.filter(|l| is_lang_code(l)) {
        Some(l) => format!("/my?error={code}&lang={l}"),
        None => format!("/my?error={code}"),
    }
}

/// The `lang` of a path of ours such as `/my/apply?lang=en`.
fn lang_of_path(path: &str) -> Option<&str> {
    let (_, query) = path.split_once('?')?;
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("lang="))
        .filter(|l| is_lang_code(l))
}

/// A language code as the pages write it (`ja`, `ja-x-easy`, `zh-Hans`): nothing else
/// goes into the address.
fn is_lang_code(l: &str) -> bool {
    (2..=12).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-')
}

/// Logs why a sign-in failed (a fault as a warning) and gives its code.
fn refused(f: Failure) -> &'static str {
    match &f {
        Failure::Provider(_) | Failure::Database(_) => {
            tracing::warn!(error = %f, "an OpenID Connect sign-in failed")
        }
        _ => tracing::info!(error = %f, "an OpenID Connect sign-in was refused"),
    }
    f.code()
}

pub async fn jwks(State(state): State<AppState>) -> Response {
    match state.oidc.as_ref().map(|p| &p.settings.auth) {
        Some(ClientAuth::PrivateKeyJwt(key)) => {
            let mut res = axum::Json(key.jwks()).into_response();
            res.headers_mut().insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=300"),
            );
            res
        }
        _ => error_response(&AppError::NotFound),
    }
}

#[cfg(test)]
mod tests {
    use super::{failed, lang_of_path};

    #[test]
    fn a_failure_goes_back_in_the_language_the_resident_came_from() {
        assert_eq!(lang_of_path("/my/apply?lang=en"), Some("en"));
        assert_eq!(lang_of_path("/my?x=1&lang=ja-x-easy"), Some("ja-x-easy"));
        assert_eq!(lang_of_path("/my"), None);
        // Nothing but a language code goes into the address.
        assert_eq!(lang_of_path("/my?lang=en%0d%0aSet-Cookie:x"), None);
        assert_eq!(
            failed("cancelled", Some("en")),
            "/my?error=cancelled&lang=en"
        );
        assert_eq!(failed("expired", None), "/my?error=expired");
        assert_eq!(failed("expired", Some("<b>")), "/my?error=expired");
    }
}
