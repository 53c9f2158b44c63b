//! Logging in to a DC/OS cluster's ACS, and the `Authorization: token=…` header after it.
//!
//! A user logs in with `{uid, password}`; a service account with `{uid, token}`, the token an
//! RS256 JWT `{uid, exp}` signed with its private key. The ACS token that comes back is kept
//! until five minutes before its `exp` (read without verifying: the cluster verifies it), or
//! until a 401 makes [`crate::providers::http::RestClient`] ask for a fresh one.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use jsonwebtoken::{Algorithm, EncodingKey, Header};
use reqwest::Method;
use serde_json::{Value, json};
use tokio::sync::Mutex;

use crate::providers::error::{ErrorKind, ProviderError, ProviderResult};
use crate::providers::http::{Credentials, RestClient, summary};

/// The ACS login path below the admin router.
const LOGIN: &str = "/acs/api/v1/auth/login";

/// A token this close to its expiry is renewed before use.
const RENEW_BEFORE: Duration = Duration::from_secs(300);

/// How long the service login token we sign stays valid.
const SERVICE_TOKEN_LIFETIME: Duration = Duration::from_secs(300);

/// What a principal proves itself with.
pub(crate) enum Secret {
    /// A user's password.
    Password(String),
    /// A service account's private key.
    PrivateKey(Box<EncodingKey>),
}

impl Secret {
    /// The private key of a service account, read from PEM.
    pub(crate) fn private_key(pem: &str) -> ProviderResult<Self> {
        let key = EncodingKey::from_rsa_pem(pem.as_bytes()).map_err(|_| {
            ProviderError::invalid("the service account's private key is not an RSA PEM key")
        })?;
        Ok(Self::PrivateKey(Box::new(key)))
    }
}

/// An ACS token and when it expires (Unix seconds), when it says.
struct Token {
    value: String,
    expires_at: Option<u64>,
}

/// Logs in to one cluster's ACS on demand and keeps the token.
pub(crate) struct AcsLogin {
    base: String,
    uid: String,
    secret: Secret,
    /// Held across a login so that concurrent calls wait for one login instead of each making
    /// their own.
    token: Mutex<Option<Token>>,
}

impl AcsLogin {
    /// Logs in to the admin router at `base` as `uid`.
    pub(crate) fn new(base: &str, uid: &str, secret: Secret) -> Self {
        Self {
            base: base.to_owned(),
            uid: uid.to_owned(),
            secret,
            token: Mutex::new(None),
        }
    }

    fn login_body(&self) -> ProviderResult<Value> {
        match &self.secret {
            Secret::Password(password) => Ok(json!({"uid": self.uid, "password": password})),
            Secret::PrivateKey(key) => {
                let exp = (now() + SERVICE_TOKEN_LIFETIME).as_secs();
                let claims = json!({"uid": self.uid, "exp": exp});
                let token = jsonwebtoken::encode(&Header::new(Algorithm::RS256), &claims, key)
                    .map_err(|_| {
                        ProviderError::invalid(format!(
                            "cannot sign the service login token of `{}` with its key",
                            self.uid
                        ))
                    })?;
                Ok(json!({"uid": self.uid, "token": token}))
            }
        }
    }

    async fn login(&self, http: &reqwest::Client) -> ProviderResult<Token> {
        let what = format!("logging in to {} as `{}`", self.base, self.uid);
        let client = RestClient::new(http.clone(), &self.base, None);
        let reply = client
            .send(Method::POST, LOGIN, Some(&self.login_body()?))
            .await?;
        if !reply.is_success() {
            let kind = match reply.status.as_u16() {
                400 | 401 | 403 => ErrorKind::Auth,
                500.. => ErrorKind::Unreachable,
                _ => ErrorKind::Protocol,
            };
            return Err(ProviderError::new(
                kind,
                format!("{what}: {} ({})", summary(&reply.body), reply.status),
            ));
        }
        let value = reply
            .body
            .get("token")
            .and_then(Value::as_str)
            .ok_or_else(|| {
                ProviderError::new(
                    ErrorKind::Protocol,
                    format!("{what}: the answer has no token"),
                )
            })?
            .to_owned();
        let expires_at = expiry(&value);
        Ok(Token { value, expires_at })
    }
}

#[async_trait::async_trait]
impl Credentials for AcsLogin {
    async fn authorization(&self, http: &reqwest::Client) -> ProviderResult<Option<String>> {
        let mut token = self.token.lock().await;
        let fresh = token.as_ref().is_some_and(|token| {
            token
                .expires_at
                .is_none_or(|exp| Duration::from_secs(exp) > now() + RENEW_BEFORE)
        });
        if !fresh {
            *token = Some(self.login(http).await?);
        }
        Ok(token.as_ref().map(|token| format!("token={}", token.value)))
    }

    async fn invalidate(&self) {
        *self.token.lock().await = None;
    }
}

/// A token obtained elsewhere; when the cluster refuses it there is nothing to renew it with.
pub(crate) struct StaticToken(pub(crate) String);

#[async_trait::async_trait]
impl Credentials for StaticToken {
    async fn authorization(&self, _http: &reqwest::Client) -> ProviderResult<Option<String>> {
        Ok(Some(format!("token={}", self.0)))
    }

    async fn invalidate(&self) {}
}

/// The `exp` claim of a JWT, read without checking its signature.
fn expiry(token: &str) -> Option<u64> {
    let claims: Value = jsonwebtoken::dangerous::insecure_decode_claims(token).ok()?;
    claims.get("exp")?.as_u64()
}

fn now() -> Duration {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiry_is_read_from_the_claims() {
        let key = EncodingKey::from_secret(b"k");
        let token = jsonwebtoken::encode(
            &Header::default(),
            &json!({"uid": "u", "exp": 1_900_000_000_u64}),
            &key,
        )
        .unwrap();
        assert_eq!(expiry(&token), Some(1_900_000_000));
        assert_eq!(expiry("not-a-jwt"), None);
    }

    #[test]
    fn bad_private_keys_are_invalid_without_echoing_them() {
        let Err(error) = Secret::private_key("-----BEGIN PRIVATE KEY-----\nsecretbits\n") else {
            panic!("a broken key was accepted");
        };
        assert_eq!(error.kind, ErrorKind::Invalid);
        assert!(!error.message.contains("secretbits"));
    }
}
