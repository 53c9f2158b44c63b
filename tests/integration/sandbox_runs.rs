//! Pipelines run on the built-in sandbox accounts, as a newcomer runs them: `pipelines/hello.json`
//! run after run, rehearsals of a production pipeline with and without faults, and two gennaker
//! processes using one sandbox at once. Each test stops the sandbox it started.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::dcos_world::summary;
use crate::support::{Outcome, Test, repo_root};

/// A scratch directory with the example pipelines, whose sandbox is stopped at the end.
struct Newcomer {
    test: Test,
}

impl Newcomer {
    fn new() -> Self {
        let mut test = Test::new().env("GENNAKER_SANDBOX_IDLE_EXIT", "60");
        for entry in std::fs::read_dir(repo_root().join("pipelines")).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            test = test.file(
                &format!("pipelines/{name}"),
                &std::fs::read_to_string(&path).unwrap(),
            );
        }
        Self { test }
    }

    fn gennaker(&self, args: &[&str]) -> Outcome {
        self.test.again(args)
    }

    fn clusters(&self, application: &str) -> Vec<Value> {
        match self
            .gennaker(&["clusters", application, "--output", "json"])
            .code(0)
            .json()
        {
            Value::Array(groups) => groups,
            other => panic!("clusters printed {other}"),
        }
    }
}

/// Waits (bounded) until `check` holds.
fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    let started = Instant::now();
    while !check() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// A background `gennaker` killed if the test fails before it ends.
struct Running(std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Drop for Newcomer {
    fn drop(&mut self) {
        let _ = self.test.again(&["sandbox", "stop"]);
    }
}

#[test]
fn hello_deploys_v000_then_v001_red_black_and_promoting_destroys_the_previous_version() {
    let newcomer = Newcomer::new();
    newcomer
        .gennaker(&[
            "run",
            "pipelines/hello.json",
            "--judgment",
            "Go / No go=continue:promote",
        ])
        .code(0);
    assert_eq!(
        summary(&newcomer.clusters("hello")),
        ["hello-v000 enabled 2/2"]
    );

    // The second run waits at its judgment for `gennaker judge`: the new version serves, the
    // previous one is disabled but still there to roll back to.
    let mut second = Running(
        newcomer
            .test
            .command(&["run", "pipelines/hello.json"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("gennaker starts"),
    );
    let mut id = String::new();
    eventually("the judgment", || {
        let listed = newcomer
            .gennaker(&["executions", "list", "--output", "json"])
            .json();
        let Some(running) = listed
            .as_array()
            .into_iter()
            .flatten()
            .find(|execution| execution["status"] == "RUNNING")
            .and_then(|execution| execution["id"].as_str())
        else {
            return false;
        };
        id = running.to_owned();
        let shown = newcomer
            .gennaker(&["executions", "show", &id, "--output", "json"])
            .json();
        shown["stages"].as_array().is_some_and(|stages| {
            stages
                .iter()
                .any(|stage| stage["name"] == "Go / No go" && stage["status"] == "RUNNING")
        })
    });
    let groups = newcomer.clusters("hello");
    assert_eq!(
        summary(&groups),
        ["hello-v000 disabled 0/0", "hello-v001 enabled 2/2"]
    );
    newcomer
        .gennaker(&[
            "judge",
            &id,
            "--stage",
            "Go / No go",
            "--continue",
            "--input",
            "promote",
        ])
        .code(0);
    let status = second.0.wait().expect("the second run ends");
    assert_eq!(status.code(), Some(0));
    assert_eq!(
        summary(&newcomer.clusters("hello")),
        ["hello-v001 enabled 2/2"]
    );
}

#[test]
fn rolling_back_serves_the_previous_version_again() {
    let newcomer = Newcomer::new();
    for answer in ["promote", "roll back"] {
        newcomer
            .gennaker(&[
                "run",
                "pipelines/hello.json",
                "--judgment",
                &format!("Go / No go=continue:{answer}"),
            ])
            .code(0);
    }
    assert_eq!(
        summary(&newcomer.clusters("hello")),
        ["hello-v000 enabled 2/2", "hello-v001 disabled 0/0"]
    );
}

/// A production pipeline: its account is not configured here, so only a rehearsal can run it.
fn production_pipeline() -> String {
    json!({
        "application": "shop",
        "name": "Shop to production",
        "id": "shop-prod",
        "stages": [
            {"refId": "1", "requisiteStageRefIds": [], "type": "deploy", "name": "Deploy",
             "clusters": [{
                "cloudProvider": "dcos", "account": "prod-dcos", "region": "prod-east",
                "application": "shop", "stack": "prod", "strategy": "redblack",
                "capacity": {"min": 1, "max": 1, "desired": 1},
                "cpus": 0.1, "mem": 64,
                "docker": {"image": {"registry": "docker.io", "repository": "acme/shop", "tag": "2.0",
                                     "imageId": "docker.io/acme/shop:2.0"}},
                "healthChecks": [{"protocol": "MESOS_HTTP", "path": "/health", "portIndex": 0,
                                  "gracePeriodSeconds": 5, "intervalSeconds": 2,
                                  "timeoutSeconds": 2, "maxConsecutiveFailures": 3}],
                "rollback": {"onFailure": true}
             }],
             "failPipeline": false, "continuePipeline": true},
            {"refId": "2", "requisiteStageRefIds": ["1"], "type": "wait", "name": "Page the on-call",
             "waitTime": 0,
             "stageEnabled": {"type": "expression",
                              "expression": "#stage('Deploy')['status'].toString() == 'FAILED_CONTINUE'"}}
        ]
    })
    .to_string()
}

#[test]
fn rehearsals_take_the_failure_branch_with_a_fault_and_report_what_is_left() {
    let newcomer = Newcomer::new();
    let pipeline = newcomer.test.dir().join("shop.json");
    std::fs::write(&pipeline, production_pipeline()).unwrap();
    // Without a rehearsal the account does not exist: the deploy cannot even start.
    let refused = newcomer
        .gennaker(&["run", "shop.json", "--output", "json"])
        .json();
    assert_eq!(refused["stages"][0]["status"], "FAILED_CONTINUE");
    assert!(
        refused.to_string().contains("no account `prod-dcos`"),
        "{refused}"
    );

    let healthy = newcomer
        .gennaker(&["run", "shop.json", "--rehearse"])
        .code(0);
    assert!(
        healthy
            .stderr
            .contains("prod-dcos (dcos: prod-east→us-east-1)"),
        "{}",
        healthy.stderr
    );
    assert!(
        healthy.stderr.contains("skipped  Page the on-call"),
        "{}",
        healthy.stderr
    );
    assert!(
        healthy.stderr.contains("\"Deploy\" fails and rolls back"),
        "the failure branch is still to rehearse: {}",
        healthy.stderr
    );

    let failing = newcomer
        .gennaker(&["run", "shop.json", "--rehearse", "--fault", "crashloop"])
        .code(0);
    assert!(
        failing.stderr.contains("failed   Deploy"),
        "{}",
        failing.stderr
    );
    assert!(
        failing.stderr.contains("ran      Page the on-call"),
        "{}",
        failing.stderr
    );
    assert!(
        failing.stderr.contains("Every branch has been rehearsed"),
        "{}",
        failing.stderr
    );
    // The rehearsal's fault ends with it, and the crashing version was rolled back.
    let status = newcomer
        .gennaker(&["sandbox", "status", "--output", "json"])
        .code(0)
        .json();
    assert!(!status.to_string().contains("crash"), "{status}");
}

#[test]
fn two_processes_use_one_sandbox_at_once() {
    let newcomer = Newcomer::new();
    let deploy = |application: &str| {
        json!({"application": application, "name": application, "stages": [{
            "refId": "1", "requisiteStageRefIds": [], "type": "deploy", "name": "Deploy",
            "clusters": [{"cloudProvider": "dcos", "account": "sandbox-dcos", "region": "us-west-1",
                "application": application, "strategy": "redblack",
                "capacity": {"min": 1, "max": 1, "desired": 1}, "cpus": 0.1, "mem": 64,
                "docker": {"image": {"registry": "docker.io", "repository": "nginxdemos/hello",
                                     "tag": "latest", "imageId": "docker.io/nginxdemos/hello:latest"}}}]
        }]})
        .to_string()
    };
    for application in ["left", "right"] {
        std::fs::write(
            newcomer.test.dir().join(format!("{application}.json")),
            deploy(application),
        )
        .unwrap();
    }
    let children: Vec<Running> = ["left", "right"]
        .iter()
        .map(|application| {
            Running(
                newcomer
                    .test
                    .command(&["run", &format!("{application}.json")])
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::null())
                    .spawn()
                    .expect("gennaker starts"),
            )
        })
        .collect();
    for mut child in children {
        assert_eq!(child.0.wait().unwrap().code(), Some(0));
    }
    assert_eq!(
        summary(&newcomer.clusters("left")),
        ["left-v000 enabled 1/1"]
    );
    assert_eq!(
        summary(&newcomer.clusters("right")),
        ["right-v000 enabled 1/1"]
    );
    let log =
        std::fs::read_to_string(newcomer.test.dir().join(".data/sandbox/daemon.log")).unwrap();
    assert_eq!(
        log.matches("serving").count(),
        1,
        "one shared sandbox: {log}"
    );
}

#[test]
fn the_force_stop_example_leaves_the_previous_version_serving_when_a_deployment_hangs() {
    let newcomer = Newcomer::new();
    let example = "pipelines/dcos-force-stop.json";
    newcomer.gennaker(&["run", example]).code(0);
    assert_eq!(
        summary(&newcomer.clusters("hello")),
        ["hello-edge-v000 enabled 1/1"]
    );

    newcomer
        .gennaker(&[
            "sandbox",
            "fault",
            "sandbox-dcos",
            "us-west-1",
            "slow-start=600",
        ])
        .code(0);
    let outcome = newcomer
        .gennaker(&["run", example, "--output", "json"])
        .code(0);
    let execution = outcome.json();
    let status_of = |name: &str| {
        execution["stages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|stage| stage["name"] == name)
            .map(|stage| stage["status"].clone())
    };
    assert_eq!(status_of("Deploy"), Some(json!("FAILED_CONTINUE")));
    assert_eq!(
        status_of("Force-stop the stuck deployment"),
        Some(json!("SUCCEEDED"))
    );
    assert_eq!(
        status_of("Destroy the stuck version"),
        Some(json!("SUCCEEDED"))
    );
    newcomer
        .gennaker(&["sandbox", "fault", "sandbox-dcos", "us-west-1", "clear"])
        .code(0);
    assert_eq!(
        summary(&newcomer.clusters("hello")),
        ["hello-edge-v000 enabled 1/1"]
    );
}

#[test]
fn a_cloud_foundry_rehearsal_creates_the_spaces_it_needs() {
    let newcomer = Newcomer::new();
    let pipeline = json!({
        "application": "shop", "name": "Shop on CF", "id": "shop-cf",
        "stages": [{"refId": "1", "requisiteStageRefIds": [], "type": "deploy", "name": "Deploy",
            "clusters": [{
                "cloudProvider": "cloudfoundry", "provider": "cloudfoundry",
                "account": "prod-cf", "region": "acme > production",
                "application": "shop", "stack": "", "freeFormDetails": "", "strategy": "redblack",
                "capacity": {"min": 1, "max": 1, "desired": 1}, "startApplication": true,
                "applicationArtifact": {"artifact": {"type": "docker/image", "reference": "acme/shop:2.0"}},
                "manifest": {"direct": {"instances": 1, "memory": "64M", "diskQuota": "128M",
                    "routes": ["shop.example.com"]}}
            }]}]
    });
    std::fs::write(
        newcomer.test.dir().join("shop-cf.json"),
        pipeline.to_string(),
    )
    .unwrap();
    let outcome = newcomer
        .gennaker(&["run", "shop-cf.json", "--rehearse", "--output", "json"])
        .code(0);
    assert!(
        outcome
            .stderr
            .contains("prod-cf (cloudfoundry: acme > production→acme > production)"),
        "{}",
        outcome.stderr
    );
    assert_eq!(outcome.json()["status"], "SUCCEEDED");
    // Again: the space is there now, and the next version follows.
    let again = newcomer
        .gennaker(&["run", "shop-cf.json", "--rehearse", "--output", "json"])
        .code(0)
        .json();
    let deployed = again["stages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|stage| stage["type"] == "createServerGroup")
        .map(|stage| stage["outputs"]["deploy.server.groups"].clone());
    assert_eq!(deployed, Some(json!({"acme > production": ["shop-v001"]})));
}

#[test]
fn an_account_of_unknown_provider_is_rehearsed_only_where_map_says() {
    let newcomer = Newcomer::new();
    let mut pipeline: Value = serde_json::from_str(&production_pipeline()).unwrap();
    pipeline["stages"][0]["clusters"][0]
        .as_object_mut()
        .unwrap()
        .remove("cloudProvider");
    std::fs::write(newcomer.test.dir().join("shop.json"), pipeline.to_string()).unwrap();
    let refused = newcomer
        .gennaker(&["run", "shop.json", "--rehearse"])
        .code(2);
    assert!(
        refused
            .stderr
            .contains("cannot tell which provider account `prod-dcos` is"),
        "{}",
        refused.stderr
    );
    assert!(refused.stderr.contains("--map"), "{}", refused.stderr);
    let mapped = newcomer
        .gennaker(&[
            "run",
            "shop.json",
            "--rehearse",
            "--map",
            "prod-dcos=sandbox-dcos",
        ])
        .code(0);
    assert!(
        mapped
            .stderr
            .contains("prod-dcos (dcos: prod-east→us-east-1)"),
        "{}",
        mapped.stderr
    );
    let bad = newcomer
        .gennaker(&[
            "run",
            "shop.json",
            "--rehearse",
            "--map",
            "prod-dcos=prod-east",
        ])
        .code(2);
    assert!(
        bad.stderr.contains("not a sandbox account"),
        "{}",
        bad.stderr
    );
}

#[test]
fn a_rehearsal_resumed_after_a_kill_stays_on_the_sandbox() {
    let newcomer = Newcomer::new();
    let mut pipeline: Value = serde_json::from_str(&production_pipeline()).unwrap();
    let deploy = pipeline["stages"][0].clone();
    pipeline["stages"] = json!([
        {"refId": "0", "requisiteStageRefIds": [], "type": "wait", "name": "Soak", "waitTime": 8},
        deploy,
    ]);
    pipeline["stages"][1]["requisiteStageRefIds"] = json!(["0"]);
    std::fs::write(newcomer.test.dir().join("shop.json"), pipeline.to_string()).unwrap();
    let mut rehearsal = Running(
        newcomer
            .test
            .command(&["run", "shop.json", "--rehearse"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("gennaker starts"),
    );
    let mut id = String::new();
    eventually("the soak", || {
        let listed = newcomer
            .gennaker(&["executions", "list", "--output", "json"])
            .json();
        match listed
            .as_array()
            .and_then(|all| all.first())
            .and_then(|e| e["id"].as_str())
        {
            Some(found) => {
                id = found.to_owned();
                true
            }
            None => false,
        }
    });
    std::thread::sleep(Duration::from_millis(500));
    rehearsal.0.kill().expect("kill -9");
    let _ = rehearsal.0.wait();

    let resumed = newcomer
        .gennaker(&[
            "executions",
            "resume",
            &id,
            "--skip-windows",
            "--output",
            "json",
        ])
        .code(0)
        .json();
    assert_eq!(resumed["status"], "SUCCEEDED", "{resumed:#}");
    let deploy = resumed["stages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|stage| stage["name"] == "Deploy")
        .unwrap();
    assert_eq!(
        deploy["status"], "SUCCEEDED",
        "the stand-in account was used: {deploy:#}"
    );
    let status = newcomer
        .gennaker(&["sandbox", "status", "--output", "json"])
        .code(0)
        .json();
    assert!(
        status.to_string().contains("/prod-dcos/shop-prod-v000"),
        "{status}"
    );
}
