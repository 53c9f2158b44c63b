//! Builds: `POST /v3/builds` stages a READY package; the build is STAGING for the configured
//! time, then STAGED with a new droplet, or FAILED (`error` set) when a fault says staging of
//! that app fails. Only one build per app may be STAGING (422 `CF-StagingInProgress`).

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::body::{
    Metadata, optional_i64, optional_object, optional_u32, parse_object, reject_unknown_keys,
};
use super::clock::{Millis, iso8601};
use super::droplets::Droplet;
use super::error::ApiError;
use super::list_query::filter;
use super::listing::{ListSpec, respond};
use super::packages::PackageState;
use super::shared::{Ctx, Params, Shared};
use super::uaa::token_store::Principal;
use super::world::Foundation;

/// The `state` of a build.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum BuildState {
    /// Staging is under way.
    #[serde(rename = "STAGING")]
    Staging,
    /// Staging made a droplet.
    #[serde(rename = "STAGED")]
    Staged,
    /// Staging failed; `error` says why.
    #[serde(rename = "FAILED")]
    Failed,
}

impl BuildState {
    fn as_str(self) -> &'static str {
        match self {
            Self::Staging => "STAGING",
            Self::Staged => "STAGED",
            Self::Failed => "FAILED",
        }
    }
}

/// A staging of one package.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Build {
    pub(crate) guid: String,
    pub(crate) app_guid: String,
    pub(crate) package_guid: String,
    pub(crate) state: BuildState,
    pub(crate) error: Option<String>,
    pub(crate) droplet_guid: Option<String>,
    pub(crate) lifecycle: Value,
    pub(crate) staging_memory_in_mb: u32,
    pub(crate) staging_disk_in_mb: u32,
    pub(crate) staging_log_rate_limit_bytes_per_second: i64,
    pub(crate) completes_at: Millis,
    pub(crate) created_by: Principal,
    pub(crate) created_at: Millis,
    pub(crate) updated_at: Millis,
    pub(crate) metadata: Metadata,
}

impl Build {
    fn to_json(&self, base: &str) -> Value {
        let guid = &self.guid;
        let mut links = json!({
            "self": {"href": format!("{base}/v3/builds/{guid}")},
            "app": {"href": format!("{base}/v3/apps/{}", self.app_guid)},
        });
        if let Some(droplet) = &self.droplet_guid {
            links["droplet"] = json!({"href": format!("{base}/v3/droplets/{droplet}")});
        }
        json!({
            "guid": guid,
            "created_at": iso8601(self.created_at),
            "updated_at": iso8601(self.updated_at),
            "state": self.state.as_str(),
            "staging_memory_in_mb": self.staging_memory_in_mb,
            "staging_disk_in_mb": self.staging_disk_in_mb,
            "staging_log_rate_limit_bytes_per_second": self.staging_log_rate_limit_bytes_per_second,
            "error": self.error,
            "lifecycle": self.lifecycle,
            "package": {"guid": self.package_guid},
            "droplet": self.droplet_guid.as_ref().map(|guid| json!({"guid": guid})),
            "created_by": {"guid": self.created_by.id, "name": self.created_by.name, "email": if self.created_by.is_user { json!(self.created_by.name) } else { json!("") }},
            "relationships": {"app": {"data": {"guid": self.app_guid}}},
            "metadata": self.metadata.to_json(),
            "links": links,
        })
    }
}

/// Finishes builds whose staging time is over: a droplet on success, an error on failure.
pub(crate) fn settle(world: &mut Foundation, now: Millis, shared: &Shared) {
    for index in 0..world.builds.len() {
        let build = &world.builds[index];
        if build.state != BuildState::Staging || now < build.completes_at {
            continue;
        }
        let at = build.completes_at;
        let package = world.package(&build.package_guid).ok().cloned();
        let fails = world.app(&build.app_guid).ok().is_some_and(|app| {
            let mut identity = world.app_identity(app);
            identity.image = package
                .as_ref()
                .and_then(|package| package.image.as_deref());
            world.faults.staging_fails(&identity)
        });
        let build = &mut world.builds[index];
        build.updated_at = at;
        match package {
            Some(package) if !fails => {
                let droplet = Droplet::staged(shared.guids.next(), build, &package, at);
                build.state = BuildState::Staged;
                build.droplet_guid = Some(droplet.guid.clone());
                world.droplets.push(droplet);
            }
            _ => {
                build.state = BuildState::Failed;
                build.error = Some("StagingError - Staging error: staging failed".to_owned());
            }
        }
    }
}

const LIST: ListSpec = ListSpec {
    filters: &[
        filter("states", "/state"),
        filter("app_guids", "/relationships/app/data/guid"),
        filter("package_guids", "/package/guid"),
    ],
    extra: &[],
    orders: &[],
};

pub(crate) async fn list(
    State(ctx): State<Ctx>,
    Params(params): Params,
) -> Result<Response, ApiError> {
    respond(&ctx, "/v3/builds", &LIST, &params, |world, _| {
        Ok(world
            .builds
            .iter()
            .map(|build| build.to_json(&ctx.api_url))
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
        &format!("/v3/apps/{app_guid}/builds"),
        &LIST,
        &params,
        |world, _| {
            world.app(&app_guid)?;
            Ok(world
                .builds
                .iter()
                .filter(|build| build.app_guid == app_guid)
                .map(|build| build.to_json(&ctx.api_url))
                .collect())
        },
    )
}

pub(crate) async fn show(
    State(ctx): State<Ctx>,
    Path(guid): Path<String>,
) -> Result<Response, ApiError> {
    let (world, _) = ctx.settled();
    Ok(Json(world.build(&guid)?.to_json(&ctx.api_url)).into_response())
}

pub(crate) async fn create(
    State(ctx): State<Ctx>,
    Extension(caller): Extension<Principal>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let object = parse_object(&body)?;
    reject_unknown_keys(
        &object,
        &[
            "package",
            "lifecycle",
            "staging_memory_in_mb",
            "staging_disk_in_mb",
            "staging_log_rate_limit_bytes_per_second",
            "metadata",
        ],
    )?;
    let package_guid = optional_object(&object, "package")?
        .and_then(|package| {
            package
                .get("guid")
                .and_then(Value::as_str)
                .map(str::to_owned)
        })
        .ok_or_else(|| ApiError::unprocessable("Package guid must be a string"))?;
    let memory = optional_u32(&object, "staging_memory_in_mb")?.unwrap_or(1024);
    let disk = optional_u32(&object, "staging_disk_in_mb")?.unwrap_or(1024);
    let log_rate = optional_i64(&object, "staging_log_rate_limit_bytes_per_second")?.unwrap_or(-1);
    let mut metadata = Metadata::default();
    metadata.apply(&object)?;
    let (mut world, now) = ctx.settled();
    let package = world.package(&package_guid).map_err(|_| {
        ApiError::unprocessable(
            "Unable to use package. Ensure that the package exists and you have access to it.",
        )
    })?;
    if package.state != PackageState::Ready {
        return Err(ApiError::unprocessable(
            "Unable to stage package: package must be in READY state.",
        ));
    }
    let app_guid = package.app_guid.clone();
    let app = world.app(&app_guid)?;
    if world
        .builds
        .iter()
        .any(|build| build.app_guid == app_guid && build.state == BuildState::Staging)
    {
        return Err(ApiError::staging_in_progress());
    }
    let lifecycle = match optional_object(&object, "lifecycle")? {
        Some(lifecycle) => Value::Object(lifecycle),
        None => app.lifecycle.clone(),
    };
    let build = Build {
        guid: ctx.guids.next(),
        app_guid,
        package_guid,
        state: BuildState::Staging,
        error: None,
        droplet_guid: None,
        lifecycle,
        staging_memory_in_mb: memory,
        staging_disk_in_mb: disk,
        staging_log_rate_limit_bytes_per_second: log_rate,
        completes_at: now.saturating_add(ctx.timing.staging_ms),
        created_by: caller,
        created_at: now,
        updated_at: now,
        metadata,
    };
    let body = build.to_json(&ctx.api_url);
    world.builds.push(build);
    Ok((StatusCode::CREATED, Json(body)).into_response())
}
