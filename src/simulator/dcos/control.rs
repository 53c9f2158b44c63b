//! The simulator's own control API under `/__simulator` — not part of DC/OS. It lets tests and
//! `gennaker sandbox` read and replace the cluster state, set faults and timing, read the
//! request log and step a manual clock. Requests here bypass faults, auth and the log.
//!
//! | call | effect |
//! |---|---|
//! | `GET /__simulator/info` | `{"name", "clock": "real"|"manual", "now"}` |
//! | `GET`/`PUT /__simulator/state` | the state snapshot (the body of a snapshot file) |
//! | `GET /__simulator/overview` | each app's instances, running and ready tasks, image, deployment |
//! | `GET`/`DELETE /__simulator/requests` | the request log / empty it |
//! | `GET`/`PUT /__simulator/faults` | the faults (see `simulator::fault::Faults`) |
//! | `GET`/`PUT /__simulator/timing` | the timing (see `Timing`) |
//! | `POST /__simulator/clock` `{"advanceMs": N}` | moves a manual clock and applies the time |

#![allow(
    clippy::unused_async,
    reason = "axum handlers are async even when they never await"
)]

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::simulator::CONTROL_PREFIX;
use crate::simulator::dcos::api_error::{ApiError, ApiResult, json_response};
use crate::simulator::dcos::cluster::Cluster;
use crate::simulator::dcos::options::Timing;
use crate::simulator::dcos::state::ClusterState;
use crate::simulator::fault::Faults;

/// The control routes.
pub(crate) fn routes() -> Router<Arc<Cluster>> {
    let path = |suffix: &str| format!("{CONTROL_PREFIX}/{suffix}");
    Router::new()
        .route(&path("info"), get(info))
        .route(&path("state"), get(state).put(replace_state))
        .route(&path("overview"), get(overview))
        .route(&path("requests"), get(requests).delete(clear_requests))
        .route(&path("faults"), get(faults).put(set_faults))
        .route(&path("timing"), get(timing).put(set_timing))
        .route(&path("clock"), post(advance_clock))
}

/// Parses a control body, which is always a JSON object (serde would also read a struct from
/// an array, which would silently reset everything).
fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    let invalid = |reason: String| {
        ApiError::message(StatusCode::BAD_REQUEST, format!("invalid body: {reason}"))
    };
    let value: Value = serde_json::from_slice(body).map_err(|error| invalid(error.to_string()))?;
    if !value.is_object() {
        return Err(invalid("expected a JSON object".to_owned()));
    }
    serde_json::from_value(value).map_err(|error| invalid(error.to_string()))
}

fn to_json(value: &impl serde::Serialize) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

async fn info(State(cluster): State<Arc<Cluster>>) -> ApiResult {
    let clock = if cluster.clock.is_manual() {
        "manual"
    } else {
        "real"
    };
    Ok(json_response(
        StatusCode::OK,
        &json!({ "name": cluster.name, "clock": clock, "now": cluster.clock.now() }),
    ))
}

async fn state(State(cluster): State<Arc<Cluster>>) -> ApiResult {
    Ok(json_response(StatusCode::OK, &to_json(&cluster.snapshot())))
}

async fn overview(State(cluster): State<Arc<Cluster>>) -> ApiResult {
    let overview = cluster.read(crate::simulator::dcos::overview::overview);
    Ok(json_response(StatusCode::OK, &overview))
}

async fn replace_state(State(cluster): State<Arc<Cluster>>, body: Bytes) -> ApiResult {
    let state: ClusterState = parse(&body)?;
    cluster
        .restore(state)
        .map_err(|reason| ApiError::message(StatusCode::BAD_REQUEST, reason))?;
    Ok(json_response(StatusCode::OK, &to_json(&cluster.snapshot())))
}

async fn requests(State(cluster): State<Arc<Cluster>>) -> ApiResult {
    Ok(json_response(
        StatusCode::OK,
        &to_json(&cluster.controls.requests()),
    ))
}

async fn clear_requests(State(cluster): State<Arc<Cluster>>) -> ApiResult {
    cluster.controls.clear_requests();
    Ok(json_response(StatusCode::OK, &json!([])))
}

async fn faults(State(cluster): State<Arc<Cluster>>) -> ApiResult {
    Ok(json_response(
        StatusCode::OK,
        &to_json(&cluster.controls.faults()),
    ))
}

async fn set_faults(State(cluster): State<Arc<Cluster>>, body: Bytes) -> ApiResult {
    let faults: Faults = parse(&body)?;
    faults
        .validate()
        .map_err(|message| ApiError::message(StatusCode::BAD_REQUEST, message))?;
    cluster.controls.set_faults(faults.clone());
    Ok(json_response(StatusCode::OK, &to_json(&faults)))
}

async fn timing(State(cluster): State<Arc<Cluster>>) -> ApiResult {
    Ok(json_response(StatusCode::OK, &to_json(&cluster.timing())))
}

async fn set_timing(State(cluster): State<Arc<Cluster>>, body: Bytes) -> ApiResult {
    let timing: Timing = parse(&body)?;
    cluster.set_timing(timing.clone());
    Ok(json_response(StatusCode::OK, &to_json(&timing)))
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Advance {
    advance_ms: u64,
}

async fn advance_clock(State(cluster): State<Arc<Cluster>>, body: Bytes) -> ApiResult {
    let Advance { advance_ms } = parse(&body)?;
    if !cluster.clock.advance(advance_ms) {
        return Err(ApiError::message(
            StatusCode::CONFLICT,
            "this cluster follows the wall clock; start it with a manual clock to advance it",
        ));
    }
    // Apply the new time at once so the caller sees its effect in the next request.
    cluster.tick();
    Ok(json_response(
        StatusCode::OK,
        &json!({ "now": cluster.clock.now() }),
    ))
}
