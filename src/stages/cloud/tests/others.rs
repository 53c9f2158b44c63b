//! findImage feeding a DC/OS deploy, runJob with property files, failures and cancellation,
//! clusterSize preconditions, and stopDeployment.

use std::time::Duration;

use serde_json::json;

use super::{error_of, run, run_with, stage};
use crate::engine::event::Control;
use crate::engine::status::Status;
use crate::stages::cloud::fake::FakeCloud;

#[tokio::test(start_paused = true)]
async fn a_found_image_feeds_a_deploy_from_context() {
    let cloud = FakeCloud::dcos("prod");
    cloud
        .with_group("east", "hello-v001", 1, true)
        .with_group("east", "hello-v002", 3, false)
        .with_group("east", "hello-v003", 2, true);
    let pipeline = json!({"application": "hello", "stages": [
        {"refId": "find", "type": "findImageFromCluster", "name": "Find", "cloudProvider": "dcos",
         "credentials": "prod", "cluster": "hello", "regions": ["east"], "selectionStrategy": "LARGEST"},
        {"refId": "deploy", "type": "deploy", "name": "Deploy", "requisiteStageRefIds": ["find"],
         "clusters": [{"account": "prod", "cloudProvider": "dcos", "application": "hello",
                       "stack": "canary", "region": "east", "capacity": {"min": 1, "max": 1, "desired": 1},
                       "docker": {"image": {"fromContext": true, "stageId": "find"}}}]}
    ]});
    let outcome = run(pipeline, &[&cloud], Vec::new()).await;
    assert_eq!(
        outcome.execution.status,
        Status::Succeeded,
        "{}",
        error_of(&outcome, "Deploy in east")
    );
    let details = &stage(&outcome, "Find").outputs["deploymentDetails"][0];
    assert_eq!(
        details["sourceServerGroup"], "hello-v003",
        "the largest enabled group"
    );
    assert_eq!(details["refId"], "find");
    assert_eq!(details["imageId"], "registry.example/team/hello:1.3");
    assert_eq!(
        cloud.requests()[0].description["docker"]["image"],
        json!({"registry": "registry.example", "repository": "team/hello", "tag": "1.3",
               "imageId": "registry.example/team/hello:1.3"})
    );
    assert_eq!(cloud.requests()[0].server_group, "hello-canary-v000");
}

#[tokio::test(start_paused = true)]
async fn find_image_follows_its_selection_strategy_and_pattern() {
    let cloud = FakeCloud::dcos("prod");
    cloud
        .with_group("east", "hello-v001", 1, true)
        .with_group("east", "hello-v002", 1, false)
        .with_group("east", "hello-v003", 1, true);
    let find = |extra: serde_json::Value| {
        let mut stage = json!({"refId": "1", "type": "findImage", "name": "Find", "cloudProvider": "dcos",
            "credentials": "prod", "cluster": "hello", "regions": ["east"]});
        for (key, value) in extra.as_object().unwrap() {
            stage[key] = value.clone();
        }
        json!({"stages": [stage]})
    };
    let source = |outcome: &crate::engine::testing::Outcome| {
        stage(outcome, "Find").outputs["deploymentDetails"][0]["sourceServerGroup"].clone()
    };
    let newest = run(find(json!({})), &[&cloud], Vec::new()).await;
    assert_eq!(source(&newest), "hello-v003");
    let oldest = run(
        find(json!({"selectionStrategy": "OLDEST", "onlyEnabled": false})),
        &[&cloud],
        Vec::new(),
    )
    .await;
    assert_eq!(source(&oldest), "hello-v001");
    let pattern = run(
        find(json!({"imageNamePattern": ".*:1\\.1", "onlyEnabled": "false"})),
        &[&cloud],
        Vec::new(),
    )
    .await;
    assert_eq!(source(&pattern), "hello-v001");
    let fail = run(
        find(json!({"selectionStrategy": "FAIL"})),
        &[&cloud],
        Vec::new(),
    )
    .await;
    assert_eq!(fail.execution.status, Status::Terminal);
    assert!(error_of(&fail, "Find").contains("more than one server group qualifies"));
}

fn job(extra: &serde_json::Value) -> serde_json::Value {
    let mut stage = json!({"refId": "1", "type": "runJob", "name": "Job", "cloudProvider": "dcos",
        "account": "prod", "region": "east", "general": {"id": "migrate", "cmd": "migrate.sh"}});
    for (key, value) in extra.as_object().unwrap() {
        stage[key] = value.clone();
    }
    json!({"stages": [stage, {"refId": "2", "requisiteStageRefIds": ["1"], "type": "wait", "name": "Next",
                              "waitTime": "${schemaVersion == '42' ? 0 : 1000}"}]})
}

#[tokio::test(start_paused = true)]
async fn a_job_runs_to_completion_and_its_property_file_becomes_outputs() {
    let cloud = FakeCloud::dcos("prod");
    cloud.job_outcome(3, None).job_file(
        "out.properties",
        "# written by the job\nschemaVersion=42\nnote: all \\\n  good\n",
    );
    let outcome = run(
        job(&json!({"propertyFile": "out.properties"})),
        &[&cloud],
        Vec::new(),
    )
    .await;
    assert_eq!(
        outcome.execution.status,
        Status::Succeeded,
        "{}",
        error_of(&outcome, "Job")
    );
    let ran = stage(&outcome, "Job");
    assert_eq!(ran.outputs["schemaVersion"], "42");
    assert_eq!(
        ran.outputs["propertyFileContents"],
        json!({"schemaVersion": "42", "note": "all good"})
    );
    assert_eq!(ran.outputs["jobStatus"]["jobState"], "Succeeded");
    assert_eq!(ran.outputs["completionDetails"]["taskId"], "run-1.task");
    assert_eq!(
        ran.context["jobHandle"],
        json!({"region": "east", "job": "migrate", "run": "run-1"})
    );
    assert_eq!(
        stage(&outcome, "Next").context["waitTime"],
        0,
        "downstream saw the property"
    );
    let tasks: Vec<&str> = ran.tasks.iter().map(|task| task.name.as_str()).collect();
    assert_eq!(tasks, vec!["runJob", "monitorJob", "waitOnJobCompletion"]);
    assert_eq!(
        cloud.job_requests()[0].description["general"]["cmd"],
        "migrate.sh"
    );
}

#[tokio::test(start_paused = true)]
async fn a_failed_job_reports_the_end_of_its_log() {
    let cloud = FakeCloud::dcos("prod");
    cloud
        .job_outcome(1, Some("exit code 3"))
        .job_log("connecting\nERROR: relation missing\n");
    let outcome = run(job(&json!({})), &[&cloud], Vec::new()).await;
    assert_eq!(outcome.execution.status, Status::Terminal);
    let error = error_of(&outcome, "Job");
    assert!(
        error.starts_with("job `migrate` run `run-1` failed: exit code 3"),
        "{error}"
    );
    assert!(error.ends_with("ERROR: relation missing"), "{error}");
    assert_eq!(
        stage(&outcome, "Job").context["jobStatus"]["jobState"],
        "Failed"
    );
}

#[tokio::test(start_paused = true)]
async fn a_missing_property_file_fails_the_job_stage() {
    let cloud = FakeCloud::dcos("prod");
    let outcome = run(
        job(&json!({"propertyFile": "nope.json"})),
        &[&cloud],
        Vec::new(),
    )
    .await;
    assert_eq!(outcome.execution.status, Status::Terminal);
    assert_eq!(
        error_of(&outcome, "Job"),
        "the job left no property file `nope.json`"
    );
}

#[tokio::test(start_paused = true)]
async fn canceling_the_execution_stops_the_job_run() {
    let cloud = FakeCloud::dcos("prod");
    cloud.job_outcome(1_000_000, None);
    let cancel = Control::Cancel {
        by: "ops".into(),
        reason: "enough".into(),
    };
    let trigger = json!({"type": "manual", "user": "tester", "parameters": {}});
    let outcome = run_with(
        job(&json!({})),
        &[&cloud],
        Vec::new(),
        trigger,
        vec![(Duration::from_secs(30), cancel)],
    )
    .await;
    assert_eq!(outcome.execution.status, Status::Canceled);
    assert_eq!(cloud.calls(), vec!["runJob east", "cancelJob run-1"]);
}

#[tokio::test(start_paused = true)]
async fn cluster_size_preconditions_count_server_groups_per_region() {
    let cloud = FakeCloud::dcos("prod");
    cloud
        .with_group("east", "hello-v001", 1, false)
        .with_group("east", "hello-v002", 1, true)
        .with_group("west", "hello-v001", 1, true);
    let check = |precondition: serde_json::Value| {
        json!({"stages": [{"refId": "1", "type": "checkPreconditions", "name": "Checks",
            "preconditions": [{"type": "clusterSize", "cloudProvider": "dcos", "context": precondition}]}]})
    };
    let enabled = check(
        json!({"cluster": "hello", "credentials": "prod", "regions": ["east", "west"],
                               "expected": 1, "onlyEnabledServerGroups": true}),
    );
    let outcome = run(enabled, &[&cloud], Vec::new()).await;
    assert_eq!(outcome.execution.status, Status::Succeeded);
    let all = check(
        json!({"cluster": "hello", "credentials": "prod", "regions": ["east", "west"],
                           "comparison": "<=", "expected": 1}),
    );
    let outcome = run(all, &[&cloud], Vec::new()).await;
    assert_eq!(outcome.execution.status, Status::Terminal);
    assert_eq!(
        error_of(&outcome, "Check precondition (clusterSize)"),
        "cluster `hello` has 2 server group(s) in `east`, expected <= 1"
    );
}

#[tokio::test(start_paused = true)]
async fn stop_deployment_stops_the_newest_group_and_leaves_the_old_serving() {
    let cloud = FakeCloud::dcos("prod");
    cloud
        .with_group("east", "hello-v001", 2, true)
        .fail_next_deploy("health checks fail");
    let pipeline = json!({"application": "hello", "stages": [
        {"refId": "1", "type": "deploy", "name": "Deploy", "continuePipeline": true,
         "clusters": [{"account": "prod", "cloudProvider": "dcos", "application": "hello", "region": "east",
                       "capacity": {"min": 2, "max": 2, "desired": 2}, "strategy": "redblack"}]},
        {"refId": "2", "type": "stopDeployment", "name": "Stop", "requisiteStageRefIds": ["1"],
         "cloudProvider": "dcos", "credentials": "prod", "cluster": "hello", "regions": ["east"],
         "stageEnabled": {"type": "expression",
                          "expression": "#stage('Deploy')['status'].toString() == 'FAILED_CONTINUE'"}}
    ]});
    let outcome = run(pipeline, &[&cloud], Vec::new()).await;
    assert_eq!(outcome.status_of("Deploy"), Status::FailedContinue);
    assert_eq!(
        outcome.status_of("Stop"),
        Status::Succeeded,
        "{}",
        error_of(&outcome, "Stop")
    );
    assert_eq!(
        stage(&outcome, "Stop").context["stoppedDeployments"],
        json!({"east": {"serverGroupName": "hello-v002", "deploymentWasRunning": true}})
    );
    assert_eq!(cloud.destructive_calls(), Vec::<String>::new());
    assert!(cloud.peek("east", "hello-v001").unwrap().enabled);
}
