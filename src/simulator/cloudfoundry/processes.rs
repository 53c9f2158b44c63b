//! Processes: list, show and update (command, health checks); scaling is in
//! [`super::process_scale`]. The `web` process is created with its app and shares the app's
//! guid; other types appear when a droplet with those `process_types` becomes current. A
//! deployment replaces `web` with a process of a new guid, as the Cloud Controller does.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::body::{
    Metadata, optional_object, optional_string, optional_u32, parse_object, reject_unknown_keys,
};
use super::clock::{Millis, iso8601};
use super::error::ApiError;
use super::guid::GuidSource;
use super::list_query::filter;
use super::listing::{ListSpec, allows, respond};
use super::shared::{Ctx, Params};
use super::world::Foundation;

/// One started instance of a process: when it was (re)started decides its state.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct InstanceRun {
    pub(crate) guid: String,
    pub(crate) started_at: Millis,
}

/// A process of an app (`web`, `worker`, …) and its running instances.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Process {
    pub(crate) guid: String,
    pub(crate) app_guid: String,
    pub(crate) kind: String,
    pub(crate) command: Option<String>,
    pub(crate) instances: u32,
    pub(crate) memory_in_mb: u32,
    pub(crate) disk_in_mb: u32,
    pub(crate) log_rate_limit_in_bytes_per_second: i64,
    pub(crate) health_check: Value,
    pub(crate) readiness_health_check: Value,
    /// One entry per instance index while the app is STARTED; empty while STOPPED.
    pub(crate) runs: Vec<InstanceRun>,
    /// The droplet the running instances were started from: a new current droplet only
    /// takes effect on the next (re)start, as on a real foundation.
    #[serde(default)]
    pub(crate) droplet_guid: Option<String>,
    pub(crate) version: String,
    pub(crate) created_at: Millis,
    pub(crate) updated_at: Millis,
    pub(crate) metadata: Metadata,
}

impl Process {
    pub(crate) fn new(
        guid: String,
        app_guid: &str,
        process_type: &str,
        now: Millis,
        guids: &GuidSource,
    ) -> Self {
        Self {
            guid,
            app_guid: app_guid.to_owned(),
            kind: process_type.to_owned(),
            command: None,
            instances: u32::from(process_type == "web"),
            memory_in_mb: 1024,
            disk_in_mb: 1024,
            log_rate_limit_in_bytes_per_second: -1,
            health_check: json!({"type": "port", "data": {"timeout": null, "invocation_timeout": null, "interval": null}}),
            readiness_health_check: json!({"type": "process", "data": {"invocation_timeout": null, "interval": null}}),
            runs: Vec::new(),
            droplet_guid: None,
            version: guids.next(),
            created_at: now,
            updated_at: now,
            metadata: Metadata::default(),
        }
    }

    /// (Re)starts every instance now, from `droplet`.
    pub(crate) fn start(&mut self, droplet: Option<&str>, now: Millis, guids: &GuidSource) {
        self.droplet_guid = droplet.map(str::to_owned);
        self.runs = (0..self.instances)
            .map(|_| InstanceRun {
                guid: guids.next(),
                started_at: now,
            })
            .collect();
    }

    pub(crate) fn stop(&mut self) {
        self.runs.clear();
    }

    /// Changes the instance count; when running, new indexes start now and extra ones stop.
    pub(crate) fn resize(
        &mut self,
        instances: u32,
        running: bool,
        now: Millis,
        guids: &GuidSource,
    ) {
        self.instances = instances;
        if running {
            let wanted = instances as usize;
            self.runs.truncate(wanted);
            while self.runs.len() < wanted {
                self.runs.push(InstanceRun {
                    guid: guids.next(),
                    started_at: now,
                });
            }
        }
    }

    pub(crate) fn to_json(&self, world: &Foundation, base: &str) -> Value {
        let guid = &self.guid;
        let space = world
            .app(&self.app_guid)
            .map(|app| app.space_guid.clone())
            .unwrap_or_default();
        let command = self.command.clone().or_else(|| {
            let app = world.app(&self.app_guid).ok()?;
            let droplet = world.droplet(app.current_droplet_guid.as_deref()?).ok()?;
            droplet
                .process_types
                .get(&self.kind)
                .and_then(Value::as_str)
                .map(str::to_owned)
        });
        json!({
            "guid": guid,
            "type": self.kind,
            "command": command,
            "user": "vcap",
            "instances": self.instances,
            "memory_in_mb": self.memory_in_mb,
            "disk_in_mb": self.disk_in_mb,
            "log_rate_limit_in_bytes_per_second": self.log_rate_limit_in_bytes_per_second,
            "health_check": self.health_check,
            "readiness_health_check": self.readiness_health_check,
            "relationships": {"app": {"data": {"guid": self.app_guid}}, "revision": {"data": null}},
            "metadata": self.metadata.to_json(),
            "created_at": iso8601(self.created_at),
            "updated_at": iso8601(self.updated_at),
            "version": self.version,
            "links": {
                "self": {"href": format!("{base}/v3/processes/{guid}")},
                "scale": {"href": format!("{base}/v3/processes/{guid}/actions/scale"), "method": "POST"},
                "app": {"href": format!("{base}/v3/apps/{}", self.app_guid)},
                "space": {"href": format!("{base}/v3/spaces/{space}")},
                "stats": {"href": format!("{base}/v3/processes/{guid}/stats")},
            },
        })
    }
}

/// Finds a process by guid, or by app guid and type for the `/v3/apps/:guid/processes/:type` routes.
pub(crate) fn locate(
    world: &Foundation,
    guid: &str,
    process_type: Option<&str>,
) -> Result<String, ApiError> {
    match process_type {
        None => world.process(guid).map(|process| process.guid.clone()),
        Some(process_type) => {
            world.app(guid)?;
            world
                .processes
                .iter()
                .find(|process| process.app_guid == guid && process.kind == process_type)
                .map(|process| process.guid.clone())
                .ok_or_else(|| ApiError::not_found("Process"))
        }
    }
}

const LIST: ListSpec = ListSpec {
    filters: &[
        filter("types", "/type"),
        filter("app_guids", "/relationships/app/data/guid"),
    ],
    extra: &["space_guids", "organization_guids"],
    orders: &[],
};

pub(crate) async fn list(
    State(ctx): State<Ctx>,
    Params(params): Params,
) -> Result<Response, ApiError> {
    list_for(&ctx, "/v3/processes", None, &params)
}

pub(crate) async fn list_for_app(
    State(ctx): State<Ctx>,
    Path(app_guid): Path<String>,
    Params(params): Params,
) -> Result<Response, ApiError> {
    list_for(
        &ctx,
        &format!("/v3/apps/{app_guid}/processes"),
        Some(&app_guid),
        &params,
    )
}

fn list_for(
    ctx: &Ctx,
    path: &str,
    app_guid: Option<&str>,
    params: &[(String, String)],
) -> Result<Response, ApiError> {
    respond(ctx, path, &LIST, params, |world, query| {
        if let Some(app_guid) = app_guid {
            world.app(app_guid)?;
        }
        let spaces = query.values("space_guids");
        let orgs = query.values("organization_guids");
        Ok(world
            .processes
            .iter()
            .filter(|process| app_guid.is_none_or(|guid| process.app_guid == guid))
            .filter(|process| {
                let space = world
                    .app(&process.app_guid)
                    .map(|app| app.space_guid.as_str())
                    .unwrap_or_default();
                let org = world
                    .space(space)
                    .map(|space| space.organization_guid.as_str())
                    .unwrap_or_default();
                allows(spaces.as_ref(), space) && allows(orgs.as_ref(), org)
            })
            .map(|process| {
                // The Cloud Controller never reveals commands in lists, only on a single GET.
                let mut body = process.to_json(world, &ctx.api_url);
                body["command"] = json!("[PRIVATE DATA HIDDEN IN LISTS]");
                body
            })
            .collect())
    })
}

pub(crate) async fn show(
    State(ctx): State<Ctx>,
    Path(guid): Path<String>,
) -> Result<Response, ApiError> {
    let (world, _) = ctx.settled();
    Ok(Json(world.process(&guid)?.to_json(&world, &ctx.api_url)).into_response())
}

pub(crate) async fn show_for_app(
    State(ctx): State<Ctx>,
    Path((app_guid, process_type)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let (world, _) = ctx.settled();
    let guid = locate(&world, &app_guid, Some(&process_type))?;
    Ok(Json(world.process(&guid)?.to_json(&world, &ctx.api_url)).into_response())
}

fn parse_health_check(
    object: &super::body::Object,
    key: &str,
    types: &[&str],
) -> Result<Option<Value>, ApiError> {
    let Some(check) = optional_object(object, key)? else {
        return Ok(None);
    };
    let kind = optional_string(&check, "type")?.unwrap_or_else(|| "port".to_owned());
    if !types.contains(&kind.as_str()) {
        return Err(ApiError::unprocessable(format!(
            "Health check type must be one of: {}",
            types.join(", ")
        )));
    }
    let data = optional_object(&check, "data")?.unwrap_or_default();
    let mut rendered = json!({});
    for field in ["timeout", "invocation_timeout", "interval"] {
        let value = optional_u32(&data, field)?;
        if value == Some(0) {
            return Err(ApiError::unprocessable(format!(
                "Health check {field} must be greater than or equal to 1"
            )));
        }
        if field != "timeout" || key == "health_check" {
            rendered[field] = json!(value);
        }
    }
    let endpoint = optional_string(&data, "endpoint")?;
    if endpoint.is_some() && kind != "http" {
        return Err(ApiError::unprocessable(
            "Health check type must be \"http\" to set a health check HTTP endpoint",
        ));
    }
    if kind == "http" {
        rendered["endpoint"] = json!(endpoint.unwrap_or_else(|| "/".to_owned()));
    }
    Ok(Some(json!({"type": kind, "data": rendered})))
}

fn update_located(
    ctx: &Ctx,
    guid: &str,
    process_type: Option<&str>,
    body: &[u8],
) -> Result<Response, ApiError> {
    let object = parse_object(body)?;
    reject_unknown_keys(
        &object,
        &[
            "command",
            "health_check",
            "readiness_health_check",
            "metadata",
        ],
    )?;
    let command = optional_string(&object, "command")?;
    let health_check = parse_health_check(&object, "health_check", &["port", "process", "http"])?;
    let readiness = parse_health_check(
        &object,
        "readiness_health_check",
        &["port", "process", "http"],
    )?;
    let (mut world, now) = ctx.settled();
    let guid = locate(&world, guid, process_type)?;
    let mut metadata = world.process(&guid)?.metadata.clone();
    metadata.apply(&object)?;
    let process = world.process_mut(&guid)?;
    process.metadata = metadata;
    if object.contains_key("command") {
        process.command = command;
    }
    if let Some(check) = health_check {
        process.health_check = check;
    }
    if let Some(check) = readiness {
        process.readiness_health_check = check;
    }
    process.updated_at = now;
    let body = world.process(&guid)?.to_json(&world, &ctx.api_url);
    Ok(Json(body).into_response())
}

pub(crate) async fn update(
    State(ctx): State<Ctx>,
    Path(guid): Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    update_located(&ctx, &guid, None, &body)
}

pub(crate) async fn update_for_app(
    State(ctx): State<Ctx>,
    Path((guid, process_type)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, ApiError> {
    update_located(&ctx, &guid, Some(&process_type), &body)
}
