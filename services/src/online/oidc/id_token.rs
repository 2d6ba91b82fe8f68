//! Verifying an ID token: a signature by one of the provider's published keys (an
//! asymmetric algorithm; never `none`, never a shared secret), the issuer, this client
//! as audience (and as `azp` when there are several), not expired, not issued in the
//! future (by the server's clock), and the `nonce` of this sign-in.

use chrono::{DateTime, Utc};
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;

/// Clock skew allowed between the provider and the server.
const LEEWAY_SECONDS: u64 = 60;

const ALGORITHMS: [Algorithm; 6] = [
    Algorithm::RS256,
    Algorithm::RS384,
    Algorithm::RS512,
    Algorithm::PS256,
    Algorithm::ES256,
    Algorithm::ES384,
];

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Invalid {
    #[error("the token is not a signed JWT with an accepted algorithm")]
    Algorithm,
    #[error("no published key has the token's key id")]
    UnknownKey,
    #[error("the token failed verification: {0}")]
    Rejected(String),
    #[error("the nonce is not this sign-in's")]
    Nonce,
    #[error("the authorised party is another client")]
    AuthorizedParty,
    #[error("the token was issued in the future")]
    IssuedInFuture,
    #[error("the token has expired")]
    Expired,
}

/// The claims of a verified ID token that sign-in uses (the rest of the token is
/// carried as `extra`, for the four basic facts when the provider puts them there).
#[derive(Debug, Clone, Deserialize)]
pub struct IdClaims {
    pub sub: String,
    pub iat: i64,
    pub exp: i64,
    #[serde(default)]
    pub nonce: Option<String>,
    #[serde(default)]
    pub azp: Option<String>,
    #[serde(default)]
    pub aud: serde_json::Value,
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Whether the token names a key id the set lacks (the caller then fetches the keys
/// again once).
pub fn names_unknown_key(token: &str, keys: &JwkSet) -> bool {
    match jsonwebtoken::decode_header(token) {
        Ok(h) => h.kid.is_some_and(|kid| keys.find(&kid).is_none()),
        Err(_) => false,
    }
}

pub fn verify(
    token: &str,
    keys: &JwkSet,
    issuer: &str,
    client_id: &str,
    nonce: &str,
    now: DateTime<Utc>,
) -> Result<IdClaims, Invalid> {
    let header = jsonwebtoken::decode_header(token).map_err(|_| Invalid::Algorithm)?;
    if !ALGORITHMS.contains(&header.alg) {
        return Err(Invalid::Algorithm);
    }
    let jwk = match &header.kid {
        Some(kid) => keys.find(kid),
        None if keys.keys.len() == 1 => keys.keys.first(),
        None => None,
    }
    .ok_or(Invalid::UnknownKey)?;
    let key = DecodingKey::from_jwk(jwk).map_err(|e| Invalid::Rejected(e.to_string()))?;
    let mut v = Validation::new(header.alg);
    v.set_issuer(&[issuer]);
    v.set_audience(&[client_id]);
    v.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
    v.leeway = LEEWAY_SECONDS;
    // Times are checked below against the server's clock (`now`), not the system's.
    v.validate_exp = false;
    let claims = jsonwebtoken::decode::<IdClaims>(token, &key, &v)
        .map_err(|e| Invalid::Rejected(e.to_string()))?
        .claims;
    if claims.nonce.as_deref() != Some(nonce) {
        return Err(Invalid::Nonce);
    }
    let several = claims.aud.as_array().is_some_and(|a| a.len() > 1);
    match claims.azp.as_deref() {
        Some(azp) if azp != client_id => return Err(Invalid::AuthorizedParty),
        None if several => return Err(Invalid::AuthorizedParty),
        _ => {}
    }
    let (now, leeway) = (now.timestamp(), LEEWAY_SECONDS as i64);
    if claims.iat > now + leeway {
        return Err(Invalid::IssuedInFuture);
    }
    if claims.exp + leeway < now {
        return Err(Invalid::Expired);
    }
    Ok(claims)
}

#[cfg(test)]
mod tests {
    use super::super::client_key::ClientKey;
    use super::*;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    use chrono::TimeZone;
    use jsonwebtoken::Header;

    const ISSUER: &str = "http://localhost:3900";

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 25, 1, 0, 0).unwrap()
    }

    fn key(name: &str) -> ClientKey {
        let path = std::env::temp_dir().join(format!(
            "mdg-idp-{}-{name}-{}.pem",
            std::process::id(),
            now().timestamp_subsec_nanos()
        ));
        let _ = std::fs::remove_file(&path);
        let (k, _) = ClientKey::load_or_create(&path).unwrap();
        let _ = std::fs::remove_file(&path);
        k
    }

    fn keys(k: &ClientKey) -> JwkSet {
        serde_json::from_value(k.jwks()).unwrap()
    }

    fn claims() -> serde_json::Value {
        serde_json::json!({
            "iss": ISSUER, "sub": "resident-1", "aud": "madoguchi",
            "iat": now().timestamp(), "exp": now().timestamp() + 300,
            "nonce": "n-1", "name": "山田 太郎",
        })
    }

    fn sign(k: &ClientKey, claims: &serde_json::Value) -> String {
        let mut h = Header::new(Algorithm::ES256);
        h.kid = Some(k.kid.clone());
        jsonwebtoken::encode(&h, claims, k.encoding()).unwrap()
    }

    fn check(token: &str, set: &JwkSet) -> Result<IdClaims, Invalid> {
        verify(token, set, ISSUER, "madoguchi", "n-1", now())
    }

    #[test]
    fn a_good_token_verifies_and_keeps_its_other_claims() {
        let k = key("good");
        let c = check(&sign(&k, &claims()), &keys(&k)).unwrap();
        assert_eq!(c.sub, "resident-1");
        assert_eq!(c.extra["name"], "山田 太郎");
    }

    #[test]
    fn every_wrong_token_is_refused() {
        let k = key("provider");
        let set = keys(&k);
        let with = |f: &dyn Fn(&mut serde_json::Value)| {
            let mut c = claims();
            f(&mut c);
            sign(&k, &c)
        };
        // Another key with the same key id: a forged signature.
        let other = key("other");
        let mut h = Header::new(Algorithm::ES256);
        h.kid = Some(k.kid.clone());
        let forged = jsonwebtoken::encode(&h, &claims(), other.encoding()).unwrap();
        assert!(matches!(check(&forged, &set), Err(Invalid::Rejected(_))));
        // A claim changed after signing.
        let good = sign(&k, &claims());
        let parts: Vec<&str> = good.split('.').collect();
        let mut payload = claims();
        payload["sub"] = "resident-2".into();
        let tampered = format!(
            "{}.{}.{}",
            parts[0],
            URL_SAFE_NO_PAD.encode(payload.to_string()),
            parts[2]
        );
        assert!(matches!(check(&tampered, &set), Err(Invalid::Rejected(_))));
        // alg none, and a shared-secret algorithm.
        let none = format!(
            "{}.{}.",
            URL_SAFE_NO_PAD.encode(r#"{"alg":"none"}"#),
            URL_SAFE_NO_PAD.encode(claims().to_string())
        );
        assert_eq!(check(&none, &set).unwrap_err(), Invalid::Algorithm);
        let hs = jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &claims(),
            &jsonwebtoken::EncodingKey::from_secret(b"secret"),
        )
        .unwrap();
        assert_eq!(check(&hs, &set).unwrap_err(), Invalid::Algorithm);
        // A key id the provider does not publish.
        assert_eq!(
            check(&sign(&other, &claims()), &set).unwrap_err(),
            Invalid::UnknownKey
        );
        // Claims.
        let bad = [
            with(&|c| c["nonce"] = "n-2".into()),
            with(&|c| {
                c.as_object_mut().unwrap().remove("nonce");
            }),
        ];
        for t in bad {
            assert_eq!(check(&t, &set).unwrap_err(), Invalid::Nonce);
        }
        for t in [
            with(&|c| c["iss"] = "http://evil.example".into()),
            with(&|c| c["aud"] = "another-client".into()),
        ] {
            assert!(matches!(check(&t, &set), Err(Invalid::Rejected(_))));
        }
        assert_eq!(
            check(&with(&|c| c["exp"] = (now().timestamp() - 61).into()), &set).unwrap_err(),
            Invalid::Expired
        );
        assert_eq!(
            check(
                &with(&|c| c["iat"] = (now().timestamp() + 600).into()),
                &set
            )
            .unwrap_err(),
            Invalid::IssuedInFuture
        );
        assert_eq!(
            check(
                &with(&|c| c["aud"] = serde_json::json!(["madoguchi", "other"])),
                &set
            )
            .unwrap_err(),
            Invalid::AuthorizedParty
        );
        assert_eq!(
            check(&with(&|c| c["azp"] = "other".into()), &set).unwrap_err(),
            Invalid::AuthorizedParty
        );
        assert!(names_unknown_key(&sign(&other, &claims()), &set));
        assert!(!names_unknown_key(&good, &set));
    }
}
