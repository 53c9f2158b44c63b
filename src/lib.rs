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
//! - `expr`: pipeline expressions (`${…}`, Spinnaker's `SpEL` dialect); pure.
//! - `providers`: clients for the outside world (for now the HTTP fetch of the URL helpers).
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
mod exit_status;
mod expr;
mod providers;
mod settings;
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
