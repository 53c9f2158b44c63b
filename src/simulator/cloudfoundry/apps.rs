//! Apps: create (docker or buildpack lifecycle, environment variables, metadata), list, show,
//! update and delete (an asynchronous `app.delete` job). New apps are STOPPED and come with a
//! `web` process whose guid is the app's guid, as on a real foundation.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::app_includes::Includes;
use super::body::{
    Metadata, Object, optional_object, optional_string, parse_object, reject_unknown_keys,
    required_relationship, required_string,
};
use super::clock::{Millis, iso8601};
use super::environment::validate_variables;
use super::error::ApiError;
use super::jobs::{Job, JobEffect, accepted};
use super::list_query::ListQuery;
use super::list_query::filter;
use super::listing::{ListSpec, allows};
use super::pagination::page;
use super::processes::Process;
use super::shared::{Ctx, Params};

/// STARTED or STOPPED: the desired state of the app's processes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum AppState {
    /// Its processes should run.
    #[serde(rename = "STARTED")]
    Started,
    /// Its processes should not run; new apps start here.
    #[serde(rename = "STOPPED")]
    Stopped,
}

impl AppState {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Started => "STARTED",
            Self::Stopped => "STOPPED",
        }
    }
}

/// An app (a Spinnaker server group).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct App {
    pub(crate) guid: String,
    pub(crate) name: String,
    pub(crate) space_guid: String,
    pub(crate) state: AppState,
    /// `{"type": "docker"|"buildpack", "data": {...}}` exactly as rendered.
    pub(crate) lifecycle: Value,
    pub(crate) environment_variables: Object,
    pub(crate) current_droplet_guid: Option<String>,
    pub(crate) created_at: Millis,
    pub(crate) updated_at: Millis,
    pub(crate) metadata: Metadata,
}

impl App {
    pub(crate) fn lifecycle_type(&self) -> &str {
        self.lifecycle
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or("buildpack")
    }

    pub(crate) fn to_json(&self, base: &str) -> Value {
        let guid = &self.guid;
        let link = |suffix: &str| json!({"href": format!("{base}/v3/apps/{guid}{suffix}")});
        let action = |name: &str| json!({"href": format!("{base}/v3/apps/{guid}/actions/{name}"), "method": "POST"});
        json!({
            "guid": guid,
            "name": self.name,
            "state": self.state.as_str(),
            "created_at": iso8601(self.created_at),
            "updated_at": iso8601(self.updated_at),
            "lifecycle": self.lifecycle,
            "relationships": {"space": {"data": {"guid": self.space_guid}}},
            "links": {
                "self": link(""),
                "space": {"href": format!("{base}/v3/spaces/{}", self.space_guid)},
                "processes": link("/processes"),
                "packages": link("/packages"),
                "environment_variables": link("/environment_variables"),
                "current_droplet": link("/droplets/current"),
                "droplets": link("/droplets"),
                "tasks": link("/tasks"),
                "start": action("start"),
                "stop": action("stop"),
                "revisions": link("/revisions"),
                "deployed_revisions": link("/revisions/deployed"),
                "features": link("/features"),
            },
            "metadata": self.metadata.to_json(),
        })
    }
}

/// Reads and checks a `lifecycle` key; `None` means the buildpack default.
fn parse_lifecycle(object: &Object, docker_enabled: bool) -> Result<Value, ApiError> {
    let Some(lifecycle) = optional_object(object, "lifecycle")? else {
        return Ok(json!({"type": "buildpack", "data": {"buildpacks": [], "stack": "cflinuxfs4"}}));
    };
    let data = optional_object(&lifecycle, "data")?.unwrap_or_default();
    match optional_string(&lifecycle, "type")?.as_deref() {
        Some("docker") => {
            if !docker_enabled {
                return Err(ApiError::feature_disabled("diego_docker"));
            }
            if !data.is_empty() {
                return Err(ApiError::unprocessable(
                    "Lifecycle data must be an empty object",
                ));
            }
            Ok(json!({"type": "docker", "data": {}}))
        }
        Some("buildpack") => {
            let buildpacks = match data.get("buildpacks") {
                None | Some(Value::Null) => json!([]),
                Some(Value::Array(names)) if names.iter().all(Value::is_string) => {
                    Value::Array(names.clone())
                }
                Some(_) => {
                    return Err(ApiError::unprocessable(
                        "Lifecycle Buildpacks must be an array of strings",
                    ));
                }
            };
            let stack = optional_string(&data, "stack")?.unwrap_or_else(|| "cflinuxfs4".to_owned());
            Ok(json!({"type": "buildpack", "data": {"buildpacks": buildpacks, "stack": stack}}))
        }
        _ => Err(ApiError::unprocessable(
            "Lifecycle type is not included in the list: buildpack, docker, cnb",
        )),
    }
}

const LIST: ListSpec = ListSpec {
    filters: &[
        filter("names", "/name"),
        filter("space_guids", "/relationships/space/data/guid"),
        filter("lifecycle_type", "/lifecycle/type"),
    ],
    extra: &["organization_guids", "include", "stacks"],
    orders: &["name", "state"],
};

pub(crate) async fn list(
    State(ctx): State<Ctx>,
    Params(params): Params,
) -> Result<Response, ApiError> {
    let query = ListQuery::parse(&params, LIST.filters, LIST.extra, LIST.orders)?;
    let includes = Includes::parse(query.values("include"))?;
    let orgs = query.values("organization_guids");
    let stacks = query.values("stacks");
    let (world, _) = ctx.settled();
    let candidates: Vec<Value> = world
        .apps
        .iter()
        .filter(|app| {
            let org = world
                .space(&app.space_guid)
                .map(|space| space.organization_guid.as_str())
                .unwrap_or_default();
            let stack = app
                .lifecycle
                .pointer("/data/stack")
                .and_then(Value::as_str)
                .unwrap_or_default();
            allows(orgs.as_ref(), org) && allows(stacks.as_ref(), stack)
        })
        .map(|app| app.to_json(&ctx.api_url))
        .collect();
    let items = query.apply(candidates, LIST.filters)?;
    let mut body = page(items, &query, &ctx.url("/v3/apps"));
    if includes.any() {
        let resources = body["resources"].as_array().cloned().unwrap_or_default();
        body["included"] = includes.render(&world, &resources, &ctx.api_url);
    }
    Ok(Json(body).into_response())
}

pub(crate) async fn show(
    State(ctx): State<Ctx>,
    Path(guid): Path<String>,
    Params(params): Params,
) -> Result<Response, ApiError> {
    let unknown: Vec<&str> = params
        .iter()
        .map(|(name, _)| name.as_str())
        .filter(|name| *name != "include")
        .collect();
    if let Some(name) = unknown.first() {
        return Err(ApiError::bad_query(format!(
            "The query parameter is invalid: Unknown query parameter(s): '{name}'. Valid parameters are: 'include'"
        )));
    }
    let includes = Includes::parse(
        params
            .iter()
            .find(|(name, _)| name == "include")
            .map(|(_, value)| value.split(',').map(str::to_owned).collect()),
    )?;
    let (world, _) = ctx.settled();
    let mut body = world.app(&guid)?.to_json(&ctx.api_url);
    if includes.any() {
        body["included"] = includes.render(&world, std::slice::from_ref(&body), &ctx.api_url);
    }
    Ok(Json(body).into_response())
}

pub(crate) async fn create(State(ctx): State<Ctx>, body: Bytes) -> Result<Response, ApiError> {
    let object = parse_object(&body)?;
    reject_unknown_keys(
        &object,
        &[
            "name",
            "relationships",
            "environment_variables",
            "lifecycle",
            "metadata",
        ],
    )?;
    let name = required_string(&object, "name")?;
    if name.is_empty() {
        return Err(ApiError::unprocessable("Name can't be blank"));
    }
    let space_guid = required_relationship(&object, "space")?;
    let lifecycle = parse_lifecycle(&object, ctx.docker_enabled)?;
    let environment_variables =
        optional_object(&object, "environment_variables")?.unwrap_or_default();
    validate_variables(&environment_variables, false)?;
    let mut metadata = Metadata::default();
    metadata.apply(&object)?;
    let (mut world, now) = ctx.settled();
    if world.space(&space_guid).is_err() {
        return Err(ApiError::unprocessable(
            "Invalid space. Ensure that the space exists and you have access to it.",
        ));
    }
    let taken = world
        .apps
        .iter()
        .any(|app| app.space_guid == space_guid && app.name.eq_ignore_ascii_case(&name));
    if taken {
        return Err(ApiError::uniqueness(format!(
            "App with the name '{name}' already exists."
        )));
    }
    let app = App {
        guid: ctx.guids.next(),
        name,
        space_guid,
        state: AppState::Stopped,
        lifecycle,
        environment_variables,
        current_droplet_guid: None,
        created_at: now,
        updated_at: now,
        metadata,
    };
    world.processes.push(Process::new(
        app.guid.clone(),
        &app.guid,
        "web",
        now,
        &ctx.guids,
    ));
    let body = app.to_json(&ctx.api_url);
    world.apps.push(app);
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

pub(crate) async fn update(
    State(ctx): State<Ctx>,
    Path(guid): Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let object = parse_object(&body)?;
    reject_unknown_keys(&object, &["name", "lifecycle", "metadata"])?;
    let name = optional_string(&object, "name")?;
    let lifecycle = if object.contains_key("lifecycle") {
        Some(parse_lifecycle(&object, ctx.docker_enabled)?)
    } else {
        None
    };
    let (mut world, now) = ctx.settled();
    let space_guid = world.app(&guid)?.space_guid.clone();
    if let Some(name) = &name {
        let taken = world.apps.iter().any(|app| {
            app.guid != guid && app.space_guid == space_guid && app.name.eq_ignore_ascii_case(name)
        });
        if taken {
            return Err(ApiError::uniqueness(format!(
                "App with the name '{name}' already exists."
            )));
        }
    }
    // Check everything before changing anything, so a refused update changes nothing.
    let app = world.app(&guid)?;
    if lifecycle
        .as_ref()
        .is_some_and(|lifecycle| lifecycle["type"] != app.lifecycle["type"])
    {
        return Err(ApiError::unprocessable("Lifecycle type cannot be changed"));
    }
    let mut metadata = app.metadata.clone();
    metadata.apply(&object)?;
    let app = world.app_mut(&guid)?;
    if let Some(lifecycle) = lifecycle {
        app.lifecycle = lifecycle;
    }
    if let Some(name) = name {
        app.name = name;
    }
    app.metadata = metadata;
    app.updated_at = now;
    Ok(Json(app.to_json(&ctx.api_url)).into_response())
}

pub(crate) async fn delete(
    State(ctx): State<Ctx>,
    Path(guid): Path<String>,
) -> Result<Response, ApiError> {
    let (mut world, now) = ctx.settled();
    world.app(&guid)?;
    let job = Job::new(
        ctx.guids.next(),
        "app.delete",
        now,
        now.saturating_add(ctx.timing.job_ms),
        JobEffect::DeleteApp(guid),
    );
    Ok(accepted(&ctx, &mut world, job))
}
