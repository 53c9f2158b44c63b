//! The `webhook` stage through the real binary, against a scripted server on 127.0.0.1:
//! what the server receives, the exit code, and where the execution JSON records each result
//! (orca-model §5.5: `context.webhook`, `context.webhook.monitor`, never outputs).

use std::process::Command;

use serde_json::{Value, json};

use crate::support::{Outcome, Test};
use crate::webhook_server::{HookServer, Reply};

fn pipeline(stages: &Value) -> String {
    json!({"application": "hooks", "name": "Webhooks", "stages": stages}).to_string()
}

fn test(stages: &Value) -> Test {
    Test::new().file("pipeline.json", &pipeline(stages)).args([
        "run",
        "pipeline.json",
        "--output",
        "json",
    ])
}

fn run(stages: &Value) -> Outcome {
    test(stages).run()
}

fn stage<'a>(execution: &'a Value, name: &str) -> &'a Value {
    execution["stages"]
        .as_array()
        .and_then(|stages| stages.iter().find(|stage| stage["name"] == name))
        .unwrap_or_else(|| panic!("no stage `{name}` in {execution:#}"))
}

fn tasks(stage: &Value) -> Vec<(String, String)> {
    stage["tasks"]
        .as_array()
        .map(|tasks| {
            tasks
                .iter()
                .map(|task| {
                    (
                        task["name"].as_str().unwrap_or_default().to_owned(),
                        task["status"].as_str().unwrap_or_default().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn named(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(name, status)| ((*name).to_owned(), (*status).to_owned()))
        .collect()
}

#[test]
fn a_plain_post_sends_the_payload_and_records_the_answer() {
    let server = HookServer::start(|_, _| {
        Reply::json(200, &json!({"id": "42"})).header("x-request-id", "r-1")
    });
    let outcome = run(&json!([{
        "refId": "1", "type": "webhook", "name": "Notify",
        "url": server.url("/notify"),
        "payload": {"version": "1.2.3", "by": "${trigger.user}"}
    }]))
    .code(0);
    let execution = outcome.json();
    assert_eq!(execution["status"], "SUCCEEDED");
    let notify = stage(&execution, "Notify");
    assert_eq!(notify["status"], "SUCCEEDED");
    assert_eq!(tasks(notify), named(&[("createWebhook", "SUCCEEDED")]));
    assert_eq!(
        notify["tasks"][0]["implementingClass"],
        "com.netflix.spinnaker.orca.webhook.tasks.CreateWebhookTask"
    );
    let webhook = &notify["context"]["webhook"];
    assert_eq!(webhook["statusCode"], "OK");
    assert_eq!(webhook["statusCodeValue"], 200);
    assert_eq!(webhook["body"], json!({"id": "42"}));
    assert_eq!(webhook["headers"]["x-request-id"], "r-1");
    assert_eq!(
        notify["outputs"],
        json!({}),
        "webhook results go to the context only"
    );

    let posts = server.requests("POST", "/notify");
    assert_eq!(posts.len(), 1);
    assert_eq!(
        posts[0].json(),
        json!({"version": "1.2.3", "by": execution["trigger"]["user"]})
    );
    assert_eq!(posts[0].header("content-type"), Some("application/json"));
}

#[test]
fn get_polling_follows_the_status_until_it_is_a_success() {
    let server = HookServer::start(|request, nth| match (request.method.as_str(), nth) {
        ("PUT", _) => Reply::json(202, &json!({"accepted": true})),
        (_, 0 | 1) => Reply::json(200, &json!({"status": "RUNNING"})).header("retry-after", "0"),
        _ => Reply::json(200, &json!({"status": "success"})),
    });
    let outcome = run(&json!([{
        "refId": "1", "type": "webhook", "name": "Build",
        "url": server.url("/job"), "method": "put",
        "waitForCompletion": true, "statusUrlResolution": "getMethod",
        "statusJsonPath": "$.status", "successStatuses": "SUCCESS, DONE"
    }]))
    .code(0);
    let execution = outcome.json();
    let build = stage(&execution, "Build");
    assert_eq!(build["status"], "SUCCEEDED");
    assert_eq!(
        tasks(build),
        named(&[
            ("createWebhook", "SUCCEEDED"),
            ("monitorWebhook", "SUCCEEDED")
        ])
    );
    assert_eq!(
        build["tasks"][1]["implementingClass"],
        "com.netflix.spinnaker.orca.webhook.tasks.MonitorWebhookTask"
    );
    let webhook = &build["context"]["webhook"];
    assert_eq!(
        webhook["statusCodeValue"], 202,
        "the create answer stays beside the monitor"
    );
    assert_eq!(webhook["statusEndpoint"], server.url("/job"));
    assert_eq!(build["context"]["statusEndpoint"], server.url("/job"));
    assert_eq!(webhook["monitor"]["body"], json!({"status": "success"}));
    assert_eq!(webhook["monitor"]["statusCode"], "OK");
    assert_eq!(webhook["monitor"]["statusCodeValue"], 200);
    assert_eq!(server.requests("PUT", "/job").len(), 1);
    assert_eq!(server.requests("GET", "/job").len(), 3);
}

#[test]
fn a_location_header_says_where_to_poll() {
    let server = HookServer::start(|request, _| match request.method.as_str() {
        "POST" => Reply::empty(201).header("location", "/deploys/9/status"),
        _ => Reply::json(200, &json!({"build": {"result": "SUCCESS"}})),
    });
    let outcome = run(&json!([{
        "refId": "1", "type": "webhook", "name": "Deploy",
        "url": server.url("/deploys"),
        "waitForCompletion": true, "statusUrlResolution": "locationHeader",
        "statusJsonPath": "$.build.result", "successStatuses": "SUCCESS"
    }]))
    .code(0);
    let execution = outcome.json();
    let deploy = stage(&execution, "Deploy");
    assert_eq!(deploy["context"]["webhook"]["statusCode"], "CREATED");
    assert_eq!(
        deploy["context"]["webhook"]["statusEndpoint"],
        server.url("/deploys/9/status")
    );
    assert_eq!(server.requests("GET", "/deploys/9/status").len(), 1);
}

#[test]
fn polls_follow_redirects_but_the_call_does_not() {
    let server =
        HookServer::start(
            |request, _| match (request.method.as_str(), request.path.as_str()) {
                ("POST", "/start") => Reply::empty(302).header("location", "/state"),
                ("GET", "/state") => Reply::empty(307).header("location", "/state/final"),
                _ => Reply::json(200, &json!({"state": "done"})),
            },
        );
    let outcome = run(&json!([{
        "refId": "1", "type": "webhook", "name": "Redirected",
        "url": server.url("/start"),
        "waitForCompletion": true, "statusUrlResolution": "locationHeader",
        "statusJsonPath": "$.state", "successStatuses": "DONE"
    }]))
    .code(0);
    let execution = outcome.json();
    let webhook = &stage(&execution, "Redirected")["context"]["webhook"];
    assert_eq!(webhook["statusCode"], "FOUND");
    assert_eq!(webhook["statusEndpoint"], server.url("/state"));
    assert_eq!(webhook["monitor"]["body"], json!({"state": "done"}));
    assert_eq!(
        server.requests("GET", "/state").len(),
        1,
        "only the poll, not the call, went there"
    );
    assert_eq!(server.requests("GET", "/state/final").len(), 1);
}

#[test]
fn the_status_url_can_come_from_the_response_body() {
    let server = HookServer::start(|request, _| match request.method.as_str() {
        "POST" => Reply::json(
            200,
            &json!({"links": {"status": format!("http://{}/jobs/1/state", request.headers["host"])}}),
        ),
        _ => Reply::json(
            200,
            &json!({"items": [{"state": "Done"}, {"state": "queued"}]}),
        ),
    });
    let outcome = run(&json!([{
        "refId": "1", "type": "webhook", "name": "Job",
        "url": server.url("/jobs"),
        "waitForCompletion": true, "statusUrlResolution": "webhookResponse",
        "statusUrlJsonPath": "$.links.status",
        "statusJsonPath": "$.items[0].state", "successStatuses": "DONE"
    }]))
    .code(0);
    let execution = outcome.json();
    let job = stage(&execution, "Job");
    assert_eq!(
        job["context"]["webhook"]["statusEndpoint"],
        server.url("/jobs/1/state")
    );
    assert_eq!(server.requests("GET", "/jobs/1/state").len(), 1);
}

#[test]
fn a_terminal_status_fails_the_pipeline_and_calls_the_cancel_endpoint() {
    let server = HookServer::start(|request, _| match request.method.as_str() {
        "POST" => Reply::json(202, &json!({})),
        "GET" => Reply::json(200, &json!({"state": "Failed", "message": "tests failed"})),
        _ => Reply::empty(204),
    });
    let outcome = run(&json!([
        {
            "refId": "1", "type": "webhook", "name": "Tests",
            "url": server.url("/tests"),
            "waitForCompletion": true, "statusUrlResolution": "getMethod",
            "statusJsonPath": "$.state", "progressJsonPath": "$.message",
            "successStatuses": "PASSED", "terminalStatuses": "FAILED,ERROR",
            "cancelEndpoint": server.url("/tests/cancel"), "cancelMethod": "delete",
            "cancelPayload": {"reason": "stage failed"}
        },
        {"refId": "2", "requisiteStageRefIds": ["1"], "type": "wait", "name": "After", "waitTime": 0}
    ]))
    .code(1);
    let execution = outcome.json();
    assert_eq!(execution["status"], "TERMINAL");
    let tests = stage(&execution, "Tests");
    assert_eq!(tests["status"], "TERMINAL");
    assert_eq!(
        tests["context"]["webhook"]["monitor"]["progressMessage"],
        "tests failed"
    );
    assert_eq!(stage(&execution, "After")["status"], "NOT_STARTED");
    // Orca's `onFailureStages` hook: a failed webhook stage calls its cancel endpoint.
    let cancels = server.requests("DELETE", "/tests/cancel");
    assert_eq!(cancels.len(), 1);
    assert_eq!(cancels[0].json(), json!({"reason": "stage failed"}));
}

#[test]
fn a_canceled_status_cancels_the_execution() {
    let server = HookServer::start(|request, _| match request.method.as_str() {
        "POST" => Reply::json(200, &json!({})),
        _ => Reply::json(200, &json!({"state": "aborted"})),
    });
    let outcome = run(&json!([{
        "refId": "1", "type": "webhook", "name": "Release",
        "url": server.url("/release"),
        "waitForCompletion": true, "statusUrlResolution": "getMethod",
        "statusJsonPath": "state", "successStatuses": "OK",
        "canceledStatuses": "ABORTED, REVOKED"
    }]))
    .code(3);
    let execution = outcome.json();
    assert_eq!(execution["status"], "CANCELED");
    let release = stage(&execution, "Release");
    assert_eq!(release["status"], "CANCELED");
    assert_eq!(
        tasks(release),
        named(&[
            ("createWebhook", "SUCCEEDED"),
            ("monitorWebhook", "CANCELED")
        ])
    );
}

#[test]
fn a_fail_fast_504_is_not_retried() {
    let server = HookServer::start(|_, _| Reply::empty(504));
    let outcome = run(&json!([{
        "refId": "1", "type": "webhook", "name": "Gateway", "url": server.url("/slow")
    }]))
    .code(1);
    let execution = outcome.json();
    let gateway = stage(&execution, "Gateway");
    assert_eq!(gateway["status"], "TERMINAL");
    assert_eq!(
        gateway["context"]["webhook"]["statusCode"],
        "GATEWAY_TIMEOUT"
    );
    let error = gateway["context"]["webhook"]["error"]
        .as_str()
        .unwrap_or_default();
    assert!(error.contains("configured to fail fast"), "{error}");
    assert_eq!(server.requests("POST", "/slow").len(), 1);
    assert!(
        outcome.stderr.contains("configured to fail fast"),
        "{}",
        outcome.stderr
    );
}

#[test]
fn a_503_is_retried_until_the_call_succeeds() {
    let server = HookServer::start(|_, nth| match nth {
        0 => Reply::empty(503).header("retry-after", "0"),
        1 => Reply::empty(429).header("retry-after", "0"),
        _ => Reply::json(200, &json!({"ok": true})),
    });
    let outcome = run(&json!([{
        "refId": "1", "type": "webhook", "name": "Flaky", "url": server.url("/flaky")
    }]))
    .code(0);
    let execution = outcome.json();
    let flaky = stage(&execution, "Flaky");
    assert_eq!(flaky["status"], "SUCCEEDED");
    assert_eq!(flaky["context"]["webhook"]["statusCodeValue"], 200);
    assert!(flaky["context"]["webhook"].get("error").is_none());
    assert_eq!(server.requests("POST", "/flaky").len(), 3);
}

#[test]
fn another_4xx_is_terminal_with_the_error_in_the_stage() {
    let server = HookServer::start(|_, _| Reply::json(403, &json!({"message": "forbidden"})));
    let outcome = run(&json!([{
        "refId": "1", "type": "webhook", "name": "Secured", "url": server.url("/secured")
    }]))
    .code(1);
    let execution = outcome.json();
    let secured = stage(&execution, "Secured");
    assert_eq!(secured["status"], "TERMINAL");
    let webhook = &secured["context"]["webhook"];
    assert_eq!(webhook["statusCodeValue"], 403);
    assert_eq!(webhook["statusCode"], "FORBIDDEN");
    assert_eq!(webhook["body"], json!({"message": "forbidden"}));
    let expected = format!(
        "Error submitting webhook for pipeline {} to {} with status code 403.",
        execution["id"].as_str().unwrap_or_default(),
        server.url("/secured")
    );
    assert_eq!(webhook["error"], expected.as_str());
    assert_eq!(
        secured["context"]["exception"]["details"]["error"],
        expected.as_str()
    );
    assert_eq!(server.requests("POST", "/secured").len(), 1);
}

#[test]
fn a_numeric_status_is_progress_until_it_reaches_100() {
    let server = HookServer::start(|request, nth| match (request.method.as_str(), nth) {
        ("POST", _) => Reply::json(202, &json!({})),
        (_, 0) => {
            Reply::json(200, &json!({"done": 40, "step": "copying"})).header("retry-after", "0")
        }
        _ => Reply::json(200, &json!({"done": 100, "step": "finished"})),
    });
    let outcome = run(&json!([{
        "refId": "1", "type": "webhook", "name": "Copy",
        "url": server.url("/copy"),
        "waitForCompletion": true, "statusUrlResolution": "getMethod",
        "statusJsonPath": "$.done", "progressJsonPath": "$.step"
    }]))
    .code(0);
    let execution = outcome.json();
    let monitor = &stage(&execution, "Copy")["context"]["webhook"]["monitor"];
    assert_eq!(monitor["percentComplete"], 100);
    assert_eq!(monitor["progressMessage"], "finished");
    assert_eq!(server.requests("GET", "/copy").len(), 2);
}

#[test]
fn a_filter_path_gives_a_list_which_is_not_a_status_as_in_spinnaker() {
    let server = HookServer::start(|request, _| match request.method.as_str() {
        "POST" => Reply::json(202, &json!({})),
        _ => Reply::json(200, &json!({"checks": [{"name": "lint", "state": "DONE"}]})),
    });
    let outcome = run(&json!([{
        "refId": "1", "type": "webhook", "name": "Checks",
        "url": server.url("/checks"),
        "waitForCompletion": true, "statusUrlResolution": "getMethod",
        "statusJsonPath": "$.checks[?(@.name=='lint')].state", "successStatuses": "DONE"
    }]))
    .code(1);
    let execution = outcome.json();
    let monitor = &stage(&execution, "Checks")["context"]["webhook"]["monitor"];
    assert_eq!(monitor["resolvedValue"], json!(["DONE"]));
    assert_eq!(
        monitor["error"],
        "The json path '$.checks[?(@.name=='lint')].state' did not resolve to a single value"
    );
}

#[test]
fn custom_headers_are_sent_but_never_recorded() {
    let server = HookServer::start(|request, _| {
        // A careless server echoing the credentials must not leak them into the record either.
        Reply::json(
            200,
            &json!({"you sent": request.header("authorization"), "key": request.header("x-api-key")}),
        )
        .header("set-cookie", "session=abcdef0123456789")
    });
    let test = test(&json!([{
        "refId": "1", "type": "webhook", "name": "Authenticated",
        "url": server.url("/secure"),
        "customHeaders": {
            "Authorization": "Bearer s3cr3t-t0ken-value",
            "X-Api-Key": ["k3y-0123456789"],
            "Accept": "application/json",
            "X-Spinnaker-User": "admin"
        }
    }]));
    let outcome = test.run().code(0);

    let sent = server.requests("POST", "/secure");
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0].header("authorization"),
        Some("Bearer s3cr3t-t0ken-value")
    );
    assert_eq!(sent[0].header("x-api-key"), Some("k3y-0123456789"));
    assert_eq!(
        sent[0].header("x-spinnaker-user"),
        None,
        "deny-listed as in Orca"
    );

    let execution = outcome.json();
    let context = &stage(&execution, "Authenticated")["context"];
    assert_eq!(
        context["customHeaders"],
        json!({
            "Authorization": "<redacted>",
            "X-Api-Key": ["<redacted>"],
            "Accept": "application/json",
            "X-Spinnaker-User": "<redacted>"
        })
    );
    assert_eq!(
        context["webhook"]["body"],
        json!({"you sent": "<redacted>", "key": "<redacted>"})
    );
    assert_eq!(context["webhook"]["headers"]["set-cookie"], "<redacted>");
    for secret in ["s3cr3t-t0ken-value", "k3y-0123456789", "abcdef0123456789"] {
        assert!(
            !outcome.stdout.contains(secret),
            "{secret} printed: {}",
            outcome.stdout
        );
        assert!(
            !outcome.stderr.contains(secret),
            "{secret} logged: {}",
            outcome.stderr
        );
    }
    for file in files_under(&test.dir().join(".data")) {
        let contents =
            String::from_utf8_lossy(&std::fs::read(&file).unwrap_or_default()).into_owned();
        assert!(
            !contents.contains("s3cr3t-t0ken-value"),
            "the secret is kept in {}",
            file.display()
        );
    }
    let shown = Command::new(assert_cmd::cargo::cargo_bin("gennaker"))
        .current_dir(test.dir())
        .env("GENNAKER_DATA_DIR", test.dir().join(".data"))
        .env("HOME", test.dir())
        .args([
            "executions",
            "show",
            execution["id"].as_str().unwrap_or_default(),
            "--output",
            "json",
        ])
        .output()
        .expect("run gennaker executions show");
    let shown = String::from_utf8_lossy(&shown.stdout);
    assert!(shown.contains("<redacted>"), "{shown}");
    assert!(!shown.contains("s3cr3t-t0ken-value"), "{shown}");
}

fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn the_cancel_endpoint_is_called_when_another_branch_fails() {
    let server =
        HookServer::start(
            |request, _| match (request.method.as_str(), request.path.as_str()) {
                ("POST", "/long") => Reply::json(202, &json!({})),
                ("GET", "/long") => Reply::json(200, &json!({"state": "RUNNING"})),
                ("POST", "/broken") => Reply::json(400, &json!({"message": "bad request"})),
                _ => Reply::empty(202),
            },
        );
    let outcome = run(&json!([
        {
            "refId": "long", "type": "webhook", "name": "Long job",
            "url": server.url("/long"),
            "waitForCompletion": true, "statusUrlResolution": "getMethod",
            "statusJsonPath": "$.state", "successStatuses": "SUCCEEDED",
            "cancelEndpoint": server.url("/long/cancel"),
            "cancelPayload": {"why": "pipeline halted"}
        },
        {"refId": "pause", "type": "wait", "name": "Pause", "waitTime": 2},
        {
            "refId": "broken", "requisiteStageRefIds": ["pause"], "type": "webhook",
            "name": "Broken", "url": server.url("/broken")
        }
    ]))
    .code(1);
    let execution = outcome.json();
    assert_eq!(execution["status"], "TERMINAL");
    assert_eq!(stage(&execution, "Broken")["status"], "TERMINAL");
    let long = stage(&execution, "Long job");
    assert_eq!(long["status"], "CANCELED");
    assert_eq!(
        tasks(long)[1],
        ("monitorWebhook".to_owned(), "CANCELED".to_owned())
    );
    let cancels = server.requests("POST", "/long/cancel");
    assert_eq!(cancels.len(), 1, "{:#?}", server.received());
    assert_eq!(cancels[0].json(), json!({"why": "pipeline halted"}));
}

#[test]
fn executions_cancel_from_another_shell_calls_the_cancel_endpoint() {
    let server = HookServer::start(|request, _| match request.method.as_str() {
        "POST" if request.path == "/job" => Reply::json(202, &json!({})),
        "GET" => Reply::json(200, &json!({"state": "RUNNING"})),
        _ => Reply::empty(200),
    });
    let test = test(&json!([{
        "refId": "1", "type": "webhook", "name": "Job",
        "url": server.url("/job"), "payload": {"execution": "${execution.id}"},
        "waitForCompletion": true, "statusUrlResolution": "getMethod",
        "statusJsonPath": "$.state", "successStatuses": "SUCCEEDED",
        "cancelEndpoint": server.url("/job/cancel")
    }]));
    let outcome = std::thread::scope(|scope| {
        let running = scope.spawn(|| test.run());
        let created = server.wait_for("POST", "/job", 1);
        let id = created[0].json()["execution"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        server.wait_for("GET", "/job", 1);
        let cancel = Command::new(assert_cmd::cargo::cargo_bin("gennaker"))
            .current_dir(test.dir())
            .env("GENNAKER_DATA_DIR", test.dir().join(".data"))
            .env("HOME", test.dir())
            .args(["executions", "cancel", &id])
            .output()
            .expect("run gennaker executions cancel");
        assert!(
            cancel.status.success(),
            "{}",
            String::from_utf8_lossy(&cancel.stderr)
        );
        running.join().expect("the run thread")
    });
    let outcome = outcome.code(3);
    let execution = outcome.json();
    assert_eq!(execution["status"], "CANCELED");
    assert_eq!(execution["canceled"], true);
    assert_eq!(stage(&execution, "Job")["status"], "CANCELED");
    assert_eq!(server.requests("POST", "/job/cancel").len(), 1);
}

#[test]
fn ctrl_c_cancels_the_execution_and_calls_the_cancel_endpoint() {
    let server = HookServer::start(|request, _| match request.method.as_str() {
        "POST" if request.path == "/job" => Reply::json(202, &json!({})),
        "GET" => Reply::json(200, &json!({"state": "RUNNING"})),
        _ => Reply::empty(200),
    });
    let test = test(&json!([{
        "refId": "1", "type": "webhook", "name": "Job",
        "url": server.url("/job"),
        "waitForCompletion": true, "statusUrlResolution": "getMethod",
        "statusJsonPath": "$.state", "successStatuses": "SUCCEEDED",
        "cancelEndpoint": server.url("/job/cancel"), "cancelMethod": "PUT"
    }]));
    let child = Command::new(assert_cmd::cargo::cargo_bin("gennaker"))
        .current_dir(test.dir())
        .env("GENNAKER_DATA_DIR", test.dir().join(".data"))
        .env("HOME", test.dir())
        .env_remove("CI")
        .args(["run", "pipeline.json", "--output", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start gennaker run");
    server.wait_for("GET", "/job", 1);
    let interrupted = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("run kill");
    assert!(interrupted.success());
    let output = child.wait_with_output().expect("wait for gennaker run");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(3),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let execution: Value = serde_json::from_str(&stdout).expect("the execution as JSON");
    assert_eq!(execution["status"], "CANCELED");
    assert_eq!(stage(&execution, "Job")["status"], "CANCELED");
    assert_eq!(server.requests("PUT", "/job/cancel").len(), 1);
}

#[test]
fn fail_pipeline_false_stops_only_the_branch() {
    let server = HookServer::start(|_, _| Reply::json(400, &json!({})));
    let outcome = run(&json!([
        {
            "refId": "1", "type": "webhook", "name": "Optional",
            "url": server.url("/optional"), "failPipeline": false
        },
        {"refId": "2", "requisiteStageRefIds": ["1"], "type": "wait", "name": "After", "waitTime": 0},
        {"refId": "3", "type": "wait", "name": "Other branch", "waitTime": 0}
    ]))
    .code(0);
    let execution = outcome.json();
    assert_eq!(stage(&execution, "Optional")["status"], "STOPPED");
    assert_eq!(stage(&execution, "After")["status"], "NOT_STARTED");
    assert_eq!(stage(&execution, "Other branch")["status"], "SUCCEEDED");
}

#[test]
fn continue_pipeline_lets_downstream_stages_run() {
    let server = HookServer::start(|_, _| Reply::json(404, &json!({})));
    let outcome = run(&json!([
        {
            "refId": "1", "type": "webhook", "name": "Best effort",
            "url": server.url("/gone"), "continuePipeline": true, "failPipeline": false
        },
        {"refId": "2", "requisiteStageRefIds": ["1"], "type": "wait", "name": "After", "waitTime": 0}
    ]))
    .code(0);
    let execution = outcome.json();
    assert_eq!(execution["status"], "SUCCEEDED");
    assert_eq!(
        stage(&execution, "Best effort")["status"],
        "FAILED_CONTINUE"
    );
    assert_eq!(stage(&execution, "After")["status"], "SUCCEEDED");
}

#[test]
fn monitor_retries_are_capped_per_status_code() {
    let server = HookServer::start(|request, _| match request.method.as_str() {
        "POST" => Reply::json(202, &json!({})),
        _ => Reply::empty(503).header("retry-after", "0"),
    });
    let outcome = run(&json!([{
        "refId": "1", "type": "webhook", "name": "Capped",
        "url": server.url("/capped"),
        "waitForCompletion": true, "statusUrlResolution": "getMethod",
        "statusJsonPath": "$.state", "successStatuses": "DONE",
        "retries": {"503": {"maxAttempts": 2}}
    }]))
    .code(1);
    let execution = outcome.json();
    let monitor = &stage(&execution, "Capped")["context"]["webhook"]["monitor"];
    assert_eq!(monitor["pastStatusCodes"], json!([503, 503]));
    let error = monitor["error"].as_str().unwrap_or_default();
    assert!(error.contains("503"), "{error}");
    assert_eq!(server.requests("GET", "/capped").len(), 3);
}

#[test]
fn monitor_only_polls_the_url_without_creating() {
    let server = HookServer::start(|_, _| Reply::json(200, &json!({"phase": "Complete"})));
    let outcome = run(&json!([{
        "refId": "1", "type": "webhook", "name": "Watch",
        "url": server.url("/status"), "monitorOnly": true, "waitForCompletion": true,
        "statusJsonPath": "$.phase", "successStatuses": "complete",
        "waitBeforeMonitor": 1
    }]))
    .code(0);
    let execution = outcome.json();
    let watch = stage(&execution, "Watch");
    assert_eq!(
        tasks(watch),
        named(&[
            ("waitBeforeMonitorWebhook", "SUCCEEDED"),
            ("monitorWebhook", "SUCCEEDED")
        ])
    );
    assert_eq!(watch["context"]["waitTime"], 1);
    assert_eq!(server.requests("POST", "/status").len(), 0);
    assert_eq!(server.requests("GET", "/status").len(), 1);
}
