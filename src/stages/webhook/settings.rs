//! [`WebhookSettings`]: the configuration of a webhook stage, read once from its evaluated
//! context the way Orca's `WebhookStage.StageData` maps it (lenient about numbers and booleans
//! written as strings, strict about what cannot be understood).
//!
//! What the tasks learn while running (`statusEndpoint`, `webhook.*`) is not here: it is read
//! from the stage context at each run.

use std::collections::BTreeMap;
use std::time::Duration;

use reqwest::Method;
use serde_json::{Map, Value};

use super::statuses::StatusMap;

/// Headers Orca never sends, whatever the stage says: they would let a pipeline impersonate a
/// Spinnaker user (orca `WebhookService.headerDenyList`).
const DENIED_HEADERS: &[&str] = &[
    "X-SPINNAKER-USER",
    "X-SPINNAKER-ACCOUNT",
    "X-SPINNAKER-USER-ORIGIN",
    "X-SPINNAKER-REQUEST-ID",
    "X-SPINNAKER-EXECUTION-ID",
];

/// How the create call's response says where to poll (`statusUrlResolution`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum StatusUrlResolution {
    /// Poll the webhook's own `url` with GET.
    GetMethod,
    /// Poll the `Location` header of the create response.
    LocationHeader,
    /// Poll the URL found at `statusUrlJsonPath` in the create response body.
    WebhookResponse,
}

/// Everything a webhook stage was configured with.
#[derive(Debug, Clone)]
pub(super) struct WebhookSettings {
    /// `url`: where the create call goes (and what `monitorOnly` polls).
    pub(super) url: Option<String>,
    /// `method`, default `POST`.
    pub(super) method: Method,
    /// `payload`: the request body, if any.
    pub(super) payload: Option<Value>,
    /// `customHeaders`, one entry per value, deny-listed names removed.
    pub(super) headers: Vec<(String, String)>,
    /// `waitForCompletion`: poll a status URL after the create call.
    pub(super) wait_for_completion: bool,
    /// `monitorOnly`: no create call, only polling.
    pub(super) monitor_only: bool,
    /// `waitBeforeMonitor`: a pause between the create call and the first poll.
    pub(super) wait_before_monitor: Duration,
    /// `statusUrlResolution`.
    pub(super) status_url_resolution: Option<StatusUrlResolution>,
    /// `statusUrlJsonPath`, for [`StatusUrlResolution::WebhookResponse`].
    pub(super) status_url_json_path: Option<String>,
    /// `statusJsonPath`: where the status is in a poll's response.
    pub(super) status_json_path: Option<String>,
    /// `progressJsonPath`: where a progress message is in a poll's response.
    pub(super) progress_json_path: Option<String>,
    /// `successStatuses`, `canceledStatuses`, `terminalStatuses`.
    pub(super) statuses: StatusMap,
    /// `successStatuses` was given (a textual status needs it).
    pub(super) has_success_statuses: bool,
    /// `failFastStatusCodes`, default `[504]`.
    pub(super) fail_fast_status_codes: Vec<u16>,
    /// `webhookRetryStatusCodes`: more codes on which the create call is retried.
    pub(super) webhook_retry_status_codes: Vec<u16>,
    /// `retryStatusCodes`: more codes on which a poll is retried.
    pub(super) retry_status_codes: Vec<u16>,
    /// `retries`: per status code, how many polls answered with it are retried in all.
    pub(super) retries: BTreeMap<u16, u64>,
    /// `cancelEndpoint`.
    pub(super) cancel_endpoint: Option<String>,
    /// `cancelMethod`, default `POST`.
    pub(super) cancel_method: Method,
    /// `cancelPayload`.
    pub(super) cancel_payload: Option<Value>,
    /// The stage has a `stageTimeoutMs`, which replaces the monitor's own one-hour timeout.
    pub(super) has_stage_timeout: bool,
    /// `markSuccessfulOnTimeout`.
    pub(super) mark_successful_on_timeout: bool,
}

impl WebhookSettings {
    /// Reads the settings from a stage context, or says what is wrong with it.
    pub(super) fn from_context(context: &Map<String, Value>) -> Result<Self, String> {
        let text = |key: &str| -> Option<String> {
            match context.get(key) {
                Some(Value::String(text)) if !text.trim().is_empty() => Some(text.clone()),
                Some(Value::Number(number)) => Some(number.to_string()),
                _ => None,
            }
        };
        let wait_for_completion = boolean(context, "waitForCompletion")?;
        let monitor_only = boolean(context, "monitorOnly")?;
        if monitor_only && !wait_for_completion {
            return Err(
                "Can't specify monitorOnly = true and waitForCompletion = false at the same time"
                    .to_owned(),
            );
        }
        let status_url_resolution = match text("statusUrlResolution").as_deref() {
            None => None,
            Some("getMethod") => Some(StatusUrlResolution::GetMethod),
            Some("locationHeader") => Some(StatusUrlResolution::LocationHeader),
            Some("webhookResponse") => Some(StatusUrlResolution::WebhookResponse),
            Some(other) => {
                return Err(format!(
                    "`statusUrlResolution` must be `getMethod`, `locationHeader` or `webhookResponse`, not `{other}`"
                ));
            }
        };
        let success = text("successStatuses");
        let canceled = text("canceledStatuses");
        let terminal = text("terminalStatuses");
        let wait_before_monitor = match context.get("waitBeforeMonitor") {
            None | Some(Value::Null) => 0,
            Some(value) => integer(value).ok_or_else(|| {
                format!("`waitBeforeMonitor` must be a number of seconds, not {value}")
            })?,
        };
        Ok(Self {
            url: text("url").map(|url| url.trim().to_owned()),
            method: method(context, "method")?,
            payload: context
                .get("payload")
                .filter(|value| !value.is_null())
                .cloned(),
            headers: headers(context.get("customHeaders"))?,
            wait_for_completion,
            monitor_only,
            wait_before_monitor: Duration::from_secs(
                u64::try_from(wait_before_monitor).unwrap_or(0),
            ),
            status_url_resolution,
            status_url_json_path: text("statusUrlJsonPath"),
            status_json_path: text("statusJsonPath"),
            progress_json_path: text("progressJsonPath"),
            statuses: StatusMap::new(success.as_deref(), canceled.as_deref(), terminal.as_deref()),
            has_success_statuses: success.is_some(),
            fail_fast_status_codes: match context.get("failFastStatusCodes") {
                None | Some(Value::Null) => vec![504],
                Some(value) => codes(value, "failFastStatusCodes")?,
            },
            webhook_retry_status_codes: optional_codes(context, "webhookRetryStatusCodes")?,
            retry_status_codes: optional_codes(context, "retryStatusCodes")?,
            retries: retries(context.get("retries"))?,
            cancel_endpoint: text("cancelEndpoint").map(|url| url.trim().to_owned()),
            cancel_method: method(context, "cancelMethod")?,
            cancel_payload: context
                .get("cancelPayload")
                .filter(|value| !value.is_null())
                .cloned(),
            has_stage_timeout: context.get("stageTimeoutMs").and_then(integer).is_some(),
            mark_successful_on_timeout: boolean(context, "markSuccessfulOnTimeout")
                .unwrap_or(false),
        })
    }
}

/// A boolean that may be written as a string, as Jackson accepts; missing means false.
fn boolean(context: &Map<String, Value>, key: &str) -> Result<bool, String> {
    match context.get(key) {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Bool(flag)) => Ok(*flag),
        Some(Value::String(text)) if text.eq_ignore_ascii_case("true") => Ok(true),
        Some(Value::String(text)) if text.eq_ignore_ascii_case("false") || text.is_empty() => {
            Ok(false)
        }
        Some(other) => Err(format!("`{key}` must be true or false, not {other}")),
    }
}

/// A whole number, or a string holding one.
fn integer(value: &Value) -> Option<i64> {
    match value {
        Value::Number(number) => number.as_i64().or_else(|| {
            number
                .as_f64()
                .filter(|float| float.fract() == 0.0)
                .map(|float| float as i64)
        }),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

/// An HTTP method, case-insensitive (Orca's `ACCEPT_CASE_INSENSITIVE_PROPERTIES`), default POST.
fn method(context: &Map<String, Value>, key: &str) -> Result<Method, String> {
    const KNOWN: [&str; 8] = [
        "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE",
    ];
    match context.get(key) {
        None | Some(Value::Null) => Ok(Method::POST),
        Some(Value::String(text)) if text.trim().is_empty() => Ok(Method::POST),
        Some(Value::String(text)) => {
            let upper = text.trim().to_ascii_uppercase();
            if KNOWN.contains(&upper.as_str()) {
                Method::from_bytes(upper.as_bytes()).map_err(|error| error.to_string())
            } else {
                Err(format!(
                    "`{key}` must be one of {}, not `{text}`",
                    KNOWN.join(", ")
                ))
            }
        }
        Some(other) => Err(format!("`{key}` must be an HTTP method, not {other}")),
    }
}

/// `customHeaders`: name → string, scalar or list of them; deny-listed names are dropped.
fn headers(value: Option<&Value>) -> Result<Vec<(String, String)>, String> {
    let members = match value {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Object(members)) => members,
        Some(other) => return Err(format!("`customHeaders` must be an object, not {other}")),
    };
    let mut headers = Vec::new();
    for (name, value) in members {
        if DENIED_HEADERS.contains(&name.to_ascii_uppercase().as_str()) {
            continue;
        }
        let values: Vec<&Value> = match value {
            Value::Array(items) => items.iter().collect(),
            other => vec![other],
        };
        for value in values {
            let text = match value {
                Value::String(text) => text.clone(),
                Value::Null => continue,
                Value::Number(_) | Value::Bool(_) => value.to_string(),
                Value::Array(_) | Value::Object(_) => {
                    return Err(format!(
                        "the value of custom header `{name}` must be a string or a list of strings"
                    ));
                }
            };
            headers.push((name.clone(), text));
        }
    }
    Ok(headers)
}

/// A list of HTTP status codes.
fn codes(value: &Value, key: &str) -> Result<Vec<u16>, String> {
    let items: Vec<&Value> = match value {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    items
        .into_iter()
        .map(|item| {
            integer(item)
                .and_then(|code| u16::try_from(code).ok())
                .ok_or_else(|| format!("`{key}` must list HTTP status codes, not {item}"))
        })
        .collect()
}

fn optional_codes(context: &Map<String, Value>, key: &str) -> Result<Vec<u16>, String> {
    match context.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(value) => codes(value, key),
    }
}

/// `retries`: `{"503": {"maxAttempts": 3}}`.
fn retries(value: Option<&Value>) -> Result<BTreeMap<u16, u64>, String> {
    let members = match value {
        None | Some(Value::Null) => return Ok(BTreeMap::new()),
        Some(Value::Object(members)) => members,
        Some(other) => return Err(format!("`retries` must be an object, not {other}")),
    };
    members
        .iter()
        .map(|(code, retry)| {
            let code = code
                .trim()
                .parse::<u16>()
                .map_err(|_| format!("`retries` keys must be HTTP status codes, not `{code}`"))?;
            let attempts = retry
                .get("maxAttempts")
                .and_then(integer)
                .ok_or_else(|| format!("`retries.{code}.maxAttempts` must be a number"))?;
            Ok((code, u64::try_from(attempts).unwrap_or(0)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn settings(context: &Value) -> Result<WebhookSettings, String> {
        WebhookSettings::from_context(context.as_object().expect("object"))
    }

    #[test]
    fn defaults_follow_orca() {
        let read = settings(&json!({"url": "http://x/"})).expect("valid");
        assert_eq!(read.method, Method::POST);
        assert_eq!(read.cancel_method, Method::POST);
        assert_eq!(read.fail_fast_status_codes, vec![504]);
        assert!(!read.wait_for_completion);
        assert!(read.headers.is_empty());
    }

    #[test]
    fn methods_are_case_insensitive_and_checked() {
        let read = settings(&json!({"url": "http://x/", "method": "put"})).expect("valid");
        assert_eq!(read.method, Method::PUT);
        let error = settings(&json!({"url": "http://x/", "method": "FETCH"})).unwrap_err();
        assert!(error.contains("`method`"), "{error}");
    }

    #[test]
    fn monitor_only_needs_wait_for_completion() {
        let error = settings(&json!({"url": "http://x/", "monitorOnly": true})).unwrap_err();
        assert!(error.contains("monitorOnly"), "{error}");
    }

    #[test]
    fn headers_take_lists_and_drop_denied_names() {
        let read = settings(&json!({"customHeaders": {
            "Accept": ["a", "b"],
            "X-Spinnaker-User": "admin",
            "X-Count": 3
        }}))
        .expect("valid");
        assert_eq!(
            read.headers,
            vec![
                ("Accept".to_owned(), "a".to_owned()),
                ("Accept".to_owned(), "b".to_owned()),
                ("X-Count".to_owned(), "3".to_owned()),
            ]
        );
    }

    #[test]
    fn retries_and_codes_accept_strings() {
        let read = settings(&json!({
            "retryStatusCodes": ["404", 409],
            "retries": {"503": {"maxAttempts": "2"}},
            "waitForCompletion": "true",
            "waitBeforeMonitor": "3"
        }))
        .expect("valid");
        assert_eq!(read.retry_status_codes, vec![404, 409]);
        assert_eq!(read.retries.get(&503), Some(&2));
        assert!(read.wait_for_completion);
        assert_eq!(read.wait_before_monitor, Duration::from_secs(3));
    }
}
