//! Metronome v1 as DC/OS serves it under `/service/metronome`: jobs, runs and the service
//! endpoints. Models: [`job`], [`run`]; the job command convention: [`command`]; time:
//! [`reconcile`]; handlers: [`jobs`], [`runs`].

pub(crate) mod command;
pub(crate) mod job;
pub(crate) mod jobs;
pub(crate) mod reconcile;
pub(crate) mod run;
pub(crate) mod runs;

use std::sync::Arc;

use axum::Router;
use axum::routing::{get, post};
use serde_json::json;

use crate::simulator::dcos::cluster::Cluster;

/// The Metronome version the simulator follows.
const METRONOME_VERSION: &str = "0.6.44";

/// Metronome's routes, relative to its base path.
pub(crate) fn routes() -> Router<Arc<Cluster>> {
    Router::new()
        .route("/v1/jobs", get(jobs::list).post(jobs::create))
        .route(
            "/v1/jobs/{job_id}",
            get(jobs::show).put(jobs::update).delete(jobs::delete),
        )
        .route("/v1/jobs/{job_id}/schedules", get(jobs::schedules))
        .route("/v1/jobs/{job_id}/runs", get(runs::list).post(runs::start))
        .route("/v1/jobs/{job_id}/runs/{run_id}", get(runs::show))
        .route(
            "/v1/jobs/{job_id}/runs/{run_id}/actions/stop",
            post(runs::stop),
        )
        .route(
            "/info",
            get(|| async {
                axum::Json(json!({ "version": METRONOME_VERSION, "libVersion": "1.7.0" }))
            }),
        )
        .route(
            "/v1/info",
            get(|| async {
                axum::Json(json!({ "version": METRONOME_VERSION, "libVersion": "1.7.0" }))
            }),
        )
        .route("/ping", get(|| async { "pong" }))
}
