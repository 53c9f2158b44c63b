//! Token strings shaped like UAA's JWTs: a real header and payload (so clients can read `exp`
//! and refresh ahead of time) and an opaque signature. The simulator never verifies the
//! signature; it recognises tokens by looking them up in its token store.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};

/// Encodes `claims` as `header.payload.signature`.
pub(crate) fn encode(claims: &Value, signature: &str) -> String {
    let header = json!({"alg": "RS256", "jku": "https://uaa.sandbox.local/token_keys", "kid": "key-1", "typ": "JWT"});
    format!(
        "{}.{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string()),
        URL_SAFE_NO_PAD.encode(signature)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_payload_is_readable_json() {
        let token = encode(&json!({"exp": 42}), "sig");
        let payload = token.split('.').nth(1).unwrap();
        let claims: Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap();
        assert_eq!(claims["exp"], 42);
    }
}
