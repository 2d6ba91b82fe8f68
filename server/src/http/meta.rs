//! Where a request came from, found once for every layer and handler after it: the
//! client's address (the peer, or — when the peer is a trusted proxy — the address it
//! forwarded), its browser, and whether it came over HTTPS (a configured HTTPS public
//! URL, or a trusted proxy's `X-Forwarded-Proto: https`).

use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;
use madoguchi_services::auth::{RequestMeta, SecuritySettings};
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

pub async fn layer(
    State(settings): State<Arc<SecuritySettings>>,
    mut req: Request,
    next: Next,
) -> Response {
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let meta = meta_of(&settings, peer, req.headers());
    req.extensions_mut().insert(meta);
    next.run(req).await
}

pub fn meta_of(
    settings: &SecuritySettings,
    peer: Option<IpAddr>,
    headers: &HeaderMap,
) -> RequestMeta {
    let trusted = peer.is_some_and(|p| settings.trusted_proxies.contains(&p));
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let forwarded = trusted
        .then(|| header("x-forwarded-for"))
        .flatten()
        .and_then(|list| {
            // The right-most address that is not one of our proxies.
            list.split(',')
                .map(str::trim)
                .filter_map(|a| a.parse::<IpAddr>().ok())
                .rev()
                .find(|a| !settings.trusted_proxies.contains(a))
        });
    let address = forwarded
        .or(peer)
        .map_or_else(|| "unknown".to_owned(), |a| a.to_string());
    let https = settings.https()
        || trusted && header("x-forwarded-proto").is_some_and(|p| p.eq_ignore_ascii_case("https"));
    RequestMeta {
        address,
        user_agent: header("user-agent")
            .unwrap_or_default()
            .chars()
            .take(200)
            .collect(),
        https,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn forwarded_headers_count_only_from_a_trusted_proxy() {
        let mut s = SecuritySettings::new("http://localhost:3000");
        let proxy: IpAddr = "10.0.0.1".parse().unwrap();
        let h = headers(&[
            ("x-forwarded-for", "203.0.113.7"),
            ("x-forwarded-proto", "https"),
        ]);
        let m = meta_of(&s, Some(proxy), &h);
        assert_eq!(
            (m.address.as_str(), m.https),
            ("10.0.0.1", false),
            "untrusted peer"
        );
        s.trusted_proxies = vec![proxy];
        let m = meta_of(&s, Some(proxy), &h);
        assert_eq!((m.address.as_str(), m.https), ("203.0.113.7", true));
    }

    #[test]
    fn a_spoofed_left_most_address_is_ignored() {
        let mut s = SecuritySettings::new("https://madoguchi.city.example");
        let proxy: IpAddr = "10.0.0.1".parse().unwrap();
        s.trusted_proxies = vec![proxy];
        let h = headers(&[("x-forwarded-for", "1.2.3.4, 198.51.100.9")]);
        let m = meta_of(&s, Some(proxy), &h);
        assert_eq!(m.address, "198.51.100.9");
        assert!(m.https, "an HTTPS public URL");
    }
}
