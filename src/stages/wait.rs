//! `wait`: waits `waitTime` seconds (orca `WaitStage`); `skipRemainingWait` ends it early.

use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;

use crate::engine::record::StageExecution;
use crate::engine::stage_definition::StageDefinition;
use crate::engine::task::{Task, TaskInput, TaskResult};

/// The `wait` stage: one `wait` task.
pub(crate) struct WaitStage;

impl StageDefinition for WaitStage {
    fn tasks(&self, _stage: &StageExecution) -> Vec<Arc<dyn Task>> {
        vec![Arc::new(WaitTask)]
    }
}

/// Succeeds once the stage has run for `waitTime` seconds.
struct WaitTask;

/// `waitTime` in seconds: a number or a numeric string; missing means no wait, as in Orca.
fn wait_time(input: &TaskInput) -> Result<Duration, String> {
    match input.stage.context.get("waitTime") {
        None | Some(Value::Null) => Ok(Duration::ZERO),
        Some(Value::Number(number)) => number
            .as_f64()
            .filter(|seconds| *seconds >= 0.0)
            .and_then(|seconds| Duration::try_from_secs_f64(seconds).ok())
            .ok_or_else(|| format!("`waitTime` must be a number of seconds, not {number}")),
        Some(Value::String(text)) => text
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|seconds| *seconds >= 0.0)
            .and_then(|seconds| Duration::try_from_secs_f64(seconds).ok())
            .ok_or_else(|| format!("`waitTime` must be a number of seconds, not `{text}`")),
        Some(other) => Err(format!(
            "`waitTime` must be a number of seconds, not {other}"
        )),
    }
}

#[async_trait::async_trait]
impl Task for WaitTask {
    fn name(&self) -> &'static str {
        "wait"
    }

    fn implementing_class(&self) -> &'static str {
        "com.netflix.spinnaker.orca.pipeline.tasks.WaitTask"
    }

    async fn execute(&self, input: &TaskInput) -> TaskResult {
        if input
            .stage
            .context
            .get("skipRemainingWait")
            .and_then(Value::as_bool)
            == Some(true)
        {
            return TaskResult::succeeded();
        }
        match wait_time(input) {
            Ok(wait) if input.elapsed >= wait => TaskResult::succeeded(),
            Ok(wait) => TaskResult::running(wait.saturating_sub(input.elapsed)),
            Err(message) => TaskResult::terminal(message),
        }
    }
}
