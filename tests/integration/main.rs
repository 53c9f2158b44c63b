//! The integration tests: each module drives the real `gennaker` binary.
//!
//! - `cli`: help, exit codes, completions and man pages.
//! - `validate`: every diagnostic kind of `gennaker validate`, with exact locations.
//! - `plan`: `gennaker plan` output in each format, and pipeline selection.
//! - `examples`: every file in `pipelines/` and every shared Spinnaker sample.
//! - `terminal`: `gennaker run` in a pseudo-terminal: the live table and judgment prompts.
//! - `webhook`: the `webhook` stage against a scripted local server (`webhook_server`).
//! - `expr`: `gennaker expr eval` (templates, `--context`, `--stage`, `--json`, `--jsonl`,
//!   URL helpers, exit codes).
//! - `expr_fuzz`: the fuzz seed corpus and hostile inputs through the fuzz entry point.
//! - `sandbox`: the shared, persisted sandbox (`sandbox start|status|fault|stop|reset`,
//!   `serve --persist`) and its background process.

mod support;

mod child_pipelines;
mod cli;
mod examples;
mod expr;
mod expr_fuzz;
mod plan;
mod run;
mod sandbox;
mod sandbox_runs;
mod terminal;
mod validate;
mod webhook;
mod webhook_server;

// The DC/OS provider end to end: gennaker against simulated clusters.
mod dcos_accounts;
mod dcos_deploy;
mod dcos_examples;
mod dcos_jobs;
mod dcos_operations;
mod dcos_world;

// DC/OS simulator, over real HTTP: shared harness, then one module per API group.
mod sim_dcos_auth;
mod sim_dcos_events;
mod sim_dcos_faults;
mod sim_dcos_marathon;
mod sim_dcos_metronome;
mod sim_dcos_sandbox;
mod sim_dcos_support;

// Cloud Foundry simulator (Cloud Controller v3 + UAA), over real HTTP.
mod sim_cf_apps;
mod sim_cf_deploy;
mod sim_cf_deployments;
mod sim_cf_discovery;
mod sim_cf_faults;
mod sim_cf_robustness;
mod sim_cf_services;
mod sim_cf_support;
mod sim_cf_tasks;
mod sim_cf_uaa;

// The Cloud Foundry provider and stages end to end: gennaker against a simulated foundation.
mod cf_accounts;
mod cf_deploy;
mod cf_examples;
mod cf_jobs;
mod cf_operations;
mod cf_pagination;
mod cf_services;
mod cf_world;
