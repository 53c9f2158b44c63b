//! `POST /v3/apps/:guid/actions/{start,stop,restart}`. Starting needs a current droplet; it
//! (re)starts every instance of every process, which then walk STARTING → RUNNING.

use axum::Json;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};

use super::apps::AppState;
use super::error::ApiError;
use super::shared::Ctx;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Action {
    Start,
    Stop,
    Restart,
}

fn act(ctx: &Ctx, guid: &str, action: Action) -> Result<Response, ApiError> {
    let (mut world, now) = ctx.settled();
    let app = world.app(guid)?;
    let was_started = app.state == AppState::Started;
    let droplet = app.current_droplet_guid.clone();
    if action != Action::Stop && app.current_droplet_guid.is_none() {
        return Err(ApiError::unprocessable(
            "Assign a droplet before starting this app.",
        ));
    }
    let target = if action == Action::Stop {
        AppState::Stopped
    } else {
        AppState::Started
    };
    for process in world
        .processes
        .iter_mut()
        .filter(|process| process.app_guid == guid)
    {
        match action {
            Action::Stop => process.stop(),
            Action::Restart => process.start(droplet.as_deref(), now, &ctx.guids),
            // Starting a started app changes nothing, as on a real foundation.
            Action::Start if !was_started => process.start(droplet.as_deref(), now, &ctx.guids),
            Action::Start => {}
        }
    }
    let app = world.app_mut(guid)?;
    if app.state != target || action == Action::Restart {
        app.updated_at = now;
    }
    app.state = target;
    Ok(Json(app.to_json(&ctx.api_url)).into_response())
}

pub(crate) async fn start(
    State(ctx): State<Ctx>,
    Path(guid): Path<String>,
) -> Result<Response, ApiError> {
    act(&ctx, &guid, Action::Start)
}

pub(crate) async fn stop(
    State(ctx): State<Ctx>,
    Path(guid): Path<String>,
) -> Result<Response, ApiError> {
    act(&ctx, &guid, Action::Stop)
}

pub(crate) async fn restart(
    State(ctx): State<Ctx>,
    Path(guid): Path<String>,
) -> Result<Response, ApiError> {
    act(&ctx, &guid, Action::Restart)
}
