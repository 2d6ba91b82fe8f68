//! Security headers on every response: a Content-Security-Policy that lets only our
//! own files and Trunk's inline loaders (by their hashes, computed from the built pages
//! at start: `index.html` and the counter's) run, with `'wasm-unsafe-eval'` for the app
//! and neither `'unsafe-inline'` nor `'unsafe-eval'`; HSTS over HTTPS; a
//! Permissions-Policy that turns the camera off (but for the counter's own page, which
//! reads pre-entry QR codes), the microphone and the like; and the usual hardening
//! headers.

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use madoguchi_services::auth::RequestMeta;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::Arc;

/// The policy, built once at start.
#[derive(Debug, Clone)]
pub struct Policy {
    pub csp: HeaderValue,
}

impl Policy {
    /// The CSP for the frontend built in `site_dir` (its inline scripts allowed by
    /// hash; none when there is no build, as in the API tests).
    pub fn for_site(site_dir: &Path) -> Self {
        let pages =
            super::PAGES.map(|p| std::fs::read_to_string(site_dir.join(p)).unwrap_or_default());
        let mut hashes: Vec<String> = pages
            .iter()
            .flat_map(|html| inline_scripts(html))
            .map(|s| {
                let digest = Sha256::digest(s.as_bytes());
                format!(
                    "'sha256-{}'",
                    base64::engine::general_purpose::STANDARD.encode(digest)
                )
            })
            .collect();
        hashes.sort();
        hashes.dedup();
        let csp = format!(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{}{}; style-src 'self'; \
             img-src 'self'; font-src 'self'; connect-src 'self'; \
             object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
            if hashes.is_empty() { "" } else { " " },
            hashes.join(" ")
        );
        Self {
            csp: HeaderValue::from_str(&csp)
                .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'")),
        }
    }
}

/// The text of every `<script>` without a `src` (what the browser hashes: exactly the
/// characters between the tags).
pub fn inline_scripts(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else {
            break;
        };
        let tag = &after[..open_end];
        let body_start = open_end + 1;
        let Some(close) = after[body_start..].find("</script>") else {
            break;
        };
        if !tag.contains(" src=") {
            out.push(&after[body_start..body_start + close]);
        }
        rest = &after[body_start + close..];
    }
    out
}

pub async fn layer(State(policy): State<Arc<Policy>>, req: Request, next: Next) -> Response {
    let https = req
        .extensions()
        .get::<RequestMeta>()
        .is_some_and(|m| m.https);
    // The counter tablet's page reads residents' QR codes with its own camera; no other
    // page (and no other origin, on any page) may use it.
    let camera = req.uri().path() == "/counter";
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    // A response that set its own, stricter policy keeps it (an attachment: sandboxed).
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(header::CONTENT_SECURITY_POLICY, policy.csp.clone());
    }
    h.insert(
        "permissions-policy",
        HeaderValue::from_static(if camera {
            "camera=(self), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), display-capture=()"
        } else {
            "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), display-capture=()"
        }),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("same-origin"),
    );
    if https {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=63072000; includeSubDomains"),
        );
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_inline_scripts_but_not_external_ones() {
        let html = r#"<head><script src="/a.js"></script><script type="module">import x from '/b.js';
x();</script></head>"#;
        assert_eq!(inline_scripts(html), ["import x from '/b.js';\nx();"]);
    }
}
