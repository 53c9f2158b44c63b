//! Child executions, for the `pipeline` stage: the [`ChildExecutions`] the stage starts and
//! watches them through (implemented where pipelines can be found and run), the child's
//! trigger as Orca builds it, and the outputs a finished child hands back.

use std::sync::Arc;

use serde_json::{Map, Value, json};

use crate::engine::record::Execution;

/// What the `pipeline` stage asks for.
#[derive(Debug, Clone)]
pub(crate) struct ChildRequest {
    /// The child pipeline: a path, an id or a name.
    pub(crate) pipeline: String,
    /// The application to look the pipeline up in, when given.
    pub(crate) application: Option<String>,
    /// `pipelineParameters`.
    pub(crate) parameters: Map<String, Value>,
    /// The parent execution as it stands.
    pub(crate) parent: Arc<Execution>,
    /// The id of the `pipeline` stage starting the child.
    pub(crate) parent_stage_id: String,
}

/// Starts, watches and cancels child executions.
#[async_trait::async_trait]
pub(crate) trait ChildExecutions: Send + Sync {
    /// Starts a child execution and returns its id; the error says why it could not start.
    async fn start(&self, request: ChildRequest) -> Result<String, String>;

    /// The child execution as it stands now.
    async fn status(&self, id: &str) -> Option<Execution>;

    /// Cancels a running child execution.
    async fn cancel(&self, id: &str, reason: &str);
}

/// The trigger of a child execution (orca `DependentPipelineStarter`): the whole parent
/// execution and the stage that started it; its `parameters` are filled in from the child's
/// `parameterConfig` and the request by the caller.
pub(crate) fn child_trigger(request: &ChildRequest, user: &str) -> Value {
    let parent = &request.parent;
    json!({
        "type": "pipeline",
        "user": user,
        "parentExecution": parent.as_ref(),
        "parentPipelineStageId": request.parent_stage_id,
        "parentPipelineId": parent.id,
        "parentPipelineName": parent.name,
        "parentPipelineApplication": parent.application,
        "parentStatus": parent.status,
        "isPipeline": true,
        "parameters": {},
        "strategy": false,
        "correlationId": format!(
            "{}_{}_{}_{}",
            parent.id,
            request.parent_stage_id,
            request.pipeline,
            parent.start_time.unwrap_or_default()
        ),
        "artifacts": [],
        "notifications": [],
    })
}

/// Orca's `execution.context`: every stage's outputs merged in order, later ones winning.
pub(crate) fn merged_outputs(execution: &Execution) -> Map<String, Value> {
    let mut merged = Map::new();
    for stage in &execution.stages {
        for (key, value) in &stage.outputs {
            merged.insert(key.clone(), value.clone());
        }
    }
    merged
}
