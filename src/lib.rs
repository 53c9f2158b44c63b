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
//! - `expr`: pipeline expressions (`${…}`, Spinnaker's SpEL dialect); pure.
//! - `simulator`: local imitations of the cloud APIs (Cloud Foundry + UAA); uses nothing else
//!   of the crate.
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
mod settings;
mod simulator;
mod ui;

/// Entry point of the binary; kept here so `main.rs` stays a one-liner.
#[doc(hidden)]
pub fn main_entry() -> std::process::ExitCode {
    app::main()
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
