//! gennaker runs Spinnaker pipelines from one binary, with no Spinnaker servers.
//!
//! # Map of the crate
//!
//! Start reading at [`app`], which dispatches each subcommand to a file in `commands/`.
//!
//! - `cli`: the clap types of the command line; no I/O.
//! - `app`: dispatch, and the one place where errors become `error:` lines and exit codes.
//! - `settings`: command-line flags, environment and config file resolved into typed settings;
//!   the only reader of environment variables and the config file.
//! - `commands`: one file per subcommand, glue only.
//! - `pipeline`: the pipeline document: loading with located errors, the stage model,
//!   validation and the stage graph.
//! - `expr`: pipeline expressions (`${…}`, the `SpEL` dialect of Spinnaker); pure.
//! - `simulator`: local imitations of the provider APIs (DC/OS, Cloud Foundry + UAA), served
//!   over HTTP on `127.0.0.1`; uses nothing else of the crate.
//! - `providers`: clients for the outside world (for now the HTTP fetch of the URL helpers).
//! - `engine`: runs one execution: the scheduler, statuses, tasks, events; prints nothing.
//! - `stages`: the stage types gennaker runs, one file each.
//! - `history`: executions kept on disk.
//! - `ui`: the only module that writes to the terminal.
//!
//! Dependencies point one way; `tests/architecture.rs` enforces the direction.
//!
//! # Glossary
//!
//! - **Pipeline**: a Spinnaker pipeline config: stages wired by `refId`/`requisiteStageRefIds`.
//! - **Stage**: one node of the pipeline graph (`wait`, `manualJudgment`, `deploy`, …).
//! - **Task**: one unit of work inside a stage.
//! - **Execution**: one run of a pipeline. Never "job" or "step".
//! - **Provider**: a cloud gennaker deploys to (Cloud Foundry, DC/OS).
//! - **Simulator**: a local imitation of a provider's API.

mod app;
mod cli;
mod commands;
mod engine;
mod exit_status;
mod expr;
mod history;
mod pipeline;
mod providers;
mod settings;
mod simulator;
mod stages;
mod ui;

/// Parses and evaluates arbitrary bytes as a template against a fixed context; never panics.
/// The cargo-fuzz target and the seed-corpus test call this.
#[doc(hidden)]
pub fn fuzz_expression(data: &[u8]) {
    expr::fuzz_one(data);
}

/// Evaluates `--jsonl` input lines in-process, as `gennaker expr eval --jsonl` does, and
/// returns the output lines; for the benchmarks.
#[doc(hidden)]
pub fn expr_jsonl(input: &str) -> String {
    commands::expr::jsonl_in_process(input)
}

/// A pre-built evaluator and root for the expression benchmarks.
#[doc(hidden)]
pub struct ExprBench(expr::BenchHarness);

impl ExprBench {
    /// An evaluator over the root properties in `context` (a JSON object).
    pub fn new(context: &serde_json::Value) -> Self {
        Self(expr::BenchHarness::new(context))
    }

    /// Evaluates `value` as a stage context is evaluated; returns the result.
    pub fn evaluate(&self, value: &serde_json::Value) -> serde_json::Value {
        self.0.evaluate(value)
    }
}

/// Entry point of the binary; kept here so `main.rs` stays a one-liner.
#[doc(hidden)]
pub fn main_entry() -> std::process::ExitCode {
    app::main()
}

/// A narrow entry into the library for benchmarks and fuzzing; not a public API.
#[doc(hidden)]
pub mod internals {
    /// Loads pipeline JSON as `gennaker validate` does and returns how many problems it has.
    pub fn validate_pipeline_text(text: &str) -> usize {
        let path = std::path::Path::new("bench.json");
        let Ok(file) = crate::pipeline::load::parse(path, text) else {
            return 1;
        };
        match file.pipelines() {
            Ok(pipelines) => pipelines
                .iter()
                .map(|pipeline| crate::pipeline::validate(&file, pipeline).len())
                .sum(),
            Err(_) => 1,
        }
    }
}

/// Runs pipeline JSON to its end as `gennaker run` does, with the built-in stages, no history
/// and no output, and returns the final status (`SUCCEEDED`, …); for benchmarks.
#[doc(hidden)]
pub fn run_pipeline_text(text: &str) -> String {
    use std::sync::Arc;

    struct Silent;
    impl engine::event::Reporter for Silent {
        fn report(&mut self, _event: &engine::event::Event) {}
    }

    let Ok(file) = pipeline::load::parse(std::path::Path::new("bench.json"), text) else {
        return "INVALID".to_owned();
    };
    let Some(chosen) = file.pipelines().ok().and_then(|mut all| all.pop()) else {
        return "INVALID".to_owned();
    };
    let execution =
        engine::record::Execution::new(&chosen, serde_json::json!({"type": "manual"}), "bench", 0);
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    else {
        return "NO RUNTIME".to_owned();
    };
    let (_sender, receiver) = tokio::sync::mpsc::unbounded_channel();
    let registry = Arc::new(stages::BuiltinStages::default());
    let finished = runtime.block_on(async {
        let mut silent = Silent;
        engine::scheduler::Scheduler::new(
            execution,
            registry,
            &mut silent,
            receiver,
            engine::scheduler::EngineSettings::default(),
        )
        .run()
        .await
    });
    finished.status.name().to_owned()
}

/// What integration tests (and nothing else outside the crate) need: the simulator launchers.
#[doc(hidden)]
pub mod testing {
    pub use crate::simulator::dcos::{AuthOptions, ClusterOptions, DcosCluster, Timing};
    pub use crate::simulator::fault::{Faults, HttpFaults, ImageFault, WorkloadFault};
}

/// The Cloud Foundry simulator, for integration tests and the sandbox; not a stable API.
#[doc(hidden)]
pub mod testing_cf {
    pub use crate::simulator::cloudfoundry::{
        AppSelector, ClientSeed, ClockMode, CloudFoundryConfig, CloudFoundryFaults,
        CloudFoundrySimulator, HttpFaults, OrganizationSeed, RateLimitConfig, RecordedRequest,
        Seed, ServiceOfferingSeed, SlowStart, Timing, UserSeed,
    };
}

/// How soon a waiting DC/OS stage sees a change on its cluster: a DC/OS provider waits on a
/// server group of a simulated cluster (over HTTP, through Marathon's event stream) while the
/// group is scaled; for the benchmarks.
#[doc(hidden)]
pub struct ChangeLatency {
    runtime: tokio::runtime::Runtime,
    cluster: simulator::dcos::DcosCluster,
    provider: std::sync::Arc<providers::dcos::DcosProvider>,
    http: reqwest::Client,
    instances: std::cell::Cell<u32>,
}

impl ChangeLatency {
    const REGION: &'static str = "us-east-1";
    const NAME: &'static str = "hello-v000";

    /// A simulated cluster with one deployed server group, and a provider for it.
    ///
    /// # Panics
    /// When the simulator or the first deployment fails: a benchmark has nothing to measure.
    #[must_use]
    pub fn new() -> Self {
        use providers::cloud::{CloudProvider as _, DeployRequest};
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a runtime");
        let cluster = runtime
            .block_on(simulator::dcos::DcosCluster::start(
                simulator::dcos::ClusterOptions::new(Self::REGION)
                    .timing(simulator::dcos::Timing::instant()),
            ))
            .expect("the simulator starts");
        let provider = providers::dcos::DcosProvider::new(providers::dcos::DcosAccount {
            name: "bench".to_owned(),
            clusters: vec![providers::dcos::DcosClusterConfig {
                name: Self::REGION.to_owned(),
                url: cluster.base_url().to_owned(),
            }],
            auth: providers::dcos::DcosAuth::None,
            tls: providers::http::TlsOptions::default(),
        })
        .expect("a provider");
        let provider = std::sync::Arc::new(provider);
        let description = serde_json::json!({
            "application": "hello", "cpus": 0.1, "mem": 32,
            "docker": {"image": {"imageId": "nginxdemos/hello:latest"}}
        });
        runtime.block_on(async {
            provider
                .create_server_group(&DeployRequest {
                    region: Self::REGION.to_owned(),
                    server_group: Self::NAME.to_owned(),
                    capacity: providers::model::Capacity::exactly(1),
                    description: description.as_object().cloned().unwrap_or_default(),
                })
                .await
                .expect("the server group is created");
        });
        Self {
            runtime,
            cluster,
            provider,
            http: reqwest::Client::new(),
            instances: std::cell::Cell::new(1),
        }
    }

    /// Readies one change: waits for the previous one to settle, then starts a provider
    /// waiting on the server group. Not part of what is measured.
    ///
    /// # Panics
    /// When the simulator does not answer.
    pub fn prepare(&self) -> PendingChange {
        use providers::cloud::CloudProvider as _;
        let deployments = format!(
            "{}/service/marathon/v2/deployments",
            self.cluster.base_url()
        );
        let provider = std::sync::Arc::clone(&self.provider);
        let http = self.http.clone();
        #[expect(
            clippy::async_yields_async,
            reason = "the waiter is awaited later, in the timed part"
        )]
        let waiter = self.runtime.block_on(async move {
            // The previous change's last events must not wake the next waiter.
            loop {
                let text = http
                    .get(&deployments)
                    .send()
                    .await
                    .expect("the simulator answers")
                    .text()
                    .await
                    .unwrap_or_default();
                if text.trim() == "[]" {
                    break;
                }
                tokio::time::sleep(std::time::Duration::from_millis(5)).await;
            }
            tokio::time::sleep(std::time::Duration::from_millis(30)).await;
            let waiter = tokio::spawn(async move {
                provider
                    .wait_for_change(Self::REGION, Self::NAME, std::time::Duration::from_secs(5))
                    .await;
                std::time::Instant::now()
            });
            // Let the waiter subscribe before the change, as a polling stage has.
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            waiter
        });
        let instances = if self.instances.get() == 1 { 2 } else { 1 };
        self.instances.set(instances);
        PendingChange { waiter, instances }
    }

    /// Makes the change readied by [`ChangeLatency::prepare`] and returns the time from the
    /// scale request until the waiting provider woke up.
    ///
    /// # Panics
    /// When the simulator does not answer.
    pub fn finish(&self, pending: PendingChange) -> std::time::Duration {
        let url = format!(
            "{}/service/marathon/v2/apps/bench/{}?force=true",
            self.cluster.base_url(),
            Self::NAME
        );
        let body = format!("{{\"instances\": {}}}", pending.instances);
        let http = self.http.clone();
        self.runtime.block_on(async move {
            let changed = std::time::Instant::now();
            http.put(url)
                .header("content-type", "application/json")
                .body(body)
                .send()
                .await
                .expect("the simulator answers");
            let woke = pending.waiter.await.expect("the waiter");
            woke.saturating_duration_since(changed)
        })
    }
}

/// A provider waiting on the benchmark's server group, and the size to scale it to.
#[doc(hidden)]
pub struct PendingChange {
    waiter: tokio::task::JoinHandle<std::time::Instant>,
    instances: u32,
}

impl Default for ChangeLatency {
    fn default() -> Self {
        Self::new()
    }
}
