//! The shared, persisted sandbox through the real binary: `sandbox start` (what a pipeline
//! naming a sandbox account does), `status`, `fault`, `stop`, `reset` and `serve --persist`,
//! with raw HTTP to the simulators as a client would send it. Every test stops the sandboxes
//! it starts (the [`Sandbox`] guard), and the idle limit is short in case one does not.

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::support::{Outcome, Test};

/// A data directory whose sandbox is stopped when the test ends, pass or fail.
struct Sandbox {
    test: Test,
}

impl Sandbox {
    fn new() -> Self {
        Self::idling_out_after(60)
    }

    fn idling_out_after(seconds: u32) -> Self {
        Self {
            test: Test::new().env("GENNAKER_SANDBOX_IDLE_EXIT", &seconds.to_string()),
        }
    }

    fn gennaker(&self, args: &[&str]) -> Outcome {
        self.test.again(args)
    }

    fn file(&self, name: &str) -> std::path::PathBuf {
        self.test.dir().join(".data").join("sandbox").join(name)
    }

    /// `endpoints.json` of the running sandbox.
    fn endpoints(&self) -> Value {
        let text = std::fs::read_to_string(self.file("endpoints.json")).expect("endpoints.json");
        serde_json::from_str(&text).expect("endpoints.json is JSON")
    }

    /// Starts the background sandbox and returns its `endpoints.json`.
    fn start(&self) -> Value {
        let started = self.gennaker(&["sandbox", "start"]).code(0);
        let urls: Value = serde_json::from_str(started.stdout.trim()).expect("a URLs line");
        let endpoints = self.endpoints();
        assert_eq!(urls["dcos"], endpoints["dcos"]);
        endpoints
    }

    fn status(&self) -> Value {
        self.gennaker(&["sandbox", "status", "--output", "json"])
            .code(0)
            .json()
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.test.again(&["sandbox", "stop"]);
    }
}

/// Whether process `pid` still runs (a zombie does not count).
fn alive(pid: u64) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => !stat
            .rsplit_once(") ")
            .is_some_and(|(_, rest)| rest.starts_with('Z')),
        Err(_) => std::process::Command::new("kill")
            .args(["-0", &pid.to_string()])
            .status()
            .is_ok_and(|status| status.success()),
    }
}

fn pid(endpoints: &Value) -> u64 {
    endpoints["pid"].as_u64().expect("a pid")
}

fn dcos(endpoints: &Value, region: &str) -> String {
    endpoints["dcos"][region]
        .as_str()
        .expect("a DC/OS URL")
        .to_owned()
}

async fn deploy_marathon_app(base: &str, id: &str, image: &str) {
    let app = json!({"id": id, "instances": 1, "cpus": 0.1, "mem": 32,
        "container": {"type": "DOCKER", "docker": {"image": image}}});
    let response = reqwest::Client::new()
        .post(format!("{base}/service/marathon/v2/apps"))
        .json(&app)
        .send()
        .await
        .expect("Marathon answers");
    assert_eq!(response.status(), 201);
}

async fn marathon_app(base: &str, id: &str) -> Option<Value> {
    let response = reqwest::get(format!("{base}/service/marathon/v2/apps{id}"))
        .await
        .expect("Marathon answers");
    if response.status() == 404 {
        return None;
    }
    Some(response.json::<Value>().await.expect("JSON")["app"].clone())
}

/// Creates a Cloud Foundry app in `space` of org `sandbox`, logged in as `admin`/`admin`.
async fn create_cloud_foundry_app(endpoints: &Value, space: &str, name: &str) {
    let client = reqwest::Client::new();
    let uaa = endpoints["cloudfoundry"]["uaa"].as_str().unwrap();
    let api = endpoints["cloudfoundry"]["api"].as_str().unwrap();
    let token: Value = client
        .post(format!("{uaa}/oauth/token"))
        .basic_auth("cf", Some(""))
        .form(&[
            ("grant_type", "password"),
            ("username", "admin"),
            ("password", "admin"),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let bearer = format!(
        "bearer {}",
        token["access_token"].as_str().expect("a token")
    );
    let spaces: Value = client
        .get(format!("{api}/v3/spaces?names={space}"))
        .header("authorization", &bearer)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let guid = spaces["resources"][0]["guid"].as_str().expect("the space");
    let created = client
        .post(format!("{api}/v3/apps"))
        .header("authorization", &bearer)
        .json(&json!({"name": name, "relationships": {"space": {"data": {"guid": guid}}}}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
}

/// The apps of one region in `sandbox status --output json`.
fn status_apps(status: &Value, account: &str, region: &str) -> Vec<String> {
    status["regions"]
        .as_array()
        .expect("regions")
        .iter()
        .find(|view| view["account"] == account && view["region"] == region)
        .map(|view| {
            view["apps"]
                .as_array()
                .expect("apps")
                .iter()
                .map(|app| app["name"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

fn wait_until(what: &str, timeout: Duration, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + timeout;
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting: {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn two_processes_at_once_share_one_background_sandbox() {
    let sandbox = Sandbox::new();
    let spawn = || {
        sandbox
            .test
            .command(&["sandbox", "start"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("gennaker starts")
    };
    let (first, second) = (spawn(), spawn());
    let outputs: Vec<_> = [first, second]
        .into_iter()
        .map(|child: Child| child.wait_with_output().expect("gennaker ends"))
        .collect();
    for output in &outputs {
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    assert_eq!(outputs[0].stdout, outputs[1].stdout, "the same URLs");
    let endpoints = sandbox.endpoints();
    assert!(alive(pid(&endpoints)));
    assert_eq!(endpoints["background"], true);
    let log = std::fs::read_to_string(sandbox.file("daemon.log")).expect("daemon.log");
    assert_eq!(log.matches("sandbox: serving").count(), 1, "{log}");
}

#[tokio::test]
async fn deployments_survive_a_restart_of_the_sandbox() {
    let sandbox = Sandbox::new();
    let before = sandbox.start();
    deploy_marathon_app(&dcos(&before, "us-east-1"), "/web-v000", "nginx:1").await;
    create_cloud_foundry_app(&before, "prod", "api-v000").await;
    sandbox
        .gennaker(&[
            "sandbox",
            "fault",
            "sandbox-cf",
            "sandbox > prod",
            "crashloop",
        ])
        .code(0);
    let stopped = sandbox.gennaker(&["sandbox", "stop"]).code(0);
    assert!(stopped.stdout.contains("stopped"), "{}", stopped.stdout);
    assert!(!alive(pid(&before)), "the sandbox process is gone");
    assert!(!sandbox.file("endpoints.json").exists());

    let saved = sandbox.status();
    assert_eq!(saved["running"], false);
    assert_eq!(
        status_apps(&saved, "sandbox-dcos", "us-east-1"),
        ["/web-v000"]
    );

    let after = sandbox.start();
    assert_ne!(pid(&after), pid(&before), "a new sandbox process");
    let app = marathon_app(&dcos(&after, "us-east-1"), "/web-v000").await;
    let app = app.expect("the app deployed before the restart");
    assert_eq!(app["container"]["docker"]["image"], "nginx:1");
    assert!(
        marathon_app(&dcos(&after, "us-west-1"), "/web-v000")
            .await
            .is_none(),
        "regions keep their own state"
    );
    let running = sandbox.status();
    assert_eq!(running["running"], true);
    assert_eq!(running["pid"], after["pid"]);
    assert_eq!(
        status_apps(&running, "sandbox-cf", "sandbox > prod"),
        ["api-v000"]
    );
    let prod = running["regions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|view| view["region"] == "sandbox > prod")
        .cloned()
        .unwrap();
    assert_eq!(prod["faults"], json!(["crashloop"]), "faults persist too");
}

#[tokio::test]
async fn reset_stops_the_sandbox_and_forgets_apps_and_faults() {
    let sandbox = Sandbox::new();
    let endpoints = sandbox.start();
    deploy_marathon_app(&dcos(&endpoints, "us-west-1"), "/api-v003", "api:3").await;
    sandbox
        .gennaker(&[
            "sandbox",
            "fault",
            "sandbox-cf",
            "sandbox > prod",
            "latency=5",
        ])
        .code(0);
    let reset = sandbox.gennaker(&["sandbox", "reset"]).code(0);
    assert!(
        reset
            .stdout
            .contains("removed from sandbox-dcos us-west-1: apps /api-v003"),
        "{}",
        reset.stdout
    );
    assert!(
        reset
            .stdout
            .contains("removed from sandbox-cf sandbox > prod: faults latency=5"),
        "{}",
        reset.stdout
    );
    assert!(!alive(pid(&endpoints)));
    assert!(!sandbox.file("state.json").exists());
    let status = sandbox.status();
    assert_eq!(
        (status["running"].clone(), status["hasState"].clone()),
        (json!(false), json!(false))
    );
    let again = sandbox.gennaker(&["sandbox", "reset"]).code(0);
    assert_eq!(again.stdout.trim(), "sandbox: no state to remove");
}

#[tokio::test]
async fn a_crashloop_fault_makes_new_tasks_crash_until_cleared() {
    let sandbox = Sandbox::new();
    // Set while nothing runs: saved in the state, in force once the sandbox starts.
    let set = sandbox
        .gennaker(&["sandbox", "fault", "sandbox-dcos", "us-east-1", "crashloop"])
        .code(0);
    assert_eq!(
        set.stdout.trim(),
        "sandbox-dcos us-east-1: crashloop (saved; in force when the sandbox starts)"
    );
    let endpoints = sandbox.start();
    let east = dcos(&endpoints, "us-east-1");
    deploy_marathon_app(&east, "/web-v001", "web:2").await;
    let deadline = Instant::now() + Duration::from_secs(20);
    let failure = loop {
        let app = marathon_app(&east, "/web-v001").await.expect("the app");
        if let Some(message) = app["lastTaskFailure"]["message"].as_str() {
            break message.to_owned();
        }
        assert!(Instant::now() < deadline, "no task failed: {app}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert!(failure.contains("crash"), "{failure}");
    let status = sandbox.status();
    let east_view = status["regions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|view| view["region"] == "us-east-1")
        .cloned()
        .unwrap();
    assert_eq!(east_view["faults"], json!(["crashloop"]));

    let cleared = sandbox
        .gennaker(&["sandbox", "fault", "sandbox-dcos", "us-east-1", "clear"])
        .code(0);
    assert_eq!(
        cleared.stdout.trim(),
        "sandbox-dcos us-east-1: no faults (in force now)"
    );
    let faults: Value = reqwest::get(format!("{east}/__simulator/faults"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(faults["images"], json!([]));
}

#[test]
fn bad_fault_input_is_invalid_input_with_the_valid_values() {
    let sandbox = Sandbox::new();
    let cases = [
        (["sandbox-aws", "us-east-1", "crashloop"], "sandbox-dcos"),
        (
            ["sandbox-dcos", "eu-west-1", "crashloop"],
            "us-east-1, us-west-1",
        ),
        (
            ["sandbox-cf", "dev", "crashloop"],
            "'sandbox > dev', 'sandbox > prod'",
        ),
        (
            ["sandbox-dcos", "us-east-1", "explode"],
            "slow-start=SECONDS",
        ),
        (
            ["sandbox-dcos", "us-east-1", "http-5xx=1.5"],
            "RATE is 0 to 1",
        ),
        (["sandbox-dcos", "us-east-1", "latency=soon"], "latency=MS"),
    ];
    for (args, hint) in cases {
        let mut command = vec!["sandbox", "fault"];
        command.extend(args);
        let outcome = sandbox.gennaker(&command).code(2);
        assert!(
            outcome.stderr.contains("hint:"),
            "{args:?}: {}",
            outcome.stderr
        );
        assert!(
            outcome.stderr.contains(hint),
            "{args:?}: {}",
            outcome.stderr
        );
    }
    assert!(
        !sandbox.file("state.json").exists(),
        "bad input changes nothing"
    );
}

#[test]
fn the_background_sandbox_stops_by_itself_when_idle_and_keeps_its_state() {
    let sandbox = Sandbox::idling_out_after(1);
    let endpoints = sandbox.start();
    wait_until("the idle sandbox to stop", Duration::from_secs(20), || {
        !alive(pid(&endpoints))
    });
    assert!(!sandbox.file("endpoints.json").exists());
    assert!(sandbox.file("state.json").exists());
    let log = std::fs::read_to_string(sandbox.file("daemon.log")).unwrap();
    assert!(log.contains("stopped (idle)"), "{log}");
}

#[test]
fn serve_persist_is_the_sandbox_pipelines_use_while_it_runs() {
    let sandbox = Sandbox::new();
    let mut serve = sandbox
        .test
        .command(&["sandbox", "serve", "--persist"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("gennaker starts");
    let mut first = String::new();
    BufReader::new(serve.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let served: Value = serde_json::from_str(&first).expect("the URLs line");
    let started = sandbox.start();
    assert_eq!(started["dcos"], served["dcos"], "no second sandbox");
    assert_eq!(started["background"], false);
    assert_eq!(pid(&started), u64::from(serve.id()));
    let stopped = std::process::Command::new("kill")
        .args(["-TERM", &serve.id().to_string()])
        .status()
        .unwrap();
    assert!(stopped.success());
    assert_eq!(serve.wait().unwrap().code(), Some(0));
    assert!(sandbox.file("state.json").exists());
    assert!(!sandbox.file("endpoints.json").exists());
}
