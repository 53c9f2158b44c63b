//! Droplets: made by staging (STAGED), listed, shown, copied between apps
//! (`POST /v3/droplets?source_guid=`), and made an app's current droplet
//! (`PATCH /v3/apps/:guid/relationships/current_droplet`), which also creates a process for
//! every `process_types` entry the app does not have yet.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::body::{
    Metadata, Object, parse_object, reject_unknown_keys, required_relationship, to_one_guid,
};
use super::builds::Build;
use super::clock::{Millis, iso8601};
use super::error::ApiError;
use super::list_query::filter;
use super::listing::{ListSpec, allows, respond};
use super::packages::Package;
use super::processes::Process;
use super::shared::{Ctx, Params};

/// A staged, runnable app image.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Droplet {
    pub(crate) guid: String,
    pub(crate) app_guid: String,
    pub(crate) package_guid: Option<String>,
    /// `docker` or `buildpack`.
    pub(crate) lifecycle_type: String,
    pub(crate) image: Option<String>,
    pub(crate) buildpacks: Vec<String>,
    pub(crate) stack: Option<String>,
    pub(crate) checksum: Option<String>,
    pub(crate) process_types: Object,
    pub(crate) created_at: Millis,
    pub(crate) updated_at: Millis,
    pub(crate) metadata: Metadata,
}

impl Droplet {
    /// The droplet a successful build produces. Docker droplets carry the image and run its
    /// default command; buildpack droplets get a `web` start command the simulator makes up.
    pub(crate) fn staged(guid: String, build: &Build, package: &Package, now: Millis) -> Self {
        let docker = package.kind == "docker";
        let buildpacks: Vec<String> = build
            .lifecycle
            .pointer("/data/buildpacks")
            .and_then(Value::as_array)
            .map(|names| {
                names
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        let mut process_types = Object::new();
        process_types.insert(
            "web".to_owned(),
            json!(if docker { "" } else { "./bin/start" }),
        );
        Self {
            guid,
            app_guid: build.app_guid.clone(),
            package_guid: Some(package.guid.clone()),
            lifecycle_type: if docker { "docker" } else { "buildpack" }.to_owned(),
            image: package.image.clone(),
            buildpacks,
            stack: (!docker).then(|| {
                build
                    .lifecycle
                    .pointer("/data/stack")
                    .and_then(Value::as_str)
                    .unwrap_or("cflinuxfs4")
                    .to_owned()
            }),
            checksum: (!docker).then(|| package.checksum.clone().unwrap_or_default()),
            process_types,
            created_at: now,
            updated_at: now,
            metadata: Metadata::default(),
        }
    }

    pub(crate) fn to_json(&self, base: &str) -> Value {
        let guid = &self.guid;
        let docker = self.lifecycle_type == "docker";
        let mut links = json!({
            "self": {"href": format!("{base}/v3/droplets/{guid}")},
            "app": {"href": format!("{base}/v3/apps/{}", self.app_guid)},
            "assign_current_droplet": {"href": format!("{base}/v3/apps/{}/relationships/current_droplet", self.app_guid), "method": "PATCH"},
        });
        if let Some(package) = &self.package_guid {
            links["package"] = json!({"href": format!("{base}/v3/packages/{package}")});
        }
        if !docker {
            links["download"] = json!({"href": format!("{base}/v3/droplets/{guid}/download")});
        }
        let buildpacks: Vec<Value> = self
            .buildpacks
            .iter()
            .map(|name| json!({"name": name, "detect_output": name, "buildpack_name": name, "version": "1.0.0"}))
            .collect();
        json!({
            "guid": guid,
            "state": "STAGED",
            "error": null,
            "lifecycle": {"type": self.lifecycle_type, "data": {}},
            "execution_metadata": "",
            "process_types": self.process_types,
            "checksum": self.checksum.as_ref().map(|value| json!({"type": "sha256", "value": value})),
            "buildpacks": if docker { Value::Null } else { json!(buildpacks) },
            "stack": self.stack,
            "image": self.image,
            "created_at": iso8601(self.created_at),
            "updated_at": iso8601(self.updated_at),
            "relationships": {"app": {"data": {"guid": self.app_guid}}},
            "links": links,
            "metadata": self.metadata.to_json(),
        })
    }
}

const LIST: ListSpec = ListSpec {
    filters: &[
        filter("states", "/state"),
        filter("app_guids", "/relationships/app/data/guid"),
    ],
    extra: &["space_guids", "organization_guids", "current"],
    orders: &[],
};

pub(crate) async fn list(
    State(ctx): State<Ctx>,
    Params(params): Params,
) -> Result<Response, ApiError> {
    respond(&ctx, "/v3/droplets", &LIST, &params, |world, query| {
        let spaces = query.values("space_guids");
        Ok(world
            .droplets
            .iter()
            .filter(|droplet| {
                let space = world
                    .app(&droplet.app_guid)
                    .map(|app| app.space_guid.as_str())
                    .unwrap_or_default();
                allows(spaces.as_ref(), space)
            })
            .map(|droplet| droplet.to_json(&ctx.api_url))
            .collect())
    })
}

pub(crate) async fn list_for_app(
    State(ctx): State<Ctx>,
    Path(app_guid): Path<String>,
    Params(params): Params,
) -> Result<Response, ApiError> {
    respond(
        &ctx,
        &format!("/v3/apps/{app_guid}/droplets"),
        &LIST,
        &params,
        |world, query| {
            let app = world.app(&app_guid)?;
            let current_only = query
                .values("current")
                .is_some_and(|values| values.iter().any(|value| value == "true"));
            Ok(world
                .droplets
                .iter()
                .filter(|droplet| droplet.app_guid == app_guid)
                .filter(|droplet| {
                    !current_only
                        || app.current_droplet_guid.as_deref() == Some(droplet.guid.as_str())
                })
                .map(|droplet| droplet.to_json(&ctx.api_url))
                .collect())
        },
    )
}

pub(crate) async fn show(
    State(ctx): State<Ctx>,
    Path(guid): Path<String>,
) -> Result<Response, ApiError> {
    let (world, _) = ctx.settled();
    Ok(Json(world.droplet(&guid)?.to_json(&ctx.api_url)).into_response())
}

pub(crate) async fn show_current(
    State(ctx): State<Ctx>,
    Path(app_guid): Path<String>,
) -> Result<Response, ApiError> {
    let (world, _) = ctx.settled();
    let guid = world
        .app(&app_guid)?
        .current_droplet_guid
        .clone()
        .ok_or_else(|| ApiError::not_found("Droplet"))?;
    Ok(Json(world.droplet(&guid)?.to_json(&ctx.api_url)).into_response())
}

fn relationship_json(ctx: &Ctx, app_guid: &str, droplet: Option<&str>) -> Value {
    json!({
        "data": droplet.map(|guid| json!({"guid": guid})),
        "links": {
            "self": {"href": ctx.url(&format!("/v3/apps/{app_guid}/relationships/current_droplet"))},
            "related": {"href": ctx.url(&format!("/v3/apps/{app_guid}/droplets/current"))},
        },
    })
}

pub(crate) async fn show_current_relationship(
    State(ctx): State<Ctx>,
    Path(app_guid): Path<String>,
) -> Result<Response, ApiError> {
    let (world, _) = ctx.settled();
    let current = world.app(&app_guid)?.current_droplet_guid.clone();
    Ok(Json(relationship_json(&ctx, &app_guid, current.as_deref())).into_response())
}

pub(crate) async fn set_current(
    State(ctx): State<Ctx>,
    Path(app_guid): Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let object = parse_object(&body)?;
    reject_unknown_keys(&object, &["data"])?;
    let wrapped = json!({"data": object.get("data").cloned().unwrap_or(Value::Null)});
    let droplet_guid = to_one_guid(Some(&wrapped), "data")?.ok_or_else(|| {
        ApiError::unprocessable(
            "Current droplet cannot be removed. Replace it with a preferable droplet.",
        )
    })?;
    let (mut world, now) = ctx.settled();
    world.app(&app_guid)?;
    let droplet = world
        .droplet(&droplet_guid)
        .ok()
        .filter(|droplet| droplet.app_guid == app_guid)
        .ok_or_else(|| ApiError::unprocessable("Unable to assign current droplet. Ensure the droplet exists and belongs to this app."))?;
    let process_types: Vec<String> = droplet.process_types.keys().cloned().collect();
    for process_type in process_types {
        let exists = world
            .processes
            .iter()
            .any(|process| process.app_guid == app_guid && process.kind == process_type);
        if !exists {
            world.processes.push(Process::new(
                ctx.guids.next(),
                &app_guid,
                &process_type,
                now,
                &ctx.guids,
            ));
        }
    }
    let app = world.app_mut(&app_guid)?;
    app.current_droplet_guid = Some(droplet_guid.clone());
    app.updated_at = now;
    Ok(Json(relationship_json(&ctx, &app_guid, Some(&droplet_guid))).into_response())
}

/// `POST /v3/droplets?source_guid=D` with `relationships.app`: copies a staged droplet into
/// another app (how an existing droplet is promoted without restaging).
pub(crate) async fn copy(
    State(ctx): State<Ctx>,
    Params(params): Params,
    body: Bytes,
) -> Result<Response, ApiError> {
    let source = params
        .iter()
        .find(|(name, _)| name == "source_guid")
        .map(|(_, value)| value.clone())
        .ok_or_else(|| ApiError::unprocessable("Creating droplets from scratch is not supported by the simulator; pass source_guid to copy one"))?;
    let object = parse_object(&body)?;
    reject_unknown_keys(&object, &["relationships"])?;
    let app_guid = required_relationship(&object, "app")?;
    let (mut world, now) = ctx.settled();
    world.app(&app_guid).map_err(|_| {
        ApiError::unprocessable("App is invalid. Ensure it exists and you have access to it.")
    })?;
    let mut droplet = world.droplet(&source)?.clone();
    droplet.guid = ctx.guids.next();
    droplet.app_guid = app_guid;
    droplet.created_at = now;
    droplet.updated_at = now;
    let body = droplet.to_json(&ctx.api_url);
    world.droplets.push(droplet);
    Ok((StatusCode::CREATED, Json(body)).into_response())
}
