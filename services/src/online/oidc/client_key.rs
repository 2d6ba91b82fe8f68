//! The server's own key for `private_key_jwt`: an EC P-256 key (ES256) in a PKCS#8 PEM
//! file made on first start, and its public half as a JWK Set for the provider.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::EncodingKey;
use p256::pkcs8::{DecodePrivateKey, EncodePrivateKey, LineEnding};
use p256::SecretKey;
use sha2::{Digest, Sha256};
use std::path::Path;

#[derive(Clone)]
pub struct ClientKey {
    encoding: EncodingKey,
    /// The RFC 7638 thumbprint of the public key: the `kid` of every assertion.
    pub kid: String,
    public: serde_json::Value,
}

impl ClientKey {
    fn from_secret(secret: &SecretKey) -> std::io::Result<Self> {
        let other = |e: &dyn std::fmt::Display| std::io::Error::other(e.to_string());
        let pem = secret.to_pkcs8_pem(LineEnding::LF).map_err(|e| other(&e))?;
        let encoding = EncodingKey::from_ec_pem(pem.as_bytes()).map_err(|e| other(&e))?;
        let jwk: serde_json::Value =
            serde_json::from_str(&secret.public_key().to_jwk_string()).map_err(|e| other(&e))?;
        let (x, y) = (
            jwk["x"].as_str().unwrap_or(""),
            jwk["y"].as_str().unwrap_or(""),
        );
        // The members in lexicographic order, no spaces (RFC 7638).
        let thumbprint = format!(r#"{{"crv":"P-256","kty":"EC","x":"{x}","y":"{y}"}}"#);
        let kid = URL_SAFE_NO_PAD.encode(Sha256::digest(thumbprint.as_bytes()));
        let public = serde_json::json!({
            "kty": "EC", "crv": "P-256", "x": x, "y": y,
            "use": "sig", "alg": "ES256", "kid": kid,
        });
        Ok(Self {
            encoding,
            kid,
            public,
        })
    }

    /// Reads the PEM file, or makes a new key there (mode 0600). Returns whether it was
    /// made.
    pub fn load_or_create(path: &Path) -> std::io::Result<(Self, bool)> {
        use std::io::{Error, ErrorKind};
        match std::fs::read_to_string(path) {
            Ok(pem) => {
                let secret = SecretKey::from_pkcs8_pem(&pem).map_err(|_| {
                    Error::new(
                        ErrorKind::InvalidData,
                        "the OpenID Connect client key is not an EC P-256 key in PKCS#8 PEM",
                    )
                })?;
                Ok((Self::from_secret(&secret)?, false))
            }
            Err(e) if e.kind() == ErrorKind::NotFound => {
                let secret = random_secret()?;
                let key = Self::from_secret(&secret)?;
                let pem = secret
                    .to_pkcs8_pem(LineEnding::LF)
                    .map_err(|e| Error::other(e.to_string()))?;
                crate::secret_file::create(path, pem.as_bytes())?;
                Ok((key, true))
            }
            Err(e) => Err(e),
        }
    }

    pub fn encoding(&self) -> &EncodingKey {
        &self.encoding
    }

    /// `{"keys": [<the public key>]}`.
    pub fn jwks(&self) -> serde_json::Value {
        serde_json::json!({ "keys": [self.public] })
    }
}

fn random_secret() -> std::io::Result<SecretKey> {
    loop {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| std::io::Error::other(e.to_string()))?;
        // Fails only for a value at or above the curve's order (about 2^-32).
        if let Ok(k) = SecretKey::from_slice(&bytes) {
            return Ok(k);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_made_once_and_read_back_with_the_same_id() {
        let dir = std::env::temp_dir().join(format!("mdg-oidc-key-{}", std::process::id()));
        let path = dir.join("client.pem");
        let _ = std::fs::remove_file(&path);
        let (made, created) = ClientKey::load_or_create(&path).unwrap();
        assert!(created);
        let (read, created) = ClientKey::load_or_create(&path).unwrap();
        assert!(!created);
        assert_eq!(made.kid, read.kid);
        assert_eq!(read.jwks()["keys"][0]["kid"], made.kid.as_str());
        assert!(read.jwks()["keys"][0].get("d").is_none(), "no private part");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::write(&path, "not a key").unwrap();
        assert!(ClientKey::load_or_create(&path).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
