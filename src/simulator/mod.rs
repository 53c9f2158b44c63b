//! Local simulators of the cloud APIs gennaker deploys to.
//!
//! Each simulator is an axum app served on a listener the caller hands in (a `127.0.0.1:0` port
//! in tests and in `gennaker sandbox serve`). The simulators are products in their own right:
//! operators rehearse pipelines against them, so they follow the providers' documented wire
//! formats, status codes and error bodies, and they never share request or response types with
//! gennaker's provider clients (a serialisation bug must not hide on both sides).
//!
//! This module holds only what every simulator shares and stays provider-neutral:
//! - [`server`]: the accept loop, shutdown, and the per-request fault gate and request log;
//! - [`fault`]: the fault model (latency, 5xx/429 rates, dropped connections, workload faults);
//! - [`request_log`]: what the simulator received, for tests and `sandbox` inspection.
//!
//! Provider simulators live below: [`dcos`] (Marathon, Metronome, Mesos, ACS) and
//! [`cloudfoundry`] (Cloud Controller v3 and UAA).

pub(crate) mod cloudfoundry;
pub(crate) mod dcos;
pub(crate) mod fault;
pub(crate) mod request_log;
pub(crate) mod server;

/// Path prefix of the simulators' own control API (faults, state, request log). Requests under it
/// bypass faults, authentication and the request log, so a test can always reach the knobs.
pub(crate) const CONTROL_PREFIX: &str = "/__simulator";
