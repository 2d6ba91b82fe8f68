//! One sign-in: `start` keeps the flow's secrets (state, nonce, PKCE verifier) in
//! `oidc_flows` under the hash of a token the browser keeps in a cookie, and sends the
//! browser to the provider; `finish` takes that row (once: a replayed callback finds
//! nothing), checks the state, exchanges the code, verifies the ID token and reads the
//! four basic facts.

use super::id_token::{self, Invalid};
use super::provider::{Provider, ProviderError};
use crate::auth::sessions::{new_token, token_hash};
use crate::entities::oidc_flow;
use crate::online::Identity;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use madoguchi_core::audit::hex;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use sha2::{Digest, Sha256};

/// How long the resident has at the provider.
pub const FLOW_MINUTES: i64 = 10;

/// What the provider sent back to the callback.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct Callback {
    pub code: Option<String>,
    pub state: Option<String>,
    pub error: Option<String>,
}

/// Why a sign-in did not complete; `code()` is what the resident's page is told and
/// what the audit log records.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error("no sign-in in progress in this browser, or it took too long")]
    Expired,
    #[error("the state does not match this browser's sign-in")]
    StateMismatch,
    #[error("the resident cancelled at the provider")]
    Cancelled,
    #[error("the provider: {0}")]
    Provider(#[from] ProviderError),
    #[error("the provider refused the authorization code")]
    CodeRejected,
    #[error("the ID token: {0}")]
    Token(#[from] Invalid),
    #[error("the database: {0}")]
    Database(#[from] sea_orm::DbErr),
}

impl Failure {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Expired => "expired",
            Self::StateMismatch => "state_mismatch",
            Self::Cancelled => "cancelled",
            Self::Provider(_) | Self::Database(_) => "unavailable",
            Self::CodeRejected => "code_rejected",
            Self::Token(_) => "token_invalid",
        }
    }
}

fn random_hex() -> Result<String, Failure> {
    new_token().map_err(|_| Failure::Provider(ProviderError::Unreachable("no randomness".into())))
}

/// Starts a sign-in: returns the flow cookie's token and the provider's address to
/// send the browser to. `return_to` must be a path of ours; `ui_locales` is passed on.
pub async fn start<C: ConnectionTrait>(
    db: &C,
    provider: &Provider,
    now: DateTime<Utc>,
    return_to: &str,
    ui_locales: Option<&str>,
) -> Result<(String, String), Failure> {
    let metadata = provider.metadata().await?;
    let token = random_hex()?;
    let (state, nonce) = (random_hex()?, random_hex()?);
    let mut verifier_bytes = [0u8; 32];
    getrandom::fill(&mut verifier_bytes).map_err(|e| ProviderError::Unreachable(e.to_string()))?;
    let verifier = URL_SAFE_NO_PAD.encode(verifier_bytes);
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    oidc_flow::Entity::delete_many()
        .filter(oidc_flow::Column::ExpiresAt.lte(now))
        .exec(db)
        .await?;
    oidc_flow::ActiveModel {
        id: Set(token_hash(&token)),
        state: Set(state.clone()),
        nonce: Set(nonce.clone()),
        code_verifier: Set(verifier),
        return_to: Set(safe_return(return_to).to_owned()),
        expires_at: Set(now + Duration::minutes(FLOW_MINUTES)),
    }
    .insert(db)
    .await?;
    let s = &provider.settings;
    let mut params = vec![
        ("response_type", "code"),
        ("client_id", s.client_id.as_str()),
        ("redirect_uri", s.redirect_uri.as_str()),
        ("scope", s.scopes.as_str()),
        ("state", state.as_str()),
        ("nonce", nonce.as_str()),
        ("code_challenge", challenge.as_str()),
        ("code_challenge_method", "S256"),
        // The provider proves who it is every time (the card is read again): signing out
        // here on a shared phone must not leave a silent way back in.
        ("prompt", "login"),
    ];
    if let Some(l) = ui_locales {
        params.push(("ui_locales", l));
    }
    let url = reqwest::Url::parse_with_params(&metadata.authorization_endpoint, &params)
        .map_err(|e| ProviderError::Malformed(e.to_string()))?;
    Ok((token, url.into()))
}

/// Only a path of this site (`/…`, not `//host`), else `/my`.
pub fn safe_return(path: &str) -> &str {
    let ok = path.starts_with('/')
        && !path.starts_with("//")
        && !path.contains('\\')
        && path.len() <= 200
        && !path.chars().any(char::is_control);
    if ok {
        path
    } else {
        "/my"
    }
}

/// This browser's sign-in in progress, taken: the row goes whatever happens next (a
/// flow is tried once). Its `return_to` is where the resident came from, also when the
/// rest fails.
pub async fn take<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    flow_token: Option<&str>,
) -> Result<oidc_flow::Model, Failure> {
    match flow_token {
        Some(t) => {
            let id = token_hash(t);
            let row = oidc_flow::Entity::find_by_id(id.clone()).one(db).await?;
            oidc_flow::Entity::delete_by_id(id).exec(db).await?;
            row.filter(|f| f.expires_at > now)
        }
        None => None,
    }
    .ok_or(Failure::Expired)
}

/// Finishes a sign-in taken by [`take`]: checks the provider's answer against it and
/// gives the identity the provider vouches for, and where to go next.
pub async fn complete(
    provider: &Provider,
    now: DateTime<Utc>,
    flow: oidc_flow::Model,
    cb: &Callback,
) -> Result<(Identity, String), Failure> {
    if !constant_eq(cb.state.as_deref().unwrap_or(""), &flow.state) {
        return Err(Failure::StateMismatch);
    }
    if let Some(e) = &cb.error {
        return Err(if e == "access_denied" {
            Failure::Cancelled
        } else {
            Failure::Provider(ProviderError::Refused(e.chars().take(40).collect()))
        });
    }
    let code = cb
        .code
        .as_deref()
        .filter(|c| !c.is_empty())
        .ok_or(Failure::Provider(ProviderError::Malformed(
            "no code".into(),
        )))?;
    let tokens = match provider.exchange(code, &flow.code_verifier, now).await {
        Ok(t) => t,
        Err(ProviderError::Refused(e)) if e == "invalid_grant" => {
            return Err(Failure::CodeRejected)
        }
        Err(e) => return Err(e.into()),
    };
    let s = &provider.settings;
    let mut keys = provider.keys(false).await?;
    if id_token::names_unknown_key(&tokens.id_token, &keys) {
        keys = provider.keys(true).await?;
    }
    let claims = id_token::verify(
        &tokens.id_token,
        &keys,
        &s.issuer,
        &s.client_id,
        &flow.nonce,
        now,
    )?;
    let mut facts = claims.extra.clone();
    if let Some(access) = &tokens.access_token {
        if let Some(info) = provider.userinfo(access).await? {
            if info.get("sub").and_then(|v| v.as_str()) != Some(claims.sub.as_str()) {
                return Err(Failure::Token(Invalid::Rejected(
                    "UserInfo is about another subject".into(),
                )));
            }
            facts.extend(info);
        }
    }
    Ok((
        Identity::from_claims(&s.issuer, &claims.sub, &facts),
        flow.return_to,
    ))
}

fn constant_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// A short, non-reversible label of a subject for the audit log's target.
pub fn subject_label(issuer: &str, subject: &str) -> String {
    let h = Sha256::digest(format!("{issuer}\0{subject}").as_bytes());
    format!("oidc:{}", &hex(&h)[..16])
}
