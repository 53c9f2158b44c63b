//! The execution's trigger, built as Orca's `parsePipelineTrigger` builds it: a manual trigger
//! unless one is given, `parameters` filled from `parameterConfig` defaults, and checks that
//! required parameters have values and restricted ones an allowed value.

use serde_json::{Map, Value, json};

use crate::pipeline::model::ParameterConfig;

/// A parameter problem that keeps the execution from starting.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum ParameterError {
    /// Required parameters without a value.
    #[error("missing required parameter{}: {}", if .0.len() == 1 { "" } else { "s" }, .0.join(", "))]
    Missing(Vec<String>),
    /// A value outside the parameter's options.
    #[error("parameter `{name}` must be one of {}, not `{value}`", .options.join(", "))]
    NotAnOption {
        /// The parameter.
        name: String,
        /// The value given.
        value: String,
        /// The allowed values.
        options: Vec<String>,
    },
}

/// Builds the trigger: `given` (or a manual trigger by `user`), with `supplied` parameters
/// overriding the trigger's own, and `parameterConfig` defaults for the rest.
pub(crate) fn build_trigger(
    given: Option<Map<String, Value>>,
    user: &str,
    config: &[ParameterConfig],
    supplied: &Map<String, Value>,
) -> Result<Value, ParameterError> {
    let mut trigger = given.unwrap_or_else(|| {
        let Value::Object(manual) = json!({
            "type": "manual", "user": user, "parameters": {}, "artifacts": [], "notifications": [],
            "rebake": false, "dryRun": false, "strategy": false,
            "resolvedExpectedArtifacts": [], "expectedArtifacts": []
        }) else {
            unreachable!("a JSON object literal")
        };
        manual
    });
    trigger.entry("type").or_insert_with(|| json!("manual"));
    trigger.entry("user").or_insert_with(|| json!(user));
    let mut parameters = match trigger.remove("parameters") {
        Some(Value::Object(parameters)) => parameters,
        _ => Map::new(),
    };
    parameters.extend(supplied.clone());
    // Orca keeps a parameter explicitly supplied as null or "" and only fills absent ones.
    for parameter in config {
        if !parameters.contains_key(&parameter.name)
            && let Some(default) = &parameter.default
        {
            parameters.insert(parameter.name.clone(), default.clone());
        }
    }
    let missing: Vec<String> = config
        .iter()
        .filter(|parameter| parameter.required)
        .filter(|parameter| {
            parameters
                .get(&parameter.name)
                .is_none_or(|value| value.is_null() || value.as_str() == Some(""))
        })
        .map(|parameter| parameter.name.clone())
        .collect();
    if !missing.is_empty() {
        return Err(ParameterError::Missing(missing));
    }
    for parameter in config
        .iter()
        .filter(|parameter| !parameter.options.is_empty())
    {
        if let Some(value) = parameters.get(&parameter.name) {
            let text = match value {
                Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            if !parameter.options.contains(&text) {
                return Err(ParameterError::NotAnOption {
                    name: parameter.name.clone(),
                    value: text,
                    options: parameter.options.clone(),
                });
            }
        }
    }
    trigger.insert("parameters".to_owned(), Value::Object(parameters));
    Ok(Value::Object(trigger))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parameter(
        name: &str,
        default: Option<Value>,
        required: bool,
        options: &[&str],
    ) -> ParameterConfig {
        ParameterConfig {
            name: name.to_owned(),
            label: None,
            description: None,
            default,
            required,
            options: options.iter().map(|option| (*option).to_owned()).collect(),
            pinned: false,
        }
    }

    #[test]
    fn a_manual_trigger_gets_defaults_and_supplied_values() {
        let config = [
            parameter("env", Some(json!("dev")), false, &[]),
            parameter("size", Some(json!("2")), false, &[]),
        ];
        let supplied = json!({"size": "5"}).as_object().cloned().unwrap();
        let trigger = build_trigger(None, "alice", &config, &supplied).unwrap();
        assert_eq!(trigger["type"], "manual");
        assert_eq!(trigger["user"], "alice");
        assert_eq!(trigger["parameters"], json!({"size": "5", "env": "dev"}));
    }

    #[test]
    fn a_given_trigger_keeps_its_fields_and_parameters() {
        let given = json!({"type": "docker", "tag": "1.2.3", "parameters": {"env": "prod"}})
            .as_object()
            .cloned();
        let config = [parameter("env", Some(json!("dev")), false, &[])];
        let trigger = build_trigger(given, "ci", &config, &Map::new()).unwrap();
        assert_eq!(trigger["tag"], "1.2.3");
        assert_eq!(trigger["user"], "ci");
        assert_eq!(trigger["parameters"]["env"], "prod");
    }

    #[test]
    fn required_and_restricted_parameters_are_checked() {
        let config = [
            parameter("a", None, true, &[]),
            parameter("b", None, true, &[]),
        ];
        assert_eq!(
            build_trigger(None, "u", &config, &Map::new())
                .unwrap_err()
                .to_string(),
            "missing required parameters: a, b"
        );
        let config = [parameter("env", None, false, &["dev", "prod"])];
        let supplied = json!({"env": "qa"}).as_object().cloned().unwrap();
        assert_eq!(
            build_trigger(None, "u", &config, &supplied)
                .unwrap_err()
                .to_string(),
            "parameter `env` must be one of dev, prod, not `qa`"
        );
    }
}
