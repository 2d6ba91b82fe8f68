//! The city's security settings: session timeouts, whether administrators must use a
//! passkey, the sign-in throttle, and where the server is reached (its public URL, the
//! proxies trusted to say so), which decides cookies and the passkeys' relying party.

use super::throttle::Limits;
use chrono::Duration;
use std::net::IpAddr;

#[derive(Debug, Clone)]
pub struct SecuritySettings {
    /// A staff session ends after this long without a request.
    pub idle: Duration,
    /// … and a counter tablet's sooner (sessions of staff who run the counter).
    pub counter_idle: Duration,
    /// A session ends this long after sign-in, whatever its activity.
    pub absolute: Duration,
    /// A resident's online session ends after this long without a request …
    pub resident_idle: Duration,
    /// … or this long after sign-in.
    pub resident_absolute: Duration,
    /// Administrators must sign in with a passkey (on by default).
    pub passkey_for_admins: bool,
    pub throttle: Limits,
    /// Where residents' and staff's browsers reach the server, e.g.
    /// `https://madoguchi.city.example`. HTTPS here turns on `__Host-` cookies and HSTS.
    pub public_url: String,
    /// Reverse proxies whose `X-Forwarded-For` and `X-Forwarded-Proto` are believed.
    pub trusted_proxies: Vec<IpAddr>,
}

impl SecuritySettings {
    /// The settings for a server reached at `public_url`, with the defaults.
    pub fn new(public_url: &str) -> Self {
        Self {
            idle: Duration::minutes(30),
            counter_idle: Duration::minutes(15),
            absolute: Duration::hours(10),
            resident_idle: Duration::minutes(30),
            resident_absolute: Duration::hours(4),
            passkey_for_admins: true,
            throttle: Limits::default(),
            public_url: public_url.trim_end_matches('/').to_owned(),
            trusted_proxies: Vec::new(),
        }
    }

    /// The public URL is HTTPS.
    pub fn https(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// The passkeys' relying party id: the public URL's host name.
    pub fn rp_id(&self) -> String {
        let rest = self
            .public_url
            .split_once("://")
            .map_or(self.public_url.as_str(), |(_, r)| r);
        let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
        // Without the port; an IPv6 address keeps its brackets.
        match host.find(']') {
            Some(end) if host.starts_with('[') => host[..=end].to_owned(),
            _ => host.split(':').next().unwrap_or(host).to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_relying_party_is_the_host_without_port() {
        assert_eq!(
            SecuritySettings::new("http://localhost:3000").rp_id(),
            "localhost"
        );
        assert_eq!(
            SecuritySettings::new("https://madoguchi.city.example/").rp_id(),
            "madoguchi.city.example"
        );
        assert!(SecuritySettings::new("https://madoguchi.city.example").https());
        assert!(!SecuritySettings::new("http://localhost:3000").https());
    }
}
