//! Organizations: seeded, created, listed and shown (`/v3/organizations[/:guid]`).

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::body::{Metadata, parse_object, reject_unknown_keys, required_string};
use super::clock::{Millis, iso8601};
use super::error::ApiError;
use super::list_query::filter;
use super::listing::{ListSpec, respond};
use super::shared::{Ctx, Params};

/// An organization.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Organization {
    pub(crate) guid: String,
    pub(crate) name: String,
    pub(crate) created_at: Millis,
    pub(crate) updated_at: Millis,
    pub(crate) metadata: Metadata,
}

impl Organization {
    pub(crate) fn new(guid: String, name: &str, now: Millis) -> Self {
        Self {
            guid,
            name: name.to_owned(),
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
            "suspended": false,
            "relationships": {"quota": {"data": null}},
            "links": {
                "self": {"href": format!("{base}/v3/organizations/{guid}")},
                "domains": {"href": format!("{base}/v3/organizations/{guid}/domains")},
                "default_domain": {"href": format!("{base}/v3/organizations/{guid}/domains/default")},
                "quota": {"href": format!("{base}/v3/organization_quotas")},
            },
            "metadata": self.metadata.to_json(),
        })
    }
}

const LIST: ListSpec = ListSpec {
    filters: &[filter("names", "/name")],
    extra: &[],
    orders: &["name"],
};

pub(crate) async fn list(
    State(ctx): State<Ctx>,
    Params(params): Params,
) -> Result<Response, ApiError> {
    respond(&ctx, "/v3/organizations", &LIST, &params, |world, _| {
        Ok(world
            .organizations
            .iter()
            .map(|org| org.to_json(&ctx.api_url))
            .collect())
    })
}

pub(crate) async fn show(
    State(ctx): State<Ctx>,
    Path(guid): Path<String>,
) -> Result<Response, ApiError> {
    let (world, _) = ctx.settled();
    Ok(Json(world.organization(&guid)?.to_json(&ctx.api_url)).into_response())
}

pub(crate) async fn create(State(ctx): State<Ctx>, body: Bytes) -> Result<Response, ApiError> {
    let object = parse_object(&body)?;
    reject_unknown_keys(&object, &["name", "suspended", "metadata"])?;
    let name = required_string(&object, "name")?;
    if name.is_empty() {
        return Err(ApiError::unprocessable("Name can't be blank"));
    }
    let mut metadata = Metadata::default();
    metadata.apply(&object)?;
    let (mut world, now) = ctx.settled();
    if world
        .organizations
        .iter()
        .any(|org| org.name.eq_ignore_ascii_case(&name))
    {
        return Err(ApiError::unprocessable(format!(
            "Organization '{name}' already exists."
        )));
    }
    let mut org = Organization::new(ctx.guids.next(), &name, now);
    org.metadata = metadata;
    let body = org.to_json(&ctx.api_url);
    world.organizations.push(org);
    Ok((StatusCode::CREATED, Json(body)).into_response())
}
