//! The execution document, in Spinnaker's execution shape (orca-model §10): what `run
//! --output json` prints, what history keeps, and what expressions see as `execution`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::engine::status::Status;
use crate::pipeline::model::Pipeline;

/// One execution of a pipeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Execution {
    /// A ULID, as Orca's.
    pub(crate) id: String,
    /// Always `PIPELINE`.
    #[serde(rename = "type")]
    pub(crate) kind: String,
    /// The pipeline's name.
    pub(crate) name: Option<String>,
    /// The pipeline's application.
    pub(crate) application: Option<String>,
    /// The pipeline config's id.
    pub(crate) pipeline_config_id: Option<String>,
    /// Where the execution is in its life.
    pub(crate) status: Status,
    /// When the execution was created, epoch milliseconds.
    pub(crate) build_time: u64,
    /// When it started, epoch milliseconds.
    pub(crate) start_time: Option<u64>,
    /// When it ended, epoch milliseconds.
    pub(crate) end_time: Option<u64>,
    /// Whether it was canceled.
    pub(crate) canceled: bool,
    /// Who canceled it.
    pub(crate) canceled_by: Option<String>,
    /// Why.
    pub(crate) cancellation_reason: Option<String>,
    /// `limitConcurrent` of the pipeline.
    pub(crate) limit_concurrent: bool,
    /// `keepWaitingPipelines` of the pipeline.
    pub(crate) keep_waiting_pipelines: bool,
    /// `v3` or `v4`.
    pub(crate) spel_evaluator: String,
    /// What started it, shaped as Orca's execution trigger.
    pub(crate) trigger: Value,
    /// Who is running it.
    pub(crate) authentication: Value,
    /// Every stage, synthetic stages next to their parents.
    pub(crate) stages: Vec<StageExecution>,
}

impl StageExecution {
    /// Whether this is a manual judgment answered "stop" that halted the pipeline (gennaker
    /// exits 3 for it, as for a cancellation).
    pub(crate) fn is_stopping_judgment(&self) -> bool {
        self.stage_type == "manualJudgment"
            && self.status == Status::Terminal
            && self.context.get("judgmentStatus").and_then(Value::as_str) == Some("stop")
    }
}

/// One stage of an execution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct StageExecution {
    /// A ULID.
    pub(crate) id: String,
    /// The `refId` from the pipeline (`<parent><N` for synthetic before-stages).
    pub(crate) ref_id: String,
    /// The stage type.
    #[serde(rename = "type")]
    pub(crate) stage_type: String,
    /// The display name.
    pub(crate) name: String,
    /// Where the stage is in its life.
    pub(crate) status: Status,
    /// When it started, epoch milliseconds.
    pub(crate) start_time: Option<u64>,
    /// When it ended, epoch milliseconds.
    pub(crate) end_time: Option<u64>,
    /// The stage context: its configuration, evaluated when it starts, plus what tasks wrote.
    pub(crate) context: Map<String, Value>,
    /// What the stage hands to downstream stages.
    pub(crate) outputs: Map<String, Value>,
    /// The tasks, in order.
    pub(crate) tasks: Vec<TaskExecution>,
    /// The `refId`s it waits for.
    pub(crate) requisite_stage_ref_ids: Vec<String>,
    /// For a synthetic stage, its parent's id.
    pub(crate) parent_stage_id: Option<String>,
    /// `STAGE_BEFORE` or `STAGE_AFTER` for synthetic stages.
    pub(crate) synthetic_stage_owner: Option<String>,
    /// Epoch milliseconds after which the stage is skipped instead of started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) start_time_expiry: Option<u64>,
    /// Who last changed the stage from outside (a manual judgment), as Orca's `lastModified`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) last_modified: Option<Value>,
}

/// One task of a stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct TaskExecution {
    /// "1", "2", … in order.
    pub(crate) id: String,
    /// The task's name, e.g. `waitForJudgment`.
    pub(crate) name: String,
    /// Orca's class name for the task, kept for tools that read Spinnaker executions.
    pub(crate) implementing_class: String,
    /// Where the task is in its life.
    pub(crate) status: Status,
    /// When it started, epoch milliseconds.
    pub(crate) start_time: Option<u64>,
    /// When it ended, epoch milliseconds.
    pub(crate) end_time: Option<u64>,
    /// The first task of its stage.
    pub(crate) stage_start: bool,
    /// The last task of its stage.
    pub(crate) stage_end: bool,
}

impl Execution {
    /// A new execution of `pipeline`, `NOT_STARTED`, every stage `NOT_STARTED` with its context as
    /// Orca builds it (the stage object minus `refId`, `requisiteStageRefIds`, `type`, `name`).
    pub(crate) fn new(pipeline: &Pipeline, trigger: Value, user: &str, now: u64) -> Self {
        let stages = pipeline
            .stages
            .iter()
            .map(|stage| StageExecution {
                id: new_id(),
                ref_id: stage.ref_id.clone(),
                stage_type: stage.stage_type().unwrap_or_default().to_owned(),
                name: stage.name().to_owned(),
                status: Status::NotStarted,
                start_time: None,
                end_time: None,
                context: stage.context(),
                outputs: Map::new(),
                tasks: Vec::new(),
                requisite_stage_ref_ids: stage.requisite_stage_ref_ids.clone(),
                parent_stage_id: None,
                synthetic_stage_owner: None,
                start_time_expiry: stage.start_time_expiry(),
                last_modified: None,
            })
            .collect();
        Self {
            id: new_id(),
            kind: "PIPELINE".to_owned(),
            name: pipeline.name().map(ToOwned::to_owned),
            application: pipeline.application().map(ToOwned::to_owned),
            pipeline_config_id: pipeline.id().map(ToOwned::to_owned),
            status: Status::NotStarted,
            build_time: now,
            start_time: None,
            end_time: None,
            canceled: false,
            canceled_by: None,
            cancellation_reason: None,
            limit_concurrent: pipeline.limit_concurrent(),
            keep_waiting_pipelines: pipeline.keep_waiting_pipelines(),
            spel_evaluator: pipeline.spel_evaluator().to_owned(),
            trigger,
            authentication: serde_json::json!({"user": user, "allowedAccounts": []}),
            stages,
        }
    }

    /// The stage with this id.
    pub(crate) fn stage(&self, id: &str) -> Option<&StageExecution> {
        self.stages.iter().find(|stage| stage.id == id)
    }

    /// The index of the stage with this id.
    pub(crate) fn stage_index(&self, id: &str) -> Option<usize> {
        self.stages.iter().position(|stage| stage.id == id)
    }

    /// Replaces the stage with `stage`'s id, or adds it: a new synthetic stage goes just before
    /// its parent, after the siblings added before it, where the scheduler puts it.
    pub(crate) fn upsert_stage(&mut self, stage: StageExecution) {
        if let Some(index) = self.stage_index(&stage.id) {
            self.stages[index] = stage;
            return;
        }
        let position = stage
            .parent_stage_id
            .as_deref()
            .and_then(|parent| self.stage_index(parent))
            .unwrap_or(self.stages.len());
        self.stages.insert(position, stage);
    }

    /// Top-level stages (not synthetic).
    pub(crate) fn top_level(&self) -> impl Iterator<Item = &StageExecution> {
        self.stages
            .iter()
            .filter(|stage| stage.parent_stage_id.is_none())
    }

    /// The synthetic children of a stage, in order.
    pub(crate) fn children<'a>(
        &'a self,
        parent_id: &'a str,
    ) -> impl Iterator<Item = &'a StageExecution> {
        self.stages
            .iter()
            .filter(move |stage| stage.parent_stage_id.as_deref() == Some(parent_id))
    }
}

/// A new ULID, the id format Orca uses for executions and stages.
pub(crate) fn new_id() -> String {
    ulid::Ulid::new().to_string()
}
