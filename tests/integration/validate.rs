//! `gennaker validate`: each kind of problem is reported once, at its exact place, with the
//! stage name and a hint, and the exit code says whether the files are usable.

use serde_json::json;

use crate::support::Test;

/// Runs `validate --output json` on one file and returns the diagnostics.
fn diagnostics(file: &str, contents: &str) -> (i32, Vec<serde_json::Value>) {
    let outcome = Test::new()
        .file(file, contents)
        .args(["validate", "--output", "json", file])
        .run();
    let code = outcome.code;
    let serde_json::Value::Array(items) = outcome.json() else {
        panic!("not an array: {}", outcome.stdout)
    };
    (code, items)
}

#[test]
fn a_clean_pipeline_exits_zero_and_says_ok() {
    let outcome = Test::new()
        .file(
            "p.json",
            r#"{"name": "p", "stages": [{"refId": "1", "type": "wait", "waitTime": 5}]}"#,
        )
        .args(["validate", "p.json"])
        .run()
        .code(0);
    assert_eq!(outcome.stdout, "");
    assert_eq!(outcome.stderr, "p.json: ok (1 pipeline, 1 stage)\n");
}

#[test]
fn malformed_json_is_reported_at_the_parsers_line_and_column() {
    let (code, found) = diagnostics(
        "bad.json",
        "{\n  \"stages\": [\n    {\"type\": \"wait\",}\n  ]\n}\n",
    );
    assert_eq!(code, 2);
    assert_eq!(
        found,
        vec![json!({
            "file": "bad.json", "line": 3, "column": 21, "path": "", "stage": null,
            "severity": "error", "message": "invalid JSON: trailing comma", "hint": null
        })]
    );
}

#[test]
fn malformed_json_reads_well_in_plain_output() {
    let outcome = Test::new()
        .file("bad.json", "[{\"type\": \"wait\"")
        .args(["validate", "bad.json"])
        .run()
        .code(2);
    assert_eq!(
        outcome.stderr,
        "bad.json:1:16: error: invalid JSON: EOF while parsing an object\n1 error(s), 0 warning(s)\n"
    );
}

#[test]
fn duplicate_ref_ids_point_at_the_second_one() {
    let (code, found) = diagnostics(
        "dup.json",
        r#"{"stages": [
  {"refId": "1", "type": "wait", "name": "First"},
  {"refId": "1", "type": "wait", "name": "Second"}
]}"#,
    );
    assert_eq!(code, 2);
    assert_eq!(
        found,
        vec![json!({
            "file": "dup.json", "line": 3, "column": 13, "path": "stages[1].refId", "stage": "Second",
            "severity": "error",
            "message": "duplicate refId `1`: stage `First` at `stages[0]` already uses it",
            "hint": "give every stage a unique `refId`"
        })]
    );
}

#[test]
fn unknown_requisites_are_located_in_the_list_with_a_suggestion() {
    let (code, found) = diagnostics(
        "missing.json",
        r#"{"stages": [
  {"refId": "deploy", "type": "wait"},
  {"refId": "verify", "type": "wait", "requisiteStageRefIds": ["deplyo"]}
]}"#,
    );
    assert_eq!(code, 2);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["line"], 3);
    assert_eq!(found[0]["column"], 64);
    assert_eq!(found[0]["path"], "stages[1].requisiteStageRefIds[0]");
    assert_eq!(found[0]["stage"], "wait");
    assert_eq!(found[0]["message"], "no stage has refId `deplyo`");
    assert_eq!(
        found[0]["hint"],
        "did you mean `deploy`? refIds in this pipeline: deploy, verify"
    );
}

#[test]
fn a_cycle_names_every_stage_in_it() {
    let (code, found) = diagnostics(
        "cycle.json",
        r#"{"stages": [
  {"refId": "1", "name": "A", "type": "wait", "requisiteStageRefIds": ["3"]},
  {"refId": "2", "name": "B", "type": "wait", "requisiteStageRefIds": ["1"]},
  {"refId": "3", "name": "C", "type": "wait", "requisiteStageRefIds": ["2"]}
]}"#,
    );
    assert_eq!(code, 2);
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0]["line"].clone(), found[0]["column"].clone()),
        (json!(2), json!(71))
    );
    assert_eq!(found[0]["path"], "stages[0].requisiteStageRefIds");
    assert_eq!(
        found[0]["message"],
        "dependency cycle: `A` (refId 1) waits for `C` (refId 3) waits for `B` (refId 2) waits for `A` (refId 1)"
    );
}

#[test]
fn a_misspelt_stage_type_suggests_the_nearest_supported_one() {
    let (code, found) = diagnostics(
        "typo.json",
        r#"{"stages": [{"refId": "1", "type": "manualJudgement", "name": "Approve"}]}"#,
    );
    assert_eq!(code, 2);
    assert_eq!(
        found,
        vec![json!({
            "file": "typo.json", "line": 1, "column": 36, "path": "stages[0].type", "stage": "Approve",
            "severity": "error", "message": "unknown stage type `manualJudgement`",
            "hint": "did you mean `manualJudgment`? supported stage types: wait, manualJudgment, \
                     checkPreconditions, evaluateVariables, pipeline, webhook, \
                     deploy, createServerGroup, resizeServerGroup, \
                     disableServerGroup, enableServerGroup, destroyServerGroup, shrinkCluster, \
                     scaleDownCluster, disableCluster, rollbackCluster, findImageFromCluster, \
                     findImage, runJob, stopDeployment, deployService, destroyService, \
                     shareService, unshareService, createServiceKey, deleteServiceKey, \
                     createServiceBindings, deleteServiceBindings, mapLoadBalancers, \
                     unmapLoadBalancers"
        })]
    );
}

#[test]
fn a_spinnaker_stage_type_gennaker_does_not_run_is_refused() {
    let (code, found) = diagnostics(
        "bake.json",
        r#"{"stages": [{"refId": "1", "type": "bake", "name": "Bake"}]}"#,
    );
    assert_eq!(code, 2);
    assert_eq!(
        found[0]["message"],
        "stage type `bake` is not supported by gennaker yet"
    );
    assert_eq!(found[0]["path"], "stages[0].type");
}

#[test]
fn a_stage_without_type_is_reported() {
    let (_, found) = diagnostics(
        "notype.json",
        r#"{"stages": [{"refId": "1", "name": "Nameless"}]}"#,
    );
    assert_eq!(found[0]["message"], "stage has no `type`");
    assert_eq!(
        (found[0]["line"].clone(), found[0]["column"].clone()),
        (json!(1), json!(13))
    );
}

#[test]
fn wait_time_must_be_a_number_a_numeric_string_or_an_expression() {
    let (code, found) = diagnostics(
        "wait.json",
        r#"{"stages": [
  {"refId": "1", "type": "wait", "waitTime": 30},
  {"refId": "2", "type": "wait", "waitTime": "30"},
  {"refId": "3", "type": "wait", "waitTime": "${parameters.pause}"},
  {"refId": "4", "type": "wait", "name": "Broken", "waitTime": "half a minute"},
  {"refId": "5", "type": "wait", "waitTime": [30]}
]}"#,
    );
    assert_eq!(code, 2);
    let summary: Vec<(i64, i64, &str, &str)> = found
        .iter()
        .map(|d| {
            (
                d["line"].as_i64().unwrap(),
                d["column"].as_i64().unwrap(),
                d["path"].as_str().unwrap(),
                d["message"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (
                5,
                64,
                "stages[3].waitTime",
                "expected a number, a numeric string or an expression, found a string"
            ),
            (
                6,
                46,
                "stages[4].waitTime",
                "expected a number, a numeric string or an expression, found an array"
            ),
        ]
    );
    assert_eq!(found[0]["stage"], "Broken");
}

#[test]
fn required_fields_are_reported_at_the_stage_with_a_hint() {
    let (code, found) = diagnostics(
        "vars.json",
        r#"{"stages": [{"refId": "1", "type": "evaluateVariables", "name": "Vars"}]}"#,
    );
    assert_eq!(code, 2);
    assert_eq!(
        found,
        vec![json!({
            "file": "vars.json", "line": 1, "column": 13, "path": "stages[0].variables", "stage": "Vars",
            "severity": "error", "message": "missing required field `variables`",
            "hint": "add `\"variables\"`: an array"
        })]
    );
}

#[test]
fn a_quoted_boolean_is_an_error_that_explains_why() {
    let (_, found) = diagnostics(
        "flags.json",
        r#"{"stages": [{"refId": "1", "type": "wait", "failPipeline": "false"}]}"#,
    );
    assert_eq!(found[0]["message"], "expected a boolean, found a string");
    assert_eq!(
        found[0]["hint"],
        "write false without quotes: Spinnaker treats the string \"false\" as false"
    );
}

#[test]
fn execution_windows_are_checked_for_impossible_days_and_hours() {
    let (_, found) = diagnostics(
        "window.json",
        r#"{"stages": [{"refId": "1", "type": "wait", "restrictExecutionDuringTimeWindow": true,
  "restrictedExecutionWindow": {"days": [0, 2], "whitelist": [{"startHour": 24, "startMin": 0, "endHour": 5, "endMin": 0}]}}]}"#,
    );
    let messages: Vec<&str> = found
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        messages,
        vec![
            "day 0 does not exist",
            "`startHour` must be between 0 and 23"
        ]
    );
    assert_eq!(
        found[0]["hint"],
        "days count from 1 = Sunday to 7 = Saturday"
    );
}

#[test]
fn a_stage_enabled_expression_wrapped_in_braces_is_a_warning() {
    let (code, found) = diagnostics(
        "cond.json",
        r#"{"stages": [{"refId": "1", "type": "wait", "stageEnabled": {"type": "expression", "expression": "${true}"}}]}"#,
    );
    assert_eq!(code, 0, "warnings do not fail validation");
    assert_eq!(found[0]["severity"], "warning");
    assert_eq!(found[0]["path"], "stages[0].stageEnabled.expression");
}

#[test]
fn every_problem_of_every_file_is_reported_in_one_pass() {
    let outcome = Test::new()
        .file(
            "a.json",
            r#"{"stages": [{"refId": "1", "type": "wiat"}, {"refId": "1", "type": "wait"}]}"#,
        )
        .file("b.json", "not json")
        .args(["validate", "a.json", "b.json"])
        .run()
        .code(2);
    assert_eq!(
        outcome.stderr,
        "a.json:1:36: error: unknown stage type `wiat`\n  at `stages[0].type` in stage `wiat`\n  \
         hint: did you mean `wait`? supported stage types: wait, manualJudgment, checkPreconditions, \
         evaluateVariables, pipeline, webhook, deploy, createServerGroup, resizeServerGroup, \
         disableServerGroup, enableServerGroup, destroyServerGroup, shrinkCluster, \
         scaleDownCluster, disableCluster, rollbackCluster, findImageFromCluster, findImage, \
         runJob, stopDeployment, deployService, destroyService, shareService, unshareService, \
         createServiceKey, deleteServiceKey, createServiceBindings, deleteServiceBindings, \
         mapLoadBalancers, unmapLoadBalancers\n\
         a.json:1:55: error: duplicate refId `1`: stage `wiat` at `stages[0]` already uses it\n  \
         at `stages[1].refId` in stage `wait`\n  hint: give every stage a unique `refId`\n\
         b.json:1:2: error: invalid JSON: expected ident\n\
         a.json: has problems (1 pipeline, 2 stages)\n3 error(s), 0 warning(s)\n"
    );
}

#[test]
fn an_execution_document_is_refused_with_a_clear_message() {
    let execution = json!({
        "id": "01F6848ZR2N8NJAPBVTEP9R8FV", "type": "PIPELINE", "status": "SUCCEEDED",
        "buildTime": 1_622_000_000_000_u64, "pipelineConfigId": "abc", "stages": []
    });
    let (code, found) = diagnostics("run.json", &execution.to_string());
    assert_eq!(code, 2);
    assert_eq!(
        found[0]["message"],
        "this is an execution (the record of a run), not a pipeline config"
    );
    assert!(
        found[0]["hint"]
            .as_str()
            .unwrap()
            .contains("export the pipeline config")
    );
}

#[test]
fn mixing_stages_with_and_without_ref_ids_is_an_error() {
    let (_, found) = diagnostics(
        "mixed.json",
        r#"{"stages": [{"refId": "1", "type": "wait"}, {"type": "wait", "name": "Orphan"}]}"#,
    );
    assert_eq!(
        found[0]["message"],
        "stage has no `refId` while other stages have one"
    );
    assert_eq!(found[0]["stage"], "Orphan");
}

#[test]
fn a_missing_file_is_a_located_error() {
    let outcome = Test::new().args(["validate", "nope.json"]).run().code(2);
    assert!(
        outcome
            .stderr
            .starts_with("nope.json:1:1: error: cannot read the file: "),
        "{}",
        outcome.stderr
    );
}

#[test]
fn selecting_a_pipeline_that_does_not_exist_lists_the_names() {
    let outcome = Test::new()
        .file(
            "all.json",
            r#"[{"name": "build", "stages": []}, {"name": "deploy", "stages": []}]"#,
        )
        .args(["validate", "all.json", "--pipeline", "ship"])
        .run()
        .code(2);
    assert!(
        outcome
            .stderr
            .contains("no pipeline with name `ship` in the file; it has `build`, `deploy`"),
        "{}",
        outcome.stderr
    );
}

#[test]
fn the_readmes_example_output_is_what_validate_prints() {
    let readme =
        std::fs::read_to_string(crate::support::repo_root().join("README.md")).expect("README.md");
    let example = readme
        .split("Given `deploy.json`:\n\n```json\n")
        .nth(1)
        .expect("example in README");
    let (pipeline, rest) = example.split_once("```\n").expect("end of the JSON block");
    let shown = rest
        .split("```text\n$ gennaker validate deploy.json\n")
        .nth(1)
        .expect("output block");
    let shown = shown.split("$ echo $?").next().expect("output");
    let outcome = Test::new()
        .file("deploy.json", pipeline)
        .args(["validate", "deploy.json"])
        .run()
        .code(2);
    assert_eq!(outcome.stderr, shown);
}

#[test]
fn an_expression_that_does_not_parse_is_located_in_the_file_and_in_the_string() {
    let (code, found) = diagnostics(
        "expr.json",
        "{\"stages\": [\n  {\"refId\": \"1\", \"type\": \"wait\", \"name\": \"Nap\", \"waitTime\": \"${parameters.pause +}\",\n   \"stageEnabled\": {\"type\": \"expression\", \"expression\": \"parameters.go ==\"}}\n]}",
    );
    assert_eq!(code, 2);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(
        (found[0]["line"].clone(), found[0]["column"].clone()),
        (json!(2), json!(61))
    );
    assert_eq!(found[0]["path"], "stages[0].waitTime");
    assert_eq!(
        found[0]["message"],
        "expression does not parse (character 21 of the string): EL1042E: Problem parsing right operand: unexpected end of expression"
    );
    assert_eq!(found[1]["path"], "stages[0].stageEnabled.expression");
    assert!(
        found[1]["message"]
            .as_str()
            .unwrap()
            .starts_with("expression does not parse (character 17 of the string)"),
        "{}",
        found[1]
    );
}
