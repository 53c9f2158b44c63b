//! Scaling processes: `POST /v3/processes/:guid/actions/scale` and the
//! `/v3/apps/:guid/processes/:type/actions/scale` form answer 202. The instance count changes
//! live (new instances start, extra ones stop); memory, disk and log rate are recorded and, as
//! on a real foundation, take effect on the next restart. Scaling the web process while a
//! deployment is active is refused (422 `CF-ScaleDisabledDuringDeployment`).

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::apps::AppState;
use super::body::{optional_i64, optional_u32, parse_object, reject_unknown_keys};
use super::error::ApiError;
use super::processes::locate;
use super::shared::Ctx;

/// The most instances one process may have here; a real foundation's quotas stop far sooner.
pub(crate) const MAX_INSTANCES: u32 = 2000;

/// Refuses instance counts above [`MAX_INSTANCES`].
pub(crate) fn check_instance_count(instances: Option<u32>) -> Result<(), ApiError> {
    if instances.is_some_and(|count| count > MAX_INSTANCES) {
        return Err(ApiError::unprocessable(format!(
            "Instances must be less than or equal to {MAX_INSTANCES}"
        )));
    }
    Ok(())
}

fn scale_located(
    ctx: &Ctx,
    guid: &str,
    process_type: Option<&str>,
    body: &[u8],
) -> Result<Response, ApiError> {
    let object = parse_object(body)?;
    reject_unknown_keys(
        &object,
        &[
            "instances",
            "memory_in_mb",
            "disk_in_mb",
            "log_rate_limit_in_bytes_per_second",
        ],
    )?;
    let instances = optional_u32(&object, "instances")?;
    check_instance_count(instances)?;
    let memory = optional_u32(&object, "memory_in_mb")?;
    let disk = optional_u32(&object, "disk_in_mb")?;
    let log_rate = optional_i64(&object, "log_rate_limit_in_bytes_per_second")?;
    if memory == Some(0) {
        return Err(ApiError::unprocessable(
            "Memory in mb must be greater than 0",
        ));
    }
    if disk == Some(0) {
        return Err(ApiError::unprocessable("Disk in mb must be greater than 0"));
    }
    let (mut world, now) = ctx.settled();
    let guid = locate(&world, guid, process_type)?;
    let process = world.process(&guid)?;
    let app_guid = process.app_guid.clone();
    let deploying = world
        .deployments
        .iter()
        .any(|deployment| deployment.app_guid == app_guid && deployment.is_active());
    if deploying && process.kind == "web" {
        return Err(ApiError::scale_disabled_during_deployment());
    }
    let running = world.app(&app_guid)?.state == AppState::Started;
    let process = world.process_mut(&guid)?;
    if let Some(instances) = instances {
        process.resize(instances, running, now, &ctx.guids);
    }
    // Memory, disk and log rate take effect on the next restart, as on a real foundation.
    process.memory_in_mb = memory.unwrap_or(process.memory_in_mb);
    process.disk_in_mb = disk.unwrap_or(process.disk_in_mb);
    process.log_rate_limit_in_bytes_per_second =
        log_rate.unwrap_or(process.log_rate_limit_in_bytes_per_second);
    process.updated_at = now;
    let body = world.process(&guid)?.to_json(&world, &ctx.api_url);
    Ok((StatusCode::ACCEPTED, Json(body)).into_response())
}

pub(crate) async fn scale(
    State(ctx): State<Ctx>,
    Path(guid): Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    scale_located(&ctx, &guid, None, &body)
}

pub(crate) async fn scale_for_app(
    State(ctx): State<Ctx>,
    Path((guid, process_type)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, ApiError> {
    scale_located(&ctx, &guid, Some(&process_type), &body)
}
