//! `DELETE /v3/processes/:guid/instances/:index` (and the `/v3/apps/:guid/processes/:type/…`
//! form): terminates one instance, which the foundation restarts at once — it goes back to
//! STARTING with a new instance guid. Spinnaker's "terminate instances" maps onto this.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::error::ApiError;
use super::processes::{InstanceRun, locate};
use super::shared::Ctx;

fn terminate(
    ctx: &Ctx,
    guid: &str,
    process_type: Option<&str>,
    index: &str,
) -> Result<Response, ApiError> {
    let (mut world, now) = ctx.settled();
    let guid = locate(&world, guid, process_type)?;
    let process = world.process_mut(&guid)?;
    let run = index
        .parse::<usize>()
        .ok()
        .and_then(|index| process.runs.get_mut(index))
        .ok_or_else(|| ApiError::not_found("Instance"))?;
    *run = InstanceRun {
        guid: ctx.guids.next(),
        started_at: now,
    };
    Ok(StatusCode::NO_CONTENT.into_response())
}

pub(crate) async fn terminate_by_guid(
    State(ctx): State<Ctx>,
    Path((guid, index)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    terminate(&ctx, &guid, None, &index)
}

pub(crate) async fn terminate_by_type(
    State(ctx): State<Ctx>,
    Path((guid, process_type, index)): Path<(String, String, String)>,
) -> Result<Response, ApiError> {
    terminate(&ctx, &guid, Some(&process_type), &index)
}
