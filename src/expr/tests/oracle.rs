//! Runs every case recorded from the `SpEL` oracle (`tests/data/expr/oracle/*.jsonl`) through the
//! evaluator and compares result, JSON number kinds, Java type and the summary's keys, levels
//! and description prefixes. See that folder's README for the format and the oracle's caveats.

use std::fmt::Write as _;
use std::path::PathBuf;

use serde_json::{Map, Value as Json, json};

use crate::expr::{Evaluator, Options, Root, root_for};

/// The recorded cases: the oracle helper's files and our own differential runs.
fn case_dirs() -> [PathBuf; 2] {
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/expr");
    [data.join("oracle"), data.join("differential")]
}

/// JSON equality that also tells integers from reals (`7` is not `7.0`), as Jackson prints them.
pub(crate) fn same_json(expected: &Json, actual: &Json) -> bool {
    match (expected, actual) {
        (Json::Number(a), Json::Number(b)) => {
            if a.is_f64() != b.is_f64() {
                return false;
            }
            if let (Some(x), Some(y)) = (a.as_i64(), b.as_i64()) {
                x == y
            } else {
                let (x, y) = (
                    a.as_f64().unwrap_or(f64::NAN),
                    b.as_f64().unwrap_or(f64::NAN),
                );
                (x - y).abs() <= f64::EPSILON * x.abs().max(y.abs())
            }
        }
        (Json::Array(a), Json::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_json(x, y))
        }
        (Json::Object(a), Json::Object(b)) => {
            a.len() == b.len()
                && a.iter()
                    .all(|(key, x)| b.get(key).is_some_and(|y| same_json(x, y)))
        }
        _ => expected == actual,
    }
}

/// Java types whose name must match exactly (containers vary between Spring versions).
const EXACT_TYPES: &[&str] = &[
    "java.lang.Integer",
    "java.lang.Long",
    "java.lang.Float",
    "java.lang.Double",
    "java.lang.Boolean",
    "java.lang.String",
];

/// The description without the `Failed to evaluate [keys] ` prefix's key order (a set in kork).
fn description_prefix(description: &str) -> String {
    let Some(rest) = description.strip_prefix("Failed to evaluate ") else {
        return String::new();
    };
    if let Some(inner) = rest.strip_prefix('[')
        && let Some(end) = inner.find(']')
    {
        let mut keys: Vec<&str> = inner[..end].split(", ").collect();
        keys.sort_unstable();
        return format!("[{}]", keys.join(", "));
    }
    "<expression>".to_owned()
}

fn summary_shape(summary: &Json) -> Vec<(String, Vec<(String, String)>)> {
    let mut shape: Vec<(String, Vec<(String, String)>)> = summary
        .as_object()
        .map(|map| {
            map.iter()
                .map(|(key, entries)| {
                    let mut levels: Vec<(String, String)> = entries
                        .as_array()
                        .map(|list| {
                            list.iter()
                                .map(|entry| {
                                    (
                                        entry["level"].as_str().unwrap_or_default().to_owned(),
                                        description_prefix(
                                            entry["description"].as_str().unwrap_or_default(),
                                        ),
                                    )
                                })
                                .collect()
                        })
                        .unwrap_or_default();
                    levels.sort();
                    levels.dedup();
                    (key.clone(), levels)
                })
                .collect()
        })
        .unwrap_or_default();
    shape.sort();
    shape
}

/// Evaluates one recorded case as the oracle would; returns (result, javaType, summary).
fn run_case(case: &Map<String, Json>) -> Result<(Json, Option<String>, Json), String> {
    let context = case
        .get("context")
        .and_then(Json::as_object)
        .cloned()
        .unwrap_or_default();
    let options = Options {
        allow_unknown_keys: case
            .get("allowUnknownKeys")
            .and_then(Json::as_bool)
            .unwrap_or(true),
        now_millis: Some(1_763_900_000_000),
        random_seed: Some(42),
        ..Options::default()
    };
    let evaluator = Evaluator::new(options);
    let text = |name: &str| case.get(name).and_then(Json::as_str).map(str::to_owned);
    if case.get("kind").and_then(Json::as_str) == Some("evaluate_variables") {
        let variables = case
            .get("template")
            .and_then(Json::as_array)
            .cloned()
            .unwrap_or_default();
        let mut root = match context.get("execution") {
            Some(execution) => {
                let mut execution = execution.clone();
                let synthetic = json!({
                    "id": "synthetic-evaluate-variables", "refId": "synthetic-evaluate-variables",
                    "type": "evaluateVariables", "context": {}, "outputs": {},
                    "requisiteStageRefIds": case.get("requisiteStageRefIds").cloned().unwrap_or(json!([])),
                });
                if let Some(stages) = execution.get_mut("stages").and_then(Json::as_array_mut) {
                    stages.push(synthetic);
                }
                let mut base = Map::new();
                base.insert("execution".into(), execution);
                Root::for_stage(base, "synthetic-evaluate-variables")
                    .map_err(|e| e.to_string())?
                    .0
            }
            None => Root::new(context.clone()),
        };
        let (result, summary) = evaluator.evaluate_variables(&variables, &mut root);
        return Ok((Json::Array(result), None, summary.to_json()));
    }
    let (root, stage_template) =
        root_for(context, text("stage").as_deref()).map_err(|e| e.to_string())?;
    let root = root
        .with_current_stage_id(text("currentStageId"))
        .with_current_user(text("currentUser"));
    let template = case
        .get("template")
        .cloned()
        .or(stage_template)
        .unwrap_or(Json::Null);
    let mut wrapped = Map::new();
    wrapped.insert("test".into(), template.clone());
    let evaluated = evaluator.evaluate(&Json::Object(wrapped), &root);
    let result = evaluated.value.get("test").cloned().unwrap_or(Json::Null);
    let java_type = match &template {
        Json::String(_) => evaluator.evaluate_typed(&template, &root).1,
        _ => None,
    };
    Ok((result, java_type, evaluated.summary.to_json()))
}

/// Recorded cases where gennaker deliberately follows Orca (Spring 5.3, beans) rather than the
/// oracle (Spring 4.3, maps), or a known gap documented in `docs/expressions.md`.
const NOT_COMPARED: &[(&str, &str)] = &[
    (
        "failures/limit-long-expression-spring43-accepts",
        "Spring 5.3 (Orca) refuses expressions over 10,000 characters",
    ),
    (
        "failures/limit-string-repeat-spring43-accepts",
        "Spring 5.3 (Orca) caps 'text' * n at 256 characters",
    ),
    (
        "failures/limit-long-regex-spring43-accepts",
        "Spring 5.3 (Orca) caps regexes at 1,000 characters",
    ),
    (
        "failures/limit-large-array-spring43-accepts",
        "Spring 5.3.17 (Orca) caps arrays at 256K elements",
    ),
    (
        "helpers/pipelineid-not-registered",
        "the oracle has no front50; gennaker resolves pipelines it was given",
    ),
    (
        "helpers/pipelineidornull-not-registered",
        "the oracle has no front50; gennaker resolves pipelines it was given",
    ),
    (
        "root_context/execution-stage-hassucceeded-map-null",
        "Orca's stages are beans with hasSucceeded; the oracle's are maps",
    ),
    (
        "collections/stages-select-dotted-context-key",
        "Orca's stage contexts fall back to ancestor outputs; the oracle's stages are plain maps",
    ),
    (
        "helpers/donoteval-whole-value",
        "the oracle prints a placeholder; gennaker keeps the wrapped value",
    ),
    (
        "helpers/readyaml-yes-is-bool",
        "known gap: YAML is read with the 1.2 core schema, yes/no stay strings",
    ),
    (
        "evaluate_variables/typed-value-used-later",
        "known gap: a String[] variable is a JSON list for later variables",
    ),
];

fn check_case(case: &Map<String, Json>) -> Result<(), String> {
    let expected = &case["expected"];
    let (result, java_type, summary) = run_case(case)?;
    let mut problems = String::new();
    if !same_json(&expected["result"], &result) {
        let _ = write!(
            problems,
            "\n  result: expected {} got {result}",
            expected["result"]
        );
    }
    let expected_type = expected["javaType"].as_str().unwrap_or("null");
    if EXACT_TYPES.contains(&expected_type)
        && let Some(actual) = &java_type
        && actual != expected_type
    {
        let _ = write!(
            problems,
            "\n  javaType: expected {expected_type} got {actual}"
        );
    }
    let expected_summary = expected
        .get("summary")
        .cloned()
        .unwrap_or_else(|| json!({}));
    if summary_shape(&expected_summary) != summary_shape(&summary) {
        let _ = write!(
            problems,
            "\n  summary: expected {expected_summary} got {summary}"
        );
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

#[test]
fn every_recorded_oracle_case_matches() {
    let mut files: Vec<PathBuf> = case_dirs()
        .iter()
        .filter_map(|dir| std::fs::read_dir(dir).ok())
        .flat_map(|dir| dir.filter_map(Result::ok).map(|entry| entry.path()))
        .collect();
    files.retain(|path| path.extension().is_some_and(|ext| ext == "jsonl"));
    files.sort();
    let mut failures = Vec::new();
    let mut checked = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).expect("oracle data is readable");
        for line in text.lines().filter(|line| !line.trim().is_empty()) {
            let case: Map<String, Json> =
                serde_json::from_str(line).expect("oracle lines are JSON objects");
            // Raw mode is plain Spring without Orca's sandbox: a contrast, not a behaviour we copy.
            if case.get("mode").and_then(Json::as_str) == Some("raw") {
                continue;
            }
            let id = case.get("id").and_then(Json::as_str).unwrap_or("?");
            if NOT_COMPARED.iter().any(|(skipped, _)| *skipped == id) {
                continue;
            }
            checked += 1;
            if let Err(problem) = check_case(&case) {
                let id = case.get("id").and_then(Json::as_str).unwrap_or("?");
                let template = case
                    .get("template")
                    .map(ToString::to_string)
                    .unwrap_or_default();
                failures.push(format!(
                    "{id}: {}{problem}",
                    &template[..template.len().min(200)]
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} oracle cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
