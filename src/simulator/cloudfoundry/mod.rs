//! A faithful local Cloud Foundry: the Cloud Controller v3 API and UAA, each on its own
//! `127.0.0.1` listener, written from the v3 and UAA API docs (it shares no types with the
//! provider's client). Operators rehearse pipelines against it; tests assert on it.
//!
//! Start at [`CloudFoundrySimulator`] (`launcher.rs`) and [`CloudFoundryConfig`]. How a
//! request flows: `router.rs` (routes and middleware) → one file per resource (`apps.rs`,
//! `packages.rs`, `builds.rs`, …) → `world.rs` (the foundation and `settle`, which advances the
//! time-driven state machines) under the one lock in `shared.rs`. Faults are in `faults.rs`
//! (app behaviour) and `http_faults.rs` (per request); `docs/simulators-cloudfoundry.md`
//! documents the whole surface and the known differences from a real foundation.

mod admin;
mod app_actions;
mod app_includes;
mod apps;
mod auth;
mod body;
mod builds;
mod clock;
mod config;
mod connection;
mod deployment_actions;
mod deployments;
mod destinations;
mod domains;
mod droplets;
mod environment;
mod error;
mod faults;
mod feature_flags;
mod guid;
mod http_faults;
mod jobs;
mod label_selector;
mod launcher;
mod list_query;
mod listing;
mod organizations;
mod overview;
mod package_upload;
mod packages;
mod pagination;
mod process_instances;
mod process_scale;
mod process_stats;
mod processes;
mod rate_limit;
mod rejections;
mod request_log;
mod resource_matches;
mod root;
mod router;
mod routes;
mod service_bindings;
mod service_catalog;
mod service_instances;
mod service_operation;
mod service_sharing;
mod shared;
mod spaces;
mod task_command;
mod tasks;
mod uaa;
mod world;

pub use clock::ClockMode;
pub use config::{
    ClientSeed, CloudFoundryConfig, OrganizationSeed, RateLimitConfig, Seed, ServiceOfferingSeed,
    Timing, UserSeed,
};
pub use faults::{AppSelector, CloudFoundryFaults, HttpFaults, SlowStart};
pub use launcher::CloudFoundrySimulator;
pub use request_log::RecordedRequest;
