//! Validation: every problem of a pipeline, located, in one pass — the stage graph, the stage
//! types, the fields each type needs, and expression syntax.

use serde_json::Value;

use crate::pipeline::diagnostic::Diagnostic;
use crate::pipeline::expressions;
use crate::pipeline::graph::StageGraph;
use crate::pipeline::json_path::JsonPath;
use crate::pipeline::load::{PipelineFile, kind_of};
use crate::pipeline::model::{Pipeline, Stage};
use crate::pipeline::schema::{self, Shape, ShapeProblem, nearest, optional, required};
use crate::pipeline::stage_types::{self, COMMON_FIELDS, KNOWN_UNSUPPORTED};

/// Fields of one `parameterConfig` entry.
const PARAMETER_FIELDS: &[schema::Field] = &[
    required("name", Shape::String),
    optional("label", Shape::String),
    optional("description", Shape::String),
    optional("required", Shape::Boolean),
    optional("hasOptions", Shape::Boolean),
    optional("pinned", Shape::Boolean),
    optional("options", Shape::ArrayOf(&Shape::Any)),
];

/// Collects the diagnostics of one pipeline of a file.
struct Validator<'a> {
    file: &'a PipelineFile,
    pipeline: &'a Pipeline,
    diagnostics: Vec<Diagnostic>,
}

/// Every problem of `pipeline`, which was loaded from `file`, sorted by position.
pub(crate) fn validate(file: &PipelineFile, pipeline: &Pipeline) -> Vec<Diagnostic> {
    let mut validator = Validator {
        file,
        pipeline,
        diagnostics: Vec::new(),
    };
    validator.check_pipeline_fields();
    validator.check_stage_list();
    for stage in &pipeline.stages {
        validator.check_stage(stage);
    }
    validator.check_graph();
    let mut diagnostics = validator.diagnostics;
    diagnostics.sort_by_key(|diagnostic| (diagnostic.line, diagnostic.column));
    diagnostics.dedup();
    diagnostics
}

impl Validator<'_> {
    fn at_value(&self, path: &JsonPath, message: String) -> Diagnostic {
        Diagnostic::error(
            &self.file.path,
            self.file.source.value_position(path),
            path,
            message,
        )
    }

    fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    fn push_shape_problems(&mut self, problems: Vec<ShapeProblem>, stage: Option<&Stage>) {
        for problem in problems {
            let mut diagnostic = self
                .at_value(&problem.path, problem.message)
                .in_stage(stage.map(Stage::name));
            diagnostic.hint = problem.hint;
            self.push(diagnostic);
        }
    }

    fn check_pipeline_fields(&mut self) {
        let raw = self.pipeline.raw();
        let path = &self.pipeline.path;
        let mut problems = Vec::new();
        let fields = [
            optional("name", Shape::String),
            optional("application", Shape::String),
            optional("id", Shape::String),
            optional(
                "parameterConfig",
                Shape::ArrayOf(&Shape::Object(PARAMETER_FIELDS)),
            ),
            optional("limitConcurrent", Shape::Boolean),
            optional("keepWaitingPipelines", Shape::Boolean),
            optional("spelEvaluator", Shape::OneOf(&["v2", "v3", "v4"])),
        ];
        schema::check_fields(raw, &fields, path, &mut problems);
        self.push_shape_problems(problems, None);
        if self.pipeline.disabled() {
            let diagnostic = self
                .at_value(
                    &path.key("disabled"),
                    "the pipeline is disabled and will not start".to_owned(),
                )
                .warning()
                .with_hint("set `disabled` to false to run it");
            self.push(diagnostic);
        }
    }

    /// Elements of `stages` that are not objects never became stages; report them here.
    fn check_stage_list(&mut self) {
        let stages_path = if self.pipeline.bare_stage_list {
            self.pipeline.path.clone()
        } else {
            self.pipeline.path.key("stages")
        };
        let Some(Value::Array(items)) = lookup(&self.file.document, &stages_path) else {
            return;
        };
        for (index, item) in items
            .iter()
            .enumerate()
            .filter(|(_, item)| !item.is_object())
        {
            let message = format!("expected a stage object, found {}", kind_of(item));
            let diagnostic = self.at_value(&stages_path.index(index), message);
            self.push(diagnostic);
        }
        if items.is_empty() {
            let diagnostic = self
                .at_value(&stages_path, "the pipeline has no stages".to_owned())
                .warning()
                .with_hint("running it ends TERMINAL at once, as in Spinnaker");
            self.push(diagnostic);
        }
    }

    fn check_stage(&mut self, stage: &Stage) {
        self.check_identity(stage);
        let Some(stage_type) = self.check_type(stage) else {
            return;
        };
        let mut problems = Vec::new();
        schema::check_fields(stage.raw(), COMMON_FIELDS, &stage.path, &mut problems);
        schema::check_fields(stage.raw(), stage_type.fields, &stage.path, &mut problems);
        self.push_shape_problems(problems, Some(stage));
        self.check_execution_window(stage);
        self.check_stage_enabled(stage);
        self.check_expressions(stage);
    }

    fn check_expressions(&mut self, stage: &Stage) {
        for problem in expressions::check_stage(stage.raw(), &stage.path) {
            let message = format!(
                "expression does not parse (character {} of the string): {}",
                problem.position + 1,
                problem.message
            );
            let diagnostic = self
                .at_value(&problem.path, message)
                .in_stage(Some(stage.name()))
                .with_hint("see docs/expressions.md for the expression language gennaker accepts");
            self.push(diagnostic);
        }
    }

    fn check_identity(&mut self, stage: &Stage) {
        let name = Some(stage.name());
        for key in ["refId", "name"] {
            if let Some(value @ (Value::Array(_) | Value::Object(_))) = stage.raw().get(key) {
                let message = format!("`{key}` must be a string, found {}", kind_of(value));
                let diagnostic = self.at_value(&stage.path.key(key), message).in_stage(name);
                self.push(diagnostic);
            }
        }
        if stage.ref_id.is_empty() && !self.pipeline.ref_ids_assigned {
            let diagnostic = self
                .at_value(&stage.path, "stage has no `refId` while other stages have one".to_owned())
                .in_stage(name)
                .with_hint("give every stage a unique `refId`, or remove them all to run the stages in file order");
            self.push(diagnostic);
        }
        match stage.raw().get("requisiteStageRefIds") {
            None | Some(Value::Null) => {}
            Some(Value::Array(ids)) => {
                for (position, id) in ids.iter().enumerate() {
                    if !matches!(id, Value::String(_) | Value::Number(_)) {
                        let path = stage.path.key("requisiteStageRefIds").index(position);
                        let message = format!("expected a refId string, found {}", kind_of(id));
                        let diagnostic = self.at_value(&path, message).in_stage(name);
                        self.push(diagnostic);
                    }
                }
            }
            Some(other) => {
                let path = stage.path.key("requisiteStageRefIds");
                let message = format!(
                    "`requisiteStageRefIds` must be an array, found {}",
                    kind_of(other)
                );
                let diagnostic = self
                    .at_value(&path, message)
                    .in_stage(name)
                    .with_hint("write e.g. [\"1\", \"2\"]");
                self.push(diagnostic);
            }
        }
    }

    /// Reports a missing, unknown or unsupported type; returns the supported type otherwise.
    fn check_type(&mut self, stage: &Stage) -> Option<&'static stage_types::StageType> {
        let path = stage.path.key("type");
        let supported = stage_types::supported_names();
        let supported_list = supported.join(", ");
        let name = (!stage.name().is_empty()).then(|| stage.name());
        let Some(stage_type) = stage.stage_type() else {
            let message = match stage.raw().get("type") {
                None | Some(Value::Null) => "stage has no `type`".to_owned(),
                Some(other) => format!("`type` must be a string, found {}", kind_of(other)),
            };
            let diagnostic = self
                .at_value(&path, message)
                .in_stage(name)
                .with_hint(format!("supported stage types: {supported_list}"));
            self.push(diagnostic);
            return None;
        };
        if let Some(found) = stage_types::supported(stage_type) {
            return Some(found);
        }
        let diagnostic = if KNOWN_UNSUPPORTED.contains(&stage_type) {
            self.at_value(
                &path,
                format!("stage type `{stage_type}` is not supported by gennaker yet"),
            )
            .with_hint(format!("gennaker runs these stage types: {supported_list}"))
        } else {
            let candidates: Vec<&str> =
                supported.iter().chain(KNOWN_UNSUPPORTED).copied().collect();
            let hint = match nearest(stage_type, &candidates) {
                Some(near) => {
                    format!("did you mean `{near}`? supported stage types: {supported_list}")
                }
                None => format!("supported stage types: {supported_list}"),
            };
            self.at_value(&path, format!("unknown stage type `{stage_type}`"))
                .with_hint(hint)
        };
        self.push(diagnostic.in_stage(name));
        None
    }

    fn check_execution_window(&mut self, stage: &Stage) {
        let window_path = stage.path.key("restrictedExecutionWindow");
        let Some(window) = stage
            .get("restrictedExecutionWindow")
            .and_then(Value::as_object)
        else {
            return;
        };
        let mut out_of_range = Vec::new();
        if let Some(Value::Array(days)) = window.get("days") {
            for (index, day) in days.iter().enumerate() {
                if day.as_u64().is_some_and(|day| !(1..=7).contains(&day)) {
                    out_of_range.push((
                        window_path.key("days").index(index),
                        format!("day {day} does not exist"),
                        "days count from 1 = Sunday to 7 = Saturday",
                    ));
                }
            }
        }
        if let Some(Value::Array(ranges)) = window.get("whitelist") {
            for (index, range) in ranges.iter().enumerate() {
                for (key, limit) in [
                    ("startHour", 23),
                    ("endHour", 23),
                    ("startMin", 59),
                    ("endMin", 59),
                ] {
                    if range
                        .get(key)
                        .and_then(Value::as_u64)
                        .is_some_and(|value| value > limit)
                    {
                        out_of_range.push((
                            window_path.key("whitelist").index(index).key(key),
                            format!("`{key}` must be between 0 and {limit}"),
                            "hours run 0–23 and minutes 0–59",
                        ));
                    }
                }
            }
        }
        for (path, message, hint) in out_of_range {
            let diagnostic = self
                .at_value(&path, message)
                .in_stage(Some(stage.name()))
                .with_hint(hint);
            self.push(diagnostic);
        }
    }

    fn check_stage_enabled(&mut self, stage: &Stage) {
        let Some(enabled) = stage.get("stageEnabled").and_then(Value::as_object) else {
            return;
        };
        let path = stage.path.key("stageEnabled");
        let is_expression = enabled
            .get("type")
            .and_then(Value::as_str)
            .is_some_and(|kind| kind.eq_ignore_ascii_case("expression"));
        if !is_expression {
            let diagnostic = self
                .at_value(
                    &path,
                    "`stageEnabled` is ignored unless its `type` is `expression`".to_owned(),
                )
                .warning()
                .in_stage(Some(stage.name()))
                .with_hint("add `\"type\": \"expression\"` or remove `stageEnabled`");
            self.push(diagnostic);
        }
        if let Some(expression) = enabled.get("expression").and_then(Value::as_str)
            && expression.trim_start().starts_with("${")
        {
            let diagnostic = self
                .at_value(
                    &path.key("expression"),
                    "`stageEnabled.expression` is wrapped in `${…}` by Spinnaker already; written with \
                     `${…}` it fails to evaluate and the stage is always skipped"
                        .to_owned(),
                )
                .warning()
                .in_stage(Some(stage.name()))
                .with_hint("remove the surrounding `${` and `}`");
            self.push(diagnostic);
        }
    }

    fn check_graph(&mut self) {
        let stages = &self.pipeline.stages;
        let graph = StageGraph::build(stages);
        for (index, first) in &graph.duplicates {
            let (stage, first) = (&stages[*index], &stages[*first]);
            let message = format!(
                "duplicate refId `{}`: stage `{}` at `{}` already uses it",
                stage.ref_id,
                first.name(),
                first.path
            );
            let diagnostic = self
                .at_value(&stage.path.key("refId"), message)
                .in_stage(Some(stage.name()))
                .with_hint("give every stage a unique `refId`");
            self.push(diagnostic);
        }
        let known: Vec<&str> = stages.iter().map(|stage| stage.ref_id.as_str()).collect();
        for (index, position, missing) in &graph.missing {
            let stage = &stages[*index];
            let path = if matches!(
                stage.raw().get("requisiteStageRefIds"),
                Some(Value::Array(_))
            ) {
                stage.path.key("requisiteStageRefIds").index(*position)
            } else {
                stage.path.key("requisiteStageRefIds")
            };
            let hint = match nearest(missing, &known) {
                Some(near) => format!(
                    "did you mean `{near}`? refIds in this pipeline: {}",
                    known.join(", ")
                ),
                None => format!("refIds in this pipeline: {}", known.join(", ")),
            };
            let diagnostic = self
                .at_value(&path, format!("no stage has refId `{missing}`"))
                .in_stage(Some(stage.name()))
                .with_hint(hint);
            self.push(diagnostic);
        }
        for cycle in &graph.cycles {
            let describe = |index: &usize| {
                format!(
                    "`{}` (refId {})",
                    stages[*index].name(),
                    stages[*index].ref_id
                )
            };
            let mut chain: Vec<String> = cycle.iter().map(describe).collect();
            chain.push(describe(&cycle[0]));
            let first = &stages[cycle[0]];
            let diagnostic = self
                .at_value(
                    &first.path.key("requisiteStageRefIds"),
                    format!("dependency cycle: {}", chain.join(" waits for ")),
                )
                .in_stage(Some(first.name()))
                .with_hint("remove one of these requisites so the stages can start");
            self.push(diagnostic);
        }
    }
}

/// The value at `path` in `document`.
fn lookup<'a>(document: &'a Value, path: &JsonPath) -> Option<&'a Value> {
    path.segments()
        .iter()
        .try_fold(document, |value, segment| match segment {
            crate::pipeline::json_path::Segment::Key(key) => value.get(key),
            crate::pipeline::json_path::Segment::Index(index) => value.get(index),
        })
}
