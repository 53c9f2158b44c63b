//! [`UaaCredentials`]: bearer tokens from the UAA the Cloud Controller advertises, renewed
//! with the refresh token (or a new login) when they expire or are refused.
//!
//! The token endpoint is `links.login.href` of the Cloud Controller's root (`GET /`, no auth):
//! `/v3/info` does not carry it, and guessing it from the API host breaks on foundations whose
//! UAA has another name.

use std::time::{Duration, Instant};

use base64::Engine;
use reqwest::Method;
use serde::Deserialize;
use tokio::sync::{Mutex, OnceCell};

use crate::providers::cloudfoundry::account::CfAuth;
use crate::providers::cloudfoundry::client::{encode, error_of, parse};
use crate::providers::error::{ErrorKind, ProviderError, ProviderResult};
use crate::providers::http::{Credentials, RestClient};

/// A token is renewed this long before UAA says it expires, so a request never races it.
const EXPIRY_MARGIN: Duration = Duration::from_secs(30);

/// The cf CLI's OAuth client: public, with an empty secret.
const CF_CLIENT: &str = "cf";

/// UAA's answer to `POST /oauth/token`.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct TokenResponse {
    /// The bearer token.
    pub(crate) access_token: String,
    /// The refresh token (none for `client_credentials`).
    #[serde(default)]
    pub(crate) refresh_token: Option<String>,
    /// Seconds the access token is valid.
    #[serde(default)]
    pub(crate) expires_in: Option<u64>,
}

/// Tokens held between requests.
#[derive(Default)]
struct TokenState {
    access: Option<String>,
    refresh: Option<String>,
    expires: Option<Instant>,
}

impl TokenState {
    fn valid_access(&self) -> Option<&str> {
        let fresh = self
            .expires
            .is_none_or(|expires| Instant::now() + EXPIRY_MARGIN < expires);
        self.access.as_deref().filter(|_| fresh)
    }

    fn store(&mut self, token: TokenResponse) {
        self.expires = token
            .expires_in
            .map(|seconds| Instant::now() + Duration::from_secs(seconds));
        self.access = Some(token.access_token);
        if token.refresh_token.is_some() {
            self.refresh = token.refresh_token;
        }
    }
}

/// Logs in to the UAA of one foundation and keeps its tokens.
pub(crate) struct UaaCredentials {
    api: String,
    auth: CfAuth,
    login: OnceCell<String>,
    state: Mutex<TokenState>,
}

impl UaaCredentials {
    /// Credentials for the foundation whose Cloud Controller is at `api`.
    pub(crate) fn new(api: &str, auth: CfAuth) -> Self {
        let mut state = TokenState::default();
        if let CfAuth::Tokens { access, refresh } = &auth {
            state.access = Some(access.clone());
            state.refresh.clone_from(refresh);
            state.expires = jwt_expiry(access);
        }
        Self {
            api: api.trim_end_matches('/').to_owned(),
            auth,
            login: OnceCell::new(),
            state: Mutex::new(state),
        }
    }

    /// The UAA (login server) URL, discovered once.
    pub(crate) async fn login_url(&self, http: &reqwest::Client) -> ProviderResult<String> {
        self.login
            .get_or_try_init(|| async {
                let root = RestClient::new(http.clone(), &self.api, None);
                let what = format!("discovering the login server of {}", self.api);
                let reply = root.get("/").await?;
                if !reply.is_success() {
                    return Err(error_of(&reply, &what));
                }
                login_link(&reply.body).ok_or_else(|| {
                    ProviderError::new(
                        ErrorKind::Protocol,
                        format!("{what}: `GET /` has no `links.login`"),
                    )
                })
            })
            .await
            .cloned()
    }

    /// A fresh token: by the refresh token when there is one, else (or when UAA refuses it)
    /// by logging in again.
    async fn obtain(
        &self,
        http: &reqwest::Client,
        refresh: Option<&str>,
    ) -> ProviderResult<TokenResponse> {
        if let Some(refresh) = refresh {
            let form = format!("grant_type=refresh_token&refresh_token={}", encode(refresh));
            match self.token(http, form, Some(CF_CLIENT)).await {
                Ok(token) => return Ok(token),
                Err(error) if matches!(self.auth, CfAuth::Tokens { .. }) => return Err(error),
                Err(error) => tracing::debug!(%error, "refreshing the token failed; logging in"),
            }
        }
        match &self.auth {
            CfAuth::Password { user, password } => {
                let form = format!(
                    "grant_type=password&username={}&password={}",
                    encode(user),
                    encode(password)
                );
                self.token(http, form, Some(CF_CLIENT)).await
            }
            CfAuth::Client { id, secret } => {
                let form = format!(
                    "grant_type=client_credentials&client_id={}&client_secret={}",
                    encode(id),
                    encode(secret)
                );
                self.token(http, form, None).await
            }
            CfAuth::Tokens { .. } => Err(ProviderError::new(
                ErrorKind::Auth,
                format!(
                    "the access token for {} was refused and there is no refresh token",
                    self.api
                ),
            )),
        }
    }

    /// `POST <login>/oauth/token` with `form`; `basic_client` authenticates as that client
    /// with an empty secret (the cf CLI's way).
    async fn token(
        &self,
        http: &reqwest::Client,
        form: String,
        basic_client: Option<&str>,
    ) -> ProviderResult<TokenResponse> {
        let login = self.login_url(http).await?;
        let credentials = basic_client.map(|client| {
            let basic = base64::engine::general_purpose::STANDARD.encode(format!("{client}:"));
            std::sync::Arc::new(Basic(format!("Basic {basic}"))) as std::sync::Arc<dyn Credentials>
        });
        let uaa = RestClient::new(http.clone(), &login, credentials);
        let what = format!("logging in to {login}");
        let reply = uaa
            .send_bytes(
                Method::POST,
                "/oauth/token",
                Some(form.into_bytes()),
                "application/x-www-form-urlencoded",
            )
            .await?;
        if !reply.is_success() {
            let mut error = error_of(&reply, &what);
            if matches!(reply.status.as_u16(), 400 | 401 | 403) {
                error.kind = ErrorKind::Auth;
            }
            return Err(error);
        }
        parse(reply.body, &what)
    }
}

#[async_trait::async_trait]
impl Credentials for UaaCredentials {
    async fn authorization(&self, http: &reqwest::Client) -> ProviderResult<Option<String>> {
        let mut state = self.state.lock().await;
        if let Some(access) = state.valid_access() {
            return Ok(Some(format!("bearer {access}")));
        }
        let refresh = state.refresh.clone();
        let token = self.obtain(http, refresh.as_deref()).await?;
        let header = format!("bearer {}", token.access_token);
        state.store(token);
        Ok(Some(header))
    }

    async fn invalidate(&self) {
        self.state.lock().await.access = None;
    }
}

/// The login server of a Cloud Controller root document (`links.login`, else `links.uaa`).
pub(crate) fn login_link(root: &serde_json::Value) -> Option<String> {
    ["/links/login/href", "/links/uaa/href"]
        .iter()
        .find_map(|pointer| root.pointer(pointer)?.as_str())
        .map(|href| href.trim_end_matches('/').to_owned())
}

/// HTTP Basic credentials of an OAuth client; nothing to renew.
struct Basic(String);

#[async_trait::async_trait]
impl Credentials for Basic {
    async fn authorization(&self, _http: &reqwest::Client) -> ProviderResult<Option<String>> {
        Ok(Some(self.0.clone()))
    }

    async fn invalidate(&self) {}
}

/// When a JWT expires, from its `exp` claim (not verified: UAA checks it, we only plan the
/// renewal).
fn jwt_expiry(token: &str) -> Option<Instant> {
    let payload = token.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    let claims: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    let exp = claims.get("exp")?.as_u64()?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    Some(Instant::now() + Duration::from_secs(exp.saturating_sub(now)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiry_is_read_from_the_jwt() {
        let fixture: TokenResponse = serde_json::from_str(include_str!(
            "../../../tests/fixtures/cloudfoundry/uaa_token.json"
        ))
        .unwrap();
        assert_eq!(fixture.expires_in, Some(43199));
        assert!(fixture.refresh_token.is_some());
        // The documented token expired in 2014: it is due for renewal now.
        let expiry = jwt_expiry(&fixture.access_token).unwrap();
        assert!(expiry <= Instant::now() + Duration::from_secs(1));
        assert!(jwt_expiry("not-a-jwt").is_none());
    }

    #[test]
    fn a_token_without_expiry_stays_valid_until_refused() {
        let mut state = TokenState::default();
        state.store(TokenResponse {
            access_token: "a".into(),
            refresh_token: None,
            expires_in: None,
        });
        assert_eq!(state.valid_access(), Some("a"));
        state.store(TokenResponse {
            access_token: "b".into(),
            refresh_token: Some("r".into()),
            expires_in: Some(10),
        });
        // Ten seconds is inside the renewal margin.
        assert_eq!(state.valid_access(), None);
        assert_eq!(state.refresh.as_deref(), Some("r"));
    }
}
