//! `runJob` on Cloud Foundry: a task run in the server group the stage's cluster and target
//! resolve to, succeeding, failing, and stopped when the execution is canceled.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::cf_world::{CfWorld, PROD, cf_cluster, deploy, stage};

fn job(name: &str, command: &str) -> Value {
    json!({"type": "runJob", "name": name, "cloudProvider": "cloudfoundry",
        "credentials": "prod-cf", "region": PROD, "cluster": "hello-web",
        "target": "current_asg_dynamic", "jobName": "migrate", "command": command})
}

/// The simulator's tasks.
fn tasks(world: &CfWorld) -> Vec<Value> {
    world.sim.snapshot()["tasks"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

async fn one_version(world: &CfWorld) -> String {
    let cluster = cf_cluster("prod-cf", PROD, "nginxdemos/hello:1.0", json!({}));
    world.run(vec![deploy(&[cluster])], 0).await;
    world.app("hello-web-v000").unwrap()["guid"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_runs_as_a_task_of_the_target_server_group() {
    let world = CfWorld::start("prod-cf");
    let app = one_version(&world).await;
    let execution = world.run(vec![job("Migrate", "rake db:migrate")], 0).await;
    let ran = stage(&execution, "Migrate");
    assert_eq!(ran["outputs"]["jobStatus"]["state"], "SUCCEEDED", "{ran:#}");
    let all = tasks(&world);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0]["app_guid"], app.as_str());
    assert_eq!(all[0]["name"], "migrate");
    assert_eq!(all[0]["command"], "rake db:migrate");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_task_fails_the_stage_with_its_reason() {
    let world = CfWorld::start("prod-cf");
    one_version(&world).await;
    let execution = world
        .run(vec![job("Migrate", "sleep 0.2 && exit 3")], 1)
        .await;
    let failed = stage(&execution, "Migrate");
    assert_eq!(failed["status"], "TERMINAL");
    let error = failed["context"]["exception"]["details"]["error"]
        .as_str()
        .unwrap_or_default();
    assert!(error.contains("Exited with status 3"), "{error}");
}

fn running_execution(world: &CfWorld) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let listed = world
            .test
            .again(&["executions", "list", "--output", "json"])
            .json();
        let running = listed.as_array().and_then(|all| {
            all.iter()
                .find(|execution| execution["running"] == true)
                .and_then(|execution| execution["id"].as_str())
                .map(str::to_owned)
        });
        if let Some(id) = running {
            return id;
        }
        assert!(Instant::now() < deadline, "no execution started running");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn canceling_the_execution_cancels_the_task() {
    let world = CfWorld::start("prod-cf");
    one_version(&world).await;
    world.write(
        "long.json",
        &crate::cf_world::pipeline("Long job", vec![job("Migrate", "sleep 120")]),
    );
    let mut command = world
        .test
        .command(&["run", "long.json", "--output", "json"]);
    command
        .env("CI", "true")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let runner = command.spawn().expect("run gennaker");
    let deadline = Instant::now() + Duration::from_secs(30);
    while !tasks(&world).iter().any(|task| task["state"] == "RUNNING") {
        assert!(Instant::now() < deadline, "the task never started");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let id = running_execution(&world);
    world.gennaker(&["executions", "cancel", &id]).await.code(0);
    let output = tokio::task::spawn_blocking(move || runner.wait_with_output())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(output.status.code(), Some(3));
    let execution: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(execution["status"], "CANCELED");
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let task = tasks(&world)[0].clone();
        if task["state"] == "FAILED" {
            assert_eq!(task["failure_reason"], "task was cancelled");
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the task was not canceled: {task:#}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
