//! Tests of the DC/OS client: contract tests on documented bodies, the mappings, and the
//! client against hand-written stubs over HTTP on `127.0.0.1`.

mod app_definition;
mod contract;
mod flows;
mod jobs;
mod progress;
mod stub;
