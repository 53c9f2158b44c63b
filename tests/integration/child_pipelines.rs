//! The `pipeline` stage through the binary: the child is found in the same file, by path or
//! in `--pipelines-dir`; it gets its parameters and a pipeline trigger; its outputs flow back;
//! its failure fails the stage; and it is its own execution in the history.

use serde_json::{Value, json};

use crate::support::Test;

fn child(name: &str, stages: Value) -> Value {
    let mut pipeline = json!({"name": name, "id": format!("{name}-id"), "application": "hello",
           "parameterConfig": [{"name": "size", "default": "1"}, {"name": "env", "default": "dev"}]});
    pipeline["stages"] = stages;
    pipeline
}

fn computing_child(name: &str) -> Value {
    child(
        name,
        json!([{"refId": "1", "type": "evaluateVariables", "name": "Compute",
        "variables": [{"key": "childOut", "value": "${parameters.size}-${parameters.env}-${trigger.parentExecution.name}-${trigger.type}"}]}]),
    )
}

fn parent(reference: &str) -> Value {
    json!({"name": "parent", "application": "hello", "stages": [
        {"refId": "1", "type": "pipeline", "name": "Run child", "application": "hello", "pipeline": reference,
         "pipelineParameters": {"size": "3"}},
        {"refId": "2", "type": "evaluateVariables", "name": "Use output", "requisiteStageRefIds": ["1"],
         "variables": [{"key": "got", "value": "${childOut}"}]}
    ]})
}

#[test]
fn a_child_in_the_same_file_runs_with_its_parameters_and_hands_back_its_outputs() {
    let file = json!([parent("child"), computing_child("child")]);
    let test = Test::new().file("all.json", &file.to_string());
    let outcome = test
        .again(&[
            "run",
            "all.json",
            "--pipeline",
            "parent",
            "--output",
            "json",
        ])
        .code(0);
    let execution = outcome.json();
    assert_eq!(
        execution["stages"][1]["outputs"]["got"],
        "3-dev-parent-pipeline"
    );
    let stage = &execution["stages"][0];
    let tasks: Vec<&str> = stage["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(tasks, vec!["startPipeline", "monitorPipeline"]);
    let child_id = stage["context"]["executionId"].as_str().unwrap().to_owned();
    let shown = test
        .again(&["executions", "show", &child_id, "--output", "json"])
        .code(0)
        .json();
    assert_eq!(shown["name"], "child");
    assert_eq!(shown["trigger"]["type"], "pipeline");
    assert_eq!(shown["trigger"]["parentPipelineStageId"], stage["id"]);
    assert_eq!(shown["trigger"]["parentExecution"]["id"], execution["id"]);
    assert_eq!(
        shown["trigger"]["parameters"],
        json!({"size": "3", "env": "dev"})
    );
    assert!(
        outcome
            .stderr
            .contains("stage `Run child` » `Compute` SUCCEEDED"),
        "{}",
        outcome.stderr
    );
}

#[test]
fn a_child_is_found_by_path_or_in_a_pipelines_directory() {
    let test = Test::new()
        .file("parent.json", &parent("children/by-path.json").to_string())
        .file(
            "children/by-path.json",
            &computing_child("by path").to_string(),
        )
        .file("other.json", &parent("elsewhere").to_string())
        .file(
            "library/elsewhere.json",
            &computing_child("elsewhere").to_string(),
        );
    let by_path = test
        .again(&["run", "parent.json", "--output", "json"])
        .code(0)
        .json();
    assert_eq!(
        by_path["stages"][1]["outputs"]["got"],
        "3-dev-parent-pipeline"
    );
    let missing = test
        .again(&["run", "other.json", "--output", "json"])
        .code(1)
        .json();
    let error = missing["stages"][0]["context"]["exception"]["details"]["error"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        error.starts_with("no pipeline `elsewhere` among the pipelines gennaker can see"),
        "{error}"
    );
    let found = test
        .again(&[
            "run",
            "other.json",
            "--pipelines-dir",
            "library",
            "--output",
            "json",
        ])
        .code(0)
        .json();
    assert_eq!(
        found["stages"][1]["outputs"]["got"],
        "3-dev-parent-pipeline"
    );
}

#[test]
fn a_failing_child_fails_the_stage_with_the_childs_error() {
    let failing = child(
        "child",
        json!([{"refId": "1", "type": "checkPreconditions", "name": "Guard",
        "preconditions": [{"type": "expression", "context": {"expression": "parameters.size == '99'"}}]}]),
    );
    let file = json!([parent("child"), failing]);
    let outcome = Test::new()
        .file("all.json", &file.to_string())
        .args([
            "run",
            "all.json",
            "--pipeline",
            "parent",
            "--output",
            "json",
        ])
        .run()
        .code(1);
    let execution = outcome.json();
    assert_eq!(execution["stages"][0]["status"], "TERMINAL");
    let error = execution["stages"][0]["context"]["exception"]["details"]["error"]
        .as_str()
        .unwrap();
    assert!(error.contains("ended TERMINAL"), "{error}");
    assert!(
        error.contains("precondition `parameters.size == '99'` is false"),
        "{error}"
    );
    assert_eq!(execution["stages"][1]["status"], "NOT_STARTED");
}

#[test]
fn a_child_that_does_not_validate_is_refused_before_it_runs() {
    let broken = child(
        "child",
        json!([{"refId": "1", "type": "wiat", "name": "Typo"}]),
    );
    let file = json!([parent("child"), broken]);
    let outcome = Test::new()
        .file("all.json", &file.to_string())
        .args([
            "run",
            "all.json",
            "--pipeline",
            "parent",
            "--output",
            "json",
        ])
        .run()
        .code(1);
    let error = outcome.json()["stages"][0]["context"]["exception"]["details"]["error"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        error.starts_with("child pipeline `child` has problems: "),
        "{error}"
    );
    assert!(error.contains("unknown stage type `wiat`"), "{error}");
}

#[test]
fn not_waiting_for_a_child_succeeds_at_once_and_the_run_still_lets_it_finish() {
    let slow = child(
        "child",
        json!([{"refId": "1", "type": "wait", "name": "Slow", "waitTime": 1}]),
    );
    let mut parent = parent("child");
    parent["stages"][0]["waitForCompletion"] = json!(false);
    parent["stages"].as_array_mut().unwrap().truncate(1);
    let test = Test::new().file("all.json", &json!([parent, slow]).to_string());
    let execution = test
        .again(&[
            "run",
            "all.json",
            "--pipeline",
            "parent",
            "--output",
            "json",
        ])
        .code(0)
        .json();
    let tasks = execution["stages"][0]["tasks"].as_array().unwrap();
    assert_eq!(tasks.len(), 1, "no monitorPipeline task");
    let child_id = execution["stages"][0]["context"]["executionId"]
        .as_str()
        .unwrap()
        .to_owned();
    let shown = test
        .again(&["executions", "show", &child_id, "--output", "json"])
        .json();
    assert_eq!(
        shown["status"], "SUCCEEDED",
        "the child finished before gennaker exited"
    );
}

#[test]
fn canceling_the_parent_cancels_the_child() {
    let slow = child(
        "child",
        json!([{"refId": "1", "type": "wait", "name": "Slow", "waitTime": 600}]),
    );
    let mut parent = parent("child");
    parent["stages"].as_array_mut().unwrap().truncate(1);
    let test = Test::new().file("all.json", &json!([parent, slow]).to_string());
    let runner = test
        .command(&[
            "run",
            "all.json",
            "--pipeline",
            "parent",
            "--output",
            "json",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let (parent_id, child_id) = loop {
        let listed = test
            .again(&["executions", "list", "--output", "json"])
            .json();
        let running: Vec<(String, String)> = listed
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["running"] == true)
            .map(|e| {
                (
                    e["name"].as_str().unwrap().to_owned(),
                    e["id"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        let find = |name: &str| {
            running
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, id)| id.clone())
        };
        if let (Some(parent), Some(child)) = (find("parent"), find("child")) {
            break (parent, child);
        }
        assert!(
            std::time::Instant::now() < deadline,
            "parent and child never ran together"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    test.again(&["executions", "cancel", &parent_id]).code(0);
    let output = runner.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(3));
    let child = test
        .again(&["executions", "show", &child_id, "--output", "json"])
        .json();
    assert_eq!(child["status"], "CANCELED");
    assert_eq!(
        child["cancellationReason"],
        "its parent pipeline was canceled"
    );
}
