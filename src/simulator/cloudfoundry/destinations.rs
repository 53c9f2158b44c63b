//! Route destinations (v3 route mappings): list, add (existing ones kept), replace all, and
//! remove one (`204`, effective immediately). `process.type` defaults to `web`, the port to 8080.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::body::{parse_object, reject_unknown_keys};
use super::error::ApiError;
use super::shared::Ctx;
use super::world::Foundation;

/// Where a route sends traffic: an app's process on a port.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Destination {
    pub(crate) guid: String,
    pub(crate) app_guid: String,
    pub(crate) process_type: String,
    pub(crate) port: u16,
    pub(crate) protocol: String,
}

impl Destination {
    pub(crate) fn to_json(&self) -> Value {
        json!({
            "guid": self.guid,
            "app": {"guid": self.app_guid, "process": {"type": self.process_type}},
            "weight": null,
            "port": self.port,
            "protocol": self.protocol,
        })
    }

    fn same_target(&self, other: &Self) -> bool {
        self.app_guid == other.app_guid
            && self.process_type == other.process_type
            && self.port == other.port
    }
}

fn list_json(ctx: &Ctx, route_guid: &str, destinations: &[Destination]) -> Value {
    json!({
        "destinations": destinations.iter().map(Destination::to_json).collect::<Vec<_>>(),
        "links": {
            "self": {"href": ctx.url(&format!("/v3/routes/{route_guid}/destinations"))},
            "route": {"href": ctx.url(&format!("/v3/routes/{route_guid}"))},
        },
    })
}

/// Reads `{"destinations":[{"app":{"guid","process":{"type"}},"port","protocol"}]}`.
fn parse(ctx: &Ctx, world: &Foundation, body: &[u8]) -> Result<Vec<Destination>, ApiError> {
    let object = parse_object(body)?;
    reject_unknown_keys(&object, &["destinations"])?;
    let Some(Value::Array(entries)) = object.get("destinations") else {
        return Err(ApiError::unprocessable(
            "Destinations must be an array containing between 1 and 100 destination objects.",
        ));
    };
    let malformed = || ApiError::unprocessable("Destinations[0]: must be a hash with an app guid");
    let mut parsed = Vec::new();
    for entry in entries {
        let app_guid = entry
            .pointer("/app/guid")
            .and_then(Value::as_str)
            .ok_or_else(malformed)?;
        let process_type = match entry.pointer("/app/process/type") {
            None | Some(Value::Null) => "web",
            Some(Value::String(kind)) => kind.as_str(),
            Some(_) => {
                return Err(ApiError::unprocessable(
                    "Destinations process type must be a string",
                ));
            }
        };
        let port = match entry.get("port") {
            None | Some(Value::Null) => 8080,
            Some(value) => value
                .as_u64()
                .and_then(|port| u16::try_from(port).ok())
                .filter(|port| *port >= 1024)
                .ok_or_else(|| {
                    ApiError::unprocessable("Port must be an integer between 1024 and 65535")
                })?,
        };
        let protocol = match entry.get("protocol").and_then(Value::as_str) {
            None => "http1",
            Some(protocol @ ("http1" | "http2")) => protocol,
            Some(_) => {
                return Err(ApiError::unprocessable(
                    "Destinations protocol must be 'http1' or 'http2'",
                ));
            }
        };
        if world.app(app_guid).is_err() {
            return Err(ApiError::unprocessable(format!(
                "App(s) with guid(s) \"{app_guid}\" do not exist or you do not have access."
            )));
        }
        parsed.push(Destination {
            guid: ctx.guids.next(),
            app_guid: app_guid.to_owned(),
            process_type: process_type.to_owned(),
            port,
            protocol: protocol.to_owned(),
        });
    }
    if parsed.is_empty() || parsed.len() > 100 {
        return Err(ApiError::unprocessable(
            "Destinations must be an array containing between 1 and 100 destination objects.",
        ));
    }
    Ok(parsed)
}

pub(crate) async fn list(
    State(ctx): State<Ctx>,
    Path(route_guid): Path<String>,
) -> Result<Response, ApiError> {
    let (world, _) = ctx.settled();
    let route = world.route(&route_guid)?;
    Ok(Json(list_json(&ctx, &route_guid, &route.destinations)).into_response())
}

fn change(ctx: &Ctx, route_guid: &str, body: &[u8], replace: bool) -> Result<Response, ApiError> {
    let (mut world, now) = ctx.settled();
    world.route(route_guid)?;
    let incoming = parse(ctx, &world, body)?;
    let route = world.route_mut(route_guid)?;
    if replace {
        route.destinations.clear();
    }
    for destination in incoming {
        if !route
            .destinations
            .iter()
            .any(|existing| existing.same_target(&destination))
        {
            route.destinations.push(destination);
        }
    }
    route.updated_at = now;
    Ok(Json(list_json(ctx, route_guid, &route.destinations)).into_response())
}

pub(crate) async fn add(
    State(ctx): State<Ctx>,
    Path(route_guid): Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    change(&ctx, &route_guid, &body, false)
}

pub(crate) async fn replace(
    State(ctx): State<Ctx>,
    Path(route_guid): Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    change(&ctx, &route_guid, &body, true)
}

pub(crate) async fn remove(
    State(ctx): State<Ctx>,
    Path((route_guid, destination_guid)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let (mut world, now) = ctx.settled();
    let route = world.route_mut(&route_guid)?;
    let before = route.destinations.len();
    route
        .destinations
        .retain(|destination| destination.guid != destination_guid);
    if route.destinations.len() == before {
        return Err(ApiError::unprocessable(
            "Unable to unmap route from destination. Ensure the route has a destination with this guid.",
        ));
    }
    route.updated_at = now;
    Ok(StatusCode::NO_CONTENT.into_response())
}
