//! The pipeline config as gennaker uses it: [`Pipeline`] and [`Stage`].
//!
//! Both keep the JSON object exactly as written (member order included) and read typed values
//! out of it on demand, so fields gennaker does not know survive a load → save round trip, and
//! a stage's context is everything Orca would put there.

use serde_json::{Map, Value};

use crate::pipeline::json_path::JsonPath;

/// Stage members that Orca lifts out of the stage map; everything else is the stage context.
const NON_CONTEXT_KEYS: [&str; 5] = [
    "refId",
    "requisiteStageRefIds",
    "type",
    "name",
    "startTimeExpiry",
];

/// One pipeline config.
#[derive(Debug, Clone)]
pub(crate) struct Pipeline {
    /// Where this pipeline sits in its file (the root, or `[i]` in an array).
    pub(crate) path: JsonPath,
    /// The pipeline object as written; its `stages` are read through [`Pipeline::stages`].
    raw: Map<String, Value>,
    /// The stages, in file order.
    pub(crate) stages: Vec<Stage>,
    /// True when the file had no `refId`s and gennaker numbered the stages as Orca does.
    pub(crate) ref_ids_assigned: bool,
    /// True when the file was a bare list of stages rather than a pipeline object.
    pub(crate) bare_stage_list: bool,
}

/// One stage of a pipeline.
#[derive(Debug, Clone)]
pub(crate) struct Stage {
    /// Position in the `stages` array.
    pub(crate) index: usize,
    /// Path of the stage object in the file.
    pub(crate) path: JsonPath,
    /// The stage object as written.
    raw: Map<String, Value>,
    /// The stage's `refId`, as a string (Orca coerces numbers); empty when missing.
    pub(crate) ref_id: String,
    /// The `refId`s this stage waits for.
    pub(crate) requisite_stage_ref_ids: Vec<String>,
}

/// One entry of `parameterConfig`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub(crate) struct ParameterConfig {
    /// The parameter's name (`parameters.<name>` in expressions).
    pub(crate) name: String,
    /// Shown to people instead of the name.
    pub(crate) label: Option<String>,
    /// What the parameter is for.
    pub(crate) description: Option<String>,
    /// Used when no value is given.
    pub(crate) default: Option<Value>,
    /// A value must be given (enforced by the UI in Spinnaker, by gennaker before it starts).
    pub(crate) required: bool,
    /// The allowed values, when restricted.
    pub(crate) options: Vec<String>,
    /// Shown first in forms.
    pub(crate) pinned: bool,
}

impl Pipeline {
    /// Builds a pipeline from its object; `stages` must already be built from `raw["stages"]`.
    pub(crate) fn new(path: JsonPath, raw: Map<String, Value>, stages: Vec<Stage>) -> Self {
        Self {
            path,
            raw,
            stages,
            ref_ids_assigned: false,
            bare_stage_list: false,
        }
    }

    fn string(&self, key: &str) -> Option<&str> {
        self.raw.get(key).and_then(Value::as_str)
    }

    /// The pipeline's `name`.
    pub(crate) fn name(&self) -> Option<&str> {
        self.string("name")
    }

    /// The pipeline config `id`.
    pub(crate) fn id(&self) -> Option<&str> {
        self.string("id")
    }

    /// The owning `application`.
    pub(crate) fn application(&self) -> Option<&str> {
        self.string("application")
    }

    /// `spelEvaluator`: `v4` changes when stage expressions are evaluated; absent means `v3`.
    pub(crate) fn spel_evaluator(&self) -> &str {
        self.string("spelEvaluator").unwrap_or("v3")
    }

    /// `limitConcurrent`, true unless set to false (Deck's default).
    pub(crate) fn limit_concurrent(&self) -> bool {
        self.raw
            .get("limitConcurrent")
            .and_then(Value::as_bool)
            .unwrap_or(true)
    }

    /// `keepWaitingPipelines`, false unless set.
    pub(crate) fn keep_waiting_pipelines(&self) -> bool {
        self.raw
            .get("keepWaitingPipelines")
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }

    /// `disabled: true` pipelines refuse to start.
    pub(crate) fn disabled(&self) -> bool {
        self.raw
            .get("disabled")
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }

    /// The parameters the pipeline declares, skipping malformed entries (validation reports them).
    pub(crate) fn parameter_config(&self) -> Vec<ParameterConfig> {
        let Some(Value::Array(entries)) = self.raw.get("parameterConfig") else {
            return Vec::new();
        };
        entries
            .iter()
            .filter_map(Value::as_object)
            .filter_map(parameter_from)
            .collect()
    }

    /// The pipeline object as written.
    pub(crate) fn raw(&self) -> &Map<String, Value> {
        &self.raw
    }

    /// The pipeline as JSON: the original object with its stages (and any `refId`s gennaker
    /// assigned) put back in place.
    pub(crate) fn to_json(&self) -> Value {
        let stages = Value::Array(self.stages.iter().map(Stage::to_json).collect());
        if self.bare_stage_list {
            return stages;
        }
        // Replacing the existing member keeps its place among the others.
        let mut object = self.raw.clone();
        object.insert("stages".to_owned(), stages);
        Value::Object(object)
    }
}

fn parameter_from(entry: &Map<String, Value>) -> Option<ParameterConfig> {
    let text = |key: &str| {
        entry
            .get(key)
            .and_then(Value::as_str)
            .map(ToOwned::to_owned)
    };
    let flag = |key: &str| entry.get(key).and_then(Value::as_bool).unwrap_or(false);
    let options = match entry.get("options") {
        Some(Value::Array(options)) => options
            .iter()
            .filter_map(|option| match option.get("value").unwrap_or(option) {
                Value::String(text) => Some(text.clone()),
                Value::Null => None,
                other => Some(other.to_string()),
            })
            .collect(),
        _ => Vec::new(),
    };
    Some(ParameterConfig {
        name: text("name")?,
        label: text("label"),
        description: text("description"),
        default: entry
            .get("default")
            .filter(|value| !value.is_null())
            .cloned(),
        required: flag("required"),
        options: if flag("hasOptions") || entry.get("hasOptions").is_none() {
            options
        } else {
            Vec::new()
        },
        pinned: flag("pinned"),
    })
}

impl Stage {
    /// Builds a stage from its object; shapes are checked by validation, not here.
    pub(crate) fn new(index: usize, path: JsonPath, raw: Map<String, Value>) -> Self {
        let ref_id = raw.get("refId").and_then(scalar_string).unwrap_or_default();
        let requisite_stage_ref_ids = match raw.get("requisiteStageRefIds") {
            Some(Value::Array(ids)) => ids.iter().filter_map(scalar_string).collect(),
            Some(other) => scalar_string(other).into_iter().collect(),
            None => Vec::new(),
        };
        Self {
            index,
            path,
            raw,
            ref_id,
            requisite_stage_ref_ids,
        }
    }

    /// The stage `type`, if written as a string.
    pub(crate) fn stage_type(&self) -> Option<&str> {
        self.raw.get("type").and_then(Value::as_str)
    }

    /// The display name: `name`, or the type when there is none (as Orca does).
    pub(crate) fn name(&self) -> &str {
        self.raw
            .get("name")
            .and_then(Value::as_str)
            .filter(|name| !name.is_empty())
            .or_else(|| self.stage_type())
            .unwrap_or("")
    }

    /// `startTimeExpiry`: epoch milliseconds (a number or a numeric string, as Orca accepts).
    pub(crate) fn start_time_expiry(&self) -> Option<u64> {
        match self.raw.get("startTimeExpiry")? {
            Value::Number(number) => number.as_u64(),
            Value::String(text) => text.trim().parse().ok(),
            _ => None,
        }
    }

    /// Whether the file wrote a `refId` for this stage.
    pub(crate) fn has_written_ref_id(&self) -> bool {
        self.raw.get("refId").is_some_and(|value| !value.is_null())
    }

    /// The stage object as written.
    pub(crate) fn raw(&self) -> &Map<String, Value> {
        &self.raw
    }

    /// A member of the stage context.
    pub(crate) fn get(&self, key: &str) -> Option<&Value> {
        if NON_CONTEXT_KEYS.contains(&key) {
            None
        } else {
            self.raw.get(key)
        }
    }

    /// The stage context as Orca builds it: every member except `refId`,
    /// `requisiteStageRefIds`, `type`, `name` and `startTimeExpiry`.
    pub(crate) fn context(&self) -> Map<String, Value> {
        self.raw
            .iter()
            .filter(|(key, _)| !NON_CONTEXT_KEYS.contains(&key.as_str()))
            .map(|(key, value)| (key.clone(), value.clone()))
            .collect()
    }

    /// Assigns the `refId` and requisites Orca gives stages of a pipeline written without any.
    pub(crate) fn assign_linear_ref_id(&mut self) {
        self.ref_id = self.index.to_string();
        self.requisite_stage_ref_ids = self
            .index
            .checked_sub(1)
            .map(|previous| previous.to_string())
            .into_iter()
            .collect();
    }

    /// The stage as JSON: as written, plus the `refId`/requisites gennaker assigned.
    pub(crate) fn to_json(&self) -> Value {
        let mut object = self.raw.clone();
        if !self.has_written_ref_id() && !self.ref_id.is_empty() {
            object.insert("refId".to_owned(), Value::String(self.ref_id.clone()));
            let requisites = self
                .requisite_stage_ref_ids
                .iter()
                .cloned()
                .map(Value::String)
                .collect();
            object.insert("requisiteStageRefIds".to_owned(), Value::Array(requisites));
        }
        Value::Object(object)
    }
}

/// Jackson coerces scalars into the String fields `refId` and `requisiteStageRefIds`.
fn scalar_string(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    }
}
