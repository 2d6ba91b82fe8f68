//! OpenID Connect sign-in, as the Digital Agency's デジタル認証アプリ does it: the
//! authorization-code flow with PKCE (S256), `state` and `nonce`, the client
//! authenticated by `private_key_jwt` (ES256, a key the server makes) or a
//! `client_secret`; the ID token's signature checked against the provider's published
//! keys and its claims (issuer, audience, expiry, nonce) verified; the four basic facts
//! read from the ID token or the UserInfo endpoint.

pub mod client_key;
pub mod flow;
pub mod id_token;
pub mod provider;
pub mod settings;

pub use flow::{Callback, Failure};
pub use provider::Provider;
pub use settings::{ClientAuth, OidcSettings};
