//! [`HttpCall`]: one HTTP exchange of a webhook stage (create, poll or cancel), and the
//! [`Response`] or [`TransportError`] it ends in.
//!
//! Redirects are followed for GET and HEAD only, as Orca's client does; other methods see the
//! 3xx, which Orca counts as success and whose `Location` may be the status URL. Bodies are read
//! as JSON when they parse, otherwise kept as text, as Orca's `RestTemplate` hands them to the
//! stage.

use std::time::Duration;

use reqwest::header::{CONTENT_TYPE, HeaderName, HeaderValue};
use reqwest::{Client, Method, StatusCode};
use serde_json::{Map, Value};

use super::redact::response_header_value;

/// How long a connection may take to open.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long one whole exchange may take.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);
/// Larger response bodies are refused rather than held in memory and in the record.
const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

/// Redirects followed by a GET or HEAD before giving up.
const MAX_REDIRECTS: usize = 10;

/// The HTTP clients of a webhook stage. Orca's client (Apache `HttpClient`) follows redirects for
/// GET and HEAD only; any other method sees the 3xx itself, so a create call can read its
/// `Location` header.
#[derive(Debug, Clone)]
pub(super) struct Clients {
    following: Client,
    staying: Client,
}

impl Clients {
    /// Both clients, or why they cannot be built.
    pub(super) fn new() -> Result<Self, String> {
        let build = |policy| {
            Client::builder()
                .redirect(policy)
                .connect_timeout(CONNECT_TIMEOUT)
                .timeout(REQUEST_TIMEOUT)
                .user_agent(concat!("gennaker/", env!("CARGO_PKG_VERSION")))
                .build()
                .map_err(|error| format!("cannot set up the HTTP client: {error}"))
        };
        Ok(Self {
            following: build(reqwest::redirect::Policy::limited(MAX_REDIRECTS))?,
            staying: build(reqwest::redirect::Policy::none())?,
        })
    }

    fn for_method(&self, method: &Method) -> &Client {
        if matches!(*method, Method::GET | Method::HEAD) {
            &self.following
        } else {
            &self.staying
        }
    }
}

/// One request to send.
pub(super) struct HttpCall<'a> {
    pub(super) method: Method,
    pub(super) url: &'a str,
    pub(super) headers: &'a [(String, String)],
    pub(super) payload: Option<&'a Value>,
}

/// An HTTP answer, whatever its status.
#[derive(Debug, Clone)]
pub(super) struct Response {
    pub(super) status: StatusCode,
    /// First value of each header, names lower-case; credential headers redacted.
    pub(super) headers: Map<String, Value>,
    /// The body: JSON when it parses, else text; `None` when empty.
    pub(super) body: Option<Value>,
    /// `Retry-After` in seconds, when the server sent one.
    pub(super) retry_after: Option<Duration>,
}

/// Why no HTTP answer came back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum TransportError {
    /// The host name did not resolve (Orca retries).
    UnknownHost(String),
    /// The server did not answer in time (Orca retries some of these).
    Timeout(String),
    /// Anything else: refused connection, bad URL, TLS failure, oversized body.
    Other(String),
}

impl TransportError {
    /// The message, for people.
    pub(super) fn message(&self) -> &str {
        match self {
            Self::UnknownHost(message) | Self::Timeout(message) | Self::Other(message) => message,
        }
    }
}

impl HttpCall<'_> {
    /// Sends the request and reads the whole answer.
    pub(super) async fn send(&self, clients: &Clients) -> Result<Response, TransportError> {
        let url = reqwest::Url::parse(self.url).map_err(|error| {
            TransportError::Other(format!("`{}` is not a URL: {error}", self.url))
        })?;
        let mut request = clients
            .for_method(&self.method)
            .request(self.method.clone(), url);
        let mut has_content_type = false;
        for (name, value) in self.headers {
            let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                TransportError::Other(format!("`{name}` is not a valid HTTP header name"))
            })?;
            has_content_type |= name == CONTENT_TYPE;
            let value = HeaderValue::from_str(value).map_err(|_| {
                TransportError::Other(format!("the value of header `{name}` is not valid in HTTP"))
            })?;
            request = request.header(name, value);
        }
        let sends_body = !matches!(self.method, Method::GET | Method::HEAD);
        if let Some(payload) = self.payload.filter(|_| sends_body) {
            let (content_type, body) = match payload {
                Value::String(text) => ("text/plain;charset=UTF-8", text.clone().into_bytes()),
                other => ("application/json", other.to_string().into_bytes()),
            };
            if !has_content_type {
                request = request.header(CONTENT_TYPE, content_type);
            }
            request = request.body(body);
        }
        let mut response = request
            .send()
            .await
            .map_err(|error| transport_error(&error))?;
        let status = response.status();
        let mut headers = Map::new();
        for (name, value) in response.headers() {
            if headers.contains_key(name.as_str()) {
                continue;
            }
            let text = String::from_utf8_lossy(value.as_bytes());
            headers.insert(
                name.as_str().to_owned(),
                Value::from(response_header_value(name.as_str(), &text)),
            );
        }
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|value| value.to_str().ok())
            .and_then(|text| text.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let mut bytes = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|error| transport_error(&error))?
        {
            if bytes.len() + chunk.len() > MAX_BODY_BYTES {
                return Err(TransportError::Other(format!(
                    "the response of {} is larger than {MAX_BODY_BYTES} bytes",
                    self.url
                )));
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(Response {
            status,
            headers,
            body: body_value(&bytes),
            retry_after,
        })
    }
}

/// A response body as the stage records it.
fn body_value(bytes: &[u8]) -> Option<Value> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    serde_json::from_slice(bytes)
        .ok()
        .or_else(|| Some(Value::from(String::from_utf8_lossy(bytes).into_owned())))
}

fn transport_error(error: &reqwest::Error) -> TransportError {
    let mut chain = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        chain.push_str(": ");
        chain.push_str(&cause.to_string());
        source = cause.source();
    }
    if error.is_timeout() {
        TransportError::Timeout(chain)
    } else if error.is_connect() && chain.contains("dns error") {
        TransportError::UnknownHost(chain)
    } else {
        TransportError::Other(chain)
    }
}

/// Spring's name for a status code (`HttpStatus.name()`): `OK`, `SERVICE_UNAVAILABLE`, …; the
/// number itself for codes it has no name for.
pub(super) fn status_name(status: StatusCode) -> String {
    match status.canonical_reason() {
        Some(reason) => reason
            .chars()
            .filter(|character| {
                character.is_ascii_alphanumeric() || *character == ' ' || *character == '-'
            })
            .map(|character| match character {
                ' ' | '-' => '_',
                other => other.to_ascii_uppercase(),
            })
            .collect(),
        None => status.as_u16().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn status_names_match_spring() {
        assert_eq!(status_name(StatusCode::OK), "OK");
        assert_eq!(status_name(StatusCode::ACCEPTED), "ACCEPTED");
        assert_eq!(
            status_name(StatusCode::SERVICE_UNAVAILABLE),
            "SERVICE_UNAVAILABLE"
        );
        assert_eq!(status_name(StatusCode::GATEWAY_TIMEOUT), "GATEWAY_TIMEOUT");
        assert_eq!(
            status_name(StatusCode::TOO_MANY_REQUESTS),
            "TOO_MANY_REQUESTS"
        );
        assert_eq!(
            status_name(StatusCode::NON_AUTHORITATIVE_INFORMATION),
            "NON_AUTHORITATIVE_INFORMATION"
        );
    }

    #[test]
    fn bodies_are_json_text_or_nothing() {
        assert_eq!(body_value(b"{\"a\":1}"), Some(json!({"a": 1})));
        assert_eq!(body_value(b"plain words"), Some(json!("plain words")));
        assert_eq!(body_value(b"  \n"), None);
    }
}
