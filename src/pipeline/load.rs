//! Reading pipeline files: a single pipeline config, a JSON array of configs (what Spinnaker's
//! `pipelineConfigs` endpoint and exports give), or a bare list of stages.
//!
//! Loading is lenient about stage contents (validation reports those, all at once) and strict
//! about what the document is: malformed JSON, an execution record, or something that is not a
//! pipeline at all stop here with a located [`LoadError`].

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::pipeline::diagnostic::Diagnostic;
use crate::pipeline::json_path::JsonPath;
use crate::pipeline::model::{Pipeline, Stage};
use crate::pipeline::source_map::{Position, SourceMap};

/// A pipeline file read and parsed, with positions for every value.
#[derive(Debug)]
pub(crate) struct PipelineFile {
    /// The path as given.
    pub(crate) path: PathBuf,
    /// The parsed document.
    pub(crate) document: Value,
    /// Positions of the document's values.
    pub(crate) source: SourceMap,
}

/// Which pipeline of a file holding several to use.
#[derive(Debug, Clone, Default)]
pub(crate) struct Selector {
    /// Match on `name`.
    pub(crate) name: Option<String>,
    /// Match on `id`.
    pub(crate) id: Option<String>,
}

/// Why a file could not be loaded as a pipeline.
#[derive(Debug, thiserror::Error)]
pub(crate) enum LoadError {
    /// The file could not be read.
    #[error("cannot read `{path}`: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not valid JSON.
    #[error("{path}:{line}:{column}: invalid JSON: {message}")]
    Syntax {
        /// The file.
        path: PathBuf,
        /// Where the parser stopped.
        line: usize,
        /// Where the parser stopped.
        column: usize,
        /// The parser's message.
        message: String,
    },
    /// The file is valid JSON but not a pipeline; `diagnostic` says where and why.
    #[error("{}: {}", .diagnostic.location(), .diagnostic.message)]
    NotAPipeline {
        /// The located problem.
        diagnostic: Box<Diagnostic>,
    },
}

impl LoadError {
    /// The error as a located diagnostic, for `validate`'s report.
    pub(crate) fn to_diagnostic(&self) -> Diagnostic {
        match self {
            Self::Read { path, source } => Diagnostic::error(
                path,
                Position { line: 1, column: 1 },
                &JsonPath::root(),
                format!("cannot read the file: {source}"),
            ),
            Self::Syntax {
                path,
                line,
                column,
                message,
            } => Diagnostic::error(
                path,
                Position {
                    line: *line,
                    column: *column,
                },
                &JsonPath::root(),
                format!("invalid JSON: {message}"),
            ),
            Self::NotAPipeline { diagnostic } => (**diagnostic).clone(),
        }
    }

    /// What the user can do about it.
    pub(crate) fn hint(&self) -> Option<&str> {
        match self {
            Self::NotAPipeline { diagnostic } => diagnostic.hint.as_deref(),
            Self::Read { .. } | Self::Syntax { .. } => None,
        }
    }
}

/// Reads and parses a pipeline file.
pub(crate) fn read(path: &Path) -> Result<PipelineFile, LoadError> {
    let text = std::fs::read_to_string(path).map_err(|source| LoadError::Read {
        path: path.to_owned(),
        source,
    })?;
    parse(path, &text)
}

/// Parses pipeline JSON that was read from `path`.
pub(crate) fn parse(path: &Path, text: &str) -> Result<PipelineFile, LoadError> {
    let document: Value = serde_json::from_str(text).map_err(|error| LoadError::Syntax {
        path: path.to_owned(),
        line: error.line(),
        column: error.column(),
        message: strip_position(&error.to_string()),
    })?;
    Ok(PipelineFile {
        path: path.to_owned(),
        source: SourceMap::new(text),
        document,
    })
}

/// `serde_json` appends " at line L column C"; the location is printed separately.
fn strip_position(message: &str) -> String {
    message
        .find(" at line ")
        .map_or(message, |cut| &message[..cut])
        .to_owned()
}

impl PipelineFile {
    fn not_a_pipeline(&self, path: &JsonPath, message: String, hint: &str) -> LoadError {
        let diagnostic =
            Diagnostic::error(&self.path, self.source.value_position(path), path, message)
                .with_hint(hint);
        LoadError::NotAPipeline {
            diagnostic: Box::new(diagnostic),
        }
    }

    /// Every pipeline in the file, in file order.
    pub(crate) fn pipelines(&self) -> Result<Vec<Pipeline>, LoadError> {
        let root = JsonPath::root();
        match &self.document {
            Value::Object(object) => Ok(vec![self.pipeline(&root, object)?]),
            Value::Array(items) if items.is_empty() => Err(self.not_a_pipeline(
                &root,
                "the file holds an empty array: no pipeline and no stage".to_owned(),
                "a pipeline file is a pipeline object, an array of them, or a list of stages",
            )),
            Value::Array(items) if items.iter().all(looks_like_bare_stage) => {
                let stages = items.iter().filter_map(Value::as_object);
                let stages = build_stages(&root, stages);
                let mut pipeline = Pipeline::new(root, Map::new(), stages);
                pipeline.bare_stage_list = true;
                number_linear_stages(&mut pipeline);
                Ok(vec![pipeline])
            }
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(index, item)| {
                    let path = root.index(index);
                    match item {
                        Value::Object(object) => self.pipeline(&path, object),
                        _ => Err(self.not_a_pipeline(
                            &path,
                            format!("expected a pipeline object, found {}", kind_of(item)),
                            "every element of a pipeline array must be a pipeline object",
                        )),
                    }
                })
                .collect(),
            other => Err(self.not_a_pipeline(
                &root,
                format!(
                    "expected a pipeline object or an array, found {}",
                    kind_of(other)
                ),
                "a pipeline file is a pipeline object, an array of them, or a list of stages",
            )),
        }
    }

    fn pipeline(
        &self,
        path: &JsonPath,
        object: &Map<String, Value>,
    ) -> Result<Pipeline, LoadError> {
        if is_execution(object) {
            return Err(self.not_a_pipeline(
                path,
                "this is an execution (the record of a run), not a pipeline config".to_owned(),
                "export the pipeline config instead: in Spinnaker, Pipeline actions → Edit as \
                 JSON, or `spin pipeline get`; an execution's `initialConfig` is not a full config",
            ));
        }
        let stages = match object.get("stages") {
            Some(Value::Array(stages)) => stages,
            Some(other) => {
                return Err(self.not_a_pipeline(
                    &path.key("stages"),
                    format!("`stages` must be an array, found {}", kind_of(other)),
                    "write the stages as a JSON array of stage objects",
                ));
            }
            None => {
                return Err(self.not_a_pipeline(
                    path,
                    "this object has no `stages`, so it is not a pipeline config".to_owned(),
                    "a pipeline config has a `stages` array; a single stage must be wrapped in one",
                ));
            }
        };
        let stages_path = path.key("stages");
        let stages = build_stages(&stages_path, stages.iter().filter_map(Value::as_object));
        // The stages are kept as `Stage`s; the copy of the pipeline object holds a placeholder
        // in their place so that member order survives.
        let raw = object
            .iter()
            .map(|(key, value)| {
                (
                    key.clone(),
                    if key == "stages" {
                        Value::Null
                    } else {
                        value.clone()
                    },
                )
            })
            .collect();
        let mut pipeline = Pipeline::new(path.clone(), raw, stages);
        number_linear_stages(&mut pipeline);
        Ok(pipeline)
    }

    /// The one pipeline the selector names, or the only pipeline of the file.
    pub(crate) fn select(&self, selector: &Selector) -> Result<Pipeline, SelectError> {
        let pipelines = self.pipelines().map_err(SelectError::Load)?;
        let names = || {
            pipelines
                .iter()
                .map(|p| p.name().unwrap_or("(unnamed)").to_owned())
                .collect()
        };
        let found = match (&selector.name, &selector.id) {
            (Some(name), _) => pipelines.iter().find(|p| p.name() == Some(name.as_str())),
            (None, Some(id)) => pipelines.iter().find(|p| p.id() == Some(id.as_str())),
            (None, None) if pipelines.len() == 1 => pipelines.first(),
            (None, None) => return Err(SelectError::Ambiguous { names: names() }),
        };
        match found {
            Some(pipeline) => Ok(pipeline.clone()),
            None => Err(SelectError::NotFound {
                wanted: selector
                    .name
                    .clone()
                    .or_else(|| selector.id.clone())
                    .unwrap_or_default(),
                by_id: selector.name.is_none(),
                names: names(),
                ids: pipelines
                    .iter()
                    .filter_map(|p| p.id().map(ToOwned::to_owned))
                    .collect(),
            }),
        }
    }
}

/// Why no single pipeline could be picked from a file.
#[derive(Debug, thiserror::Error)]
pub(crate) enum SelectError {
    /// The file itself did not load.
    #[error(transparent)]
    Load(LoadError),
    /// Several pipelines and no `--pipeline`/`--pipeline-id`.
    #[error("the file holds {} pipelines; choose one: {}", .names.len(), quoted(.names))]
    Ambiguous {
        /// The pipelines' names.
        names: Vec<String>,
    },
    /// The selector matched nothing.
    #[error("no pipeline with {} `{wanted}` in the file; it has {}", if *.by_id { "id" } else { "name" }, if *.by_id { quoted(.ids) } else { quoted(.names) })]
    NotFound {
        /// What was asked for.
        wanted: String,
        /// Whether it was an id.
        by_id: bool,
        /// The names present.
        names: Vec<String>,
        /// The ids present.
        ids: Vec<String>,
    },
}

fn quoted(items: &[String]) -> String {
    if items.is_empty() {
        return "none".to_owned();
    }
    items
        .iter()
        .map(|item| format!("`{item}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn build_stages<'a>(
    stages_path: &JsonPath,
    stages: impl Iterator<Item = &'a Map<String, Value>>,
) -> Vec<Stage> {
    stages
        .enumerate()
        .map(|(index, object)| Stage::new(index, stages_path.index(index), object.clone()))
        .collect()
}

/// Orca numbers the stages "0".."n-1" and chains them when no stage has a `refId`.
fn number_linear_stages(pipeline: &mut Pipeline) {
    if !pipeline.stages.is_empty()
        && pipeline
            .stages
            .iter()
            .all(|stage| !stage.has_written_ref_id())
    {
        for stage in &mut pipeline.stages {
            stage.assign_linear_ref_id();
        }
        pipeline.ref_ids_assigned = true;
    }
}

/// An element of a bare stage list: an object with a `type` and no `stages` of its own.
fn looks_like_bare_stage(item: &Value) -> bool {
    item.as_object()
        .is_some_and(|object| object.contains_key("type") && !object.contains_key("stages"))
}

/// Execution documents carry run-time members no pipeline config has.
fn is_execution(object: &Map<String, Value>) -> bool {
    let run_time_keys = [
        "buildTime",
        "pipelineConfigId",
        "initialConfig",
        "authentication",
        "canceled",
    ];
    let has_run_time_keys = run_time_keys
        .iter()
        .filter(|key| object.contains_key(**key))
        .count()
        >= 2;
    let typed_execution = matches!(
        object.get("type").and_then(Value::as_str),
        Some("PIPELINE" | "ORCHESTRATION")
    );
    let stages_have_status = object
        .get("stages")
        .and_then(Value::as_array)
        .is_some_and(|stages| {
            stages
                .iter()
                .any(|stage| stage.get("status").is_some() && stage.get("tasks").is_some())
        });
    has_run_time_keys || typed_execution || stages_have_status
}

/// How a JSON value's kind is named in messages.
pub(crate) fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
