//! What a run is given: parameters (flags, a file, a prompt) and judgments answered in advance.

use serde_json::{Map, Value};

use crate::cli::RunArgs;
use crate::engine::event::Judgment;
use crate::exit_status::{ExitStatus, StatusError};
use crate::pipeline::model::Pipeline;
use crate::ui::prompt;

/// On a terminal, asks for each required parameter that has neither a value nor a default.
pub(super) fn ask_for_missing_parameters(pipeline: &Pipeline, supplied: &mut Map<String, Value>) {
    for parameter in pipeline.parameter_config() {
        let given = supplied
            .get(&parameter.name)
            .is_some_and(|value| !value.is_null() && value.as_str() != Some(""));
        if !parameter.required || given || parameter.default.is_some() {
            continue;
        }
        if let Some(value) = prompt::parameter(
            &parameter.name,
            parameter.label.as_deref(),
            parameter.description.as_deref(),
            &parameter.options,
        ) {
            supplied.insert(parameter.name.clone(), Value::String(value));
        }
    }
}

/// Parameters from `--params-file` then `--param`, later ones winning.
pub(super) fn parameters(args: &RunArgs) -> anyhow::Result<Map<String, Value>> {
    let mut parameters = match &args.params_file {
        Some(path) => read_object(path, "parameters file")?,
        None => Map::new(),
    };
    for param in &args.params {
        let Some((name, value)) = param.split_once('=') else {
            return Err(StatusError::new(
                ExitStatus::InvalidInput,
                format!("`--param {param}` has no `=`"),
            )
            .with_hint("write `--param NAME=VALUE`")
            .into());
        };
        parameters.insert(name.trim().to_owned(), Value::String(value.to_owned()));
    }
    Ok(parameters)
}

pub(super) fn read_object(
    path: &std::path::Path,
    what: &str,
) -> anyhow::Result<Map<String, Value>> {
    let text = std::fs::read_to_string(path).map_err(|error| {
        StatusError::new(
            ExitStatus::InvalidInput,
            format!("cannot read {what} `{}`: {error}", path.display()),
        )
    })?;
    match serde_json::from_str(&text) {
        Ok(Value::Object(object)) => Ok(object),
        Ok(_) => Err(StatusError::new(
            ExitStatus::InvalidInput,
            format!("{what} `{}` must hold a JSON object", path.display()),
        )
        .into()),
        Err(error) => Err(StatusError::new(
            ExitStatus::InvalidInput,
            format!(
                "{}:{}:{}: invalid JSON in {what}: {error}",
                path.display(),
                error.line(),
                error.column()
            ),
        )
        .into()),
    }
}

/// Parses `--judgment 'STAGE NAME=continue[:INPUT]'` and checks each names a judgment stage.
pub(super) fn pre_answered_judgments(
    answers: &[String],
    pipeline: &Pipeline,
    catalog: &crate::pipeline::catalog::PipelineCatalog,
    user: &str,
) -> anyhow::Result<Vec<Judgment>> {
    // The judgments of child pipelines (`pipeline` stages) can be answered in advance too.
    let children = if answers.is_empty() {
        Vec::new()
    } else {
        catalog.all()
    };
    let mut judgment_stages: Vec<&str> = std::iter::once(pipeline)
        .chain(children.iter().map(|found| &found.pipeline))
        .flat_map(|pipeline| pipeline.stages.iter())
        .filter(|stage| stage.stage_type() == Some("manualJudgment"))
        .map(crate::pipeline::model::Stage::name)
        .collect();
    judgment_stages.dedup();
    answers
        .iter()
        .map(|answer| {
            let invalid = |message: String| {
                StatusError::new(ExitStatus::InvalidInput, message)
                    .with_hint("write `--judgment 'STAGE NAME=continue'`, `'STAGE NAME=continue:INPUT'` or `'STAGE NAME=stop'`")
            };
            let Some((stage, verdict)) = answer.rsplit_once('=').filter(|(_, verdict)| {
                let word = verdict.split(':').next().unwrap_or_default();
                word == "continue" || word == "stop"
            }) else {
                return Err(invalid(format!("`--judgment {answer}` is not an answer")).into());
            };
            if !judgment_stages.contains(&stage) {
                let known = if judgment_stages.is_empty() { "none".to_owned() } else { judgment_stages.join("`, `") };
                return Err(StatusError::new(
                    ExitStatus::InvalidInput,
                    format!("`--judgment` names no manual judgment stage `{stage}`; the pipeline (and the pipelines it runs) has `{known}`"),
                )
                .into());
            }
            let (word, input) = match verdict.split_once(':') {
                Some((word, input)) => (word, Some(input.to_owned())),
                None => (verdict, None),
            };
            Ok(Judgment { stage: stage.to_owned(), proceed: word == "continue", input, user: user.to_owned() })
        })
        .collect()
}
