//! Orca's Evaluate Variables stage (`SpEL` v4): variables are evaluated one at a time, and each
//! one that evaluated without a new failure becomes a root name for the ones after it.

use serde_json::{Map, Value as Json};

use super::root::Root;
use super::summary::Summary;
use super::transform::Transformer;
use super::{Evaluator, eval};

impl Evaluator<'_> {
    /// Evaluates the `variables` of an Evaluate Variables stage against `root`, adding each
    /// successful variable to it. Returns the variables (with `value`, `description` and
    /// `sourceValue` as Orca writes them) and the summary.
    #[allow(
        dead_code,
        reason = "expr's API for the Evaluate Variables stage; the engine lands after issue 3"
    )]
    pub(crate) fn evaluate_variables(
        &self,
        variables: &[Json],
        root: &mut Root,
    ) -> (Vec<Json>, Summary) {
        let mut summary = Summary::default();
        let mut failures = 0;
        let mut result = Vec::with_capacity(variables.len());
        for variable in variables {
            let field = |name: &str| variable.get(name).cloned().unwrap_or(Json::Null);
            let mut out = Map::new();
            out.insert("key".into(), field("key"));
            out.insert("value".into(), field("value"));
            out.insert("sourceValue".into(), field("sourceValue"));
            out.insert("description".into(), field("description"));
            if let Json::String(value) = field("value") {
                if out["sourceValue"].is_null() {
                    out.insert("sourceValue".into(), Json::String(value.replace("${", "{")));
                }
                let mut source = Map::new();
                source.insert("var".into(), Json::String(value));
                source.insert("description".into(), field("description"));
                let (evaluated, after) = self.transform_with(&source, root, summary);
                summary = after;
                if summary.failure_count() == failures {
                    let value = evaluated.get("var").cloned().unwrap_or(Json::Null);
                    out.insert("value".into(), value.clone());
                    out.insert(
                        "description".into(),
                        evaluated.get("description").cloned().unwrap_or(Json::Null),
                    );
                    if let Some(key) = variable.get("key").and_then(Json::as_str) {
                        root.insert(key.to_owned(), value);
                    }
                } else {
                    failures = summary.failure_count();
                }
            }
            result.push(Json::Object(out));
        }
        (result, summary)
    }

    /// Transforms a map, adding to an existing summary.
    fn transform_with(
        &self,
        source: &Map<String, Json>,
        root: &Root,
        summary: Summary,
    ) -> (Map<String, Json>, Summary) {
        let env = eval::Env {
            options: &self.options,
            fetcher: self.fetcher,
            regexes: &self.regexes,
        };
        let compile = |text: &str| self.compiled(text);
        let assigned = eval::Assigned::default();
        let mut transformer = Transformer {
            root,
            env: &env,
            assigned: &assigned,
            compile: &compile,
            summary,
        };
        let value = transformer.map(source);
        (value, transformer.summary)
    }
}
