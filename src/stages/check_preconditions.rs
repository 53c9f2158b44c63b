//! `checkPreconditions`: each precondition runs as its own synthetic stage, so each can say
//! whether its failure fails the pipeline (orca `CheckPreconditionsStage`): `expression`
//! preconditions, and `clusterSize` ones when the registry has cloud settings.

use std::sync::Arc;

use serde_json::{Map, Value, json};

use crate::engine::expressions::root_for;
use crate::engine::record::StageExecution;
use crate::engine::stage_definition::{StageDefinition, SyntheticStage};
use crate::engine::task::{Task, TaskInput, TaskResult};
use crate::stages::cloud::{CloudSettings, cluster_size};

/// The `checkPreconditions` stage: no tasks of its own, one child stage per precondition.
pub(crate) struct CheckPreconditionsStage {
    /// What `clusterSize` preconditions look at clusters with.
    pub(crate) cloud: Option<Arc<CloudSettings>>,
}

/// A child stage is told apart from its parent by the `preconditionType` it carries.
fn is_child(stage: &StageExecution) -> bool {
    stage.context.contains_key("preconditionType")
}

impl StageDefinition for CheckPreconditionsStage {
    fn tasks(&self, stage: &StageExecution) -> Vec<Arc<dyn Task>> {
        if is_child(stage) {
            vec![Arc::new(CheckPreconditionTask {
                cloud: self.cloud.clone(),
            })]
        } else {
            Vec::new()
        }
    }

    fn before_stages(&self, stage: &StageExecution) -> Vec<SyntheticStage> {
        if is_child(stage) {
            return Vec::new();
        }
        let preconditions = stage
            .context
            .get("preconditions")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let mut parent: Map<String, Value> = stage.context.clone();
        parent.remove("preconditions");
        parent.remove("expressionEvaluationSummary");
        preconditions
            .into_iter()
            .map(|precondition| {
                let kind = precondition
                    .get("type")
                    .and_then(Value::as_str)
                    .unwrap_or("expression")
                    .to_owned();
                let mut context = parent.clone();
                if let Value::Object(fields) = precondition {
                    for (key, value) in fields {
                        if key == "type" {
                            context.insert("preconditionType".to_owned(), json!(value));
                        } else {
                            context.insert(key, value);
                        }
                    }
                }
                SyntheticStage::new(
                    "checkPreconditions",
                    format!("Check precondition ({kind})"),
                    context,
                )
            })
            .collect()
    }
}

struct CheckPreconditionTask {
    cloud: Option<Arc<CloudSettings>>,
}

/// The expression with any `${…}` around it removed: Orca wraps it again itself.
fn bare(expression: &str) -> &str {
    let trimmed = expression.trim();
    trimmed
        .strip_prefix("${")
        .and_then(|inner| inner.strip_suffix('}'))
        .unwrap_or(trimmed)
}

fn evaluate(input: &TaskInput, expression: &str) -> Result<Value, String> {
    let root = root_for(&input.execution, &input.stage.id)?;
    let evaluated = input
        .expressions
        .evaluator()
        .evaluate(&json!(format!("${{{}}}", bare(expression))), &root);
    match evaluated.summary.failures().first() {
        Some(failure) => Err(failure.message.clone()),
        None => Ok(evaluated.value),
    }
}

#[async_trait::async_trait]
impl Task for CheckPreconditionTask {
    fn name(&self) -> &'static str {
        "checkPrecondition"
    }

    fn implementing_class(&self) -> &'static str {
        "com.netflix.spinnaker.orca.pipeline.tasks.ExpressionPreconditionTask"
    }

    async fn execute(&self, input: &TaskInput) -> TaskResult {
        let kind = input
            .stage
            .context
            .get("preconditionType")
            .and_then(Value::as_str)
            .unwrap_or_default();
        match (kind, &self.cloud) {
            ("expression", _) => {}
            ("clusterSize", Some(cloud)) => {
                return match cluster_size::check(cloud, &input.stage.context).await {
                    Ok(()) => TaskResult::succeeded(),
                    Err(message) => TaskResult::terminal(message),
                };
            }
            ("clusterSize", None) => {
                return TaskResult::terminal(
                    "`clusterSize` preconditions need cloud accounts, and none are configured",
                );
            }
            _ => {
                return TaskResult::terminal(format!(
                    "`{kind}` preconditions are not supported by gennaker yet"
                ));
            }
        }
        let mut nested = input
            .stage
            .context
            .get("context")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        // The parent's context was evaluated when it started, so `${x == 1}` may be a boolean now.
        let expression = match nested.get("expression") {
            Some(Value::String(text)) => text.clone(),
            Some(value @ (Value::Bool(_) | Value::Number(_))) => value.to_string(),
            _ => return TaskResult::terminal("the precondition has no `context.expression`"),
        };
        let result = evaluate(input, &expression);
        let holds = matches!(&result, Ok(Value::Bool(true)))
            || matches!(&result, Ok(Value::String(s)) if s == "true");
        nested.insert("expressionResult".to_owned(), json!(holds.to_string()));
        let outcome = match result {
            _ if holds => TaskResult::succeeded(),
            Ok(value) => {
                TaskResult::terminal(format!("precondition `{}` is {value}", bare(&expression)))
            }
            Err(message) => TaskResult::terminal(format!(
                "precondition `{}` failed: {message}",
                bare(&expression)
            )),
        };
        outcome.context("context", Value::Object(nested))
    }
}
