//! Harness for end-to-end tests of the DC/OS provider: simulated DC/OS clusters started
//! in-process on `127.0.0.1:0`, a config file naming them as an account, and the real
//! `gennaker` binary run against them. Assertions read the simulators over HTTP.

use std::collections::BTreeMap;

use gennaker::testing::{ClusterOptions, DcosCluster, Faults, Timing};
use serde_json::Value;

use crate::support::{Outcome, Test};

/// Simulated clusters behind one account, and a scratch directory to run gennaker in.
pub(crate) struct DcosWorld {
    pub(crate) test: Test,
    clusters: BTreeMap<String, DcosCluster>,
    http: reqwest::Client,
}

/// Fast enough for tests, slow enough that waits are real waits.
pub(crate) fn quick_timing() -> Timing {
    Timing {
        task_start_ms: 60,
        health_ms: 60,
        job_start_ms: 40,
        job_run_ms: 80,
        ..Timing::default()
    }
}

impl DcosWorld {
    /// Starts one cluster per region and configures them as account `account`.
    pub(crate) async fn start(account: &str, regions: &[&str]) -> Self {
        Self::start_with(account, regions, "").await
    }

    /// [`DcosWorld::start`] with more config file text (traffic guards…).
    pub(crate) async fn start_with(account: &str, regions: &[&str], extra_config: &str) -> Self {
        let mut clusters = BTreeMap::new();
        for region in regions {
            let cluster = DcosCluster::start(ClusterOptions::new(region).timing(quick_timing()))
                .await
                .expect("the simulator starts");
            clusters.insert((*region).to_owned(), cluster);
        }
        let config = config_for(account, &clusters) + extra_config;
        let test = Test::new().file(".config/gennaker/config.toml", &config);
        Self {
            test,
            clusters,
            http: reqwest::Client::new(),
        }
    }

    /// The simulated cluster of `region`.
    pub(crate) fn cluster(&self, region: &str) -> &DcosCluster {
        &self.clusters[region]
    }

    /// Sets faults on the cluster of `region`.
    pub(crate) fn set_faults(&self, region: &str, faults: Faults) {
        self.cluster(region)
            .set_faults(faults)
            .expect("valid faults");
    }

    /// Writes a file into the working directory.
    pub(crate) fn write(&self, name: &str, contents: &str) {
        std::fs::write(self.test.dir().join(name), contents).expect("write test file");
    }

    /// Runs gennaker with `args` off the async runtime, so the simulators keep serving.
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

    /// A Marathon GET on the cluster of `region`, as raw JSON.
    pub(crate) async fn marathon(&self, region: &str, path: &str) -> Value {
        let url = format!("{}/service/marathon{path}", self.cluster(region).base_url());
        self.http
            .get(url)
            .send()
            .await
            .expect("the simulator answers")
            .json()
            .await
            .expect("JSON")
    }

    /// The requests the cluster of `region` received, as `METHOD path` lines.
    pub(crate) fn requests(&self, region: &str) -> Vec<String> {
        self.cluster(region)
            .requests()
            .iter()
            .map(|request| format!("{} {}", request.method, request.path))
            .collect()
    }
}

fn config_for(account: &str, clusters: &BTreeMap<String, DcosCluster>) -> String {
    let mut text =
        format!("[accounts.{account}]\nprovider = \"dcos\"\n[accounts.{account}.regions]\n");
    for (region, cluster) in clusters {
        text.push_str(&format!("\"{region}\" = \"{}\"\n", cluster.base_url()));
    }
    text
}

impl Drop for DcosWorld {
    fn drop(&mut self) {
        for cluster in self.clusters.values() {
            cluster.shutdown();
        }
    }
}

/// A DC/OS deploy cluster for `application` in `region` of account `account`, as Deck writes
/// it; `extra` members are merged over the defaults.
pub(crate) fn dcos_cluster(account: &str, region: &str, image_tag: &str, extra: Value) -> Value {
    let mut cluster = serde_json::json!({
        "cloudProvider": "dcos",
        "provider": "dcos",
        "account": account,
        "region": region,
        "dcosCluster": region,
        "application": "hello",
        "stack": "prod",
        "freeFormDetails": "",
        "strategy": "redblack",
        "capacity": {"min": 2, "max": 2, "desired": 2},
        "cpus": 0.1,
        "mem": 64,
        "docker": {
            "image": {
                "registry": "docker.io",
                "repository": "nginxdemos/hello",
                "tag": image_tag,
                "imageId": format!("docker.io/nginxdemos/hello:{image_tag}")
            },
            "network": "BRIDGE"
        },
        "healthChecks": [{"protocol": "MESOS_HTTP", "path": "/", "portIndex": 0,
            "gracePeriodSeconds": 5, "intervalSeconds": 5, "timeoutSeconds": 2,
            "maxConsecutiveFailures": 3}]
    });
    if let (Value::Object(base), Value::Object(extra)) = (&mut cluster, extra) {
        base.extend(extra);
    }
    cluster
}

/// A pipeline of `stages` (refIds and requisites chained in order unless given).
pub(crate) fn pipeline(name: &str, stages: Vec<Value>) -> String {
    let stages: Vec<Value> = stages
        .into_iter()
        .enumerate()
        .map(|(index, mut stage)| {
            let object = stage.as_object_mut().expect("a stage object");
            object
                .entry("refId")
                .or_insert_with(|| Value::String((index + 1).to_string()));
            object.entry("requisiteStageRefIds").or_insert_with(|| {
                if index == 0 {
                    serde_json::json!([])
                } else {
                    serde_json::json!([index.to_string()])
                }
            });
            stage
        })
        .collect();
    serde_json::json!({"application": "hello", "name": name, "stages": stages}).to_string()
}

/// The server groups of `groups` (from `clusters --output json`) as `name enabled up/total`.
pub(crate) fn summary(groups: &[Value]) -> Vec<String> {
    groups
        .iter()
        .map(|group| {
            format!(
                "{} {} {}/{}",
                group["serverGroup"].as_str().unwrap_or("?"),
                if group["enabled"] == Value::Bool(true) {
                    "enabled"
                } else {
                    "disabled"
                },
                group["instances"]["up"],
                group["instances"]["total"]
            )
        })
        .collect()
}
