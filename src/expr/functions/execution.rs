//! Orca's stage helpers (`#stage`, `#stageByRefId`, `#stageExists`, `#judgment`,
//! `#currentStage`) and front50's pipeline lookups (`#pipelineId…`), resolved against the
//! execution the `#fn(` rewrite passes as first argument.

use serde_json::Value as Json;

use super::{Failure, HelperResult, text};
use crate::expr::error::EvalResult;
use crate::expr::eval::Machine;
use crate::expr::root::text_of;
use crate::expr::value::Value;

/// The execution document passed as first argument.
pub(super) fn execution<'a>(value: &Value<'a>) -> Result<&'a Json, Failure> {
    match value {
        Value::Execution(json) | Value::Json(json) if json.is_object() => Ok(json),
        _ => Err(Failure::new("execution is not an execution object")),
    }
}

/// The stages of an execution.
pub(super) fn stages(execution: &Json) -> &[Json] {
    execution
        .get("stages")
        .and_then(Json::as_array)
        .map_or(&[], Vec::as_slice)
}

/// `String.valueOf(execution.id)`, for messages.
pub(super) fn execution_id(execution: &Json) -> String {
    text_of(execution.get("id")).unwrap_or_else(|| "null".into())
}

fn field_is(stage: &Json, field: &str, wanted: &str) -> bool {
    stage.get(field).and_then(Json::as_str) == Some(wanted)
}

pub(super) fn call<'a>(
    machine: &Machine<'a, '_>,
    name: &str,
    args: &[Value<'a>],
) -> EvalResult<HelperResult<'a>> {
    let wanted = text(args, 1)?;
    let execution = match execution(&args[0]) {
        Ok(execution) => execution,
        Err(failure) => return Ok(Err(failure)),
    };
    let id = execution_id(execution);
    let by_name_or_id = |stage: &&Json| {
        wanted
            .as_deref()
            .is_some_and(|w| field_is(stage, "name", w) || field_is(stage, "id", w))
    };
    Ok(match name {
        "stage" => stages(execution).iter().find(by_name_or_id).map(|stage| Value::Stage(stage, stages(execution))).ok_or_else(|| {
            let w = wanted.clone().unwrap_or_else(|| "null".into());
            Failure::new(format!("Unable to locate [{w}] using #stage({w}) in execution {id}"))
        }),
        "stageExists" => Ok(Value::Bool(stages(execution).iter().any(|s| by_name_or_id(&s)))),
        "stageByRefId" => match &wanted {
            None => Err(Failure::new(format!(
                "Stage refId must not be null in #stageByRefId in execution {id}"
            ))),
            Some(reference) => stages(execution)
                .iter()
                .find(|stage| field_is(stage, "refId", reference))
                .map(|stage| Value::Stage(stage, stages(execution)))
                .ok_or_else(|| {
                    Failure::new(format!(
                        "Unable to locate [{reference}] using #stageByRefId({reference}) in execution {id}"
                    ))
                }),
        },
        "judgment" | "judgement" => {
            let found = stages(execution).iter().find_map(|stage| {
                let input = stage.get("context")?.get("judgmentInput")?;
                let matches = wanted.as_deref().is_some_and(|w| field_is(stage, "name", w))
                    && field_is(stage, "type", "manualJudgment")
                    && !input.is_null();
                matches.then_some(input)
            });
            found.map(Value::from_json).ok_or_else(|| {
                let w = wanted.clone().unwrap_or_else(|| "null".into());
                Failure::new(format!(
                    "Unable to locate manual Judgment stage [{w}] using #{name}({w}) in execution {id}. Stage doesn't exist or doesn't contain judgmentInput in its context "
                ))
            })
        }
        "currentStage" => match machine.root.current_stage_id() {
            None => Err(Failure::new("An execution context is required for this function")),
            Some(current) => stages(execution)
                .iter()
                .find(|stage| text_of(stage.get("id")).is_some_and(|s| s.eq_ignore_ascii_case(current)))
                .map(|stage| Value::Stage(stage, stages(execution)))
                .ok_or_else(|| Failure::new(format!("No stage found with id '{current}'"))),
        },
        _ => pipeline_id(machine, name, args, execution)?,
    })
}

/// `#pipelineId(name)`, `#pipelineIdOrNull(name)`, `#pipelineIdInApplication(name, app)`:
/// looked up among the pipelines gennaker was given ([`crate::expr::Options::pipelines`]).
fn pipeline_id<'a>(
    machine: &Machine<'a, '_>,
    name: &str,
    args: &[Value<'a>],
    execution: &Json,
) -> EvalResult<HelperResult<'a>> {
    let pipeline_name = text(args, 1)?.unwrap_or_default();
    let application = if name == "pipelineIdInApplication" {
        text(args, 2)?.unwrap_or_default()
    } else {
        execution
            .get("application")
            .and_then(Json::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    if name != "pipelineIdInApplication" && pipeline_name.is_empty() {
        return Ok(Err(Failure::new(
            "pipelineName must be specified for function #pipelineId",
        )));
    }
    if name == "pipelineIdInApplication" && application.is_empty() {
        return Ok(Err(Failure::new(
            "applicationName must be specified for function #pipelineIdInApplication",
        )));
    }
    let found = machine
        .env
        .options
        .pipelines
        .iter()
        .find(|p| p.name == pipeline_name && p.application == application);
    Ok(match (found, name) {
        (Some(pipeline), _) => Ok(Value::string(pipeline.id.as_str())),
        (None, "pipelineId") => Err(Failure::new(format!(
            "Pipeline with name '{pipeline_name}' could not be found on application {application}"
        ))),
        (None, _) => Ok(Value::Null),
    })
}
