//! Shared domains: seeded or created, listed (filter `names`) and shown; routes are made on them.

use axum::Json;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::body::{Metadata, parse_object, reject_unknown_keys, required_string};
use super::clock::{Millis, iso8601};
use super::error::ApiError;
use super::list_query::filter;
use super::listing::{ListSpec, respond};
use super::shared::{Ctx, Params};

/// A shared domain.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Domain {
    pub(crate) guid: String,
    pub(crate) name: String,
    pub(crate) created_at: Millis,
    pub(crate) updated_at: Millis,
    pub(crate) metadata: Metadata,
}

impl Domain {
    pub(crate) fn new(guid: String, name: &str, now: Millis) -> Self {
        Self {
            guid,
            name: name.to_lowercase(),
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
            "internal": false,
            "router_group": null,
            "supported_protocols": ["http"],
            "metadata": self.metadata.to_json(),
            "relationships": {
                "organization": {"data": null},
                "shared_organizations": {"data": []},
            },
            "links": {
                "self": {"href": format!("{base}/v3/domains/{guid}")},
                "route_reservations": {"href": format!("{base}/v3/domains/{guid}/route_reservations")},
            },
        })
    }
}

const LIST: ListSpec = ListSpec {
    filters: &[filter("names", "/name")],
    extra: &[],
    orders: &[],
};

pub(crate) async fn list(
    State(ctx): State<Ctx>,
    Params(params): Params,
) -> Result<Response, ApiError> {
    // Domain names are case-insensitive; stored lowercase, so lowercase the filter too.
    let params: Vec<(String, String)> = params
        .into_iter()
        .map(|(key, value)| {
            if key == "names" {
                (key, value.to_lowercase())
            } else {
                (key, value)
            }
        })
        .collect();
    respond(&ctx, "/v3/domains", &LIST, &params, |world, _| {
        Ok(world
            .domains
            .iter()
            .map(|domain| domain.to_json(&ctx.api_url))
            .collect())
    })
}

pub(crate) async fn show(
    State(ctx): State<Ctx>,
    Path(guid): Path<String>,
) -> Result<Response, ApiError> {
    let (world, _) = ctx.settled();
    Ok(Json(world.domain(&guid)?.to_json(&ctx.api_url)).into_response())
}

/// `POST /v3/domains`: a shared domain (no `organization` relationship); `422` for a blank or
/// taken name, as the Cloud Controller answers.
pub(crate) async fn create(
    State(ctx): State<Ctx>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let object = parse_object(&body)?;
    reject_unknown_keys(&object, &["name", "internal", "metadata", "relationships"])?;
    let name = required_string(&object, "name")?.to_lowercase();
    if name.is_empty() || !name.contains('.') {
        return Err(ApiError::unprocessable(
            "Name does not comply with RFC 1035 standards",
        ));
    }
    let mut metadata = Metadata::default();
    metadata.apply(&object)?;
    let (mut world, now) = ctx.settled();
    if world.domains.iter().any(|domain| domain.name == name) {
        return Err(ApiError::unprocessable(format!(
            "The domain name \"{name}\" is already reserved by another domain."
        )));
    }
    let mut domain = Domain::new(ctx.guids.next(), &name, now);
    domain.metadata = metadata;
    let body = domain.to_json(&ctx.api_url);
    world.domains.push(domain);
    Ok((axum::http::StatusCode::CREATED, Json(body)).into_response())
}
