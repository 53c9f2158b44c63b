//! Spaces: seeded, created, listed (filters `names`, `organization_guids`) and shown.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::body::{
    Metadata, parse_object, reject_unknown_keys, required_relationship, required_string,
};
use super::clock::{Millis, iso8601};
use super::error::ApiError;
use super::list_query::filter;
use super::listing::{ListSpec, respond};
use super::shared::{Ctx, Params};

/// A space (with its org, a Spinnaker region).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Space {
    pub(crate) guid: String,
    pub(crate) name: String,
    pub(crate) organization_guid: String,
    pub(crate) created_at: Millis,
    pub(crate) updated_at: Millis,
    pub(crate) metadata: Metadata,
}

impl Space {
    pub(crate) fn new(guid: String, name: &str, organization_guid: &str, now: Millis) -> Self {
        Self {
            guid,
            name: name.to_owned(),
            organization_guid: organization_guid.to_owned(),
            created_at: now,
            updated_at: now,
            metadata: Metadata::default(),
        }
    }

    pub(crate) fn to_json(&self, base: &str) -> Value {
        let guid = &self.guid;
        json!({
            "guid": guid,
            "created_at": iso8601(self.created_at),
            "updated_at": iso8601(self.updated_at),
            "name": self.name,
            "relationships": {
                "organization": {"data": {"guid": self.organization_guid}},
                "quota": {"data": null},
            },
            "links": {
                "self": {"href": format!("{base}/v3/spaces/{guid}")},
                "features": {"href": format!("{base}/v3/spaces/{guid}/features")},
                "organization": {"href": format!("{base}/v3/organizations/{}", self.organization_guid)},
                "apply_manifest": {"href": format!("{base}/v3/spaces/{guid}/actions/apply_manifest"), "method": "POST"},
            },
            "metadata": self.metadata.to_json(),
        })
    }
}

const LIST: ListSpec = ListSpec {
    filters: &[
        filter("names", "/name"),
        filter(
            "organization_guids",
            "/relationships/organization/data/guid",
        ),
    ],
    extra: &[],
    orders: &["name"],
};

pub(crate) async fn list(
    State(ctx): State<Ctx>,
    Params(params): Params,
) -> Result<Response, ApiError> {
    respond(&ctx, "/v3/spaces", &LIST, &params, |world, _| {
        Ok(world
            .spaces
            .iter()
            .map(|space| space.to_json(&ctx.api_url))
            .collect())
    })
}

pub(crate) async fn show(
    State(ctx): State<Ctx>,
    Path(guid): Path<String>,
) -> Result<Response, ApiError> {
    let (world, _) = ctx.settled();
    Ok(Json(world.space(&guid)?.to_json(&ctx.api_url)).into_response())
}

pub(crate) async fn create(State(ctx): State<Ctx>, body: Bytes) -> Result<Response, ApiError> {
    let object = parse_object(&body)?;
    reject_unknown_keys(&object, &["name", "relationships", "metadata"])?;
    let name = required_string(&object, "name")?;
    if name.is_empty() {
        return Err(ApiError::unprocessable("Name can't be blank"));
    }
    let organization_guid = required_relationship(&object, "organization")?;
    let mut metadata = Metadata::default();
    metadata.apply(&object)?;
    let (mut world, now) = ctx.settled();
    world.organization(&organization_guid).map_err(|_| {
        ApiError::unprocessable(
            "Invalid organization. Ensure the organization exists and you have access to it.",
        )
    })?;
    let taken = world.spaces.iter().any(|space| {
        space.organization_guid == organization_guid && space.name.eq_ignore_ascii_case(&name)
    });
    if taken {
        return Err(ApiError::unprocessable(format!(
            "Space '{name}' already exists."
        )));
    }
    let mut space = Space::new(ctx.guids.next(), &name, &organization_guid, now);
    space.metadata = metadata;
    let body = space.to_json(&ctx.api_url);
    world.spaces.push(space);
    Ok((StatusCode::CREATED, Json(body)).into_response())
}
