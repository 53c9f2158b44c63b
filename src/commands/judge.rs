//! `gennaker judge ID --stage NAME (--continue|--stop)`: answers a manual judgment of an
//! execution that runs in another process.

use crate::cli::JudgeArgs;
use crate::commands::Context;
use crate::engine::event::{Control, Judgment};
use crate::engine::status::Status;
use crate::exit_status::{ExitStatus, StatusError};
use crate::history::{ExecutionStore, requests};

/// Leaves the answer for the running process, after checking it can be acted on.
pub(crate) fn run(args: &JudgeArgs, context: &Context) -> anyhow::Result<ExitStatus> {
    let store = ExecutionStore::new(&context.settings.data_dir);
    let execution = store
        .load(&args.execution)
        .map_err(|error| StatusError::new(ExitStatus::InvalidInput, error.to_string()))?;
    let judgments: Vec<&str> = execution
        .stages
        .iter()
        .filter(|stage| stage.stage_type == "manualJudgment")
        .map(|stage| stage.name.as_str())
        .collect();
    let Some(stage) = execution
        .stages
        .iter()
        .find(|stage| stage.stage_type == "manualJudgment" && stage.name == args.stage)
    else {
        let known = if judgments.is_empty() {
            "none".to_owned()
        } else {
            format!("`{}`", judgments.join("`, `"))
        };
        return Err(StatusError::new(
            ExitStatus::InvalidInput,
            format!(
                "execution {} has no manual judgment stage `{}`",
                args.execution, args.stage
            ),
        )
        .with_hint(format!("its manual judgment stages: {known}"))
        .into());
    };
    if stage.status.is_complete() || execution.status.is_complete() {
        return Err(StatusError::new(
            ExitStatus::InvalidInput,
            format!(
                "stage `{}` is {} already; there is nothing to answer",
                stage.name, stage.status
            ),
        )
        .into());
    }
    if !requests::is_running(&store, &execution.id) {
        return Err(StatusError::new(
            ExitStatus::InvalidInput,
            format!("no gennaker process is running execution {}", execution.id),
        )
        .with_hint("the process that ran it has ended; see `gennaker executions show ID`")
        .into());
    }
    let required = required_roles(stage.context.get("selectedStageRoles"));
    if let Some(refusal) = context
        .settings
        .config
        .judgments
        .refusal(&stage.name, &required)
    {
        return Err(StatusError::new(ExitStatus::InvalidInput, refusal).into());
    }
    if let Some(input) = &args.input {
        let inputs: Vec<&str> = stage
            .context
            .get("judgmentInputs")
            .and_then(serde_json::Value::as_array)
            .map(|inputs| {
                inputs
                    .iter()
                    .filter_map(|input| input.get("value")?.as_str())
                    .collect()
            })
            .unwrap_or_default();
        if !inputs.is_empty() && !inputs.contains(&input.as_str()) {
            return Err(StatusError::new(
                ExitStatus::InvalidInput,
                format!(
                    "`{input}` is not one of the judgment inputs of `{}`: {}",
                    stage.name,
                    inputs.join(", ")
                ),
            )
            .into());
        }
    }
    let judgment = Judgment {
        stage: stage.name.clone(),
        proceed: args.proceed,
        input: args.input.clone(),
        user: context.settings.user.clone(),
    };
    requests::submit(&store, &execution.id, &Control::Judge(judgment))?;
    let verb = if args.proceed { "continue" } else { "stop" };
    let pending = if stage.status == Status::NotStarted {
        " (held until the stage starts)"
    } else {
        ""
    };
    context.printer.note(&format!(
        "answered `{}` of execution {}: {verb}{pending}\n",
        stage.name, execution.id
    ));
    Ok(ExitStatus::Success)
}

/// The roles a judgment stage requires (`selectedStageRoles`), as strings.
pub(crate) fn required_roles(value: Option<&serde_json::Value>) -> Vec<String> {
    value
        .and_then(serde_json::Value::as_array)
        .map(|roles| {
            roles
                .iter()
                .filter_map(serde_json::Value::as_str)
                .map(ToOwned::to_owned)
                .collect()
        })
        .unwrap_or_default()
}
