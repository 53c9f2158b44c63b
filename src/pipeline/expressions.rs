//! Expression syntax in a pipeline: every `${…}` of every stage (keys too), and the
//! expressions Spinnaker wraps in `${…}` itself (`stageEnabled.expression`, expression
//! preconditions), checked without evaluating anything.

use serde_json::Value;

use crate::expr::check_template;
use crate::pipeline::json_path::JsonPath;

/// An expression that does not parse, at `path` (the string that holds it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ExpressionProblem {
    /// The JSON string holding the expression.
    pub(crate) path: JsonPath,
    /// Where in that string (0-based characters).
    pub(crate) position: usize,
    /// What is wrong.
    pub(crate) message: String,
}

/// Every expression problem in a stage object at `path`.
pub(crate) fn check_stage(
    stage: &serde_json::Map<String, Value>,
    path: &JsonPath,
) -> Vec<ExpressionProblem> {
    let mut problems = Vec::new();
    for (key, value) in stage {
        check_value(key, value, &path.key(key), &mut problems);
    }
    if let Some(Value::String(expression)) = stage
        .get("stageEnabled")
        .and_then(|enabled| enabled.get("expression"))
    {
        check_wrapped(
            expression,
            &path.key("stageEnabled").key("expression"),
            &mut problems,
        );
    }
    if let Some(Value::Array(preconditions)) = stage.get("preconditions") {
        for (index, precondition) in preconditions.iter().enumerate() {
            if let Some(Value::String(expression)) = precondition
                .get("context")
                .and_then(|context| context.get("expression"))
                && !expression.contains("${")
            {
                let at = path
                    .key("preconditions")
                    .index(index)
                    .key("context")
                    .key("expression");
                check_wrapped(expression, &at, &mut problems);
            }
        }
    }
    problems
}

fn check_value(key: &str, value: &Value, path: &JsonPath, problems: &mut Vec<ExpressionProblem>) {
    // `stageEnabled.expression` is written without `${}` and checked on its own.
    if key.contains("${") {
        check_text(key, path, 0, problems);
    }
    match value {
        Value::String(text) => check_text(text, path, 0, problems),
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                check_value("", item, &path.index(index), problems);
            }
        }
        Value::Object(members) => {
            for (member, item) in members {
                check_value(member, item, &path.key(member), problems);
            }
        }
        _ => {}
    }
}

fn check_text(text: &str, path: &JsonPath, shift: usize, problems: &mut Vec<ExpressionProblem>) {
    if let Err(errors) = check_template(text) {
        for error in errors {
            problems.push(ExpressionProblem {
                path: path.clone(),
                position: error.position.saturating_sub(shift),
                message: error.message,
            });
        }
    }
}

/// Checks an expression Spinnaker evaluates as `${` + expression + `}`; a `${` inside it is
/// reported by the validator as a warning of its own, so only bare expressions are checked.
fn check_wrapped(expression: &str, path: &JsonPath, problems: &mut Vec<ExpressionProblem>) {
    if expression.contains("${") || expression.trim().is_empty() {
        return;
    }
    check_text(&format!("${{{expression}}}"), path, 2, problems);
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn problems(stage: serde_json::Value) -> Vec<(String, usize)> {
        let serde_json::Value::Object(stage) = stage else {
            unreachable!()
        };
        check_stage(&stage, &JsonPath::root().key("stages").index(0))
            .into_iter()
            .map(|problem| (problem.path.to_string(), problem.position))
            .collect()
    }

    #[test]
    fn finds_bad_expressions_anywhere_in_a_stage() {
        let found = problems(json!({
            "type": "wait", "waitTime": "${1 +}",
            "nested": {"list": ["fine ${a}", "broken ${b.}"]},
            "stageEnabled": {"type": "expression", "expression": "a =="}
        }));
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(found[0].0, "stages[0].waitTime");
        assert_eq!(found[1].0, "stages[0].nested.list[1]");
        assert_eq!(found[2].0, "stages[0].stageEnabled.expression");
    }

    #[test]
    fn good_expressions_pass() {
        assert!(problems(json!({"waitTime": "${parameters.x * 2}", "stageEnabled": {"type": "expression", "expression": "true"}})).is_empty());
    }
}
