//! `evaluateVariables`: turns `variables: [{key, value}]` into outputs every downstream stage
//! can read as `${key}`. With `spelEvaluator: v4` the values are evaluated one after another,
//! each seeing the variables before it (orca `EvaluateVariablesTask`).

use std::sync::Arc;

use serde_json::Value;

use crate::engine::expressions::root_for;
use crate::engine::record::StageExecution;
use crate::engine::stage_definition::StageDefinition;
use crate::engine::task::{Task, TaskInput, TaskResult};

/// The `evaluateVariables` stage: one `evaluateVariables` task.
pub(crate) struct EvaluateVariablesStage;

impl StageDefinition for EvaluateVariablesStage {
    fn tasks(&self, _stage: &StageExecution) -> Vec<Arc<dyn Task>> {
        vec![Arc::new(EvaluateVariablesTask)]
    }

    fn raw_context_keys(&self, spel_evaluator: &str) -> &'static [&'static str] {
        if spel_evaluator == "v4" {
            &["variables"]
        } else {
            &[]
        }
    }
}

struct EvaluateVariablesTask;

/// Under v4 the engine leaves `variables` as written; evaluate them here, in order.
fn sequential(
    input: &TaskInput,
    variables: &[Value],
) -> Result<(Vec<Value>, Option<Value>), String> {
    let mut root = root_for(&input.execution, &input.stage.id)?;
    let (evaluated, summary) = input
        .expressions
        .evaluator()
        .evaluate_variables(variables, &mut root);
    Ok((evaluated, (!summary.is_empty()).then(|| summary.to_json())))
}

#[async_trait::async_trait]
impl Task for EvaluateVariablesTask {
    fn name(&self) -> &'static str {
        "evaluateVariables"
    }

    fn implementing_class(&self) -> &'static str {
        "com.netflix.spinnaker.orca.pipeline.tasks.EvaluateVariablesTask"
    }

    async fn execute(&self, input: &TaskInput) -> TaskResult {
        let variables = input
            .stage
            .context
            .get("variables")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let mut result = TaskResult::succeeded();
        let variables = if input.execution.spel_evaluator == "v4" {
            match sequential(input, &variables) {
                Ok((evaluated, summary)) => {
                    if let Some(summary) = summary {
                        result = result.context("expressionEvaluationSummary", summary);
                    }
                    result = result.context("variables", Value::Array(evaluated.clone()));
                    evaluated
                }
                Err(message) => return TaskResult::terminal(message),
            }
        } else {
            variables
        };
        for variable in &variables {
            if let Some(key) = variable
                .get("key")
                .and_then(Value::as_str)
                .filter(|key| !key.is_empty())
            {
                result = result.output(key, variable.get("value").cloned().unwrap_or(Value::Null));
            }
        }
        result
    }
}
