//! What the create call's answer means (orca `WebhookResponseProcessor`): success, with the
//! status URL when the stage waits for completion; a retry (5xx, 429, `webhookRetryStatusCodes`,
//! an unknown host, a GET that timed out); or TERMINAL (`failFastStatusCodes`, other 4xx, other
//! transport failures). Everything lands under `context.webhook`, shaped as Orca's
//! `WebhookResponseStageData`.

use std::time::Duration;

use serde_json::{Map, Value};

use super::http::{Response, TransportError, status_name};
use super::settings::WebhookSettings;
use super::status_url;
use crate::engine::task::{TaskResult, TaskStatus};

/// Codes on which the create call is always retried, besides every 5xx
/// (`webhook.defaultRetryStatusCodes`).
pub(super) const DEFAULT_RETRY_STATUS_CODES: &[u16] = &[429];

/// How long the create call waits before a retry when the server does not say (`Retry-After`).
const CREATE_BACKOFF: Duration = Duration::from_secs(10);

/// Where the create call went, for the messages.
pub(super) struct CreateCall<'a> {
    pub(super) settings: &'a WebhookSettings,
    pub(super) url: &'a str,
    pub(super) execution_id: &'a str,
}

/// The `webhook` object for an HTTP answer: `headers`, `body`, `statusCode`, `statusCodeValue`.
pub(super) fn response_fields(response: &Response) -> Map<String, Value> {
    let mut fields = Map::new();
    if !response.headers.is_empty() {
        fields.insert(
            "headers".to_owned(),
            Value::Object(response.headers.clone()),
        );
    }
    if let Some(body) = &response.body {
        fields.insert("body".to_owned(), body.clone());
    }
    fields.insert(
        "statusCode".to_owned(),
        Value::from(status_name(response.status)),
    );
    fields.insert(
        "statusCodeValue".to_owned(),
        Value::from(response.status.as_u16()),
    );
    fields
}

impl CreateCall<'_> {
    /// The task result for the outcome of the create call.
    pub(super) fn process(&self, outcome: Result<Response, TransportError>) -> TaskResult {
        match outcome {
            Ok(response) if response.status.as_u16() < 400 => self.accepted(&response),
            Ok(response) => self.refused(&response),
            Err(error) => self.unanswered(&error),
        }
    }

    fn accepted(&self, response: &Response) -> TaskResult {
        let mut webhook = response_fields(response);
        if !self.settings.wait_for_completion {
            return result(TaskStatus::Succeeded, webhook, None);
        }
        match status_url::resolve(self.settings, self.url, response) {
            Ok(Some(status_url)) => {
                webhook.insert("statusEndpoint".to_owned(), Value::from(status_url.clone()));
                result(TaskStatus::Succeeded, webhook, None)
                    .context("statusEndpoint", Value::from(status_url))
            }
            Ok(None) => failed(
                webhook,
                "The status URL couldn't be resolved, but 'Wait for completion' is configured"
                    .to_owned(),
            ),
            Err(error) => failed(
                webhook,
                format!("Exception while resolving status check URL: {error}"),
            ),
        }
    }

    fn refused(&self, response: &Response) -> TaskResult {
        let code = response.status.as_u16();
        let (id, url) = (self.execution_id, self.url);
        let webhook = response_fields(response);
        if self.settings.fail_fast_status_codes.contains(&code) {
            failed(
                webhook,
                format!(
                    "Received status code {code}, which is configured to fail fast, terminating stage for pipeline {id} to {url}"
                ),
            )
        } else if response.status.is_server_error()
            || DEFAULT_RETRY_STATUS_CODES.contains(&code)
            || self.settings.webhook_retry_status_codes.contains(&code)
        {
            let message = format!(
                "Error submitting webhook for pipeline {id} to {url} with status code {code}, will retry."
            );
            result(
                TaskStatus::Running,
                with_error(webhook, message),
                Some(response.retry_after.unwrap_or(CREATE_BACKOFF)),
            )
        } else {
            failed(
                webhook,
                format!(
                    "Error submitting webhook for pipeline {id} to {url} with status code {code}."
                ),
            )
        }
    }

    fn unanswered(&self, error: &TransportError) -> TaskResult {
        let (id, url) = (self.execution_id, self.url);
        let retry = match error {
            TransportError::UnknownHost(_) => Some(format!(
                "Remote host resolution failure in webhook for pipeline {id} to {url}, will retry."
            )),
            TransportError::Timeout(_) if self.settings.method == reqwest::Method::GET => {
                Some(format!(
                    "Socket timeout in webhook on GET request for pipeline {id} to {url}, will retry."
                ))
            }
            TransportError::Timeout(_) | TransportError::Other(_) => None,
        };
        match retry {
            Some(message) => result(
                TaskStatus::Running,
                with_error(Map::new(), message),
                Some(CREATE_BACKOFF),
            ),
            None => failed(
                Map::new(),
                format!(
                    "An exception occurred for pipeline {id} performing a request to {url}. {}",
                    error.message()
                ),
            ),
        }
    }
}

/// `webhook` with its `error` first, where Orca's field order puts it.
fn with_error(webhook: Map<String, Value>, message: String) -> Map<String, Value> {
    let mut ordered = Map::new();
    ordered.insert("error".to_owned(), Value::from(message));
    ordered.extend(webhook);
    ordered
}

/// A TERMINAL result whose message is both `webhook.error` and the stage's error.
fn failed(webhook: Map<String, Value>, message: String) -> TaskResult {
    let mut failed = result(
        TaskStatus::Terminal,
        with_error(webhook, message.clone()),
        None,
    );
    failed.error = Some(message);
    failed
}

fn result(
    status: TaskStatus,
    webhook: Map<String, Value>,
    retry_after: Option<Duration>,
) -> TaskResult {
    let mut result = TaskResult::with_status(status).context("webhook", Value::Object(webhook));
    if let Some(retry_after) = retry_after {
        result.retry_after = retry_after;
    }
    result
}

#[cfg(test)]
mod tests {
    use reqwest::StatusCode;
    use serde_json::json;

    use super::*;

    fn settings(context: &Value) -> WebhookSettings {
        WebhookSettings::from_context(context.as_object().expect("object")).expect("valid")
    }

    fn answer(code: u16, body: Option<Value>) -> Response {
        Response {
            status: StatusCode::from_u16(code).expect("code"),
            headers: Map::new(),
            body,
            retry_after: None,
        }
    }

    fn process(
        settings: &WebhookSettings,
        outcome: Result<Response, TransportError>,
    ) -> TaskResult {
        CreateCall {
            settings,
            url: "http://hook.test/run",
            execution_id: "E1",
        }
        .process(outcome)
    }

    #[test]
    fn success_records_the_response() {
        let settings = settings(&json!({"url": "http://hook.test/run"}));
        let result = process(&settings, Ok(answer(200, Some(json!({"id": 1})))));
        assert_eq!(result.status, TaskStatus::Succeeded);
        assert_eq!(
            result.context["webhook"],
            json!({"body": {"id": 1}, "statusCode": "OK", "statusCodeValue": 200})
        );
    }

    #[test]
    fn waiting_needs_a_status_url() {
        let settings = settings(
            &json!({"url": "http://hook.test/run", "waitForCompletion": true, "statusUrlResolution": "locationHeader"}),
        );
        let result = process(&settings, Ok(answer(202, None)));
        assert_eq!(result.status, TaskStatus::Terminal);
        assert_eq!(
            result.context["webhook"]["error"],
            json!("The status URL couldn't be resolved, but 'Wait for completion' is configured")
        );
    }

    #[test]
    fn status_codes_decide_retry_or_failure() {
        let settings =
            settings(&json!({"url": "http://hook.test/run", "webhookRetryStatusCodes": [404]}));
        assert_eq!(
            process(&settings, Ok(answer(503, None))).status,
            TaskStatus::Running
        );
        assert_eq!(
            process(&settings, Ok(answer(429, None))).status,
            TaskStatus::Running
        );
        assert_eq!(
            process(&settings, Ok(answer(404, None))).status,
            TaskStatus::Running
        );
        let fail_fast = process(&settings, Ok(answer(504, None)));
        assert_eq!(fail_fast.status, TaskStatus::Terminal);
        assert!(
            fail_fast
                .error
                .as_deref()
                .unwrap_or_default()
                .contains("fail fast")
        );
        let refused = process(&settings, Ok(answer(400, Some(json!("bad")))));
        assert_eq!(refused.status, TaskStatus::Terminal);
        assert_eq!(
            refused.context["webhook"],
            json!({
                "error": "Error submitting webhook for pipeline E1 to http://hook.test/run with status code 400.",
                "body": "bad",
                "statusCode": "BAD_REQUEST",
                "statusCodeValue": 400
            })
        );
    }

    #[test]
    fn transport_failures_retry_only_when_orca_does() {
        let post = settings(&json!({"url": "http://hook.test/run"}));
        let get = settings(&json!({"url": "http://hook.test/run", "method": "GET"}));
        let unknown = || Err(TransportError::UnknownHost("dns error".to_owned()));
        let timeout = || Err(TransportError::Timeout("timed out".to_owned()));
        assert_eq!(process(&post, unknown()).status, TaskStatus::Running);
        assert_eq!(process(&get, timeout()).status, TaskStatus::Running);
        assert_eq!(process(&post, timeout()).status, TaskStatus::Terminal);
        let refused = process(
            &post,
            Err(TransportError::Other("connection refused".to_owned())),
        );
        assert_eq!(refused.status, TaskStatus::Terminal);
    }

    #[test]
    fn retry_after_drives_the_next_attempt() {
        let settings = settings(&json!({"url": "http://hook.test/run"}));
        let mut busy = answer(503, None);
        busy.retry_after = Some(Duration::ZERO);
        assert_eq!(process(&settings, Ok(busy)).retry_after, Duration::ZERO);
        assert_eq!(
            process(&settings, Ok(answer(503, None))).retry_after,
            CREATE_BACKOFF
        );
    }
}
