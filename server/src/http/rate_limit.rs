//! Rate limits per client address (tower_governor): on the sign-in steps, so one
//! address cannot try passwords or codes quickly (the per-account throttle in
//! `auth::throttle` limits each account from anywhere), and on the public screening
//! API. Over the limit: `429 too_many_attempts` with `Retry-After`.

use axum::body::Body;
use axum::http::Request;
use axum::response::Response;
use madoguchi_services::auth::RequestMeta;
use madoguchi_types::error::AppError;
use std::time::Duration;
use tower_governor::governor::GovernorConfigBuilder;
use tower_governor::key_extractor::KeyExtractor;
use tower_governor::{GovernorError, GovernorLayer};

/// The client address `meta::layer` found (behind a trusted proxy, the forwarded one).
#[derive(Debug, Clone, Copy)]
pub struct ClientAddress;

impl KeyExtractor for ClientAddress {
    type Key = String;

    fn extract<T>(&self, req: &Request<T>) -> Result<Self::Key, GovernorError> {
        Ok(req
            .extensions()
            .get::<RequestMeta>()
            .map_or_else(|| "unknown".to_owned(), |m| m.address.clone()))
    }
}

/// A limit: `burst` requests at once, then one more every `every`.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub burst: u32,
    pub every: Duration,
}

/// Sign-in steps: 30 at once, then one every 2 seconds, per address.
pub const SIGN_IN: Limit = Limit {
    burst: 30,
    every: Duration::from_secs(2),
};

/// The public screening API: 60 at once, then ten a second, per address.
pub const SCREENING: Limit = Limit {
    burst: 60,
    every: Duration::from_millis(100),
};

/// Making a pre-entry (a row in the database): 10 at once, then one a minute, per
/// address — a household makes one or two.
pub const PRE_ENTRY: Limit = Limit {
    burst: 10,
    every: Duration::from_secs(60),
};

/// Residents signing in online (a round trip to the provider each): 20 at once, then
/// one every 3 seconds, per address — counted apart from staff sign-in.
pub const RESIDENT_SIGN_IN: Limit = Limit {
    burst: 20,
    every: Duration::from_secs(3),
};

/// A signed-in resident's pages: 60 at once, then five a second, per address.
pub const RESIDENT: Limit = Limit {
    burst: 60,
    every: Duration::from_millis(200),
};

pub type Layer = GovernorLayer<
    ClientAddress,
    governor::middleware::NoOpMiddleware<governor::clock::QuantaInstant>,
    Body,
>;

pub fn layer(limit: Limit) -> Layer {
    let config = GovernorConfigBuilder::default()
        .key_extractor(ClientAddress)
        .period(limit.every)
        .burst_size(limit.burst)
        .finish()
        .expect("a rate limit with a non-zero period and burst");
    GovernorLayer::new(config).error_handler(too_many)
}

fn too_many(e: GovernorError) -> Response {
    let wait = match e {
        GovernorError::TooManyRequests { wait_time, .. } => wait_time.max(1),
        _ => 1,
    };
    super::access::error_response(&AppError::TooManyAttempts {
        retry_after: u32::try_from(wait).unwrap_or(u32::MAX),
    })
}
