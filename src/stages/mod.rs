//! The stage types gennaker runs, one file each, and [`BuiltinStages`], the registry the engine
//! looks them up in.

mod check_preconditions;
mod evaluate_variables;
mod manual_judgment;
mod wait;
mod webhook;

use std::sync::Arc;

use crate::engine::stage_definition::{StageDefinition, StageRegistry};

/// The stage types built into gennaker.
pub(crate) struct BuiltinStages;

/// The type names [`BuiltinStages`] knows, in the order `validate` lists them; a test holds
/// `validate`'s list of supported types to it.
#[cfg(test)]
pub(crate) const NAMES: [&str; 5] = [
    "wait",
    "manualJudgment",
    "checkPreconditions",
    "evaluateVariables",
    "webhook",
];

impl StageRegistry for BuiltinStages {
    fn definition(&self, stage_type: &str) -> Option<Arc<dyn StageDefinition>> {
        match stage_type {
            "wait" => Some(Arc::new(wait::WaitStage)),
            "manualJudgment" => Some(Arc::new(manual_judgment::ManualJudgmentStage)),
            "checkPreconditions" => Some(Arc::new(check_preconditions::CheckPreconditionsStage)),
            "evaluateVariables" => Some(Arc::new(evaluate_variables::EvaluateVariablesStage)),
            "webhook" => Some(Arc::new(webhook::WebhookStage)),
            _ => None,
        }
    }
}
