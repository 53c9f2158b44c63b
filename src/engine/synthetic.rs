//! Synthetic before-stages: the stages a stage's definition asks for, and the execution-window
//! stage the engine puts first when the stage is restricted to a time window (orca-model §2.4,
//! §4). They run one after another before the stage's own tasks, except those a definition
//! marks parallel, which run alongside the stage listed before them.

use serde_json::{Map, Value};

use crate::engine::record::{StageExecution, new_id};
use crate::engine::stage_definition::SyntheticStage;
use crate::engine::status::Status;

/// The type (and name) of the execution-window stage.
pub(crate) const EXECUTION_WINDOW: &str = "restrictExecutionDuringTimeWindow";

/// Whether `parent` must first wait for its execution window.
pub(crate) fn has_execution_window(parent: &StageExecution) -> bool {
    parent.stage_type != EXECUTION_WINDOW
        && parent.parent_stage_id.is_none()
        && parent
            .context
            .get(EXECUTION_WINDOW)
            .and_then(Value::as_bool)
            == Some(true)
}

/// The before-stage records of `parent`: the window stage (`<ref><0`) when `window`, then the
/// definition's stages (`<ref><1`, `<ref><2`, …), each waiting for the one before it, or, when
/// parallel, for what the one before it waits for. The window stage always comes first.
pub(crate) fn before_stages(
    parent: &StageExecution,
    defined: Vec<SyntheticStage>,
    window: bool,
) -> Vec<StageExecution> {
    let mut specs: Vec<(String, SyntheticStage)> = Vec::new();
    if window {
        let mut context = parent.context.clone();
        for key in [
            EXECUTION_WINDOW,
            "stageTimeoutMs",
            "alias",
            "expressionEvaluationSummary",
        ] {
            context.shift_remove(key);
        }
        let spec = SyntheticStage::new(EXECUTION_WINDOW, EXECUTION_WINDOW, context);
        specs.push((format!("{}<0", parent.ref_id), spec));
    }
    for (offset, mut spec) in defined.into_iter().enumerate() {
        // Only the window stage itself looks at the window.
        spec.context.shift_remove(EXECUTION_WINDOW);
        spec.context.shift_remove("restrictedExecutionWindow");
        specs.push((format!("{}<{}", parent.ref_id, offset + 1), spec));
    }
    let window_ref = window.then(|| format!("{}<0", parent.ref_id));
    // The stage listed last, and what it waits for.
    let mut previous: Option<(String, Vec<String>)> = None;
    specs
        .into_iter()
        .map(|(ref_id, spec)| {
            let requisites = match &previous {
                None => Vec::new(),
                // Alongside the stage before; but never alongside the window, which goes first.
                Some((last, waits_for)) if spec.parallel && Some(last) != window_ref.as_ref() => {
                    waits_for.clone()
                }
                Some((last, _)) => vec![last.clone()],
            };
            previous = Some((ref_id.clone(), requisites.clone()));
            StageExecution {
                id: new_id(),
                ref_id,
                stage_type: spec.stage_type,
                name: spec.name,
                status: Status::NotStarted,
                start_time: None,
                end_time: None,
                context: spec.context,
                outputs: Map::new(),
                tasks: Vec::new(),
                requisite_stage_ref_ids: requisites,
                parent_stage_id: Some(parent.id.clone()),
                synthetic_stage_owner: Some("STAGE_BEFORE".to_owned()),
                start_time_expiry: None,
                last_modified: None,
            }
        })
        .collect()
}
