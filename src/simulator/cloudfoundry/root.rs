//! Discovery documents, served without authentication: `GET /` (whose `links.login` and
//! `links.uaa` point at the simulated UAA — the only place clients learn the token endpoint),
//! `GET /v3` and `GET /v3/info`.

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use super::shared::Ctx;

pub(crate) async fn global_root(State(ctx): State<Ctx>) -> Response {
    let api = &ctx.api_url;
    Json(json!({
        "links": {
            "self": {"href": api},
            "bits_service": null,
            "cloud_controller_v2": {"href": format!("{api}/v2"), "meta": {"version": "2.260.0"}},
            "cloud_controller_v3": {"href": format!("{api}/v3"), "meta": {"version": "3.195.0"}},
            "network_policy_v0": {"href": format!("{api}/networking/v0/external")},
            "network_policy_v1": {"href": format!("{api}/networking/v1/external")},
            "login": {"href": ctx.uaa_url},
            "uaa": {"href": ctx.uaa_url},
            "credhub": null,
            "routing": {"href": format!("{api}/routing")},
            "logging": null,
            "log_cache": null,
            "log_stream": null,
            "app_ssh": null,
        }
    }))
    .into_response()
}

pub(crate) async fn v3_root(State(ctx): State<Ctx>) -> Response {
    let mut links = Map::new();
    links.insert("self".to_owned(), json!({"href": ctx.url("/v3")}));
    for name in [
        "apps",
        "builds",
        "deployments",
        "domains",
        "droplets",
        "info",
        "organizations",
        "packages",
        "processes",
        "routes",
        "service_credential_bindings",
        "service_instances",
        "service_offerings",
        "service_plans",
        "spaces",
        "tasks",
    ] {
        links.insert(
            name.to_owned(),
            json!({"href": ctx.url(&format!("/v3/{name}"))}),
        );
    }
    Json(json!({"links": Value::Object(links)})).into_response()
}

pub(crate) async fn info(State(ctx): State<Ctx>) -> Response {
    let (enabled, general_limit, minutes) = match &ctx.rate_limit {
        Some(limit) => (
            true,
            i64::from(limit.general_limit),
            limit.reset_interval_ms.div_ceil(60_000),
        ),
        None => (false, -1, 0),
    };
    Json(json!({
        "build": "gennaker-simulator",
        "cli_version": {"minimum": "8.0.0", "recommended": "8.7.0"},
        "custom": {},
        "description": "Cloud Foundry simulated by gennaker",
        "name": "gennaker",
        "version": 1,
        "osbapi_version": "2.15",
        "rate_limits": {"enabled": enabled, "general_limit": general_limit, "reset_interval_in_minutes": minutes},
        "links": {
            "self": {"href": ctx.url("/v3/info")},
            "support": {"href": null},
        },
    }))
    .into_response()
}
