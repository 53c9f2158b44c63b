//! `/_simulator/*` on the Cloud Controller listener: inspection and control for operators and
//! tools outside the process (the in-process equivalent is the
//! [`super::CloudFoundrySimulator`] handle). Not part of the Cloud Foundry API; no token needed.
//!
//! - `GET /_simulator/state`: the full foundation, as saved in a snapshot;
//! - `GET /_simulator/overview`: what runs where (apps, instance states, routes);
//! - `GET /_simulator/requests`: the request log;
//! - `GET` / `PUT /_simulator/faults`: the fault knobs;
//! - `POST /_simulator/clock/advance?ms=N`: moves a manual clock.

use std::time::Duration;

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::body::parse_object;
use super::error::ApiError;
use super::faults::CloudFoundryFaults;
use super::shared::{Ctx, Params, lock};

pub(crate) async fn state(State(ctx): State<Ctx>) -> Response {
    let (world, _) = ctx.settled();
    Json(serde_json::to_value(&*world).unwrap_or_default()).into_response()
}

pub(crate) async fn overview(State(ctx): State<Ctx>) -> Response {
    let (world, now) = ctx.settled();
    Json(super::overview::overview(&world, now, &ctx)).into_response()
}

pub(crate) async fn requests(State(ctx): State<Ctx>) -> Response {
    Json(json!({"requests": *lock(&ctx.requests)})).into_response()
}

pub(crate) async fn faults(State(ctx): State<Ctx>) -> Response {
    Json(json!(lock(&ctx.world).faults)).into_response()
}

pub(crate) async fn set_faults(State(ctx): State<Ctx>, body: Bytes) -> Result<Response, ApiError> {
    let object = parse_object(&body)?;
    let faults: CloudFoundryFaults =
        serde_json::from_value(Value::Object(object)).map_err(ApiError::message_parse)?;
    faults.validate().map_err(ApiError::unprocessable)?;
    lock(&ctx.world).faults = faults.clone();
    Ok(Json(json!(faults)).into_response())
}

pub(crate) async fn advance_clock(
    State(ctx): State<Ctx>,
    Params(params): Params,
) -> Result<Response, ApiError> {
    let milliseconds = params
        .iter()
        .find(|(name, _)| name == "ms")
        .and_then(|(_, value)| value.parse::<u64>().ok())
        .ok_or_else(|| ApiError::bad_query("ms must be a whole number of milliseconds"))?;
    ctx.clock.advance(Duration::from_millis(milliseconds));
    Ok(StatusCode::NO_CONTENT.into_response())
}
