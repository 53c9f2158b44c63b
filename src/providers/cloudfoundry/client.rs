//! [`CfClient`]: the Cloud Controller v3 over the shared [`RestClient`]: typed reads, lists
//! that follow every page, and CF error bodies turned into [`ProviderError`]s.

use reqwest::Method;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::providers::error::{ErrorKind, ProviderError, ProviderResult};
use crate::providers::http::{Reply, RestClient, summary};

/// Lists stop after this many pages: a foundation that keeps handing out `next` links is
/// broken, and following them forever would hang the caller.
const MAX_PAGES: usize = 1000;

/// Attempts in all of a repeatable write answered 5xx.
const WRITE_ATTEMPTS: u32 = 5;

/// The wait after the first 5xx of a repeatable write; doubled after each further one.
const WRITE_BACKOFF: std::time::Duration = std::time::Duration::from_millis(200);

/// The longest wait between attempts of a repeatable write.
const MAX_WRITE_BACKOFF: std::time::Duration = std::time::Duration::from_secs(3);

/// Whether a write leaves the same state however often CF receives it: an update (`PATCH`,
/// which sets fields to given values) or a start, stop, restart or scale action.
fn repeatable(method: &Method, path: &str) -> bool {
    let action = ["start", "stop", "restart", "scale"]
        .iter()
        .any(|action| path.ends_with(&format!("/actions/{action}")));
    *method == Method::PATCH || (*method == Method::POST && action)
}

/// The page size asked for; Cloud Controller accepts up to 5000.
pub(crate) const PER_PAGE: &str = "5000";

/// A Cloud Controller client, authenticated by UAA tokens.
#[derive(Debug, Clone)]
pub(crate) struct CfClient {
    rest: RestClient,
}

impl CfClient {
    /// A client over `rest` (whose base is the Cloud Controller URL).
    pub(crate) fn new(rest: RestClient) -> Self {
        Self { rest }
    }

    /// The Cloud Controller URL.
    pub(crate) fn api(&self) -> &str {
        self.rest.base()
    }

    /// The underlying client, for logins and raw uploads.
    pub(crate) fn rest(&self) -> &RestClient {
        &self.rest
    }

    /// Sends a request and returns the answer when it is 2xx; `what` names the call in errors.
    ///
    /// Reads are retried by the [`RestClient`]; writes that CF applies the same way however
    /// often they arrive ([`repeatable`]) are retried here too when the Cloud Controller
    /// answers 5xx. Creations are not: a second one could make a second resource.
    pub(crate) async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        what: &str,
    ) -> ProviderResult<Reply> {
        let repeat = repeatable(&method, path);
        let mut attempt: u32 = 1;
        loop {
            let reply = self.rest.send(method.clone(), path, body).await?;
            if reply.is_success() {
                return Ok(reply);
            }
            if !(repeat && reply.status.is_server_error() && attempt < WRITE_ATTEMPTS) {
                return Err(error_of(&reply, what));
            }
            let backoff = WRITE_BACKOFF.saturating_mul(2u32.saturating_pow(attempt - 1));
            tracing::debug!(%what, attempt, ?backoff, "retrying a repeatable write");
            tokio::time::sleep(backoff.min(MAX_WRITE_BACKOFF)).await;
            attempt += 1;
        }
    }

    /// `GET path` read as `T`.
    pub(crate) async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        what: &str,
    ) -> ProviderResult<T> {
        let reply = self.call(Method::GET, path, None, what).await?;
        parse(reply.body, what)
    }

    /// `GET path` read as `T`, or `None` on 404.
    pub(crate) async fn get_optional<T: DeserializeOwned>(
        &self,
        path: &str,
        what: &str,
    ) -> ProviderResult<Option<T>> {
        match self.get(path, what).await {
            Ok(found) => Ok(Some(found)),
            Err(error) if error.kind == ErrorKind::NotFound => Ok(None),
            Err(error) => Err(error),
        }
    }

    /// Every resource of a paginated list, following `pagination.next` to the last page.
    pub(crate) async fn list<T: DeserializeOwned>(
        &self,
        path: &str,
        what: &str,
    ) -> ProviderResult<Vec<T>> {
        Ok(self.list_with_included(path, what).await?.0)
    }

    /// [`CfClient::list`] plus the `included` resources of every page, merged by kind
    /// (`spaces`, `organizations`…).
    pub(crate) async fn list_with_included<T: DeserializeOwned>(
        &self,
        path: &str,
        what: &str,
    ) -> ProviderResult<(Vec<T>, serde_json::Map<String, Value>)> {
        let mut resources = Vec::new();
        let mut included = serde_json::Map::new();
        let mut next = Some(path.to_owned());
        let mut pages = 0;
        while let Some(page_path) = next.take() {
            pages += 1;
            if pages > MAX_PAGES {
                return Err(ProviderError::new(
                    ErrorKind::Protocol,
                    format!("{what}: more than {MAX_PAGES} pages"),
                ));
            }
            let mut body = self.call(Method::GET, &page_path, None, what).await?.body;
            if let Some(Value::Object(kinds)) = body.get_mut("included").map(Value::take) {
                for (kind, items) in kinds {
                    let entry = included
                        .entry(kind)
                        .or_insert_with(|| Value::Array(Vec::new()));
                    if let (Value::Array(items), Value::Array(all)) = (items, entry) {
                        all.extend(items);
                    }
                }
            }
            next = body
                .pointer("/pagination/next/href")
                .and_then(Value::as_str)
                .map(relative);
            let page: Vec<T> = parse(
                body.get_mut("resources")
                    .map(Value::take)
                    .unwrap_or_default(),
                what,
            )?;
            resources.extend(page);
        }
        Ok((resources, included))
    }
}

/// Reads a JSON value as `T`; a shape we cannot read is a protocol error naming the call.
pub(crate) fn parse<T: DeserializeOwned>(value: Value, what: &str) -> ProviderResult<T> {
    serde_json::from_value(value).map_err(|error| {
        ProviderError::new(
            ErrorKind::Protocol,
            format!("{what}: unexpected answer: {error}"),
        )
    })
}

/// The path and query of a pagination link. Cloud Controller writes absolute links with its
/// own external host name, which need not be the address we reach it by (a tunnel, an IP):
/// the next page is asked of the same base URL, and the token never goes to another host.
fn relative(href: &str) -> String {
    let without_scheme = href
        .strip_prefix("https://")
        .or_else(|| href.strip_prefix("http://"));
    match without_scheme {
        Some(rest) => rest
            .find('/')
            .map_or_else(|| "/".to_owned(), |slash| rest[slash..].to_owned()),
        None => href.to_owned(),
    }
}

/// A query string (`?a=1&b=x%20y`) of `pairs`, values percent-encoded.
pub(crate) fn query(pairs: &[(&str, &str)]) -> String {
    let mut text = String::new();
    for (index, (key, value)) in pairs.iter().enumerate() {
        text.push(if index == 0 { '?' } else { '&' });
        text.push_str(key);
        text.push('=');
        text.push_str(&encode(value));
    }
    text
}

/// Percent-encodes everything but RFC 3986's unreserved characters (for queries and forms).
pub(crate) fn encode(value: &str) -> String {
    let mut text = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            text.push(char::from(byte));
        } else {
            text.push_str(&format!("%{byte:02X}"));
        }
    }
    text
}

/// The error of a non-2xx answer, sorted by what the caller does next. Cloud Controller's
/// "not now" answers (a deployment in flight, a build staging, a service operation running)
/// are conflicts, whatever their status.
pub(crate) fn error_of(reply: &Reply, what: &str) -> ProviderError {
    let code = reply.body.pointer("/errors/0/code").and_then(Value::as_u64);
    let title = reply
        .body
        .pointer("/errors/0/title")
        .and_then(Value::as_str);
    let status = reply.status.as_u16();
    let kind = match (status, code) {
        (_, Some(390_016 | 170_017 | 60_016)) | (409, _) => ErrorKind::Conflict,
        (404, _) => ErrorKind::NotFound,
        (401, _) => ErrorKind::Auth,
        (400 | 403 | 422, _) => ErrorKind::Invalid,
        (429 | 500..=599, _) => ErrorKind::Unreachable,
        _ => ErrorKind::Protocol,
    };
    let title = title.map(|title| format!(" {title}")).unwrap_or_default();
    ProviderError::new(
        kind,
        format!("{what}: {status}{title}: {}", summary(&reply.body)),
    )
}

/// The job guid of an asynchronous answer (202 with `Location: …/v3/jobs/<guid>`).
pub(crate) fn job_guid(reply: &Reply) -> Option<String> {
    let location = reply.header("location")?;
    let (_, guid) = location.trim_end_matches('/').rsplit_once("/v3/jobs/")?;
    Some(guid.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagination_links_keep_only_path_and_query() {
        assert_eq!(
            relative("https://api.example.org/v3/apps?page=2&per_page=2"),
            "/v3/apps?page=2&per_page=2"
        );
        assert_eq!(relative("http://127.0.0.1:9/v3/x"), "/v3/x");
        assert_eq!(relative("/v3/x?page=3"), "/v3/x?page=3");
    }

    #[test]
    fn queries_are_percent_encoded() {
        assert_eq!(
            query(&[("names", "a b,c"), ("space_guids", "g-1")]),
            "?names=a%20b%2Cc&space_guids=g-1"
        );
        assert_eq!(encode("p@ss&w=rd"), "p%40ss%26w%3Drd");
    }
}
