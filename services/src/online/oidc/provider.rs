//! The provider as the server talks to it: its discovery document and published keys
//! (fetched when first needed, kept for an hour; the keys fetched again when a token
//! names one not seen, at most every 30 seconds), the token endpoint and UserInfo.

use super::settings::{ClientAuth, OidcSettings};
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, Header};
use serde::Deserialize;
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

const KEEP: Duration = Duration::from_secs(3600);
const REFETCH_KEYS_AFTER: Duration = Duration::from_secs(30);

/// What the provider's discovery document says (the parts used).
#[derive(Debug, Clone, Deserialize)]
pub struct Metadata {
    pub issuer: String,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    pub jwks_uri: String,
    #[serde(default)]
    pub userinfo_endpoint: Option<String>,
}

/// Why talking to the provider failed.
#[derive(Debug, thiserror::Error)]
pub enum ProviderError {
    #[error("the provider could not be reached: {0}")]
    Unreachable(String),
    #[error("the provider answered {0}")]
    Refused(String),
    #[error("the provider's answer is not what OpenID Connect says: {0}")]
    Malformed(String),
}

#[derive(Debug, Clone, Deserialize)]
pub struct TokenResponse {
    pub id_token: String,
    #[serde(default)]
    pub access_token: Option<String>,
}

#[derive(Default)]
struct Cache {
    metadata: Option<(Metadata, Instant)>,
    keys: Option<(JwkSet, Instant)>,
}

pub struct Provider {
    pub settings: OidcSettings,
    http: reqwest::Client,
    cache: Mutex<Cache>,
}

impl Provider {
    pub fn new(settings: OidcSettings) -> Self {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap_or_default();
        Self {
            settings,
            http,
            cache: Mutex::new(Cache::default()),
        }
    }

    async fn get_json<T: serde::de::DeserializeOwned>(
        &self,
        url: &str,
    ) -> Result<T, ProviderError> {
        json_of(self.http.get(url).send().await).await
    }

    /// The discovery document, whose issuer must be the one configured.
    pub async fn metadata(&self) -> Result<Metadata, ProviderError> {
        let mut cache = self.cache.lock().await;
        if let Some((m, at)) = &cache.metadata {
            if at.elapsed() < KEEP {
                return Ok(m.clone());
            }
        }
        let url = format!(
            "{}/.well-known/openid-configuration",
            self.settings.issuer.trim_end_matches('/')
        );
        let m: Metadata = self.get_json(&url).await?;
        if m.issuer != self.settings.issuer {
            return Err(ProviderError::Malformed(format!(
                "the discovery document names the issuer {}",
                m.issuer
            )));
        }
        cache.metadata = Some((m.clone(), Instant::now()));
        Ok(m)
    }

    /// The provider's published keys; `refresh` asks again (a key id not seen).
    pub async fn keys(&self, refresh: bool) -> Result<JwkSet, ProviderError> {
        let metadata = self.metadata().await?;
        let mut cache = self.cache.lock().await;
        if let Some((k, at)) = &cache.keys {
            let age = at.elapsed();
            if age < KEEP && !(refresh && age > REFETCH_KEYS_AFTER) {
                return Ok(k.clone());
            }
        }
        let keys: JwkSet = self.get_json(&metadata.jwks_uri).await?;
        cache.keys = Some((keys.clone(), Instant::now()));
        Ok(keys)
    }

    /// Exchanges an authorization code (with the PKCE verifier) for tokens.
    pub async fn exchange(
        &self,
        code: &str,
        code_verifier: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<TokenResponse, ProviderError> {
        let metadata = self.metadata().await?;
        let s = &self.settings;
        let mut form: Vec<(&str, String)> = vec![
            ("grant_type", "authorization_code".into()),
            ("code", code.into()),
            ("redirect_uri", s.redirect_uri.clone()),
            ("code_verifier", code_verifier.into()),
        ];
        let mut req = self.http.post(&metadata.token_endpoint);
        match &s.auth {
            ClientAuth::Secret(secret) => {
                req = req.basic_auth(form_encode(&s.client_id), Some(form_encode(secret)));
            }
            ClientAuth::PrivateKeyJwt(key) => {
                form.push(("client_id", s.client_id.clone()));
                form.push((
                    "client_assertion_type",
                    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer".into(),
                ));
                form.push((
                    "client_assertion",
                    client_assertion(s, key, &metadata, now)?,
                ));
            }
        }
        let res = req
            .form(&form)
            .send()
            .await
            .map_err(|e| ProviderError::Unreachable(e.to_string()))?;
        if !res.status().is_success() {
            #[derive(Deserialize)]
            struct OAuthError {
                error: String,
            }
            let status = res.status();
            let error = res
                .json::<OAuthError>()
                .await
                .map(|e| e.error)
                .unwrap_or_else(|_| status.to_string());
            return Err(ProviderError::Refused(error));
        }
        res.json()
            .await
            .map_err(|e| ProviderError::Malformed(e.to_string()))
    }

    /// The UserInfo endpoint's claims, if the provider has one.
    pub async fn userinfo(
        &self,
        access_token: &str,
    ) -> Result<Option<serde_json::Map<String, serde_json::Value>>, ProviderError> {
        let Some(url) = self.metadata().await?.userinfo_endpoint else {
            return Ok(None);
        };
        json_of(self.http.get(url).bearer_auth(access_token).send().await)
            .await
            .map(Some)
    }
}

/// A successful answer's JSON body, or why there is none.
async fn json_of<T: serde::de::DeserializeOwned>(
    sent: reqwest::Result<reqwest::Response>,
) -> Result<T, ProviderError> {
    let res = sent.map_err(|e| ProviderError::Unreachable(e.to_string()))?;
    if !res.status().is_success() {
        return Err(ProviderError::Refused(res.status().to_string()));
    }
    res.json()
        .await
        .map_err(|e| ProviderError::Malformed(e.to_string()))
}

/// `application/x-www-form-urlencoded` for HTTP Basic credentials (RFC 6749 2.3.1).
fn form_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                (b as char).to_string()
            }
            b' ' => "+".into(),
            b => format!("%{b:02X}"),
        })
        .collect()
}

/// The `private_key_jwt` assertion: issued by and about the client, for the provider
/// (its issuer and token endpoint both named as audience), valid one minute, with a
/// fresh `jti` so it cannot be replayed.
fn client_assertion(
    s: &OidcSettings,
    key: &super::client_key::ClientKey,
    metadata: &Metadata,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<String, ProviderError> {
    let mut jti = [0u8; 16];
    getrandom::fill(&mut jti).map_err(|e| ProviderError::Unreachable(e.to_string()))?;
    let claims = serde_json::json!({
        "iss": s.client_id,
        "sub": s.client_id,
        "aud": [metadata.issuer, metadata.token_endpoint],
        "jti": madoguchi_core::audit::hex(&jti),
        "iat": now.timestamp(),
        "exp": now.timestamp() + 60,
    });
    let mut header = Header::new(Algorithm::ES256);
    header.kid = Some(key.kid.clone());
    jsonwebtoken::encode(&header, &claims, key.encoding())
        .map_err(|e| ProviderError::Malformed(e.to_string()))
}
