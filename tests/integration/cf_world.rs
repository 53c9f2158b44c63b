//! Harness for end-to-end tests of the Cloud Foundry provider and stages: a simulated
//! foundation started in-process on `127.0.0.1:0` (real clock, short timings), a config file
//! naming it as an account, and the real `gennaker` binary run against it. Assertions read
//! the simulator's overview and request log, and `gennaker clusters --output json`.

use gennaker::testing_cf::{CloudFoundryConfig, CloudFoundryFaults, CloudFoundrySimulator, Timing};
use serde_json::{Value, json};

use crate::support::{Outcome, Test};

/// The development space of the sandbox foundation.
pub(crate) const DEV: &str = "sandbox > dev";
/// The production space of the sandbox foundation.
pub(crate) const PROD: &str = "sandbox > prod";

/// One simulated foundation behind one account, and a scratch directory to run gennaker in.
pub(crate) struct CfWorld {
    pub(crate) test: Test,
    pub(crate) sim: CloudFoundrySimulator,
}

/// Fast enough for tests, slow enough that every wait is a real wait.
pub(crate) fn quick_timing() -> Timing {
    Timing {
        staging_ms: 150,
        startup_ms: 150,
        crash_backoff_ms: 150,
        upload_processing_ms: 50,
        task_ms: 200,
        job_ms: 100,
        service_operation_ms: 300,
        ..Timing::default()
    }
}

/// The sandbox foundation on a real clock with [`quick_timing`].
pub(crate) fn quick_config() -> CloudFoundryConfig {
    CloudFoundryConfig {
        timing: quick_timing(),
        ..CloudFoundryConfig::default()
    }
}

/// The config file text of a CF account logging in as `admin`.
pub(crate) fn account_config(account: &str, sim: &CloudFoundrySimulator) -> String {
    format!(
        "[accounts.{account}]\nprovider = \"cloudfoundry\"\napi = \"{}\"\nuser = \"admin\"\npassword = \"admin\"\n",
        sim.api_url()
    )
}

impl CfWorld {
    /// A quick foundation configured as account `account`.
    pub(crate) fn start(account: &str) -> Self {
        Self::start_with(account, &quick_config(), "")
    }

    /// A foundation from `config`, configured as `account`, with more config file text.
    pub(crate) fn start_with(
        account: &str,
        config: &CloudFoundryConfig,
        extra_config: &str,
    ) -> Self {
        let sim = CloudFoundrySimulator::start(config).expect("the simulator starts");
        let config_text = account_config(account, &sim) + extra_config;
        let test = Test::new().file(".config/gennaker/config.toml", &config_text);
        Self { test, sim }
    }

    /// Replaces the simulator's faults.
    pub(crate) fn set_faults(&self, faults: CloudFoundryFaults) {
        self.sim.set_faults(faults);
    }

    /// Writes a file into the working directory.
    pub(crate) fn write(&self, name: &str, contents: &str) {
        std::fs::write(self.test.dir().join(name), contents).expect("write test file");
    }

    /// Runs gennaker with `args` off the async runtime.
    pub(crate) async fn gennaker(&self, args: &[&str]) -> Outcome {
        let mut command = self.test.command(args);
        command.env("CI", "true");
        tokio::task::spawn_blocking(move || {
            let output = command.output().expect("run gennaker");
            Outcome {
                code: output.status.code().unwrap_or(-1),
                stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
                stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            }
        })
        .await
        .expect("the command thread")
    }

    /// Writes `stages` as a pipeline and runs it, expecting exit code `code`; returns the
    /// execution (`--output json`).
    pub(crate) async fn run(&self, stages: Vec<Value>, code: i32) -> Value {
        self.write("pipeline.json", &pipeline("Pipeline", stages));
        self.gennaker(&["run", "pipeline.json", "--output", "json"])
            .await
            .code(code)
            .json()
    }

    /// `gennaker clusters APP --output json`, parsed.
    pub(crate) async fn clusters(&self, application: &str) -> Vec<Value> {
        let outcome = self
            .gennaker(&["clusters", application, "--output", "json"])
            .await
            .code(0);
        match outcome.json() {
            Value::Array(groups) => groups,
            other => panic!("clusters printed {other}"),
        }
    }

    /// The simulator's view of one app (by name), if it exists.
    pub(crate) fn app(&self, name: &str) -> Option<Value> {
        self.sim.overview()["apps"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|app| app["name"] == name)
            .cloned()
    }

    /// The routes (URLs) an app is mapped to, sorted.
    pub(crate) fn routes_of(&self, name: &str) -> Vec<String> {
        let mut routes: Vec<String> = self
            .app(name)
            .and_then(|app| app["routes"].as_array().cloned())
            .unwrap_or_default()
            .iter()
            .filter_map(|route| route.as_str().map(str::to_owned))
            .collect();
        routes.sort();
        routes
    }

    /// The requests the Cloud Controller received, as `METHOD path` lines.
    pub(crate) fn requests(&self) -> Vec<String> {
        self.sim
            .requests()
            .iter()
            .filter(|request| request.listener == "api")
            .map(|request| format!("{} {}", request.method, request.path))
            .collect()
    }
}

/// A CF deploy cluster for `application-stack` in `region`, running a docker image, as Deck
/// writes it; `extra` members are merged over the defaults.
pub(crate) fn cf_cluster(account: &str, region: &str, image: &str, extra: Value) -> Value {
    let mut cluster = json!({
        "cloudProvider": "cloudfoundry",
        "provider": "cloudfoundry",
        "account": account,
        "region": region,
        "application": "hello",
        "stack": "web",
        "freeFormDetails": "",
        "strategy": "redblack",
        "startApplication": true,
        "capacity": {"min": 2, "max": 2, "desired": 2},
        "applicationArtifact": {
            "artifact": {"type": "docker/image", "reference": image, "name": "nginxdemos/hello"}
        },
        "manifest": {"direct": {
            "instances": 2,
            "memory": "128M",
            "diskQuota": "256M",
            "healthCheckType": "http",
            "healthCheckHttpEndpoint": "/",
            "routes": ["hello.apps.sandbox.local"],
            "environment": [{"key": "GREETING", "value": "hi"}]
        }}
    });
    if let (Value::Object(base), Value::Object(extra)) = (&mut cluster, extra) {
        base.extend(extra);
    }
    cluster
}

/// A `deploy` stage of `clusters`.
pub(crate) fn deploy(clusters: &[Value]) -> Value {
    json!({"type": "deploy", "name": "Deploy", "clusters": clusters})
}

/// A pipeline of `stages` (refIds and requisites chained in order unless given).
pub(crate) fn pipeline(name: &str, stages: Vec<Value>) -> String {
    crate::dcos_world::pipeline(name, stages)
}

/// The stage of `execution` named `name`.
pub(crate) fn stage<'e>(execution: &'e Value, name: &str) -> &'e Value {
    execution["stages"]
        .as_array()
        .and_then(|stages| stages.iter().find(|stage| stage["name"] == name))
        .unwrap_or_else(|| panic!("no stage `{name}` in {execution:#}"))
}

/// The server groups of `groups` (from `clusters --output json`) as `name enabled up/total`.
pub(crate) fn summary(groups: &[Value]) -> Vec<String> {
    crate::dcos_world::summary(groups)
}
