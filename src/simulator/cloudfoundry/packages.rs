//! Packages: docker packages are READY at once; bits packages are `AWAITING_UPLOAD` until
//! `POST /v3/packages/:guid/upload` (see [`super::package_upload`]), `PROCESSING_UPLOAD` for the
//! configured time, then READY — or FAILED when the upload was not a zip archive.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::body::{
    Metadata, optional_object, optional_string, parse_object, reject_unknown_keys,
    required_relationship, required_string,
};
use super::clock::{Millis, iso8601};
use super::error::ApiError;
use super::list_query::filter;
use super::listing::{ListSpec, allows, respond};
use super::shared::{Ctx, Params};
use super::world::Foundation;

/// The `state` of a package.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum PackageState {
    /// A bits package waiting for its upload.
    #[serde(rename = "AWAITING_UPLOAD")]
    AwaitingUpload,
    /// Uploaded bits being processed.
    #[serde(rename = "PROCESSING_UPLOAD")]
    ProcessingUpload,
    /// Can be staged.
    #[serde(rename = "READY")]
    Ready,
    /// Processing failed; `data.error` says why.
    #[serde(rename = "FAILED")]
    Failed,
}

impl PackageState {
    fn as_str(self) -> &'static str {
        match self {
            Self::AwaitingUpload => "AWAITING_UPLOAD",
            Self::ProcessingUpload => "PROCESSING_UPLOAD",
            Self::Ready => "READY",
            Self::Failed => "FAILED",
        }
    }
}

/// App source: a docker image reference or uploaded bits.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Package {
    pub(crate) guid: String,
    pub(crate) app_guid: String,
    /// `bits` or `docker`.
    pub(crate) kind: String,
    pub(crate) state: PackageState,
    pub(crate) image: Option<String>,
    pub(crate) username: Option<String>,
    pub(crate) has_password: bool,
    pub(crate) checksum: Option<String>,
    pub(crate) error: Option<String>,
    /// When `PROCESSING_UPLOAD` ends, and whether it ends FAILED (with that error).
    pub(crate) processed_at: Option<Millis>,
    pub(crate) upload_error: Option<String>,
    pub(crate) created_at: Millis,
    pub(crate) updated_at: Millis,
    pub(crate) metadata: Metadata,
}

impl Package {
    pub(crate) fn to_json(&self, base: &str) -> Value {
        let guid = &self.guid;
        let mut links = json!({
            "self": {"href": format!("{base}/v3/packages/{guid}")},
            "app": {"href": format!("{base}/v3/apps/{}", self.app_guid)},
        });
        let data = if self.kind == "docker" {
            json!({
                "image": self.image,
                "username": self.username,
                "password": if self.has_password { json!("***") } else { Value::Null },
            })
        } else {
            links["upload"] =
                json!({"href": format!("{base}/v3/packages/{guid}/upload"), "method": "POST"});
            links["download"] = json!({"href": format!("{base}/v3/packages/{guid}/download")});
            json!({"checksum": {"type": "sha256", "value": self.checksum}, "error": self.error})
        };
        json!({
            "guid": guid,
            "type": self.kind,
            "data": data,
            "state": self.state.as_str(),
            "created_at": iso8601(self.created_at),
            "updated_at": iso8601(self.updated_at),
            "relationships": {"app": {"data": {"guid": self.app_guid}}},
            "links": links,
            "metadata": self.metadata.to_json(),
        })
    }
}

pub(crate) fn settle(world: &mut Foundation, now: Millis) {
    for package in &mut world.packages {
        if package.state == PackageState::ProcessingUpload
            && package.processed_at.is_some_and(|at| now >= at)
        {
            package.updated_at = now;
            match package.upload_error.take() {
                None => package.state = PackageState::Ready,
                Some(error) => {
                    package.state = PackageState::Failed;
                    package.error = Some(error);
                }
            }
        }
    }
}

const LIST: ListSpec = ListSpec {
    filters: &[
        filter("types", "/type"),
        filter("states", "/state"),
        filter("app_guids", "/relationships/app/data/guid"),
    ],
    extra: &["space_guids", "organization_guids"],
    orders: &[],
};

pub(crate) async fn list(
    State(ctx): State<Ctx>,
    Params(params): Params,
) -> Result<Response, ApiError> {
    list_for(&ctx, "/v3/packages", None, &params)
}

pub(crate) async fn list_for_app(
    State(ctx): State<Ctx>,
    Path(app_guid): Path<String>,
    Params(params): Params,
) -> Result<Response, ApiError> {
    list_for(
        &ctx,
        &format!("/v3/apps/{app_guid}/packages"),
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
            .packages
            .iter()
            .filter(|package| app_guid.is_none_or(|guid| package.app_guid == guid))
            .filter(|package| {
                let space = world
                    .app(&package.app_guid)
                    .map(|app| app.space_guid.as_str())
                    .unwrap_or_default();
                let org = world
                    .space(space)
                    .map(|space| space.organization_guid.as_str())
                    .unwrap_or_default();
                allows(spaces.as_ref(), space) && allows(orgs.as_ref(), org)
            })
            .map(|package| package.to_json(&ctx.api_url))
            .collect())
    })
}

pub(crate) async fn show(
    State(ctx): State<Ctx>,
    Path(guid): Path<String>,
) -> Result<Response, ApiError> {
    let (world, _) = ctx.settled();
    Ok(Json(world.package(&guid)?.to_json(&ctx.api_url)).into_response())
}

pub(crate) async fn create(State(ctx): State<Ctx>, body: Bytes) -> Result<Response, ApiError> {
    let object = parse_object(&body)?;
    reject_unknown_keys(&object, &["type", "relationships", "data", "metadata"])?;
    let kind = required_string(&object, "type")?;
    if kind != "bits" && kind != "docker" {
        return Err(ApiError::unprocessable(
            "Type must be one of 'bits', 'docker'",
        ));
    }
    let app_guid = required_relationship(&object, "app")?;
    let data = optional_object(&object, "data")?.unwrap_or_default();
    let image = optional_string(&data, "image")?;
    let username = optional_string(&data, "username")?;
    let password = optional_string(&data, "password")?;
    if kind == "docker" && image.as_deref().is_none_or(str::is_empty) {
        return Err(ApiError::unprocessable("Data Image required"));
    }
    if kind == "bits" && !data.is_empty() {
        return Err(ApiError::unprocessable(
            "Data must be empty if provided for bits packages",
        ));
    }
    if username.is_some() != password.is_some() {
        return Err(ApiError::unprocessable(
            "Data Docker credentials must include both a username and a password",
        ));
    }
    let mut metadata = Metadata::default();
    metadata.apply(&object)?;
    let (mut world, now) = ctx.settled();
    let app = world.app(&app_guid).map_err(|_| {
        ApiError::unprocessable("App is invalid. Ensure it exists and you have access to it.")
    })?;
    if kind == "docker" && app.lifecycle_type() != "docker" {
        return Err(ApiError::unprocessable(
            "Cannot create a docker package for a buildpack app.",
        ));
    }
    if kind == "bits" && app.lifecycle_type() == "docker" {
        return Err(ApiError::unprocessable(
            "Cannot create bits package for a Docker app.",
        ));
    }
    let package = Package {
        guid: ctx.guids.next(),
        app_guid,
        state: if kind == "docker" {
            PackageState::Ready
        } else {
            PackageState::AwaitingUpload
        },
        kind,
        image,
        username,
        has_password: password.is_some(),
        checksum: None,
        error: None,
        processed_at: None,
        upload_error: None,
        created_at: now,
        updated_at: now,
        metadata,
    };
    let body = package.to_json(&ctx.api_url);
    world.packages.push(package);
    Ok((StatusCode::CREATED, Json(body)).into_response())
}
