//! The root object of an evaluation, built as Orca's `buildExecutionContext` and
//! `precomputeValues` build it: stage context, `execution`, `trigger`, `parameters`, `scmInfo`,
//! and the fallback to ancestor stages' outputs.

use std::collections::HashSet;

use serde_json::{Map, Value as Json};

use super::value::Value;

/// The names visible at the top level of an expression.
#[derive(Debug, Clone, Default)]
pub(crate) struct Root {
    values: Map<String, Json>,
    /// Indexes in `execution.stages` of the stage and its ancestors, in Orca's lookup order,
    /// whose `outputs` answer names the root does not have (kept as indexes, not copies).
    fallback: Vec<usize>,
    current_stage_id: Option<String>,
    current_user: Option<String>,
    /// The id of the stage the root was built for.
    stage_id: Option<String>,
}

/// Why a root could not be built for a stage.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum RootError {
    /// The context has no `execution.stages` list.
    #[error("the context has no `execution.stages` list to find stage `{0}` in")]
    NoStages(String),
    /// No stage has this `refId` or `id`.
    #[error("no stage with refId or id `{0}` in `execution.stages`")]
    UnknownStage(String),
}

impl Root {
    /// A root whose top-level names are the keys of `context`, with `parameters` and
    /// `scmInfo` precomputed from `trigger` as Orca does.
    pub(crate) fn new(context: Map<String, Json>) -> Self {
        let mut root = Self {
            values: context,
            ..Self::default()
        };
        root.precompute();
        root
    }

    /// The root Orca builds for the stage `reference` (a `refId` or `id`) of
    /// `context.execution.stages`, and that stage's own context (the default template).
    pub(crate) fn for_stage(
        mut context: Map<String, Json>,
        reference: &str,
    ) -> Result<(Self, Json), RootError> {
        let execution = context.remove("execution").unwrap_or(Json::Null);
        let stages: &[Json] = execution
            .get("stages")
            .and_then(Json::as_array)
            .ok_or_else(|| RootError::NoStages(reference.to_owned()))?;
        let stage = stages
            .iter()
            .find(|stage| {
                text_of(stage.get("refId")).as_deref() == Some(reference)
                    || text_of(stage.get("id")).as_deref() == Some(reference)
            })
            .ok_or_else(|| RootError::UnknownStage(reference.to_owned()))?;
        let stage_context = stage
            .get("context")
            .cloned()
            .unwrap_or_else(|| Json::Object(Map::new()));
        let mut values = stage_context.as_object().cloned().unwrap_or_default();
        let trigger = execution
            .get("trigger")
            .cloned()
            .unwrap_or_else(|| Json::Object(Map::new()));
        let fallback = ancestors(stage, stages)
            .into_iter()
            .filter_map(|ancestor| {
                stages
                    .iter()
                    .position(|candidate| std::ptr::eq(candidate, ancestor))
            })
            .collect();
        let stage_id = text_of(stage.get("id"));
        values.insert("trigger".into(), trigger);
        values.insert("execution".into(), execution);
        let mut root = Self {
            values,
            fallback,
            current_stage_id: None,
            current_user: None,
            stage_id,
        };
        root.precompute();
        Ok((root, stage_context))
    }

    /// Sets the stage `#currentStage()` returns (by id).
    #[must_use]
    pub(crate) fn with_current_stage_id(mut self, id: Option<String>) -> Self {
        if id.is_some() {
            self.current_stage_id = id;
        }
        self
    }

    /// Makes the stage the root was built for the one `#currentStage()` returns (as when a
    /// task of that stage runs).
    #[must_use]
    pub(crate) fn with_stage_as_current(mut self) -> Self {
        if self.stage_id.is_some() {
            self.current_stage_id.clone_from(&self.stage_id);
        }
        self
    }

    /// Sets the user `#currentUser()` returns (default `anonymous`).
    #[must_use]
    pub(crate) fn with_current_user(mut self, user: Option<String>) -> Self {
        self.current_user = user;
        self
    }

    /// Adds a top-level name (Evaluate Variables makes earlier variables visible this way).
    pub(crate) fn insert(&mut self, name: String, value: Json) {
        self.values.insert(name, value);
    }

    pub(crate) fn current_stage_id(&self) -> Option<&str> {
        self.current_stage_id.as_deref()
    }

    pub(crate) fn current_user(&self) -> &str {
        self.current_user.as_deref().unwrap_or("anonymous")
    }

    /// A top-level name: the map's own key first, then ancestor outputs; `None` if unknown.
    pub(crate) fn lookup(&self, name: &str, with_fallback: bool) -> Option<Value<'_>> {
        if let Some(json) = self.values.get(name) {
            if name == "execution" && json.is_object() {
                return Some(Value::Execution(json));
            }
            return Some(Value::from_json(json));
        }
        if !with_fallback {
            // Strict map access asks `containsKey`, which the stage context does not extend.
            return None;
        }
        self.fallback_outputs()
            .find_map(|outputs| outputs.get(name))
            .map(Value::from_json)
    }

    /// The `outputs` of the stage and its ancestors, in lookup order.
    fn fallback_outputs(&self) -> impl Iterator<Item = &Json> {
        let stages = self
            .values
            .get("execution")
            .and_then(|execution| execution.get("stages"))
            .and_then(Json::as_array);
        self.fallback.iter().filter_map(move |index| {
            stages?
                .get(*index)?
                .get("outputs")
                .filter(|outputs| outputs.is_object())
        })
    }

    /// The root's own entries, for `#root` in a string or `#toJson(#root)`.
    pub(crate) fn entries(&self) -> &Map<String, Json> {
        &self.values
    }

    /// `parameters` and `scmInfo`, as `ContextParameterProcessor.precomputeValues`.
    fn precompute(&mut self) {
        let trigger = self.values.get("trigger");
        let parameters = trigger
            .and_then(|t| t.get("parameters"))
            .and_then(Json::as_object)
            .filter(|p| !p.is_empty())
            .cloned();
        // `buildInfo` is read through the stage context, so ancestors' outputs count.
        let build_info = self.values.get("buildInfo").or_else(|| {
            self.fallback_outputs()
                .find_map(|outputs| outputs.get("buildInfo"))
        });
        let scm = scm_info(build_info, trigger);
        match parameters {
            Some(parameters) => {
                self.values
                    .insert("parameters".into(), Json::Object(parameters));
            }
            None => {
                self.values
                    .entry("parameters")
                    .or_insert_with(|| Json::Object(Map::new()));
            }
        }
        self.values.insert("scmInfo".into(), scm);
    }
}

/// `scmInfo`: from `buildInfo.scm` or `trigger.buildInfo.scm`, preferring a branch that is
/// neither master nor develop when there are several.
fn scm_info(build_info: Option<&Json>, trigger: Option<&Json>) -> Json {
    let mut scm = build_info
        .and_then(|b| b.get("scm"))
        .filter(|s| !s.is_null());
    if scm.is_none() {
        scm = trigger
            .and_then(|t| t.get("buildInfo"))
            .filter(|b| b.is_object())
            .and_then(|b| b.get("scm"));
    }
    let Some(list) = scm.and_then(Json::as_array) else {
        return Json::Null;
    };
    if list.len() >= 2 {
        return list
            .iter()
            .find(|entry| {
                let branch = entry.get("branch").and_then(Json::as_str);
                branch != Some("master") && branch != Some("develop")
            })
            .unwrap_or(&list[0])
            .clone();
    }
    list.first().cloned().unwrap_or(Json::Null)
}

/// Java's `String.valueOf` of a JSON field, for comparing ids given as numbers or strings.
pub(crate) fn text_of(json: Option<&Json>) -> Option<String> {
    match json? {
        Json::String(text) => Some(text.clone()),
        Json::Null => None,
        other => Some(other.to_string()),
    }
}

/// The stage itself, then its ancestors in Orca's `StageExecution.ancestors()` order.
pub(crate) fn ancestors<'s>(stage: &'s Json, all: &'s [Json]) -> Vec<&'s Json> {
    let mut visited = HashSet::new();
    let mut out = vec![stage];
    ancestors_of(stage, all, &mut visited, &mut out);
    out
}

fn ancestors_of<'s>(
    stage: &'s Json,
    all: &'s [Json],
    visited: &mut HashSet<String>,
    out: &mut Vec<&'s Json>,
) {
    visited.insert(text_of(stage.get("refId")).unwrap_or_default());
    // Orca only records refIds; the id too keeps a parentStageId cycle from recursing forever.
    if let Some(id) = text_of(stage.get("id")) {
        visited.insert(format!("id:{id}"));
    }
    let requisites: Vec<String> = stage
        .get("requisiteStageRefIds")
        .and_then(Json::as_array)
        .map(|ids| ids.iter().filter_map(|id| text_of(Some(id))).collect())
        .unwrap_or_default();
    if !requisites.is_empty() {
        let previous: Vec<&Json> = all
            .iter()
            .filter(|candidate| {
                let reference = text_of(candidate.get("refId")).unwrap_or_default();
                !visited.contains(&reference) && requisites.contains(&reference)
            })
            .collect();
        let previous_ids: Vec<String> = previous
            .iter()
            .filter_map(|p| text_of(p.get("id")))
            .collect();
        out.extend(previous.iter().copied());
        out.extend(all.iter().filter(|candidate| {
            candidate
                .get("syntheticStageOwner")
                .is_some_and(|o| !o.is_null())
                && text_of(candidate.get("parentStageId"))
                    .is_some_and(|p| previous_ids.contains(&p))
        }));
        for parent in previous {
            ancestors_of(parent, all, visited, out);
        }
        return;
    }
    let Some(parent_id) = text_of(stage.get("parentStageId")) else {
        return;
    };
    if visited.contains(&parent_id) || visited.contains(&format!("id:{parent_id}")) {
        return;
    }
    if stage.get("syntheticStageOwner").and_then(Json::as_str) == Some("STAGE_AFTER") {
        out.extend(all.iter().filter(|candidate| {
            text_of(candidate.get("parentStageId")).as_deref() == Some(parent_id.as_str())
                && candidate.get("syntheticStageOwner").and_then(Json::as_str)
                    == Some("STAGE_BEFORE")
        }));
    }
    if let Some(parent) = all
        .iter()
        .find(|candidate| text_of(candidate.get("id")).as_deref() == Some(parent_id.as_str()))
    {
        out.push(parent);
        ancestors_of(parent, all, visited, out);
    }
}
