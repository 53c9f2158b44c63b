//! The HTTP layer every provider client uses: TLS options, credentials that log in again after
//! a 401, and retries with backoff that never repeat a non-idempotent call blindly.
//!
//! Idempotent calls (GET, PUT, DELETE, HEAD) are retried on connection errors, 5xx and 429,
//! honouring `Retry-After`. POST and PATCH are retried only when the target cannot have acted
//! on them: the connection was never made, or it answered 429 (rate limited before handling).

use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::providers::error::{ErrorKind, ProviderError, ProviderResult};

/// How a client trusts the target's certificate.
#[derive(Debug, Clone, Default)]
pub(crate) struct TlsOptions {
    /// A PEM bundle to trust besides the system's roots.
    pub(crate) ca_cert_pem: Option<Vec<u8>>,
    /// Accept any certificate (`--insecure`, `--skip-ssl-validation`).
    pub(crate) insecure: bool,
}

/// Builds the `reqwest` client of one target.
pub(crate) fn client(tls: &TlsOptions) -> ProviderResult<reqwest::Client> {
    let mut builder = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(60))
        .user_agent(concat!("gennaker/", env!("CARGO_PKG_VERSION")));
    if let Some(pem) = &tls.ca_cert_pem {
        let certificates = reqwest::Certificate::from_pem_bundle(pem).map_err(|error| {
            ProviderError::invalid(format!("cannot read the CA certificate: {error}"))
        })?;
        for certificate in certificates {
            builder = builder.add_root_certificate(certificate);
        }
    }
    if tls.insecure {
        builder = builder.tls_danger_accept_invalid_certs(true);
    }
    builder
        .build()
        .map_err(|error| ProviderError::invalid(format!("cannot set up HTTPS: {error}")))
}

/// Credentials for one target: an `Authorization` header value, renewed on demand.
#[async_trait::async_trait]
pub(crate) trait Credentials: Send + Sync {
    /// The header value to send, logging in first when there is no valid token.
    async fn authorization(&self, http: &reqwest::Client) -> ProviderResult<Option<String>>;

    /// Forgets the token after a 401, so the next [`Credentials::authorization`] logs in again.
    async fn invalidate(&self);
}

/// How often and how long to retry.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RetryPolicy {
    /// Attempts in all, the first included.
    pub(crate) attempts: u32,
    /// The wait after the first failure; doubled after each further one.
    pub(crate) first_backoff: Duration,
    /// The longest wait between attempts, `Retry-After` included.
    pub(crate) max_backoff: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            attempts: 6,
            first_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(10),
        }
    }
}

/// An answer: status, headers and body (JSON when it parses, a string otherwise, `Null` when
/// empty).
#[derive(Debug, Clone)]
pub(crate) struct Reply {
    /// The HTTP status.
    pub(crate) status: StatusCode,
    /// The headers.
    pub(crate) headers: HeaderMap,
    /// The body.
    pub(crate) body: Value,
}

impl Reply {
    /// Whether the status is 2xx.
    pub(crate) fn is_success(&self) -> bool {
        self.status.is_success()
    }

    /// A header's value, when it is text.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }
}

/// A client for one base URL.
#[derive(Clone)]
pub(crate) struct RestClient {
    http: reqwest::Client,
    base: String,
    credentials: Option<Arc<dyn Credentials>>,
    retry: RetryPolicy,
}

impl std::fmt::Debug for RestClient {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("RestClient")
            .field("base", &self.base)
            .finish_non_exhaustive()
    }
}

impl RestClient {
    /// A client for `base` (no trailing slash needed).
    pub(crate) fn new(
        http: reqwest::Client,
        base: &str,
        credentials: Option<Arc<dyn Credentials>>,
    ) -> Self {
        Self {
            http,
            base: base.trim_end_matches('/').to_owned(),
            credentials,
            retry: RetryPolicy::default(),
        }
    }

    /// The same client with another retry policy.
    #[cfg(test)]
    #[must_use]
    pub(crate) fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// The base URL.
    pub(crate) fn base(&self) -> &str {
        &self.base
    }

    /// The underlying client, for streams and logins.
    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.http
    }

    /// The full URL of `path` (a path with its query, or an absolute URL).
    pub(crate) fn url(&self, path: &str) -> String {
        if path.starts_with("http://") || path.starts_with("https://") {
            path.to_owned()
        } else {
            format!("{}{path}", self.base)
        }
    }

    /// The `Authorization` header value, when the target needs one.
    pub(crate) async fn authorization(&self) -> ProviderResult<Option<String>> {
        match &self.credentials {
            Some(credentials) => credentials.authorization(&self.http).await,
            None => Ok(None),
        }
    }

    /// `GET path`.
    pub(crate) async fn get(&self, path: &str) -> ProviderResult<Reply> {
        self.send(Method::GET, path, None).await
    }

    /// Sends a request with a JSON body (or none); retries as the module says, logs in again
    /// once after a 401, and returns whatever the target finally answered. Errors only when the
    /// target could not be reached, refused the credentials, or kept failing.
    pub(crate) async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> ProviderResult<Reply> {
        let body = body.map(|value| value.to_string().into_bytes());
        self.send_bytes(method, path, body, "application/json")
            .await
    }

    /// [`RestClient::send`] with a raw body of the given content type.
    pub(crate) async fn send_bytes(
        &self,
        method: Method,
        path: &str,
        body: Option<Vec<u8>>,
        content_type: &str,
    ) -> ProviderResult<Reply> {
        let idempotent = matches!(
            method,
            Method::GET | Method::PUT | Method::DELETE | Method::HEAD
        );
        let url = self.url(path);
        let what = format!("{method} {url}");
        let mut refreshed = false;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let last = attempt >= self.retry.attempts;
            let mut request = self.http.request(method.clone(), &url);
            if let Some(value) = self.authorization().await? {
                let mut header = HeaderValue::from_str(&value).map_err(|_| {
                    ProviderError::new(ErrorKind::Auth, "the token cannot be sent as a header")
                })?;
                header.set_sensitive(true);
                request = request.header(reqwest::header::AUTHORIZATION, header);
            }
            request = request.header(reqwest::header::ACCEPT, "application/json");
            if let Some(bytes) = &body {
                request = request
                    .header(reqwest::header::CONTENT_TYPE, content_type)
                    .body(bytes.clone());
            }
            let failure = match request.send().await {
                Ok(response) => {
                    let status = response.status();
                    if status == StatusCode::UNAUTHORIZED && self.credentials.is_some() {
                        let reply = read_reply(response).await?;
                        if refreshed {
                            return Err(ProviderError::new(
                                ErrorKind::Auth,
                                format!(
                                    "{what}: the target refused the credentials (401): {}",
                                    summary(&reply.body)
                                ),
                            ));
                        }
                        refreshed = true;
                        if let Some(credentials) = &self.credentials {
                            credentials.invalidate().await;
                        }
                        attempt -= 1;
                        continue;
                    }
                    let retryable = status == StatusCode::TOO_MANY_REQUESTS
                        || (idempotent && status.is_server_error());
                    if !retryable {
                        return read_reply(response).await;
                    }
                    let wait = retry_after(response.headers());
                    let reply = read_reply(response).await?;
                    if last {
                        return Err(ProviderError::new(
                            ErrorKind::Unreachable,
                            format!(
                                "{what}: still answering {status} after {attempt} attempts: {}",
                                summary(&reply.body)
                            ),
                        ));
                    }
                    Failure { wait }
                }
                Err(error) => {
                    // A request that may have reached the target is not sent again unless
                    // sending it twice is harmless.
                    let safe = idempotent || error.is_connect();
                    if last || !safe {
                        return Err(ProviderError::new(
                            ErrorKind::Unreachable,
                            format!("{what}: {}", describe(&error)),
                        ));
                    }
                    Failure { wait: None }
                }
            };
            let backoff = self.backoff(attempt, failure.wait);
            tracing::debug!(%what, attempt, ?backoff, "retrying");
            tokio::time::sleep(backoff).await;
        }
    }

    fn backoff(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        let exponential = self
            .retry
            .first_backoff
            .saturating_mul(2u32.saturating_pow(attempt.saturating_sub(1)));
        let jitter = Duration::from_millis(fastrand::u64(0..=50));
        retry_after
            .unwrap_or(exponential + jitter)
            .min(self.retry.max_backoff)
    }
}

struct Failure {
    wait: Option<Duration>,
}

/// `Retry-After` in seconds (the HTTP-date form is rare in these APIs and treated as absent).
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse::<u64>()
        .ok()
        .map(Duration::from_secs)
}

async fn read_reply(response: reqwest::Response) -> ProviderResult<Reply> {
    let status = response.status();
    let headers = response.headers().clone();
    let url = response.url().to_string();
    let bytes = response.bytes().await.map_err(|error| {
        ProviderError::new(
            ErrorKind::Unreachable,
            format!("reading the answer of {url}: {}", describe(&error)),
        )
    })?;
    let body = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()))
    };
    Ok(Reply {
        status,
        headers,
        body,
    })
}

/// A short text of an error body for messages: its `message`, `description`, CF's
/// `errors[0].detail`, or the body itself cut short.
pub(crate) fn summary(body: &Value) -> String {
    let found = body
        .get("message")
        .or_else(|| body.get("error_description"))
        .or_else(|| body.get("description"))
        .or_else(|| body.pointer("/errors/0/detail"))
        .and_then(Value::as_str);
    let text = match (found, body) {
        (Some(text), _) => text.to_owned(),
        (None, Value::String(text)) => text.clone(),
        (None, Value::Null) => "no body".to_owned(),
        (None, other) => other.to_string(),
    };
    let mut short: String = text.chars().take(300).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}

/// The chain of causes of a reqwest error, which its `Display` alone hides.
fn describe(error: &reqwest::Error) -> String {
    let mut text = if error.is_timeout() {
        "timed out".to_owned()
    } else if error.is_connect() {
        "cannot connect".to_owned()
    } else {
        "request failed".to_owned()
    };
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_reads_seconds() {
        let mut headers = HeaderMap::new();
        headers.insert("retry-after", HeaderValue::from_static("3"));
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(3)));
        headers.insert("retry-after", HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&headers), None);
    }

    #[test]
    fn summaries_pick_the_message_of_each_api() {
        let marathon = serde_json::json!({"message": "App '/x' does not exist"});
        assert_eq!(summary(&marathon), "App '/x' does not exist");
        let cf = serde_json::json!({"errors": [{"code": 10010, "detail": "App not found"}]});
        assert_eq!(summary(&cf), "App not found");
        assert_eq!(summary(&Value::Null), "no body");
    }
}
