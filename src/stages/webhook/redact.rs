//! [`Secrets`]: keeps the values of a webhook's custom headers (tokens, API keys) out of what
//! the stage records.
//!
//! The tasks send the real values; everything they write to the stage context (and every error
//! message) goes through [`Secrets::scrub_value`], and the stage's `customHeaders` are replaced
//! by [`redacted_headers`] so the execution document shows header names, not values. Response
//! headers that carry credentials (`Set-Cookie`, …) are redacted by name.

use serde_json::{Map, Value};

/// What a redacted value reads as.
pub(super) const REDACTED: &str = "<redacted>";

/// Request headers whose values are not secrets and stay readable in the record.
const PLAIN_HEADERS: &[&str] = &[
    "accept",
    "accept-encoding",
    "accept-language",
    "cache-control",
    "content-encoding",
    "content-type",
    "user-agent",
];

/// Response headers whose values are credentials.
const SECRET_RESPONSE_HEADERS: &[&str] = &[
    "authorization",
    "proxy-authorization",
    "cookie",
    "set-cookie",
    "x-api-key",
    "x-auth-token",
];

/// Parts of a value shorter than this are not looked for on their own ("Bearer", "Basic").
const MIN_PART: usize = 8;

/// The secret header values of one stage.
#[derive(Debug, Clone, Default)]
pub(super) struct Secrets {
    /// Longest first, so a whole value is replaced before any part of it.
    values: Vec<String>,
}

impl Secrets {
    /// The secrets among `headers` (name, value): every value of a header not known to be plain,
    /// and each long enough word of it (the token of `Bearer <token>`).
    pub(super) fn from_headers(headers: &[(String, String)]) -> Self {
        let mut values: Vec<String> = Vec::new();
        for (name, value) in headers {
            if PLAIN_HEADERS.contains(&name.to_ascii_lowercase().as_str()) {
                continue;
            }
            let value = value.trim();
            if value.len() >= 4 {
                values.push(value.to_owned());
            }
            values.extend(
                value
                    .split_whitespace()
                    .filter(|part| part.len() >= MIN_PART)
                    .map(str::to_owned),
            );
        }
        values.sort_by_key(|value| std::cmp::Reverse(value.len()));
        values.dedup();
        Self { values }
    }

    /// `text` with every secret replaced by [`REDACTED`].
    pub(super) fn scrub_text(&self, text: &str) -> String {
        let mut scrubbed = text.to_owned();
        for secret in &self.values {
            if scrubbed.contains(secret.as_str()) {
                scrubbed = scrubbed.replace(secret.as_str(), REDACTED);
            }
        }
        scrubbed
    }

    /// Replaces secrets in every string (and member name) inside `value`.
    pub(super) fn scrub_value(&self, value: &mut Value) {
        if self.values.is_empty() {
            return;
        }
        match value {
            Value::String(text) => *text = self.scrub_text(text),
            Value::Array(items) => items.iter_mut().for_each(|item| self.scrub_value(item)),
            Value::Object(members) => {
                let taken = std::mem::take(members);
                for (name, mut member) in taken {
                    self.scrub_value(&mut member);
                    members.insert(self.scrub_text(&name), member);
                }
            }
            Value::Null | Value::Bool(_) | Value::Number(_) => {}
        }
    }
}

/// The `customHeaders` of a stage as the record shows them: names kept, values of headers that
/// are not known to be plain replaced by [`REDACTED`]. `None` when there is nothing to redact.
pub(super) fn redacted_headers(custom_headers: Option<&Value>) -> Option<Value> {
    let members = custom_headers?.as_object()?;
    let mut changed = false;
    let redacted: Map<String, Value> = members
        .iter()
        .map(|(name, value)| {
            if PLAIN_HEADERS.contains(&name.to_ascii_lowercase().as_str()) {
                return (name.clone(), value.clone());
            }
            let hidden = match value {
                Value::Array(items) => {
                    Value::Array(items.iter().map(|_| Value::from(REDACTED)).collect())
                }
                Value::Null => Value::Null,
                _ => Value::from(REDACTED),
            };
            changed |= hidden != *value;
            (name.clone(), hidden)
        })
        .collect();
    changed.then_some(Value::Object(redacted))
}

/// A response header's value as the record shows it.
pub(super) fn response_header_value(name: &str, value: &str) -> String {
    if SECRET_RESPONSE_HEADERS.contains(&name.to_ascii_lowercase().as_str()) {
        REDACTED.to_owned()
    } else {
        value.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn secrets() -> Secrets {
        Secrets::from_headers(&[
            ("Authorization".to_owned(), "Bearer s3cr3t-t0ken".to_owned()),
            ("Content-Type".to_owned(), "application/json".to_owned()),
            ("X-Api-Key".to_owned(), "k3y!".to_owned()),
        ])
    }

    #[test]
    fn whole_values_and_tokens_are_scrubbed() {
        let secrets = secrets();
        assert_eq!(
            secrets.scrub_text("sent Bearer s3cr3t-t0ken and k3y!"),
            "sent <redacted> and <redacted>"
        );
        assert_eq!(secrets.scrub_text("echo: s3cr3t-t0ken"), "echo: <redacted>");
        assert_eq!(
            secrets.scrub_text("type application/json"),
            "type application/json"
        );
    }

    #[test]
    fn nested_values_are_scrubbed() {
        let mut value =
            json!({"headers": {"authorization": "Bearer s3cr3t-t0ken"}, "list": ["k3y!"]});
        secrets().scrub_value(&mut value);
        assert_eq!(
            value,
            json!({"headers": {"authorization": "<redacted>"}, "list": ["<redacted>"]})
        );
    }

    #[test]
    fn custom_headers_keep_names_and_plain_values() {
        let headers =
            json!({"Authorization": "Bearer x", "Accept": "text/plain", "X-Ids": ["a", "b"]});
        assert_eq!(
            redacted_headers(Some(&headers)),
            Some(
                json!({"Authorization": "<redacted>", "Accept": "text/plain", "X-Ids": ["<redacted>", "<redacted>"]})
            )
        );
        assert_eq!(redacted_headers(Some(&json!({"Accept": "a"}))), None);
    }

    #[test]
    fn credential_response_headers_are_hidden() {
        assert_eq!(response_header_value("Set-Cookie", "id=1"), REDACTED);
        assert_eq!(response_header_value("location", "/x"), "/x");
    }
}
