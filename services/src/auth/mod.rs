//! Staff authentication: passwords (Argon2id, a policy without composition rules),
//! second factors (TOTP with recovery codes, passkeys), sessions (rotated at every
//! step up, idle and absolute timeouts), and the throttle that slows and then locks
//! repeated failures. Every step is audited.

pub mod factors;
pub mod passkeys;
pub mod password;
pub mod sessions;
pub mod settings;
pub mod sign_in;
pub mod throttle;
pub mod totp;

pub use sessions::{Current, RequestMeta};
pub use settings::SecuritySettings;

/// The session cookie's name: with the `__Host-` prefix (Secure, no Domain, Path=/)
/// whenever the request came over HTTPS, plain on the HTTP demo.
pub fn cookie_name(https: bool) -> &'static str {
    if https {
        "__Host-madoguchi_session"
    } else {
        "madoguchi_session"
    }
}

/// The `Set-Cookie` value that stores `token` (or, with `None`, removes the cookie).
pub fn cookie(token: Option<&str>, https: bool, max_age_seconds: i64) -> String {
    let secure = if https { "; Secure" } else { "" };
    match token {
        Some(t) => format!(
            "{}={t}; Path=/; HttpOnly; SameSite=Strict{secure}; Max-Age={max_age_seconds}",
            cookie_name(https)
        ),
        None => format!(
            "{}=; Path=/; HttpOnly; SameSite=Strict{secure}; Max-Age=0",
            cookie_name(https)
        ),
    }
}

/// The session token a request carries. Over HTTPS only the `__Host-` cookie counts
/// (a plain cookie could have been planted by a sibling host over HTTP).
pub fn token_from_headers(headers: &http::HeaderMap, https: bool) -> Option<String> {
    cookie_value(headers, cookie_name(https))
}

/// The value of the cookie `name` a request carries, if it is not empty.
pub fn cookie_value(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|header| {
            header.split(';').find_map(|kv| {
                let (k, v) = kv.trim().split_once('=')?;
                (k == name && !v.is_empty()).then(|| v.to_owned())
            })
        })
}
