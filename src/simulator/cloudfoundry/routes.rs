//! Routes: create on a domain in a space, list (filters `hosts`, `paths`, `domain_guids`,
//! `space_guids`, `app_guids`…), show, update metadata/options and delete (an asynchronous
//! `route.delete` job). Destinations — the v3 form of route mappings — live in
//! [`super::destinations`].

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::body::{
    Metadata, Object, optional_object, optional_string, parse_object, reject_unknown_keys,
    required_relationship,
};
use super::clock::{Millis, iso8601};
use super::destinations::Destination;
use super::error::ApiError;
use super::jobs::{Job, JobEffect, accepted};
use super::list_query::filter;
use super::listing::{ListSpec, allows, respond};
use super::shared::{Ctx, Params};
use super::world::Foundation;

/// A route (a Spinnaker load balancer): host and path on a domain.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Route {
    pub(crate) guid: String,
    pub(crate) host: String,
    pub(crate) path: String,
    pub(crate) domain_guid: String,
    pub(crate) space_guid: String,
    pub(crate) destinations: Vec<Destination>,
    pub(crate) options: Object,
    pub(crate) created_at: Millis,
    pub(crate) updated_at: Millis,
    pub(crate) metadata: Metadata,
}

impl Route {
    /// `host.domain/path`, or `domain/path` for an empty host.
    pub(crate) fn url(&self, world: &Foundation) -> String {
        let domain = world
            .domain(&self.domain_guid)
            .map(|domain| domain.name.as_str())
            .unwrap_or_default();
        if self.host.is_empty() {
            format!("{domain}{}", self.path)
        } else {
            format!("{}.{domain}{}", self.host, self.path)
        }
    }

    pub(crate) fn to_json(&self, world: &Foundation, base: &str) -> Value {
        let guid = &self.guid;
        json!({
            "guid": guid,
            "protocol": "http",
            "port": null,
            "host": self.host,
            "path": self.path,
            "url": self.url(world),
            "created_at": iso8601(self.created_at),
            "updated_at": iso8601(self.updated_at),
            "destinations": self.destinations.iter().map(Destination::to_json).collect::<Vec<_>>(),
            "options": self.options,
            "metadata": self.metadata.to_json(),
            "relationships": {
                "space": {"data": {"guid": self.space_guid}},
                "domain": {"data": {"guid": self.domain_guid}},
            },
            "links": {
                "self": {"href": format!("{base}/v3/routes/{guid}")},
                "space": {"href": format!("{base}/v3/spaces/{}", self.space_guid)},
                "domain": {"href": format!("{base}/v3/domains/{}", self.domain_guid)},
                "destinations": {"href": format!("{base}/v3/routes/{guid}/destinations")},
            },
        })
    }
}

fn parse_options(object: &Object) -> Result<Option<Object>, ApiError> {
    let Some(options) = optional_object(object, "options")? else {
        return Ok(None);
    };
    for (key, value) in &options {
        match (key.as_str(), value.as_str()) {
            ("loadbalancing", Some("round-robin" | "least-connection" | "hash"))
            | ("hash_header" | "hash_balance", _) => {}
            ("loadbalancing", _) => {
                return Err(ApiError::unprocessable(
                    "Options Loadbalancing must be one of 'round-robin, least-connection, hash' if present",
                ));
            }
            _ => {
                return Err(ApiError::unprocessable(format!(
                    "Options Unknown field(s): '{key}'"
                )));
            }
        }
    }
    Ok(Some(options))
}

fn valid_host(host: &str) -> bool {
    host == "*"
        || host.chars().all(|character| {
            character.is_ascii_alphanumeric() || character == '-' || character == '_'
        })
}

pub(crate) async fn create(State(ctx): State<Ctx>, body: Bytes) -> Result<Response, ApiError> {
    let object = parse_object(&body)?;
    reject_unknown_keys(
        &object,
        &[
            "host",
            "path",
            "port",
            "relationships",
            "options",
            "metadata",
        ],
    )?;
    let host = optional_string(&object, "host")?
        .unwrap_or_default()
        .to_lowercase();
    let path = optional_string(&object, "path")?.unwrap_or_default();
    if !valid_host(&host) || host.len() > 63 {
        return Err(ApiError::unprocessable(
            "Host must be either \"*\" or contain only alphanumeric characters, \"_\", or \"-\"",
        ));
    }
    if !path.is_empty() && (!path.starts_with('/') || path == "/" || path.contains('?')) {
        return Err(ApiError::unprocessable(
            "Path must begin with a '/' and may not be '/' alone or contain '?'",
        ));
    }
    if object.get("port").is_some_and(|port| !port.is_null()) {
        return Err(ApiError::unprocessable(
            "Routes with protocol 'http' do not support ports",
        ));
    }
    let domain_guid = required_relationship(&object, "domain")?;
    let space_guid = required_relationship(&object, "space")?;
    let options = parse_options(&object)?.unwrap_or_default();
    let mut metadata = Metadata::default();
    metadata.apply(&object)?;
    let (mut world, now) = ctx.settled();
    world.space(&space_guid).map_err(|_| {
        ApiError::unprocessable(
            "Invalid space. Ensure that the space exists and you have access to it.",
        )
    })?;
    let domain = world.domain(&domain_guid).map_err(|_| {
        ApiError::unprocessable(
            "Invalid domain. Ensure that the domain exists and you have access to it.",
        )
    })?;
    let domain_name = domain.name.clone();
    let taken = world
        .routes
        .iter()
        .any(|route| route.domain_guid == domain_guid && route.host == host && route.path == path);
    if taken {
        let path_part = if path.is_empty() {
            String::new()
        } else {
            format!(" and path '{path}'")
        };
        return Err(ApiError::unprocessable(format!(
            "Route already exists with host '{host}'{path_part} for domain '{domain_name}'."
        )));
    }
    let route = Route {
        guid: ctx.guids.next(),
        host,
        path,
        domain_guid,
        space_guid,
        destinations: Vec::new(),
        options,
        created_at: now,
        updated_at: now,
        metadata,
    };
    let body = route.to_json(&world, &ctx.api_url);
    world.routes.push(route);
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

const LIST: ListSpec = ListSpec {
    filters: &[
        filter("hosts", "/host"),
        filter("paths", "/path"),
        filter("domain_guids", "/relationships/domain/data/guid"),
        filter("space_guids", "/relationships/space/data/guid"),
        filter("ports", "/port"),
    ],
    extra: &["app_guids", "organization_guids"],
    orders: &[],
};

fn list_routes(
    ctx: &Ctx,
    path: &str,
    app_guid: Option<&str>,
    params: &[(String, String)],
) -> Result<Response, ApiError> {
    respond(ctx, path, &LIST, params, |world, query| {
        if let Some(app_guid) = app_guid {
            world.app(app_guid)?;
        }
        let apps = query.values("app_guids");
        let orgs = query.values("organization_guids");
        Ok(world
            .routes
            .iter()
            .filter(|route| {
                let maps = |guid: &str| {
                    route
                        .destinations
                        .iter()
                        .any(|destination| destination.app_guid == guid)
                };
                let org = world
                    .space(&route.space_guid)
                    .map(|space| space.organization_guid.as_str())
                    .unwrap_or_default();
                app_guid.is_none_or(maps)
                    && apps
                        .as_ref()
                        .is_none_or(|apps| apps.iter().any(|guid| maps(guid)))
                    && allows(orgs.as_ref(), org)
            })
            .map(|route| route.to_json(world, &ctx.api_url))
            .collect())
    })
}

pub(crate) async fn list(
    State(ctx): State<Ctx>,
    Params(params): Params,
) -> Result<Response, ApiError> {
    list_routes(&ctx, "/v3/routes", None, &params)
}

pub(crate) async fn list_for_app(
    State(ctx): State<Ctx>,
    Path(app_guid): Path<String>,
    Params(params): Params,
) -> Result<Response, ApiError> {
    list_routes(
        &ctx,
        &format!("/v3/apps/{app_guid}/routes"),
        Some(&app_guid),
        &params,
    )
}

pub(crate) async fn show(
    State(ctx): State<Ctx>,
    Path(guid): Path<String>,
) -> Result<Response, ApiError> {
    let (world, _) = ctx.settled();
    Ok(Json(world.route(&guid)?.to_json(&world, &ctx.api_url)).into_response())
}

pub(crate) async fn update(
    State(ctx): State<Ctx>,
    Path(guid): Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let object = parse_object(&body)?;
    reject_unknown_keys(&object, &["options", "metadata"])?;
    let options = parse_options(&object)?;
    let (mut world, now) = ctx.settled();
    let mut metadata = world.route(&guid)?.metadata.clone();
    metadata.apply(&object)?;
    let route = world.route_mut(&guid)?;
    if let Some(options) = options {
        route.options.extend(options);
    }
    route.metadata = metadata;
    route.updated_at = now;
    let body = world.route(&guid)?.to_json(&world, &ctx.api_url);
    Ok(Json(body).into_response())
}

pub(crate) async fn delete(
    State(ctx): State<Ctx>,
    Path(guid): Path<String>,
) -> Result<Response, ApiError> {
    let (mut world, now) = ctx.settled();
    world.route(&guid)?;
    let job = Job::new(
        ctx.guids.next(),
        "route.delete",
        now,
        now.saturating_add(ctx.timing.job_ms),
        JobEffect::DeleteRoute(guid),
    );
    Ok(accepted(&ctx, &mut world, job))
}
