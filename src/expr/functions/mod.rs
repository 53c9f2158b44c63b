//! The `#name(…)` helper functions Orca registers, dispatched by name. Each helper's Java
//! exception becomes Spring's `EL1023E` wrapper, with the helper's own message as the cause.

mod deploy;
mod execution;
pub(crate) mod format;
mod kork;
mod url;

use super::error::{ErrorKind, EvalError, EvalResult};
use super::eval::Machine;
use super::value::Value;

/// What a helper reports when it fails: its message, and the root cause when it wraps one.
pub(crate) struct Failure {
    pub(crate) message: String,
    pub(crate) cause: Option<String>,
}

impl Failure {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            cause: None,
        }
    }

    pub(crate) fn caused(message: impl Into<String>, cause: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            cause: Some(cause.into()),
        }
    }
}

/// The result of a helper.
pub(crate) type HelperResult<'a> = Result<Value<'a>, Failure>;

/// Every helper name, for messages and docs (kept in step with `call`).
pub(crate) const NAMES: &[&str] = &[
    "toJson",
    "doNotEval",
    "toInt",
    "toFloat",
    "toBoolean",
    "toBase64",
    "fromBase64",
    "alphanumerical",
    "fetchReference",
    "readJson",
    "readYaml",
    "readAllYaml",
    "fromUrl",
    "jsonFromUrl",
    "yamlFromUrl",
    "propertiesFromUrl",
    "stage",
    "stageByRefId",
    "stageExists",
    "judgment",
    "judgement",
    "currentStage",
    "currentUser",
    "deployedServerGroups",
    "manifestLabelValue",
    "triggerResolvedArtifact",
    "triggerResolvedArtifactByType",
    "resolvedArtifacts",
    "cfServiceKey",
    "pipelineId",
    "pipelineIdOrNull",
    "pipelineIdInApplication",
];

/// Number of declared parameters, and whether the last one is varargs.
fn arity(name: &str) -> Option<(usize, bool)> {
    Some(match name {
        "currentUser" => (0, false),
        "currentStage" | "resolvedArtifacts" | "toJson" | "doNotEval" | "toInt" | "toFloat"
        | "toBoolean" | "toBase64" | "fromBase64" | "alphanumerical" | "fetchReference"
        | "readJson" | "readYaml" | "readAllYaml" | "fromUrl" | "jsonFromUrl" | "yamlFromUrl"
        | "propertiesFromUrl" => (1, false),
        "stage"
        | "stageByRefId"
        | "stageExists"
        | "judgment"
        | "judgement"
        | "triggerResolvedArtifact"
        | "triggerResolvedArtifactByType"
        | "cfServiceKey"
        | "pipelineId"
        | "pipelineIdOrNull" => (2, false),
        "pipelineIdInApplication" => (3, false),
        "manifestLabelValue" => (4, false),
        "deployedServerGroups" => (2, true),
        _ => return None,
    })
}

/// Argument `index` converted to a Java `String` parameter.
pub(crate) fn text(args: &[Value<'_>], index: usize) -> Result<Option<String>, EvalError> {
    match args.get(index) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => value.spring_string().map_err(|_| {
            EvalError::eval(format!(
                "EL1001E: Type conversion problem, cannot convert from {} to java.lang.String",
                value.java_type()
            ))
        }),
    }
}

/// Calls helper `name` with evaluated arguments.
pub(crate) fn call<'a>(
    machine: &Machine<'a, '_>,
    name: &str,
    args: &[Value<'a>],
) -> EvalResult<Value<'a>> {
    let Some((declared, varargs)) = arity(name) else {
        return Err(EvalError::eval(format!(
            "EL1006E: The function '{name}' could not be found"
        )));
    };
    let count_ok = if varargs {
        args.len() + 1 >= declared
    } else {
        args.len() == declared
    };
    if !count_ok {
        return Err(EvalError::eval(format!(
            "EL1014E: Incorrect number of arguments for function, {} supplied but function takes {declared}",
            args.len()
        )));
    }
    // `#root` as an argument is the root map (`#toJson(#this)` at the top level).
    let root_map;
    let args = if args.iter().any(|arg| matches!(arg, Value::Root)) {
        root_map = args
            .iter()
            .map(|arg| match arg {
                Value::Root => Value::map(
                    machine
                        .root
                        .entries()
                        .iter()
                        .map(|(key, value)| (key.clone(), Value::from_json(value)))
                        .collect(),
                ),
                other => other.clone(),
            })
            .collect::<Vec<_>>();
        &root_map[..]
    } else {
        args
    };
    let result = match name {
        "toJson" | "doNotEval" | "toInt" | "toFloat" | "toBoolean" | "toBase64" | "fromBase64"
        | "alphanumerical" | "fetchReference" | "readJson" | "readYaml" | "readAllYaml" => {
            kork::call(name, args)?
        }
        "fromUrl" | "jsonFromUrl" | "yamlFromUrl" | "propertiesFromUrl" => {
            url::call(machine, name, args)?
        }
        "currentUser" => Ok(Value::string(machine.root.current_user())),
        "deployedServerGroups"
        | "manifestLabelValue"
        | "triggerResolvedArtifact"
        | "triggerResolvedArtifactByType"
        | "resolvedArtifacts"
        | "cfServiceKey" => deploy::call(name, args)?,
        _ => execution::call(machine, name, args)?,
    };
    result.map_err(|failure| {
        let message = format!(
            "EL1023E: A problem occurred whilst attempting to invoke the function '{name}': '{}'",
            failure.message
        );
        EvalError {
            kind: ErrorKind::Function,
            message,
            cause: Some(failure.cause.unwrap_or(failure.message)),
        }
    })
}
