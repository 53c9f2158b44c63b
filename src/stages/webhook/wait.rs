//! `waitBeforeMonitorWebhook`: Orca's `WaitTask` with `waitTime` set to `waitBeforeMonitor`
//! (unless the stage has a `waitTime` of its own), counted from the stage's start as Orca's
//! `WaitTask` counts it. `skipRemainingWait` ends it early.

use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;

use super::Shared;
use super::cancel::call_cancel_endpoint;
use crate::engine::task::{Task, TaskInput, TaskResult};

/// Waits before the first poll.
pub(super) struct WaitBeforeMonitorTask {
    shared: Arc<Shared>,
}

impl WaitBeforeMonitorTask {
    pub(super) fn new(shared: Arc<Shared>) -> Self {
        Self { shared }
    }

    /// `waitTime` if the stage has one, else `waitBeforeMonitor`.
    fn wait_time(&self, input: &TaskInput) -> Duration {
        let own = input
            .stage
            .context
            .get("waitTime")
            .and_then(|value| match value {
                Value::Number(number) => number.as_f64(),
                Value::String(text) => text.trim().parse().ok(),
                _ => None,
            });
        match own.and_then(|seconds| Duration::try_from_secs_f64(seconds).ok()) {
            Some(wait) => wait,
            None => self
                .shared
                .settings
                .as_ref()
                .map_or(Duration::ZERO, |settings| settings.wait_before_monitor),
        }
    }
}

#[async_trait::async_trait]
impl Task for WaitBeforeMonitorTask {
    fn name(&self) -> &'static str {
        "waitBeforeMonitorWebhook"
    }

    fn implementing_class(&self) -> &'static str {
        "com.netflix.spinnaker.orca.pipeline.tasks.WaitTask"
    }

    async fn execute(&self, input: &TaskInput) -> TaskResult {
        let wait = self.wait_time(input);
        let skip = input
            .stage
            .context
            .get("skipRemainingWait")
            .and_then(Value::as_bool)
            == Some(true);
        let result = if skip || input.elapsed >= wait {
            TaskResult::succeeded()
        } else {
            TaskResult::running(wait.saturating_sub(input.elapsed))
        };
        // Orca writes the wait it derived into the context (`putIfAbsent("waitTime", …)`).
        let result = if input.stage.context.contains_key("waitTime") {
            result
        } else {
            result.context("waitTime", Value::from(wait.as_secs()))
        };
        self.shared.seal(input, result)
    }

    async fn on_cancel(&self, input: &TaskInput) {
        call_cancel_endpoint(&self.shared, input).await;
    }
}
