//! `webhook`: calls an HTTP endpoint and, with `waitForCompletion`, polls a status URL until
//! the remote work succeeds, fails or is canceled (orca `WebhookStage`, orca-model §5.5).
//!
//! Tasks, as Orca plans them: `createWebhook` (skipped with `monitorOnly`), then with
//! `waitForCompletion` an optional `waitBeforeMonitorWebhook` and `monitorWebhook`. Results go
//! to the stage context only, under `webhook` (and `webhook.monitor`), never to outputs.
//!
//! One concept per file: [`settings`] reads the configuration, [`http`] makes one exchange,
//! [`response`] judges the create call, [`status_url`] finds where to poll, [`monitor`] judges a
//! poll with [`json_path`] and [`statuses`], [`cancel`] calls the cancel endpoint, and
//! [`redact`] keeps header secrets out of the record.

mod cancel;
mod create;
mod http;
mod json_path;
mod monitor;
mod redact;
mod response;
mod settings;
mod status_url;
mod statuses;
mod wait;

use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;

use crate::engine::record::StageExecution;
use crate::engine::stage_definition::StageDefinition;
use crate::engine::task::{Task, TaskInput, TaskResult};
use redact::{Secrets, redacted_headers};
use settings::WebhookSettings;

/// The `webhook` stage.
pub(crate) struct WebhookStage;

impl StageDefinition for WebhookStage {
    fn redact(
        &self,
        context: &serde_json::Map<String, Value>,
    ) -> Option<serde_json::Map<String, Value>> {
        let headers = redacted_headers(context.get("customHeaders"))?;
        let mut redacted = serde_json::Map::new();
        redacted.insert("customHeaders".to_owned(), headers);
        Some(redacted)
    }

    fn tasks(&self, stage: &StageExecution) -> Vec<Arc<dyn Task>> {
        let shared = Arc::new(Shared::new(stage));
        let Ok(settings) = &shared.settings else {
            // The create task reports the configuration error.
            return vec![Arc::new(create::CreateWebhookTask::new(shared))];
        };
        let mut tasks: Vec<Arc<dyn Task>> = Vec::new();
        if !settings.monitor_only {
            tasks.push(Arc::new(create::CreateWebhookTask::new(Arc::clone(
                &shared,
            ))));
        }
        if settings.wait_for_completion {
            if !settings.wait_before_monitor.is_zero() {
                tasks.push(Arc::new(wait::WaitBeforeMonitorTask::new(Arc::clone(
                    &shared,
                ))));
            }
            tasks.push(Arc::new(monitor::MonitorWebhookTask::new(shared)));
        }
        tasks
    }
}

/// What the tasks of one webhook stage share for the stage's run: its settings, its HTTP clients
/// and the secrets of its headers.
///
/// The header values are read once, when the stage is planned, from its evaluated context; the
/// first task result then replaces `customHeaders` in the context with redacted values, so the
/// real ones live only here, in memory.
pub(super) struct Shared {
    settings: Result<WebhookSettings, String>,
    clients: Result<http::Clients, String>,
    secrets: Secrets,
    redacted_headers: Option<Value>,
}

impl Shared {
    fn new(stage: &StageExecution) -> Self {
        let settings = WebhookSettings::from_context(&stage.context);
        let secrets = settings
            .as_ref()
            .map(|settings| Secrets::from_headers(&settings.headers))
            .unwrap_or_default();
        Self {
            settings,
            clients: http::Clients::new(),
            secrets,
            redacted_headers: redacted_headers(stage.context.get("customHeaders")),
        }
    }

    /// The settings and the HTTP clients, or why the stage cannot run.
    fn ready(&self) -> Result<(&WebhookSettings, &http::Clients), String> {
        let settings = self.settings.as_ref().map_err(Clone::clone)?;
        let clients = self.clients.as_ref().map_err(Clone::clone)?;
        // A stage planned again from its record sees the redacted values, not the real ones.
        if let Some((name, _)) = settings
            .headers
            .iter()
            .find(|(_, value)| value == redact::REDACTED)
        {
            return Err(format!(
                "the value of custom header `{name}` was redacted from the execution record and is not known any more; run the pipeline again"
            ));
        }
        Ok((settings, clients))
    }

    /// A result as it may be recorded: secrets scrubbed from everything it writes, the stage's
    /// `customHeaders` redacted, and members equal to what the context holds already left out
    /// (a poll that learned nothing new changes nothing in the record).
    fn seal(&self, input: &TaskInput, mut result: TaskResult) -> TaskResult {
        for value in result.context.values_mut() {
            self.secrets.scrub_value(value);
        }
        if let Some(error) = &result.error {
            result.error = Some(self.secrets.scrub_text(error));
        }
        if let Some(headers) = &self.redacted_headers {
            result
                .context
                .insert("customHeaders".to_owned(), headers.clone());
        }
        result
            .context
            .retain(|key, value| input.stage.context.get(key) != Some(value));
        result
    }

    /// What a task that ran out of time ends with: success under `markSuccessfulOnTimeout`,
    /// otherwise TERMINAL.
    fn timed_out(&self, task: &str, limit: Duration) -> TaskResult {
        let mark_successful = self
            .settings
            .as_ref()
            .is_ok_and(|settings| settings.mark_successful_on_timeout);
        if mark_successful {
            TaskResult::succeeded()
        } else {
            let minutes = limit.as_secs() / 60;
            TaskResult::terminal(format!("the {task} task timed out after {minutes} minutes"))
        }
    }
}
