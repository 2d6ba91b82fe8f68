//! Residents online: signing in through the city's OpenID Connect provider (`oidc/`),
//! the account an identity becomes and its match with the registry by the four basic
//! facts (`accounts.rs`), and the resident's own sessions (`sessions.rs`) — a kind of
//! principal apart from staff, with its own cookie, limits and audit entries.

pub mod accounts;
pub mod applications;
pub mod attachments;
pub mod mine;
pub mod notices;
pub mod oidc;
pub mod sessions;

pub use accounts::Identity;
pub use sessions::ResidentCurrent;
