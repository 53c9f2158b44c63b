//! Rolling deployments (`/v3/deployments`). Creating one makes the droplet current and starts
//! a new web process (new guid, type `web-deployment-<guid>`) with `max_in_flight` instances.
//! Each time all its instances are RUNNING, the new process grows and the old one shrinks by
//! `max_in_flight`; once the new one has every instance, the old web process is removed and
//! the new one becomes `web`: FINALIZED/DEPLOYED. If new instances never become RUNNING the
//! deployment stays ACTIVE/DEPLOYING, as on a real foundation, until it is canceled.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::apps::AppState;
use super::body::{
    Metadata, optional_object, optional_string, optional_u32, parse_object, reject_unknown_keys,
    required_relationship,
};
use super::clock::{Millis, iso8601};
use super::error::ApiError;
use super::guid::GuidSource;
use super::list_query::filter;
use super::listing::{ListSpec, respond};
use super::process_stats::running_from;
use super::processes::{Process, check_instance_count};
use super::shared::{Ctx, Params, Shared};
use super::world::Foundation;

/// `status.reason` of a deployment; `status.value` follows from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Reason {
    /// ACTIVE: instances are being replaced.
    Deploying,
    /// FINALIZED: the new droplet runs every web instance.
    Deployed,
    /// FINALIZED: canceled; the previous droplet runs again.
    Canceled,
    /// FINALIZED: a newer deployment of the same app took over.
    Superseded,
}

impl Reason {
    fn value(self) -> &'static str {
        if self == Self::Deploying {
            "ACTIVE"
        } else {
            "FINALIZED"
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Self::Deploying => "DEPLOYING",
            Self::Deployed => "DEPLOYED",
            Self::Canceled => "CANCELED",
            Self::Superseded => "SUPERSEDED",
        }
    }
}

/// A rolling deployment of a droplet to an app.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Deployment {
    pub(crate) guid: String,
    pub(crate) app_guid: String,
    pub(crate) reason: Reason,
    pub(crate) max_in_flight: u32,
    pub(crate) target_instances: u32,
    pub(crate) droplet_guid: String,
    pub(crate) previous_droplet_guid: Option<String>,
    pub(crate) new_process_guid: String,
    pub(crate) old_process_guid: Option<String>,
    pub(crate) old_instances: u32,
    pub(crate) last_status_change: Millis,
    pub(crate) last_successful_healthcheck: Millis,
    pub(crate) created_at: Millis,
    pub(crate) updated_at: Millis,
    pub(crate) metadata: Metadata,
}

impl Deployment {
    pub(crate) fn is_active(&self) -> bool {
        self.reason == Reason::Deploying
    }

    fn to_json(&self, world: &Foundation, base: &str) -> Value {
        let guid = &self.guid;
        let new_type = world
            .process(&self.new_process_guid)
            .map_or("web", |process| process.kind.as_str());
        let mut links = json!({
            "self": {"href": format!("{base}/v3/deployments/{guid}")},
            "app": {"href": format!("{base}/v3/apps/{}", self.app_guid)},
        });
        if self.is_active() {
            links["cancel"] = json!({"href": format!("{base}/v3/deployments/{guid}/actions/cancel"), "method": "POST"});
        }
        json!({
            "guid": guid,
            "status": {
                "value": self.reason.value(),
                "reason": self.reason.as_str(),
                "details": {
                    "last_successful_healthcheck": iso8601(self.last_successful_healthcheck),
                    "last_status_change": iso8601(self.last_status_change),
                    "error": null,
                },
            },
            "strategy": "rolling",
            "options": {"max_in_flight": self.max_in_flight, "web_instances": self.target_instances},
            "droplet": {"guid": self.droplet_guid},
            "previous_droplet": {"guid": self.previous_droplet_guid},
            "new_processes": [{"guid": self.new_process_guid, "type": new_type}],
            "revision": null,
            "created_at": iso8601(self.created_at),
            "updated_at": iso8601(self.updated_at),
            "metadata": self.metadata.to_json(),
            "relationships": {"app": {"data": {"guid": self.app_guid}}},
            "links": links,
        })
    }

    fn finish(&mut self, reason: Reason, at: Millis) {
        self.reason = reason;
        self.last_status_change = at;
        self.updated_at = at;
    }
}

/// Removes the old web process and renames the new one `web`.
fn promote(world: &mut Foundation, index: usize) {
    let old = world.deployments[index].old_process_guid.clone();
    let new = world.deployments[index].new_process_guid.clone();
    world
        .processes
        .retain(|process| Some(&process.guid) != old.as_ref());
    if let Ok(process) = world.process_mut(&new) {
        "web".clone_into(&mut process.kind);
    }
}

pub(crate) fn settle(world: &mut Foundation, now: Millis, shared: &Shared) {
    for index in 0..world.deployments.len() {
        while world.deployments[index].is_active() {
            let deployment = world.deployments[index].clone();
            // A stopped app runs nothing, so its deployment waits for it to start again.
            let started = world
                .app(&deployment.app_guid)
                .is_ok_and(|app| app.state == AppState::Started);
            let Ok(new) = world.process(&deployment.new_process_guid) else {
                break;
            };
            if !started {
                break;
            }
            let behaviour = world.behaviour(new);
            let ready: Option<Vec<Millis>> = new
                .runs
                .iter()
                .map(|run| running_from(run.started_at, behaviour, &shared.timing))
                .collect();
            let Some(ready_at) =
                ready.map(|times| times.into_iter().max().unwrap_or(deployment.created_at))
            else {
                break;
            };
            if ready_at > now {
                break;
            }
            let current = new.instances;
            world.deployments[index].last_successful_healthcheck = ready_at;
            if current >= deployment.target_instances {
                promote(world, index);
                world.deployments[index].finish(Reason::Deployed, ready_at);
                break;
            }
            let step = deployment
                .max_in_flight
                .min(deployment.target_instances - current);
            if let Ok(new) = world.process_mut(&deployment.new_process_guid) {
                new.resize(current + step, true, ready_at, &shared.guids);
            }
            if let Some(old) = deployment
                .old_process_guid
                .as_deref()
                .and_then(|guid| world.process_mut(guid).ok())
            {
                let remaining = old.instances.saturating_sub(step);
                old.resize(remaining, true, ready_at, &shared.guids);
            }
        }
    }
}

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
    max_in_flight: u32,
    web_instances: Option<u32>,
    memory: Option<u32>,
    disk: Option<u32>,
    metadata: Metadata,
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
        let strategy =
            optional_string(&object, "strategy")?.unwrap_or_else(|| "rolling".to_owned());
        if strategy != "rolling" {
            return Err(ApiError::unprocessable(format!(
                "Strategy '{strategy}' is not supported by the simulator; use 'rolling'"
            )));
        }
        let options = optional_object(&object, "options")?.unwrap_or_default();
        let max_in_flight = optional_u32(&options, "max_in_flight")?.unwrap_or(1);
        if max_in_flight == 0 {
            return Err(ApiError::unprocessable(
                "Max in flight must be an integer greater than 0",
            ));
        }
        let web_instances = optional_u32(&options, "web_instances")?;
        check_instance_count(web_instances)?;
        let memory = optional_u32(&options, "memory_in_mb")?;
        let disk = optional_u32(&options, "disk_in_mb")?;
        let droplet = optional_object(&object, "droplet")?.and_then(|droplet| {
            droplet
                .get("guid")
                .and_then(Value::as_str)
                .map(str::to_owned)
        });
        let app_guid = required_relationship(&object, "app")?;
        let mut metadata = Metadata::default();
        metadata.apply(&object)?;
        Ok(Self {
            app_guid,
            droplet,
            max_in_flight,
            web_instances,
            memory,
            disk,
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
    let DeploymentRequest {
        app_guid,
        droplet,
        max_in_flight,
        web_instances,
        memory,
        disk,
        metadata,
    } = DeploymentRequest::parse(&body)?;
    let (mut world, now) = ctx.settled();
    let app = world.app(&app_guid).map_err(|_| {
        ApiError::unprocessable("App is invalid. Ensure it exists and you have access to it.")
    })?;
    let previous_droplet_guid = app.current_droplet_guid.clone();
    let droplet_guid = droplet.or_else(|| previous_droplet_guid.clone()).ok_or_else(|| {
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
    let target_instances = web_instances.unwrap_or(old_instances);
    let guid = ctx.guids.next();
    let mut new = successor(&ctx.guids, &app_guid, &guid, old.as_ref(), now);
    new.memory_in_mb = memory.unwrap_or(new.memory_in_mb);
    new.disk_in_mb = disk.unwrap_or(new.disk_in_mb);
    new.instances = if stopped {
        target_instances
    } else {
        max_in_flight.min(target_instances)
    };
    new.start(Some(&droplet_guid), now, &ctx.guids);
    let mut deployment = Deployment {
        guid,
        app_guid: app_guid.clone(),
        reason: Reason::Deploying,
        max_in_flight,
        target_instances,
        droplet_guid: droplet_guid.clone(),
        previous_droplet_guid,
        new_process_guid: new.guid.clone(),
        old_process_guid: old.map(|process| process.guid),
        old_instances,
        last_status_change: now,
        last_successful_healthcheck: now,
        created_at: now,
        updated_at: now,
        metadata,
    };
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

pub(crate) async fn cancel(
    State(ctx): State<Ctx>,
    Path(guid): Path<String>,
) -> Result<Response, ApiError> {
    let (mut world, now) = ctx.settled();
    let deployment = world.deployment(&guid)?.clone();
    if !deployment.is_active() {
        return Err(ApiError::unprocessable(format!(
            "Cannot cancel a {} deployment",
            deployment.reason.as_str()
        )));
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
