//! `gennaker run`, `judge` and `executions` through the real binary: exit codes, the execution
//! document on stdout, the log, judgments from flags and from a second process, cancellation,
//! and what the history keeps.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::support::Test;

fn judgment_pipeline() -> String {
    json!({"name": "gate", "application": "hello", "stages": [
        {"refId": "1", "type": "manualJudgment", "name": "Go / No go",
         "judgmentInputs": [{"value": "promote"}, {"value": "rollback"}]},
        {"refId": "2", "type": "wait", "name": "Promote", "waitTime": 0, "requisiteStageRefIds": ["1"],
         "stageEnabled": {"type": "expression", "expression": "#judgment('Go / No go') == 'promote'"}}
    ]})
    .to_string()
}

/// Waits until `list` shows an execution whose process is running, and returns its id.
fn running_execution(test: &Test) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let listed = test
            .again(&["executions", "list", "--output", "json"])
            .json();
        if let Some(id) = listed
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["running"] == true)
            .and_then(|e| e["id"].as_str())
        {
            return id.to_owned();
        }
        assert!(Instant::now() < deadline, "no execution started running");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_succeeded_run_prints_the_execution_in_spinnakers_shape() {
    let outcome = Test::new()
        .file(
            "p.json",
            &std::fs::read_to_string(crate::support::repo_root().join("pipelines/wait.json"))
                .unwrap(),
        )
        .args([
            "run",
            "p.json",
            "--param",
            "pause=0",
            "--param",
            "second=true",
            "--output",
            "json",
        ])
        .run()
        .code(0);
    let execution = outcome.json();
    assert_eq!(execution["status"], "SUCCEEDED");
    assert_eq!(execution["type"], "PIPELINE");
    assert_eq!(execution["name"], "Wait and wait again");
    assert_eq!(execution["application"], "hello");
    assert_eq!(
        execution["pipelineConfigId"],
        "7c1a3a4e-2f5c-4b61-9a53-0e3f1d0b1c01"
    );
    assert_eq!(execution["id"].as_str().unwrap().len(), 26, "a ULID");
    assert!(execution["endTime"].as_u64().unwrap() >= execution["startTime"].as_u64().unwrap());
    assert_eq!(execution["trigger"]["type"], "manual");
    assert_eq!(execution["trigger"]["user"], "tester");
    assert_eq!(
        execution["trigger"]["parameters"],
        json!({"pause": "0", "second": "true"})
    );
    let stage = &execution["stages"][1];
    for key in [
        "id",
        "refId",
        "type",
        "name",
        "status",
        "startTime",
        "endTime",
        "requisiteStageRefIds",
        "parentStageId",
        "syntheticStageOwner",
        "context",
        "outputs",
        "tasks",
    ] {
        assert!(stage.get(key).is_some(), "stage lacks `{key}`: {stage}");
    }
    assert_eq!(
        stage["context"]["waitTime"], "0",
        "the expression was evaluated"
    );
    assert_eq!(stage["tasks"][0]["name"], "wait");
    assert_eq!(stage["tasks"][0]["status"], "SUCCEEDED");
    assert_eq!(stage["requisiteStageRefIds"], json!(["1"]));
    assert!(
        outcome
            .stderr
            .contains("stage `Configurable wait` SUCCEEDED"),
        "the log goes to stderr: {}",
        outcome.stderr
    );
}

#[test]
fn the_plain_log_has_one_timestamped_line_per_change() {
    let outcome = Test::new()
        .file("p.json", r#"{"name": "p", "stages": [{"refId": "1", "type": "wait", "name": "Nap", "waitTime": 0}]}"#)
        .args(["run", "p.json", "--output", "plain"])
        .run()
        .code(0);
    let lines: Vec<&str> = outcome.stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{}", outcome.stdout);
    for line in &lines {
        let (time, _) = line.split_once(' ').unwrap();
        assert!(
            time.ends_with('Z') && time.contains('T'),
            "RFC 3339 timestamp: {line}"
        );
    }
    assert!(
        lines[0].contains(" execution ")
            && lines[0].ends_with("of `p` started by manual trigger (tester)")
    );
    assert!(lines[1].ends_with("stage `Nap` RUNNING"));
    assert!(lines[2].contains("stage `Nap` SUCCEEDED in "));
    assert!(lines[3].contains(" SUCCEEDED in "));
}

#[test]
fn a_failing_stage_exits_1_and_shows_why() {
    let pipeline = json!({"name": "p", "stages": [
        {"refId": "1", "type": "checkPreconditions", "name": "Guard",
         "preconditions": [{"type": "expression", "context": {"expression": "parameters.ok == 'yes'"}}]}
    ]});
    let outcome = Test::new()
        .file("p.json", &pipeline.to_string())
        .args(["run", "p.json", "--param", "ok=no", "--output", "plain"])
        .run()
        .code(1);
    assert!(
        outcome
            .stdout
            .contains("stage `Guard` › `Check precondition (expression)` TERMINAL"),
        "{}",
        outcome.stdout
    );
    assert!(
        outcome
            .stdout
            .contains("error: precondition `parameters.ok == 'yes'` is false"),
        "{}",
        outcome.stdout
    );
    assert!(outcome.stdout.contains("TERMINAL in"), "{}", outcome.stdout);
}

#[test]
fn pre_answered_judgments_continue_with_an_input_or_stop_with_exit_3() {
    let test = Test::new().file("p.json", &judgment_pipeline());
    let go = test.again(&[
        "run",
        "p.json",
        "--judgment",
        "Go / No go=continue:promote",
        "--output",
        "json",
    ]);
    assert_eq!(go.code, 0, "{}", go.stderr);
    let execution = go.json();
    assert_eq!(
        execution["stages"][0]["context"]["judgmentInput"],
        "promote"
    );
    assert_eq!(
        execution["stages"][0]["context"]["lastModifiedBy"],
        "tester"
    );
    assert_eq!(execution["stages"][1]["status"], "SUCCEEDED");
    let stop = test.again(&[
        "run",
        "p.json",
        "--judgment",
        "Go / No go=stop",
        "--output",
        "json",
    ]);
    assert_eq!(stop.code, 3, "a judgment's stop exits 3: {}", stop.stderr);
    assert_eq!(stop.json()["status"], "TERMINAL");
}

#[test]
fn in_ci_an_unanswered_judgment_fails_at_once_naming_the_flag() {
    let outcome = Test::new()
        .file("p.json", &judgment_pipeline())
        .env("CI", "true")
        .args(["run", "p.json", "--output", "plain"])
        .run()
        .code(3);
    assert!(outcome.stdout.contains("CANCELED"), "{}", outcome.stdout);
    assert!(
        outcome.stderr.contains(
            "error: manual judgment `Go / No go` has no answer, and gennaker does not wait for one here (CI is set)\n  \
             hint: answer it in advance with `--judgment 'Go / No go=continue'` or `--judgment 'Go / No go=stop'`"
        ),
        "{}",
        outcome.stderr
    );
}

#[test]
fn no_wait_for_judgment_fails_at_once_outside_ci_too() {
    let outcome = Test::new()
        .file("p.json", &judgment_pipeline())
        .args(["run", "p.json", "--no-wait-for-judgment"])
        .run()
        .code(3);
    assert!(
        outcome
            .stderr
            .contains("(--no-wait-for-judgment was given)"),
        "{}",
        outcome.stderr
    );
}

#[test]
fn gennaker_judge_from_another_process_answers_a_waiting_judgment() {
    let test = Test::new().file("p.json", &judgment_pipeline());
    let runner = test
        .command(&["run", "p.json", "--output", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let id = running_execution(&test);
    let wrong = test.again(&["judge", &id, "--stage", "Go", "--continue"]);
    assert_eq!(wrong.code, 2);
    assert!(
        wrong.stderr.contains("has no manual judgment stage `Go`"),
        "{}",
        wrong.stderr
    );
    assert!(
        wrong
            .stderr
            .contains("its manual judgment stages: `Go / No go`"),
        "{}",
        wrong.stderr
    );
    let bad_input = test.again(&[
        "judge",
        &id,
        "--stage",
        "Go / No go",
        "--continue",
        "--input",
        "yolo",
    ]);
    assert_eq!(bad_input.code, 2, "{}", bad_input.stderr);
    let answered = test.again(&[
        "judge",
        &id,
        "--stage",
        "Go / No go",
        "--continue",
        "--input",
        "promote",
    ]);
    assert_eq!(answered.code, 0, "{}", answered.stderr);
    let output = runner.wait_with_output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!(
            "gennaker judge {id} --stage 'Go / No go' --continue"
        )),
        "{stderr}"
    );
    let execution: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        execution["stages"][0]["context"]["judgmentInput"],
        "promote"
    );
    let shown = test
        .again(&["executions", "show", &id, "--output", "json"])
        .code(0)
        .json();
    assert_eq!(shown, execution, "history keeps exactly the final document");
}

#[test]
fn executions_cancel_from_another_process_cancels_the_run() {
    let pipeline = r#"{"name": "long", "stages": [{"refId": "1", "type": "wait", "name": "Long nap", "waitTime": 600}]}"#;
    let test = Test::new().file("p.json", pipeline);
    let runner = test
        .command(&["run", "p.json", "--output", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let id = running_execution(&test);
    let again = test.again(&["run", "p.json"]);
    assert_eq!(
        again.code, 2,
        "limitConcurrent refuses a second run: {}",
        again.stderr
    );
    assert!(
        again
            .stderr
            .contains(&format!("execution {id} of this pipeline is still running")),
        "{}",
        again.stderr
    );
    test.again(&["executions", "cancel", &id]).code(0);
    let output = runner.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(3));
    let execution: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(execution["status"], "CANCELED");
    assert_eq!(execution["canceledBy"], "tester");
    assert_eq!(execution["stages"][0]["status"], "CANCELED");
    let late = test.again(&["executions", "cancel", &id]);
    assert_eq!(late.code, 2);
    assert!(
        late.stderr.contains("is CANCELED already"),
        "{}",
        late.stderr
    );
}

#[test]
fn executions_list_filters_and_sorts_newest_first() {
    let test = Test::new()
        .file(
            "a.json",
            r#"{"name": "alpha", "stages": [{"refId": "1", "type": "wait", "waitTime": 0}]}"#,
        )
        .file(
            "b.json",
            r#"{"name": "beta", "stages": [{"refId": "1", "type": "wait", "waitTime": "${'x'}"}]}"#,
        );
    test.again(&["run", "a.json"]).code(0);
    test.again(&["run", "b.json"]).code(1);
    let all = test
        .again(&["executions", "list", "--output", "json"])
        .code(0)
        .json();
    let names: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["beta", "alpha"]);
    let failed = test
        .again(&[
            "executions",
            "list",
            "--status",
            "terminal",
            "--output",
            "json",
        ])
        .json();
    assert_eq!(failed.as_array().unwrap().len(), 1);
    assert_eq!(failed[0]["name"], "beta");
    let alpha = test
        .again(&[
            "executions",
            "list",
            "--pipeline",
            "alpha",
            "--since",
            "1h",
            "--output",
            "plain",
        ])
        .code(0);
    assert_eq!(alpha.stdout.lines().count(), 1);
    assert!(
        alpha.stdout.contains("\talpha\tSUCCEEDED\t"),
        "{}",
        alpha.stdout
    );
    let bad = test.again(&["executions", "list", "--since", "yesterday"]);
    assert_eq!(bad.code, 2);
    let id = failed[0]["id"].as_str().unwrap();
    let shown = test
        .again(&["executions", "show", id, "--output", "plain"])
        .code(0);
    assert!(
        shown
            .stdout
            .contains("status=\"TERMINAL: `waitTime` must be a number of seconds, not `x`\""),
        "{}",
        shown.stdout
    );
    let missing = test.again(&["executions", "show", "01NOPE"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing
            .stderr
            .contains("no execution `01NOPE` in the history"),
        "{}",
        missing.stderr
    );
}

#[test]
fn parameters_are_checked_before_anything_runs() {
    let pipeline = json!({"name": "p", "parameterConfig": [
        {"name": "env", "required": true, "hasOptions": true, "options": [{"value": "dev"}, {"value": "prod"}]},
        {"name": "size", "required": true}
    ], "stages": [{"refId": "1", "type": "wait", "waitTime": 0}]});
    let test = Test::new()
        .file("p.json", &pipeline.to_string())
        .file("params.json", r#"{"size": "3"}"#);
    let missing = test.again(&["run", "p.json"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing
            .stderr
            .contains("error: missing required parameters: env, size"),
        "{}",
        missing.stderr
    );
    let wrong = test.again(&[
        "run",
        "p.json",
        "--params-file",
        "params.json",
        "--param",
        "env=qa",
    ]);
    assert_eq!(wrong.code, 2);
    assert!(
        wrong
            .stderr
            .contains("parameter `env` must be one of dev, prod, not `qa`"),
        "{}",
        wrong.stderr
    );
    let listed = test
        .again(&["executions", "list", "--output", "json"])
        .json();
    assert_eq!(listed, json!([]), "nothing ran");
    test.again(&[
        "run",
        "p.json",
        "--params-file",
        "params.json",
        "--param",
        "env=prod",
    ])
    .code(0);
}

#[test]
fn a_trigger_file_becomes_the_executions_trigger() {
    let pipeline = r#"{"name": "p", "stages": [{"refId": "1", "type": "evaluateVariables", "name": "Tag",
        "variables": [{"key": "image", "value": "app:${trigger.tag}"}]}]}"#;
    let outcome = Test::new()
        .file("p.json", pipeline)
        .file(
            "trigger.json",
            r#"{"type": "docker", "account": "hub", "repository": "org/app", "tag": "1.4.2"}"#,
        )
        .args([
            "run",
            "p.json",
            "--trigger",
            "trigger.json",
            "--output",
            "json",
        ])
        .run()
        .code(0);
    let execution = outcome.json();
    assert_eq!(execution["trigger"]["type"], "docker");
    assert_eq!(execution["trigger"]["user"], "tester");
    assert_eq!(execution["stages"][0]["outputs"]["image"], "app:1.4.2");
}

#[test]
fn a_judgment_flag_must_name_a_judgment_stage() {
    let outcome = Test::new()
        .file("p.json", &judgment_pipeline())
        .args(["run", "p.json", "--judgment", "Promote=continue"])
        .run()
        .code(2);
    assert!(
        outcome.stderr.contains(
            "`--judgment` names no manual judgment stage `Promote`; the pipeline (and the pipelines it runs) has `Go / No go`"
        ),
        "{}",
        outcome.stderr
    );
}

/// Waits until execution `id` shows stage `name` with `status` in the history.
fn wait_for_stage(test: &Test, id: &str, name: &str, status: &str) -> Value {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let shown = test.again(&["executions", "show", id, "--output", "json"]);
        if shown.code == 0 {
            let execution = shown.json();
            let reached = execution["stages"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s["name"] == name && s["status"] == status);
            if reached {
                return execution;
            }
        }
        assert!(
            Instant::now() < deadline,
            "stage `{name}` never became {status}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_killed_run_resumes_without_redoing_finished_work() {
    let pipeline = r#"{"name": "resumable", "stages": [
        {"refId": "1", "type": "evaluateVariables", "name": "First", "variables": [{"key": "n", "value": "1"}]},
        {"refId": "2", "type": "wait", "name": "Slow", "waitTime": 4, "requisiteStageRefIds": ["1"]},
        {"refId": "3", "type": "wait", "name": "Last", "waitTime": 0, "requisiteStageRefIds": ["2"]}
    ]}"#;
    let test = Test::new().file("p.json", pipeline);
    let mut runner = test
        .command(&["run", "p.json"])
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let id = running_execution(&test);
    let before = wait_for_stage(&test, &id, "Slow", "RUNNING");
    runner.kill().unwrap();
    runner.wait().unwrap();
    let listed = test
        .again(&["executions", "list", "--output", "plain"])
        .code(0);
    assert!(
        listed.stdout.contains("RUNNING (process gone)"),
        "{}",
        listed.stdout
    );
    let resumed = test
        .again(&["executions", "resume", &id, "--output", "json"])
        .code(0);
    let after = resumed.json();
    assert_eq!(after["status"], "SUCCEEDED");
    assert_eq!(after["id"], id);
    assert_eq!(
        after["stages"][0]["tasks"], before["stages"][0]["tasks"],
        "the finished stage was not run again"
    );
    assert_eq!(after["stages"][0]["outputs"], json!({"n": "1"}));
    assert_eq!(
        after["stages"][1]["startTime"], before["stages"][1]["startTime"],
        "the running stage kept its start"
    );
    assert_eq!(after["stages"][2]["status"], "SUCCEEDED");
    assert!(
        resumed.stderr.contains("resumed, first started"),
        "{}",
        resumed.stderr
    );
    let again = test.again(&["executions", "resume", &id]);
    assert_eq!(again.code, 2);
    assert!(
        again
            .stderr
            .contains("is SUCCEEDED already; there is nothing to resume"),
        "{}",
        again.stderr
    );
}

#[test]
fn ctrl_c_cancels_the_execution_and_records_it() {
    let pipeline = r#"{"name": "long", "stages": [{"refId": "1", "type": "wait", "name": "Long nap", "waitTime": 600}]}"#;
    let test = Test::new().file("p.json", pipeline);
    let runner = test
        .command(&["run", "p.json", "--output", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let id = running_execution(&test);
    wait_for_stage(&test, &id, "Long nap", "RUNNING");
    let status = std::process::Command::new("kill")
        .args(["-INT", &runner.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let output = runner.wait_with_output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let execution: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(execution["status"], "CANCELED");
    assert_eq!(execution["cancellationReason"], "interrupted (Ctrl-C)");
    let kept = test
        .again(&["executions", "show", &id, "--output", "json"])
        .json();
    assert_eq!(kept["status"], "CANCELED");
}

#[test]
fn judgment_roles_are_enforced_against_the_configured_roles() {
    let pipeline = json!({"name": "guarded", "stages": [
        {"refId": "1", "type": "manualJudgment", "name": "Release", "selectedStageRoles": ["release-managers"]}
    ]});
    let test = Test::new()
        .file("p.json", &pipeline.to_string())
        .file("dev.toml", "[judgments]\nroles = [\"developers\"]\n")
        .file(
            "rm.toml",
            "[judgments]\nroles = [\"developers\", \"release-managers\"]\n",
        );
    let refused = test.again(&[
        "--config",
        "dev.toml",
        "run",
        "p.json",
        "--judgment",
        "Release=continue",
    ]);
    assert_eq!(refused.code, 2);
    assert!(
        refused.stderr.contains(
            "answering `Release` needs one of the roles release-managers; yours (`[judgments] roles` in the config file): developers"
        ),
        "{}",
        refused.stderr
    );
    test.again(&[
        "--config",
        "rm.toml",
        "run",
        "p.json",
        "--judgment",
        "Release=continue",
    ])
    .code(0);
}

#[test]
fn failed_expressions_are_shown_under_their_stage() {
    let outcome = Test::new()
        .file("p.json", r#"{"name": "x", "stages": [{"refId": "1", "type": "wait", "name": "Nap", "waitTime": 0, "note": "${nope.missing}"}]}"#)
        .args(["run", "p.json", "--output", "plain"])
        .run()
        .code(0);
    assert!(
        outcome.stdout.contains(
            "   expression `nope.missing` failed: Failed to evaluate [note] EL1007E: Property or field 'missing' cannot be found on null"
        ),
        "{}",
        outcome.stdout
    );
}

fn queued_runs(test: &Test) -> usize {
    std::fs::read_dir(test.dir().join(".data/queue/queued")).map_or(0, Iterator::count)
}

#[test]
fn with_wait_a_second_run_queues_and_only_the_newest_queued_run_starts() {
    // The first run holds the slot until the test answers its judgment, so the queue is
    // complete before the slot frees, however slow the machine.
    let pipeline = r#"{"name": "queued", "keepWaitingPipelines": false,
        "stages": [{"refId": "1", "type": "manualJudgment", "name": "Hold"}]}"#;
    let test = Test::new().file("p.json", pipeline);
    let quiet = std::process::Stdio::piped;
    let first = test
        .command(&["run", "p.json"])
        .stdout(quiet())
        .stderr(quiet())
        .spawn()
        .unwrap();
    let first_id = running_execution(&test);
    let second = test
        .command(&["run", "p.json", "--wait", "--judgment", "Hold=continue"])
        .stdout(quiet())
        .stderr(quiet())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while queued_runs(&test) < 1 {
        assert!(Instant::now() < deadline, "the second run never queued");
        std::thread::sleep(Duration::from_millis(20));
    }
    let third = test
        .command(&[
            "run",
            "p.json",
            "--wait",
            "--judgment",
            "Hold=continue",
            "--output",
            "json",
        ])
        .stdout(quiet())
        .stderr(quiet())
        .spawn()
        .unwrap();
    while queued_runs(&test) < 2 {
        assert!(Instant::now() < deadline, "the third run never queued");
        std::thread::sleep(Duration::from_millis(20));
    }
    test.again(&["judge", &first_id, "--stage", "Hold", "--continue"])
        .code(0);
    assert_eq!(first.wait_with_output().unwrap().status.code(), Some(0));
    let second = second.wait_with_output().unwrap();
    assert_eq!(
        second.status.code(),
        Some(3),
        "the older queued run is superseded"
    );
    let second_err = String::from_utf8_lossy(&second.stderr);
    assert!(
        second_err.contains("waiting for it to finish (limitConcurrent)"),
        "{second_err}"
    );
    assert!(
        second_err.contains("a newer queued execution of this pipeline superseded this one"),
        "{second_err}"
    );
    let third = third.wait_with_output().unwrap();
    assert_eq!(
        third.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&third.stderr)
    );
    let listed = test
        .again(&["executions", "list", "--output", "json"])
        .json();
    assert_eq!(
        listed.as_array().unwrap().len(),
        2,
        "the superseded run never became an execution"
    );
}

/// Serves `body` to every request on a 127.0.0.1 port, from a background thread.
fn serve_text(body: &'static str) -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(16) {
            let Ok(mut stream) = stream else { continue };
            let mut buffer = [0_u8; 4096];
            let _ = std::io::Read::read(&mut stream, &mut buffer);
            let response = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = std::io::Write::write_all(&mut stream, response.as_bytes());
        }
    });
    port
}

#[test]
fn url_helpers_and_pipeline_ids_work_during_a_run() {
    let port = serve_text("{\"version\": \"1.2.3\"}");
    let pipelines = json!([
        {"name": "main", "application": "hello", "stages": [
            {"refId": "1", "type": "evaluateVariables", "name": "Look up", "variables": [
                {"key": "version", "value": format!("${{#jsonFromUrl('http://127.0.0.1:{port}/release').version}}")},
                {"key": "other", "value": "${#pipelineId('other')}"}
            ]}
        ]},
        {"name": "other", "id": "other-id", "application": "hello", "stages": [{"refId": "1", "type": "wait", "waitTime": 0}]}
    ]);
    let test = Test::new().file("p.json", &pipelines.to_string()).file(
        "gennaker.toml",
        "[expressions]\nallowed-url-hosts = [\"127.0.0.1\"]\n",
    );
    let execution = test
        .again(&[
            "--config",
            "gennaker.toml",
            "run",
            "p.json",
            "--pipeline",
            "main",
            "--output",
            "json",
        ])
        .code(0)
        .json();
    assert_eq!(execution["stages"][0]["outputs"]["version"], "1.2.3");
    assert_eq!(execution["stages"][0]["outputs"]["other"], "other-id");
    let refused = test
        .again(&["run", "p.json", "--pipeline", "main", "--output", "json"])
        .code(0)
        .json();
    let summary = refused["stages"][0]["context"]["expressionEvaluationSummary"].to_string();
    assert!(
        summary.contains("127.0.0.1"),
        "loopback is refused unless allowed: {summary}"
    );
}

/// Every file under `dir`, read as text.
fn all_text_under(dir: &std::path::Path) -> String {
    let mut text = String::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            text.push_str(&all_text_under(&path));
        } else if let Ok(contents) = std::fs::read_to_string(&path) {
            text.push_str(&contents);
        }
    }
    text
}

#[test]
fn header_secrets_never_reach_the_history_or_the_output() {
    let port = serve_text("{}");
    let pipeline = json!({"name": "secret", "stages": [
        {"refId": "0", "type": "wait", "name": "First", "waitTime": 0},
        {"refId": "3", "type": "webhook", "name": "Never reached", "requisiteStageRefIds": ["0"], "method": "GET",
         "url": format!("http://127.0.0.1:{port}/hook"), "customHeaders": {"X-Api-Key": "k3y-never-sent"},
         "stageEnabled": {"type": "expression", "expression": "false"}},
        {"refId": "2", "type": "webhook", "name": "Call", "requisiteStageRefIds": ["0"], "method": "GET",
         "url": format!("http://127.0.0.1:{port}/hook"),
         "customHeaders": {"Authorization": "Bearer s3cr3t-t0ken", "Accept": "application/json"}}
    ]});
    let test = Test::new().file("p.json", &pipeline.to_string());
    let outcome = test.again(&["run", "p.json", "--output", "json"]).code(0);
    assert!(!outcome.stdout.contains("s3cr3t-t0ken") && !outcome.stderr.contains("s3cr3t-t0ken"));
    assert!(
        !outcome.stdout.contains("k3y-never-sent"),
        "a stage that never ran shows no secret either"
    );
    let execution = outcome.json();
    assert_eq!(
        execution["stages"][2]["context"]["customHeaders"]["Authorization"],
        "<redacted>"
    );
    assert_eq!(
        execution["stages"][2]["context"]["customHeaders"]["Accept"],
        "application/json"
    );
    assert_eq!(execution["stages"][1]["status"], "SKIPPED");
    let kept = all_text_under(&test.dir().join(".data"));
    assert!(kept.contains("customHeaders"), "the history was written");
    assert!(
        !kept.contains("s3cr3t-t0ken"),
        "a secret reached the history"
    );
    assert!(
        !kept.contains("k3y-never-sent"),
        "a secret of a skipped stage reached the history"
    );
}

#[test]
fn run_and_show_end_with_the_same_stage_table() {
    let pipeline = r#"{"name": "t", "stages": [
        {"refId": "1", "type": "checkPreconditions", "name": "Guard",
         "preconditions": [{"type": "expression", "context": {"expression": "1 == 2"}}]}]}"#;
    let test = Test::new().file("p.json", pipeline);
    let ran = test.again(&["run", "p.json", "--output", "table"]).code(1);
    let table_start = ran.stdout.find('┌').expect("a table after the log");
    let table = &ran.stdout[table_start..];
    for expected in [
        "Guard",
        "└ Check precondition (expression)",
        "TERMINAL: precondition `1 == 2` is false",
        "refId",
    ] {
        assert!(table.contains(expected), "missing {expected:?} in\n{table}");
    }
    let id = test
        .again(&["executions", "list", "--output", "json"])
        .json()[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let shown = test
        .again(&["executions", "show", &id, "--output", "table"])
        .code(0);
    assert!(
        shown.stdout.ends_with(table),
        "show:\n{}\nrun:\n{table}",
        shown.stdout
    );
}
