//! `monitorWebhook` (orca `MonitorWebhookTask`): GETs the status URL until the status found at
//! `statusJsonPath` is listed as success, canceled or terminal, or a number reaches 100.
//!
//! Each poll rewrites `context.webhook.monitor` (keeping what `createWebhook` wrote beside it):
//! `body`, `statusCode`, `statusCodeValue`, `headers`, `progressMessage`, `percentComplete`,
//! `error`, `resolvedValue`, and `pastStatusCodes` — the codes of earlier polls that were
//! retried, which the per-code caps of `retries` count. A failed poll is retried on 5xx, 429,
//! `retryStatusCodes`, an unknown host or a timeout; any other failure is TERMINAL.
//!
//! Polls come every second, every 15 seconds once the task has run a minute, or when the
//! server's `Retry-After` says. The task gives up after an hour unless the stage has a
//! `stageTimeoutMs`, which replaces that limit as in Orca.

use std::sync::Arc;
use std::time::Duration;

use serde_json::{Map, Value};

use super::Shared;
use super::cancel::{after_failure, call_cancel_endpoint};
use super::http::{HttpCall, Response, TransportError, status_name};
use super::json_path;
use super::response::DEFAULT_RETRY_STATUS_CODES;
use super::settings::WebhookSettings;
use super::statuses::StatusReading;
use crate::engine::task::{Task, TaskInput, TaskResult, TaskStatus};

/// How long the task polls without a `stageTimeoutMs` (orca `MonitorWebhookTask.timeout`).
const TIMEOUT: Duration = Duration::from_secs(60 * 60);
/// The poll interval, then the slower one after [`SLOW_AFTER`].
const BACKOFF: Duration = Duration::from_secs(1);
const SLOW_BACKOFF: Duration = Duration::from_secs(15);
const SLOW_AFTER: Duration = Duration::from_secs(60);

/// Polls the status URL.
pub(super) struct MonitorWebhookTask {
    shared: Arc<Shared>,
}

impl MonitorWebhookTask {
    pub(super) fn new(shared: Arc<Shared>) -> Self {
        Self { shared }
    }

    async fn run(&self, input: &TaskInput) -> TaskResult {
        let (settings, client) = match self.shared.ready() {
            Ok(ready) => ready,
            Err(error) => return TaskResult::terminal(error),
        };
        let elapsed = task_elapsed(input);
        if !settings.has_stage_timeout && elapsed > TIMEOUT {
            return self.shared.timed_out("monitorWebhook", TIMEOUT);
        }
        let endpoint = match status_endpoint(input, settings) {
            Ok(endpoint) => endpoint,
            Err(error) => return TaskResult::terminal(error),
        };
        let poll = Poll::new(input, settings, &endpoint, elapsed);
        let call = HttpCall {
            method: reqwest::Method::GET,
            url: &endpoint,
            headers: &settings.headers,
            payload: None,
        };
        match call.send(client).await {
            Ok(response) if response.status.as_u16() < 400 => poll.answered(&response),
            Ok(response) => poll.refused(&response),
            Err(error) => poll.unanswered(&error),
        }
    }
}

#[async_trait::async_trait]
impl Task for MonitorWebhookTask {
    fn name(&self) -> &'static str {
        "monitorWebhook"
    }

    fn implementing_class(&self) -> &'static str {
        "com.netflix.spinnaker.orca.webhook.tasks.MonitorWebhookTask"
    }

    async fn execute(&self, input: &TaskInput) -> TaskResult {
        let result = self.run(input).await;
        let result = after_failure(&self.shared, input, result).await;
        self.shared.seal(input, result)
    }

    async fn on_cancel(&self, input: &TaskInput) {
        call_cancel_endpoint(&self.shared, input).await;
    }
}

/// How long this task has run: the stage's running time less what came before the task.
fn task_elapsed(input: &TaskInput) -> Duration {
    let stage_start = input.stage.start_time;
    let task_start = input
        .stage
        .tasks
        .iter()
        .find(|task| task.name == "monitorWebhook")
        .and_then(|task| task.start_time);
    match (stage_start, task_start) {
        (Some(stage), Some(task)) => input
            .elapsed
            .saturating_sub(Duration::from_millis(task.saturating_sub(stage))),
        _ => input.elapsed,
    }
}

/// `statusEndpoint` as `createWebhook` resolved it, or the stage's `url` under `monitorOnly`.
fn status_endpoint(input: &TaskInput, settings: &WebhookSettings) -> Result<String, String> {
    let resolved = input
        .stage
        .context
        .get("statusEndpoint")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|endpoint| !endpoint.is_empty());
    match (resolved, settings.monitor_only) {
        (Some(endpoint), _) => Ok(endpoint.to_owned()),
        (None, true) => settings.url.clone().ok_or_else(|| {
            "Missing required parameter. Either webhook url or statusEndpoint are required"
                .to_owned()
        }),
        (None, false) => Err("Missing required parameter: statusEndpoint = null".to_owned()),
    }
}

/// One poll: the `webhook` object it rewrites and how it turns out.
struct Poll<'a> {
    settings: &'a WebhookSettings,
    endpoint: &'a str,
    elapsed: Duration,
    /// `context.webhook` as `createWebhook` left it, `monitor` reset.
    webhook: Map<String, Value>,
    monitor: Map<String, Value>,
    past_status_codes: Vec<u64>,
}

impl<'a> Poll<'a> {
    fn new(
        input: &TaskInput,
        settings: &'a WebhookSettings,
        endpoint: &'a str,
        elapsed: Duration,
    ) -> Self {
        let mut webhook = input
            .stage
            .context
            .get("webhook")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let past_status_codes: Vec<u64> = webhook
            .remove("monitor")
            .as_ref()
            .and_then(|monitor| monitor.get("pastStatusCodes"))
            .and_then(Value::as_array)
            .map(|codes| codes.iter().filter_map(Value::as_u64).collect())
            .unwrap_or_default();
        let mut monitor = Map::new();
        if !past_status_codes.is_empty() {
            monitor.insert(
                "pastStatusCodes".to_owned(),
                Value::from(past_status_codes.clone()),
            );
        }
        Self {
            settings,
            endpoint,
            elapsed,
            webhook,
            monitor,
            past_status_codes,
        }
    }

    fn backoff(&self, response: Option<&Response>) -> Duration {
        response
            .and_then(|response| response.retry_after)
            .unwrap_or(if self.elapsed > SLOW_AFTER {
                SLOW_BACKOFF
            } else {
                BACKOFF
            })
    }

    /// The result with the rebuilt `webhook` object in its context.
    fn finish(mut self, status: TaskStatus, retry_after: Duration) -> TaskResult {
        let error = self
            .monitor
            .get("error")
            .and_then(Value::as_str)
            .map(str::to_owned);
        self.webhook
            .insert("monitor".to_owned(), Value::Object(self.monitor));
        let mut result =
            TaskResult::with_status(status).context("webhook", Value::Object(self.webhook));
        if status == TaskStatus::Running {
            result.retry_after = retry_after;
        } else {
            result.error = error;
        }
        result
    }

    fn fail(mut self, message: String) -> TaskResult {
        self.monitor
            .insert("error".to_owned(), Value::from(message));
        self.finish(TaskStatus::Terminal, Duration::ZERO)
    }

    /// A 1xx–3xx answer: read the status (and progress) from its body.
    fn answered(mut self, response: &Response) -> TaskResult {
        if let Some(body) = &response.body {
            self.monitor.insert("body".to_owned(), body.clone());
        }
        self.monitor.insert(
            "statusCode".to_owned(),
            Value::from(status_name(response.status)),
        );
        self.monitor.insert(
            "statusCodeValue".to_owned(),
            Value::from(response.status.as_u16()),
        );
        if !response.headers.is_empty() {
            self.monitor.insert(
                "headers".to_owned(),
                Value::Object(response.headers.clone()),
            );
        }
        let Some(status_path) = self.settings.status_json_path.clone() else {
            return self.finish(TaskStatus::Succeeded, Duration::ZERO);
        };
        let body = response.body.clone().unwrap_or(Value::Null);
        let status = match json_path::read(&status_path, &body) {
            Ok(Some(value)) => value,
            Ok(None) => {
                return self.fail(format!(
                    "Unable to parse status: JSON property '{status_path}' not found in response body"
                ));
            }
            Err(error) => return self.fail(error),
        };
        let (percent, status) = match self.settings.statuses.read(&status) {
            StatusReading::NotScalar => {
                self.monitor.insert("resolvedValue".to_owned(), status);
                return self.fail(format!(
                    "The json path '{status_path}' did not resolve to a single value"
                ));
            }
            StatusReading::Percent(percent, status) => (Some(percent), status),
            StatusReading::Listed(status) => (None, status),
        };
        if let Some(progress_path) = self.settings.progress_json_path.clone() {
            match json_path::read(&progress_path, &body) {
                Ok(Some(Value::String(progress))) => {
                    self.monitor
                        .insert("progressMessage".to_owned(), Value::from(progress));
                }
                Ok(Some(other)) => {
                    self.monitor.insert("resolvedValue".to_owned(), other);
                    return self.fail(format!(
                        "The json path '{progress_path}' did not resolve to a String value"
                    ));
                }
                Ok(None) => {
                    return self.fail(format!(
                        "Unable to parse progress: JSON property '{progress_path}' not found in response body"
                    ));
                }
                Err(error) => return self.fail(error),
            }
        }
        let backoff = self.backoff(Some(response));
        if let Some(percent) = percent {
            self.monitor.insert("percentComplete".to_owned(), percent);
        } else if status == TaskStatus::Running && !self.settings.has_success_statuses {
            return self.fail(format!(
                "the status at '{status_path}' is text, so `successStatuses` must list the values that mean success"
            ));
        }
        self.finish(status, backoff)
    }

    /// A 4xx/5xx answer: retried or TERMINAL.
    fn refused(mut self, response: &Response) -> TaskResult {
        let code = response.status.as_u16();
        if self.should_retry(code) {
            self.past_status_codes.push(u64::from(code));
            self.monitor.insert(
                "pastStatusCodes".to_owned(),
                Value::from(self.past_status_codes.clone()),
            );
            let backoff = self.backoff(Some(response));
            return self.finish(TaskStatus::Running, backoff);
        }
        if !response.headers.is_empty() {
            self.monitor.insert(
                "headers".to_owned(),
                Value::Object(response.headers.clone()),
            );
        }
        let reason = response.status.canonical_reason().unwrap_or_default();
        let message = format!(
            "an exception occurred in webhook monitor to {}: {code} {reason}",
            self.endpoint
        );
        self.fail(message)
    }

    /// Orca's rule: a per-code cap in `retries` decides alone; otherwise 5xx, 429 and
    /// `retryStatusCodes` are retried.
    fn should_retry(&self, code: u16) -> bool {
        if let Some(max_attempts) = self.settings.retries.get(&code) {
            let seen = self
                .past_status_codes
                .iter()
                .filter(|past| **past == u64::from(code))
                .count() as u64;
            return seen < *max_attempts;
        }
        (500..600).contains(&code)
            || DEFAULT_RETRY_STATUS_CODES.contains(&code)
            || self.settings.retry_status_codes.contains(&code)
    }

    /// No answer: an unknown host or a timeout is retried, anything else is TERMINAL.
    fn unanswered(self, error: &TransportError) -> TaskResult {
        match error {
            TransportError::UnknownHost(_) | TransportError::Timeout(_) => {
                let backoff = self.backoff(None);
                self.finish(TaskStatus::Running, backoff)
            }
            TransportError::Other(message) => {
                let message = format!(
                    "an exception occurred in webhook monitor to {}: {message}",
                    self.endpoint
                );
                self.fail(message)
            }
        }
    }
}
