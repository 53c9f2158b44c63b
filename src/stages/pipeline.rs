//! `pipeline`: runs another pipeline as a child execution (orca `PipelineStage`), waits for it
//! unless `waitForCompletion` is false, and hands its outputs to downstream stages.

use std::sync::Arc;
use std::time::Duration;

use serde_json::{Map, Value, json};

use crate::engine::child::{ChildExecutions, ChildRequest, merged_outputs};
use crate::engine::record::StageExecution;
use crate::engine::stage_definition::StageDefinition;
use crate::engine::status::Status;
use crate::engine::task::{Task, TaskInput, TaskResult};

/// How often a running child is looked at.
const POLL: Duration = Duration::from_millis(250);

/// The `pipeline` stage: `startPipeline`, then `monitorPipeline` unless told not to wait.
pub(crate) struct PipelineStage {
    /// Where child executions are started.
    pub(crate) children: Arc<dyn ChildExecutions>,
}

/// Orca waits unless `waitForCompletion` is literally false (or "false").
fn waits(stage: &StageExecution) -> bool {
    !matches!(
        stage.context.get("waitForCompletion"),
        Some(Value::Bool(false))
    ) && stage
        .context
        .get("waitForCompletion")
        .and_then(Value::as_str)
        != Some("false")
}

impl StageDefinition for PipelineStage {
    fn tasks(&self, stage: &StageExecution) -> Vec<Arc<dyn Task>> {
        let mut tasks: Vec<Arc<dyn Task>> = vec![Arc::new(StartPipelineTask {
            children: Arc::clone(&self.children),
        })];
        if waits(stage) {
            tasks.push(Arc::new(MonitorPipelineTask {
                children: Arc::clone(&self.children),
            }));
        }
        tasks
    }
}

struct StartPipelineTask {
    children: Arc<dyn ChildExecutions>,
}

#[async_trait::async_trait]
impl Task for StartPipelineTask {
    fn name(&self) -> &'static str {
        "startPipeline"
    }

    fn implementing_class(&self) -> &'static str {
        "com.netflix.spinnaker.orca.front50.tasks.StartPipelineTask"
    }

    async fn execute(&self, input: &TaskInput) -> TaskResult {
        let context = &input.stage.context;
        if context.get("executionId").and_then(Value::as_str).is_some() {
            // Started before a resume: never start the same child twice.
            return TaskResult::succeeded();
        }
        let Some(pipeline) = context
            .get("pipeline")
            .and_then(Value::as_str)
            .filter(|text| !text.is_empty())
        else {
            return TaskResult::terminal("the stage names no `pipeline` to run");
        };
        let application = context
            .get("pipelineApplication")
            .or_else(|| context.get("application"))
            .and_then(Value::as_str)
            .map(ToOwned::to_owned);
        let parameters: Map<String, Value> = context
            .get("pipelineParameters")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let request = ChildRequest {
            pipeline: pipeline.to_owned(),
            application,
            parameters,
            parent: Arc::clone(&input.execution),
            parent_stage_id: input.stage.id.clone(),
        };
        match self.children.start(request).await {
            Ok(id) => TaskResult::succeeded()
                .context("executionId", json!(id))
                .context("executionName", json!(pipeline)),
            Err(message) => TaskResult::terminal(message),
        }
    }
}

struct MonitorPipelineTask {
    children: Arc<dyn ChildExecutions>,
}

#[async_trait::async_trait]
impl Task for MonitorPipelineTask {
    fn name(&self) -> &'static str {
        "monitorPipeline"
    }

    fn implementing_class(&self) -> &'static str {
        "com.netflix.spinnaker.orca.front50.tasks.MonitorPipelineTask"
    }

    async fn execute(&self, input: &TaskInput) -> TaskResult {
        let Some(id) = input
            .stage
            .context
            .get("executionId")
            .and_then(Value::as_str)
        else {
            return TaskResult::terminal("no child execution was started");
        };
        let Some(child) = self.children.status(id).await else {
            return TaskResult::terminal(format!("child execution {id} cannot be found"));
        };
        let status = json!(child.status);
        match child.status {
            Status::Succeeded => TaskResult {
                outputs: merged_outputs(&child),
                ..TaskResult::succeeded()
            }
            .context("status", status),
            Status::Canceled => TaskResult::terminal(format!("child execution {id} was canceled"))
                .context("status", status),
            status if status.is_complete() => {
                let errors: Vec<String> = child
                    .stages
                    .iter()
                    .filter(|stage| stage.status.is_halt())
                    .filter_map(|stage| {
                        stage
                            .context
                            .get("exception")?
                            .get("details")?
                            .get("error")?
                            .as_str()
                            .map(|error| format!("{}: {error}", stage.name))
                    })
                    .collect();
                let detail = if errors.is_empty() {
                    String::new()
                } else {
                    format!(": {}", errors.join("; "))
                };
                TaskResult::terminal(format!("child execution {id} ended {status}{detail}"))
                    .context("status", json!(status))
            }
            _ => TaskResult::running(POLL),
        }
    }

    async fn on_cancel(&self, input: &TaskInput) {
        if let Some(id) = input
            .stage
            .context
            .get("executionId")
            .and_then(Value::as_str)
        {
            self.children
                .cancel(id, "its parent pipeline was canceled")
                .await;
        }
    }
}
