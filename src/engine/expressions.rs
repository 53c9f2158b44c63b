//! Expression evaluation for stages, as Orca does it when a stage starts: the stage context
//! against the root built for that stage, and the `stageEnabled` condition.

use serde_json::{Map, Value};

use crate::engine::record::Execution;
use std::sync::Arc;

use crate::expr::{Evaluator, Options, Root, UrlFetcher};

/// The outcome of evaluating a stage's context.
pub(crate) struct EvaluatedContext {
    /// The context with every evaluable expression replaced.
    pub(crate) context: Map<String, Value>,
    /// Orca's `expressionEvaluationSummary`, when something failed.
    pub(crate) summary: Option<Value>,
}

/// How a run evaluates expressions: the options, and where the URL helpers fetch from.
#[derive(Clone, Default)]
pub(crate) struct Expressions {
    /// Options from the config file and the pipeline catalog.
    pub(crate) options: Options,
    /// Fetches for `#fromUrl` and its siblings; without one they fail.
    pub(crate) fetcher: Option<Arc<dyn UrlFetcher + Send + Sync>>,
}

impl std::fmt::Debug for Expressions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Expressions")
            .field("options", &self.options)
            .field("fetcher", &self.fetcher.is_some())
            .finish()
    }
}

impl Expressions {
    /// An evaluator with the run's options, the clock and a random seed for `new Date()`,
    /// `UUID.randomUUID()` and friends (expr itself reads neither), and the URL fetcher.
    pub(crate) fn evaluator(&self) -> Evaluator<'_> {
        let options = Options {
            now_millis: i64::try_from(crate::engine::clock::now_ms()).ok(),
            random_seed: Some(fastrand::u64(..)),
            ..self.options.clone()
        };
        let evaluator = Evaluator::new(options);
        match &self.fetcher {
            Some(fetcher) => evaluator.with_fetcher(fetcher.as_ref()),
            None => evaluator,
        }
    }
}

/// The root Orca builds for stage `stage_id` of `execution`: its context with the ancestors'
/// outputs behind it, `execution`, `trigger`, `parameters`, and the stage as `#currentStage()`.
pub(crate) fn root_for(execution: &Execution, stage_id: &str) -> Result<Root, String> {
    let document = serde_json::to_value(execution).map_err(|error| error.to_string())?;
    let mut context = Map::new();
    context.insert("execution".to_owned(), document);
    let (root, _) = Root::for_stage(context, stage_id).map_err(|error| error.to_string())?;
    Ok(root.with_current_stage_id(Some(stage_id.to_owned())))
}

fn contains_expression(value: &Value) -> bool {
    match value {
        Value::String(text) => text.contains("${"),
        Value::Array(items) => items.iter().any(contains_expression),
        Value::Object(members) => members
            .iter()
            .any(|(key, value)| key.contains("${") || contains_expression(value)),
        _ => false,
    }
}

/// Evaluates the context of stage `stage_id`, leaving the members named in `raw` as written; a
/// context without expressions is returned as is.
pub(crate) fn evaluate_context(
    execution: &Execution,
    stage_id: &str,
    raw: &[&str],
    expressions: &Expressions,
) -> EvaluatedContext {
    let mut context = execution
        .stage(stage_id)
        .map(|stage| stage.context.clone())
        .unwrap_or_default();
    let kept: Vec<(String, Value)> = raw
        .iter()
        .filter_map(|key| {
            context
                .shift_remove(*key)
                .map(|value| ((*key).to_owned(), value))
        })
        .collect();
    let value = Value::Object(context);
    let root = if contains_expression(&value) {
        root_for(execution, stage_id).ok()
    } else {
        None
    };
    let (mut context, summary) = match root {
        Some(root) => {
            let evaluated = expressions.evaluator().evaluate(&value, &root);
            let summary = (!evaluated.summary.is_empty()).then(|| evaluated.summary.to_json());
            match evaluated.value {
                Value::Object(context) => (context, summary),
                _ => (Map::new(), summary),
            }
        }
        None => match value {
            Value::Object(context) => (context, None),
            _ => (Map::new(), None),
        },
    };
    context.extend(kept);
    EvaluatedContext { context, summary }
}

/// Evaluates a `stageEnabled` expression (written without `${}`) for stage `stage_id`: `true`
/// runs the stage; anything but `true`/`false` (including a failure) skips it, as in Orca.
pub(crate) fn stage_enabled(
    execution: &Execution,
    stage_id: &str,
    expression: &str,
    expressions: &Expressions,
) -> bool {
    let Some(root) = root_for(execution, stage_id).ok() else {
        return false;
    };
    let template = Value::String(format!("${{{expression}}}"));
    let evaluated = expressions.evaluator().evaluate(&template, &root);
    if !evaluated.summary.is_empty() {
        return false;
    }
    match evaluated.value {
        Value::Bool(enabled) => enabled,
        Value::String(text) => text.eq_ignore_ascii_case("true"),
        _ => false,
    }
}
