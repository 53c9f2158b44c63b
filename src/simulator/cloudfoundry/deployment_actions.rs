//! `/v3/deployments` handlers: create (rolling or canary), list, show, and the `cancel` and
//! `continue` actions. How a deployment advances is in [`super::deployments`].

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use super::apps::AppState;
use super::body::{
    Metadata, Object, optional_object, optional_string, optional_u32, parse_object,
    reject_unknown_keys, required_relationship,
};
use super::clock::Millis;
use super::deployments::{CanaryPlan, Deployment, Reason, promote};
use super::error::ApiError;
use super::guid::GuidSource;
use super::list_query::filter;
use super::listing::{ListSpec, respond};
use super::process_scale::check_instance_count;
use super::processes::Process;
use super::shared::{Ctx, Params};

const LIST: ListSpec = ListSpec {
    filters: &[
        filter("app_guids", "/relationships/app/data/guid"),
        filter("status_values", "/status/value"),
        filter("status_reasons", "/status/reason"),
    ],
    extra: &["states"],
    orders: &[],
};

pub(crate) async fn list(
    State(ctx): State<Ctx>,
    Params(params): Params,
) -> Result<Response, ApiError> {
    respond(&ctx, "/v3/deployments", &LIST, &params, |world, _| {
        Ok(world
            .deployments
            .iter()
            .map(|deployment| deployment.to_json(world, &ctx.api_url))
            .collect())
    })
}

pub(crate) async fn show(
    State(ctx): State<Ctx>,
    Path(guid): Path<String>,
) -> Result<Response, ApiError> {
    let (world, _) = ctx.settled();
    Ok(Json(world.deployment(&guid)?.to_json(&world, &ctx.api_url)).into_response())
}

/// What `POST /v3/deployments` asks for.
struct DeploymentRequest {
    app_guid: String,
    droplet: Option<String>,
    canary: Option<CanaryPlan>,
    max_in_flight: u32,
    web_instances: Option<u32>,
    memory: Option<u32>,
    disk: Option<u32>,
    metadata: Metadata,
}

/// `options.canary.steps[].instance_weight`, each a percentage from 1 to 100.
fn canary_weights(options: &Object) -> Result<Vec<u32>, ApiError> {
    let Some(canary) = optional_object(options, "canary")? else {
        return Ok(Vec::new());
    };
    let steps = match canary.get("steps") {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Array(steps)) => steps,
        Some(_) => {
            return Err(ApiError::unprocessable(
                "Options canary steps must be an array",
            ));
        }
    };
    steps
        .iter()
        .map(|step| {
            step.get("instance_weight")
                .and_then(Value::as_u64)
                .and_then(|weight| u32::try_from(weight).ok())
                .filter(|weight| (1..=100).contains(weight))
                .ok_or_else(|| {
                    ApiError::unprocessable(
                        "Canary instance weights must be integers between 1 and 100",
                    )
                })
        })
        .collect()
}

impl DeploymentRequest {
    fn parse(body: &[u8]) -> Result<Self, ApiError> {
        let object = parse_object(body)?;
        reject_unknown_keys(
            &object,
            &[
                "droplet",
                "revision",
                "strategy",
                "options",
                "relationships",
                "metadata",
            ],
        )?;
        if object
            .get("revision")
            .is_some_and(|revision| !revision.is_null())
        {
            return Err(ApiError::unprocessable(
                "Deploying a revision is not supported by the simulator; deploy a droplet",
            ));
        }
        let options = optional_object(&object, "options")?.unwrap_or_default();
        let canary = match optional_string(&object, "strategy")?.as_deref() {
            None | Some("rolling") => None,
            Some("canary") => Some(CanaryPlan {
                weights: canary_weights(&options)?,
                current: 1,
                released: false,
            }),
            Some(other) => {
                return Err(ApiError::unprocessable(format!(
                    "Strategy '{other}' is not supported; use 'rolling' or 'canary'"
                )));
            }
        };
        let max_in_flight = optional_u32(&options, "max_in_flight")?.unwrap_or(1);
        if max_in_flight == 0 {
            return Err(ApiError::unprocessable(
                "Max in flight must be an integer greater than 0",
            ));
        }
        let web_instances = optional_u32(&options, "web_instances")?;
        check_instance_count(web_instances)?;
        let droplet = optional_object(&object, "droplet")?.and_then(|droplet| {
            droplet
                .get("guid")
                .and_then(Value::as_str)
                .map(str::to_owned)
        });
        let mut metadata = Metadata::default();
        metadata.apply(&object)?;
        Ok(Self {
            app_guid: required_relationship(&object, "app")?,
            droplet,
            canary,
            max_in_flight,
            web_instances,
            memory: optional_u32(&options, "memory_in_mb")?,
            disk: optional_u32(&options, "disk_in_mb")?,
            metadata,
        })
    }
}

/// The web process a deployment brings up: a new guid, the old process's settings.
fn successor(
    guids: &GuidSource,
    app_guid: &str,
    deployment_guid: &str,
    old: Option<&Process>,
    now: Millis,
) -> Process {
    let mut new = Process::new(
        guids.next(),
        app_guid,
        &format!("web-deployment-{deployment_guid}"),
        now,
        guids,
    );
    if let Some(old) = old {
        new.command.clone_from(&old.command);
        new.health_check = old.health_check.clone();
        new.readiness_health_check = old.readiness_health_check.clone();
        new.memory_in_mb = old.memory_in_mb;
        new.disk_in_mb = old.disk_in_mb;
    }
    new
}

pub(crate) async fn create(State(ctx): State<Ctx>, body: Bytes) -> Result<Response, ApiError> {
    let request = DeploymentRequest::parse(&body)?;
    let app_guid = request.app_guid.clone();
    let (mut world, now) = ctx.settled();
    let app = world.app(&app_guid).map_err(|_| {
        ApiError::unprocessable("App is invalid. Ensure it exists and you have access to it.")
    })?;
    let previous_droplet_guid = app.current_droplet_guid.clone();
    let droplet_guid = request.droplet.clone().or_else(|| previous_droplet_guid.clone()).ok_or_else(|| {
        ApiError::unprocessable("Invalid droplet. Please specify a droplet in the request or set a current droplet for the app.")
    })?;
    if world
        .droplet(&droplet_guid)
        .map_or(true, |droplet| droplet.app_guid != app_guid)
    {
        return Err(ApiError::unprocessable(
            "Unable to assign current droplet. Ensure the droplet exists and belongs to this app.",
        ));
    }
    let stopped = app.state == AppState::Stopped;
    // A newer deployment supersedes an active one: its new process becomes the current web.
    for index in 0..world.deployments.len() {
        if world.deployments[index].app_guid == app_guid && world.deployments[index].is_active() {
            promote(&mut world, index);
            world.deployments[index].finish(Reason::Superseded, now);
        }
    }
    let old = world
        .processes
        .iter()
        .find(|process| process.app_guid == app_guid && process.kind == "web")
        .cloned();
    let old_instances = old.as_ref().map_or(1, |process| process.instances);
    let guid = ctx.guids.next();
    let mut new = successor(&ctx.guids, &app_guid, &guid, old.as_ref(), now);
    new.memory_in_mb = request.memory.unwrap_or(new.memory_in_mb);
    new.disk_in_mb = request.disk.unwrap_or(new.disk_in_mb);
    let mut deployment = Deployment {
        guid,
        app_guid: app_guid.clone(),
        reason: Reason::Deploying,
        canary: request.canary,
        max_in_flight: request.max_in_flight,
        target_instances: request.web_instances.unwrap_or(old_instances),
        droplet_guid: droplet_guid.clone(),
        previous_droplet_guid,
        new_process_guid: new.guid.clone(),
        old_process_guid: old.map(|process| process.guid),
        old_instances,
        last_status_change: now,
        last_successful_healthcheck: now,
        created_at: now,
        updated_at: now,
        metadata: request.metadata,
    };
    new.instances = if stopped {
        deployment.target_instances
    } else {
        request.max_in_flight.min(deployment.goal())
    };
    new.start(Some(&droplet_guid), now, &ctx.guids);
    world.processes.push(new);
    let app = world.app_mut(&app_guid)?;
    app.current_droplet_guid = Some(droplet_guid.clone());
    app.updated_at = now;
    if stopped {
        // Deploying a stopped app simply starts it with the new droplet, finished at once.
        app.state = AppState::Started;
        world.deployments.push(deployment.clone());
        let index = world.deployments.len() - 1;
        promote(&mut world, index);
        deployment.finish(Reason::Deployed, now);
        world.deployments[index] = deployment;
        for process in world
            .processes
            .iter_mut()
            .filter(|process| process.app_guid == app_guid && process.runs.is_empty())
        {
            process.start(Some(&droplet_guid), now, &ctx.guids);
        }
    } else {
        world.deployments.push(deployment);
    }
    let body = world
        .deployments
        .last()
        .map(|deployment| deployment.to_json(&world, &ctx.api_url))
        .unwrap_or_default();
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

fn not_allowed(action: &str, deployment: &Deployment) -> ApiError {
    let value = if deployment.is_active() {
        "ACTIVE"
    } else {
        "FINALIZED"
    };
    ApiError::unprocessable(format!(
        "Cannot {action} a deployment with status: {value} and reason: {}",
        deployment.reason.as_str()
    ))
}

pub(crate) async fn cancel(
    State(ctx): State<Ctx>,
    Path(guid): Path<String>,
) -> Result<Response, ApiError> {
    let (mut world, now) = ctx.settled();
    let deployment = world.deployment(&guid)?.clone();
    if !deployment.is_active() {
        return Err(not_allowed("cancel", &deployment));
    }
    world
        .processes
        .retain(|process| process.guid != deployment.new_process_guid);
    if let Some(old) = deployment.old_process_guid.as_deref().and_then(|guid| {
        world
            .processes
            .iter_mut()
            .find(|process| process.guid == guid)
    }) {
        old.resize(deployment.old_instances, true, now, &ctx.guids);
    }
    if let Ok(app) = world.app_mut(&deployment.app_guid) {
        app.current_droplet_guid
            .clone_from(&deployment.previous_droplet_guid);
    }
    world.deployment_mut(&guid)?.finish(Reason::Canceled, now);
    let body = world.deployment(&guid)?.to_json(&world, &ctx.api_url);
    Ok(Json(body).into_response())
}

/// Moves a paused canary deployment to its next step, or to the full roll-out after the last.
pub(crate) async fn proceed(
    State(ctx): State<Ctx>,
    Path(guid): Path<String>,
) -> Result<Response, ApiError> {
    let (mut world, now) = ctx.settled();
    let deployment = world.deployment_mut(&guid)?;
    let Some(plan) = deployment
        .canary
        .as_mut()
        .filter(|_| deployment.reason == Reason::Paused)
    else {
        let snapshot = deployment.clone();
        return Err(not_allowed("continue", &snapshot));
    };
    plan.current += 1;
    plan.released = plan.current > plan.total();
    deployment.finish(Reason::Deploying, now);
    let body = world.deployment(&guid)?.to_json(&world, &ctx.api_url);
    Ok(Json(body).into_response())
}
