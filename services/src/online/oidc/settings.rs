//! What the city configures for its provider.

use super::client_key::ClientKey;

/// How the server proves to the provider's token endpoint that it is the client.
#[derive(Clone)]
pub enum ClientAuth {
    /// `client_secret_basic`.
    Secret(String),
    /// `private_key_jwt`: a JWT signed with the server's key, whose public half the
    /// provider reads from `/auth/oidc/jwks.json` or was given once.
    PrivateKeyJwt(ClientKey),
}

#[derive(Clone)]
pub struct OidcSettings {
    /// The provider's issuer identifier (its discovery document is under it).
    pub issuer: String,
    pub client_id: String,
    pub auth: ClientAuth,
    /// Space-separated; `openid name address birthdate gender` by default (the card's
    /// four basic facts).
    pub scopes: String,
    /// Where the provider sends the browser back: `<public URL>/auth/oidc/callback`.
    pub redirect_uri: String,
}

pub const DEFAULT_SCOPES: &str = "openid name address birthdate gender";
