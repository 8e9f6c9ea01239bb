//! IAM tokens: random, long, and stored only as a hash.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// What a token grants, as stored (under the token's hash).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TokenRecord {
    /// Account name.
    pub account: String,
    /// User name.
    pub user: String,
    /// Project id the token is scoped to (`None` for an account-scoped token).
    pub project_id: Option<String>,
    /// Issued.
    pub issued_ms: i64,
    /// Expires.
    pub expires_ms: i64,
}

/// A new token. It starts with `MII` like IAM's PKI tokens; the rest is 1,024 random bits.
pub fn new_token() -> String {
    let mut bytes = [0u8; 128];
    rand::rng().fill_bytes(&mut bytes);
    format!("MII{}", URL_SAFE_NO_PAD.encode(bytes))
}

/// The key a token is stored under.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_header_safe() {
        let a = new_token();
        let b = new_token();
        assert_ne!(a, b);
        assert!(a.starts_with("MII") && a.len() > 150);
        assert!(a.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'));
        assert_eq!(token_hash(&a), token_hash(&a));
        assert_ne!(token_hash(&a), token_hash(&b));
        assert_eq!(token_hash(&a).len(), 64);
    }
}
