//! The integration tests: each module drives the real `gennaker` binary.
//!
//! - `cli`: help, exit codes, completions and man pages.
//! - `validate`: every diagnostic kind of `gennaker validate`, with exact locations.
//! - `plan`: `gennaker plan` output in each format, and pipeline selection.
//! - `examples`: every file in `pipelines/` and every shared Spinnaker sample.
//! - `webhook`: the `webhook` stage against a scripted local server (`webhook_server`).

mod support;

mod cli;
mod examples;
mod plan;
mod validate;
mod webhook;
mod webhook_server;

// DC/OS simulator, over real HTTP: shared harness, then one module per API group.
mod sim_dcos_auth;
mod sim_dcos_events;
mod sim_dcos_faults;
mod sim_dcos_marathon;
mod sim_dcos_metronome;
mod sim_dcos_sandbox;
mod sim_dcos_support;
