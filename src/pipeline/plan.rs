//! [`Plan`]: what a pipeline will do, for a person to read before running it — stages in
//! execution order, grouped into waves that run in parallel, with each stage's conditions.

use serde::Serialize;
use serde_json::Value;

use crate::pipeline::conditions::StageConditions;
use crate::pipeline::graph::StageGraph;
use crate::pipeline::model::{ParameterConfig, Pipeline, Stage};

/// The plan of a pipeline whose graph is runnable.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Plan {
    /// The pipeline's name.
    pub(crate) name: Option<String>,
    /// Its application.
    pub(crate) application: Option<String>,
    /// The parameters it takes.
    pub(crate) parameters: Vec<ParameterConfig>,
    /// Whether only one execution of the pipeline may run at a time (`limitConcurrent`).
    pub(crate) limit_concurrent: bool,
    /// Whether queued executions all run in turn (`keepWaitingPipelines`) or only the newest.
    pub(crate) keep_waiting_pipelines: bool,
    /// `v3` or `v4`: when stage expressions are evaluated.
    pub(crate) spel_evaluator: String,
    /// Waves in order; the stages of a wave can run at the same time.
    pub(crate) waves: Vec<Vec<PlannedStage>>,
    /// The pipeline as gennaker will run it: the file's config with assigned `refId`s.
    pub(crate) pipeline: Value,
}

/// One stage of the plan.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct PlannedStage {
    /// The stage's `refId`.
    pub(crate) ref_id: String,
    /// Its name.
    pub(crate) name: String,
    /// Its type.
    #[serde(rename = "type")]
    pub(crate) stage_type: String,
    /// What it will do, in a sentence.
    pub(crate) action: String,
    /// Names of the stages it waits for.
    pub(crate) waits_for: Vec<String>,
    /// When and how it runs.
    pub(crate) conditions: StageConditions,
}

impl Plan {
    /// Plans `pipeline`; `None` when its graph has duplicates, unknown requisites or cycles
    /// (validation reports those).
    pub(crate) fn of(pipeline: &Pipeline) -> Option<Self> {
        let graph = StageGraph::build(&pipeline.stages);
        if !graph.is_runnable() {
            return None;
        }
        let waves = graph
            .waves()
            .into_iter()
            .map(|wave| {
                wave.into_iter()
                    .map(|index| {
                        let stage = &pipeline.stages[index];
                        PlannedStage {
                            ref_id: stage.ref_id.clone(),
                            name: stage.name().to_owned(),
                            stage_type: stage.stage_type().unwrap_or_default().to_owned(),
                            action: action(stage),
                            waits_for: graph
                                .requisites_of(index)
                                .iter()
                                .map(|requisite| pipeline.stages[*requisite].name().to_owned())
                                .collect(),
                            conditions: StageConditions::of(stage),
                        }
                    })
                    .collect()
            })
            .collect();
        Some(Self {
            name: pipeline.name().map(ToOwned::to_owned),
            application: pipeline.application().map(ToOwned::to_owned),
            parameters: pipeline.parameter_config(),
            limit_concurrent: pipeline.limit_concurrent(),
            keep_waiting_pipelines: pipeline.keep_waiting_pipelines(),
            spel_evaluator: pipeline.spel_evaluator().to_owned(),
            waves,
            pipeline: pipeline.to_json(),
        })
    }
}

/// A one-sentence description of what the stage does.
fn action(stage: &Stage) -> String {
    let text = |key: &str| stage.get(key).map(display).unwrap_or_default();
    match stage.stage_type().unwrap_or_default() {
        "wait" => match stage.get("waitTime") {
            Some(Value::String(expression)) if expression.contains("${") => {
                format!("wait {expression} seconds")
            }
            Some(value) => format!("wait {}s", display(value)),
            None => "wait 0s".to_owned(),
        },
        "manualJudgment" => {
            let inputs: Vec<String> = stage
                .get("judgmentInputs")
                .and_then(Value::as_array)
                .map(|inputs| {
                    inputs
                        .iter()
                        .filter_map(|input| input.get("value").map(display))
                        .collect()
                })
                .unwrap_or_default();
            let mut action = "ask a person to continue or stop".to_owned();
            if !inputs.is_empty() {
                action.push_str(&format!(" (inputs: {})", inputs.join(", ")));
            }
            action
        }
        "checkPreconditions" => {
            let count = stage
                .get("preconditions")
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            format!(
                "check {count} precondition{}",
                if count == 1 { "" } else { "s" }
            )
        }
        "evaluateVariables" => {
            let keys: Vec<String> = stage
                .get("variables")
                .and_then(Value::as_array)
                .map(|variables| {
                    variables
                        .iter()
                        .filter_map(|v| v.get("key").map(display))
                        .collect()
                })
                .unwrap_or_default();
            format!("set {}", keys.join(", "))
        }
        "webhook" => {
            let method = stage
                .get("method")
                .map_or_else(|| "POST".to_owned(), display)
                .to_uppercase();
            let wait = stage.get("waitForCompletion").and_then(Value::as_bool) == Some(true);
            let monitor_only = stage.get("monitorOnly").and_then(Value::as_bool) == Some(true);
            if wait && monitor_only {
                format!("poll {} until done", text("url"))
            } else {
                format!(
                    "{method} {}{}",
                    text("url"),
                    if wait { ", then poll until done" } else { "" }
                )
            }
        }
        "pipeline" => {
            let wait = stage.get("waitForCompletion").and_then(Value::as_bool) != Some(false);
            let application = stage
                .get("application")
                .map(|app| format!(" of `{}`", display(app)))
                .unwrap_or_default();
            format!(
                "run pipeline `{}`{application}{}",
                text("pipeline"),
                if wait { " and wait for it" } else { "" }
            )
        }
        other => {
            super::plan_cloud::action(other, &stage.context()).unwrap_or_else(|| other.to_owned())
        }
    }
}

fn display(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}
