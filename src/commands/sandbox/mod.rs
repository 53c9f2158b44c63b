//! `gennaker sandbox …` and the machinery behind the built-in sandbox accounts `sandbox-dcos`
//! (regions `us-east-1`, `us-west-1`: one simulated DC/OS cluster each, no login needed) and
//! `sandbox-cf` (org `sandbox`, spaces `dev` and `prod`, user `admin`/`admin`).
//!
//! # One shared sandbox per data directory
//!
//! A pipeline naming a sandbox account calls [`ensure_running`], which returns the URLs of the
//! data directory's sandbox, starting it in the background if needed: a detached `gennaker
//! sandbox daemon` process (its own process group, output to `daemon.log`). That process
//! loads `state.json`, serves the simulators on `127.0.0.1` ephemeral ports, writes
//! `endpoints.json`, saves the state atomically within half a second of each change and when it
//! stops, and stops by itself after ten idle minutes. Being one process, it is the only writer
//! of the state: concurrent pipelines on one data directory see each other's server groups,
//! and versions go v000, v001, … from run to run. `gennaker sandbox serve --persist` runs the
//! same thing in the foreground.
//!
//! Why a shared process rather than simulators in each gennaker process under a lock: a
//! pipeline holds the sandbox for minutes, and two pipelines (or a pipeline and `clusters`)
//! must be able to use it at once; a lock would serialise them, and in-process copies would
//! each deploy into their own copy of the state and lose one another's changes.
//!
//! Files and locks are in [`layout`]. Who may do what:
//! - `owner.lock` (exclusive): whoever writes `state.json` — the serving process for its life,
//!   `fault` and `reset` for a moment when nothing runs;
//! - `spawn.lock` (exclusive): a caller of [`ensure_running`] starting the sandbox, so two
//!   callers at once start one sandbox and share it;
//! - `clients.lock` (shared): every process that called [`ensure_running`], until it exits;
//!   the sandbox does not stop for idleness while anyone holds it.
//!
//! Module map: [`ensure`] (starting on demand), [`persist`] (the serving loop), [`serve`]
//! (the `serve` and hidden `daemon` commands), [`simulators`] (the simulators and their
//! snapshots), [`saved_state`] (`state.json`), [`endpoints`] (`endpoints.json`, URLs),
//! [`access`] (running sandbox or saved state, for the commands below), [`status`],
//! [`fault`] and [`fault_kind`], [`lifecycle`] (`start`, `stop`, `reset`), [`view`] (what runs
//! where), [`accounts`] (names).
//!
//! Timing: the simulators' defaults, so a deployment takes a few seconds to watch — DC/OS tasks
//! start in 1 s and get healthy 1 s later; Cloud Foundry stages in 2 s and starts in 1.5 s.

mod access;
pub(crate) mod accounts;
mod endpoints;
mod ensure;
mod fault;
pub(crate) mod fault_kind;
mod layout;
mod lifecycle;
mod persist;
mod saved_state;
mod serve;
mod simulators;
mod status;
mod view;

pub(crate) use endpoints::SandboxEndpoints;
pub(crate) use ensure::ensure_running;
pub(crate) use fault::fault;
pub(crate) use lifecycle::{reset, start, stop};
pub(crate) use serve::{daemon, serve};
pub(crate) use status::status;
