//! `manualJudgment`: holds the pipeline until a person answers continue or stop.
//!
//! The answer arrives from outside (a prompt, `--judgment`, `gennaker judge`) and the engine
//! writes it into the context as Orca's PATCH does: `judgmentStatus`, `judgmentInput`,
//! `lastModifiedBy`. The task only reads it.

use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;

use crate::engine::record::StageExecution;
use crate::engine::stage_definition::StageDefinition;
use crate::engine::task::{Task, TaskInput, TaskResult};

/// How often an unanswered judgment looks again; answers also wake it at once.
const POLL: Duration = Duration::from_secs(5);

/// The `manualJudgment` stage: one `waitForJudgment` task.
pub(crate) struct ManualJudgmentStage;

impl StageDefinition for ManualJudgmentStage {
    fn tasks(&self, _stage: &StageExecution) -> Vec<Arc<dyn Task>> {
        vec![Arc::new(WaitForJudgmentTask)]
    }
}

struct WaitForJudgmentTask;

#[async_trait::async_trait]
impl Task for WaitForJudgmentTask {
    fn name(&self) -> &'static str {
        "waitForJudgment"
    }

    fn implementing_class(&self) -> &'static str {
        "com.netflix.spinnaker.orca.echo.pipeline.ManualJudgmentStage$WaitForManualJudgmentTask"
    }

    async fn execute(&self, input: &TaskInput) -> TaskResult {
        let answer = input
            .stage
            .context
            .get("judgmentStatus")
            .and_then(Value::as_str)
            .map(str::to_ascii_lowercase);
        match answer.as_deref() {
            Some("continue") => TaskResult::succeeded(),
            Some("stop") => {
                let by = input
                    .stage
                    .context
                    .get("lastModifiedBy")
                    .and_then(Value::as_str)
                    .unwrap_or("someone");
                TaskResult::terminal(format!("stopped by a manual judgment of {by}"))
            }
            _ => TaskResult::running(POLL),
        }
    }
}
