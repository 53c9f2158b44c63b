//! The stage types gennaker runs, one file each, and [`BuiltinStages`], the registry the engine
//! looks them up in.

mod check_preconditions;
pub(crate) mod cloud;
mod cloudfoundry;
mod evaluate_variables;
mod execution_window;
mod manual_judgment;
mod pipeline;
mod wait;
mod webhook;

#[cfg(test)]
mod tests;

use std::sync::Arc;

use crate::engine::child::ChildExecutions;
use crate::engine::stage_definition::{StageDefinition, StageRegistry};

pub(crate) use cloud::{CloudSettings, TrafficGuard};
pub(crate) use execution_window::DEFAULT_TIME_ZONE;

/// The stage types built into gennaker.
pub(crate) struct BuiltinStages {
    /// The time zone execution windows are read in.
    pub(crate) window_time_zone: String,
    /// Where `pipeline` stages start child executions; without it they cannot run.
    pub(crate) children: Option<Arc<dyn ChildExecutions>>,
    /// The accounts and traffic guards of the cloud stages; without them those stage types are
    /// unknown.
    pub(crate) cloud: Option<CloudSettings>,
}

impl Default for BuiltinStages {
    fn default() -> Self {
        Self {
            window_time_zone: DEFAULT_TIME_ZONE.to_owned(),
            children: None,
            cloud: None,
        }
    }
}

/// The type names [`BuiltinStages`] knows, in the order `validate` lists them; a test holds
/// `validate`'s list of supported types to it.
#[cfg(test)]
pub(crate) const NAMES: [&str; 6 + cloud::NAMES.len() + cloudfoundry::NAMES.len()] = {
    let base = [
        "wait",
        "manualJudgment",
        "checkPreconditions",
        "evaluateVariables",
        "pipeline",
        "webhook",
    ];
    let mut all = [""; 6 + cloud::NAMES.len() + cloudfoundry::NAMES.len()];
    let mut index = 0;
    while index < all.len() {
        all[index] = if index < base.len() {
            base[index]
        } else if index < base.len() + cloud::NAMES.len() {
            cloud::NAMES[index - base.len()]
        } else {
            cloudfoundry::NAMES[index - base.len() - cloud::NAMES.len()]
        };
        index += 1;
    }
    all
};

impl StageRegistry for BuiltinStages {
    fn definition(&self, stage_type: &str) -> Option<Arc<dyn StageDefinition>> {
        match stage_type {
            "wait" => Some(Arc::new(wait::WaitStage)),
            "manualJudgment" => Some(Arc::new(manual_judgment::ManualJudgmentStage)),
            "checkPreconditions" => Some(Arc::new(check_preconditions::CheckPreconditionsStage {
                cloud: self.cloud.clone().map(Arc::new),
            })),
            "evaluateVariables" => Some(Arc::new(evaluate_variables::EvaluateVariablesStage)),
            "pipeline" => self.children.as_ref().map(|children| {
                Arc::new(pipeline::PipelineStage {
                    children: Arc::clone(children),
                }) as Arc<dyn StageDefinition>
            }),
            // Only ever a synthetic stage, put in place by the engine.
            "restrictExecutionDuringTimeWindow" => {
                Some(Arc::new(execution_window::ExecutionWindowStage {
                    time_zone: self.window_time_zone.clone(),
                }))
            }
            "webhook" => Some(Arc::new(webhook::WebhookStage)),
            other => {
                let cloud = self.cloud.as_ref()?;
                cloud::definition(other, cloud).or_else(|| cloudfoundry::definition(other, cloud))
            }
        }
    }
}
