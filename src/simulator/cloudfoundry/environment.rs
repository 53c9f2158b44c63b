//! App environment: user-provided variables (`/v3/apps/:guid/environment_variables`, merged by
//! PATCH with `null` deleting) and the full `/v3/apps/:guid/env` view, whose `VCAP_SERVICES`
//! is built from the app's service credential bindings.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use super::body::{Object, optional_object, parse_object, reject_unknown_keys};
use super::error::ApiError;
use super::shared::{Ctx, Shared};
use super::world::Foundation;

/// Checks variable names and values as the Cloud Controller does; `allow_null` for PATCH.
pub(crate) fn validate_variables(variables: &Object, allow_null: bool) -> Result<(), ApiError> {
    for (name, value) in variables {
        if name.is_empty() {
            return Err(ApiError::unprocessable(
                "Environment variables key must be a minimum length of 1",
            ));
        }
        if name.to_uppercase().starts_with("VCAP_") {
            return Err(ApiError::unprocessable(
                "Environment variables cannot start with VCAP_",
            ));
        }
        if name.to_uppercase().starts_with("VMC") {
            return Err(ApiError::unprocessable(
                "Environment variables cannot start with VMC_",
            ));
        }
        if name == "PORT" {
            return Err(ApiError::unprocessable(
                "Environment variables cannot set PORT",
            ));
        }
        match value {
            Value::String(_) => {}
            Value::Null if allow_null => {}
            other => {
                return Err(ApiError::unprocessable(format!(
                    "Non-string value in environment variable for key '{name}', value '{other}'"
                )));
            }
        }
    }
    Ok(())
}

fn variables_json(shared: &Shared, guid: &str, variables: &Object) -> Value {
    json!({
        "var": variables,
        "links": {
            "self": {"href": shared.url(&format!("/v3/apps/{guid}/environment_variables"))},
            "app": {"href": shared.url(&format!("/v3/apps/{guid}"))},
        },
    })
}

pub(crate) async fn show_variables(
    State(ctx): State<Ctx>,
    Path(guid): Path<String>,
) -> Result<Response, ApiError> {
    let (world, _) = ctx.settled();
    let app = world.app(&guid)?;
    Ok(Json(variables_json(&ctx, &guid, &app.environment_variables)).into_response())
}

pub(crate) async fn update_variables(
    State(ctx): State<Ctx>,
    Path(guid): Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let object = parse_object(&body)?;
    reject_unknown_keys(&object, &["var"])?;
    let changes = optional_object(&object, "var")?.unwrap_or_default();
    validate_variables(&changes, true)?;
    let (mut world, now) = ctx.settled();
    let app = world.app_mut(&guid)?;
    for (name, value) in changes {
        if value.is_null() {
            app.environment_variables.remove(&name);
        } else {
            app.environment_variables.insert(name, value);
        }
    }
    app.updated_at = now;
    Ok(Json(variables_json(&ctx, &guid, &app.environment_variables)).into_response())
}

/// `VCAP_SERVICES` for an app: bindings grouped by offering name.
fn vcap_services(world: &Foundation, app_guid: &str) -> Value {
    let mut services: Map<String, Value> = Map::new();
    for binding in world
        .service_bindings
        .iter()
        .filter(|binding| binding.app_guid.as_deref() == Some(app_guid))
    {
        let Ok(instance) = world.service_instance(&binding.instance_guid) else {
            continue;
        };
        let (label, plan) = match instance
            .plan_guid
            .as_deref()
            .and_then(|plan| world.service_plan(plan).ok())
        {
            Some(plan) => (
                world
                    .service_offering(&plan.offering_guid)
                    .map(|offering| offering.name.clone())
                    .unwrap_or_default(),
                Value::String(plan.name.clone()),
            ),
            None => ("user-provided".to_owned(), Value::Null),
        };
        let entry = json!({
            "label": label,
            "provider": null,
            "plan": plan,
            "name": instance.name,
            "tags": instance.tags,
            "instance_guid": instance.guid,
            "instance_name": instance.name,
            "binding_guid": binding.guid,
            "binding_name": binding.name,
            "credentials": binding.credentials,
            "syslog_drain_url": instance.syslog_drain_url,
            "volume_mounts": [],
        });
        if let Some(Value::Array(list)) = services.get_mut(&label) {
            list.push(entry);
        } else {
            services.insert(label, json!([entry]));
        }
    }
    Value::Object(services)
}

pub(crate) async fn show_env(
    State(ctx): State<Ctx>,
    Path(guid): Path<String>,
) -> Result<Response, ApiError> {
    let (world, _) = ctx.settled();
    let app = world.app(&guid)?;
    let space = world.space(&app.space_guid)?;
    let organization = world.organization(&space.organization_guid)?;
    let uris: Vec<String> = world
        .routes
        .iter()
        .filter(|route| {
            route
                .destinations
                .iter()
                .any(|destination| destination.app_guid == guid)
        })
        .map(|route| route.url(&world))
        .collect();
    let body = json!({
        "staging_env_json": {},
        "running_env_json": {},
        "environment_variables": app.environment_variables,
        "system_env_json": {"VCAP_SERVICES": vcap_services(&world, &guid)},
        "application_env_json": {
            "VCAP_APPLICATION": {
                "application_id": app.guid,
                "application_name": app.name,
                "application_uris": uris,
                "cf_api": ctx.api_url,
                "limits": {"fds": 16384},
                "name": app.name,
                "organization_id": organization.guid,
                "organization_name": organization.name,
                "space_id": space.guid,
                "space_name": space.name,
                "uris": uris,
                "users": null,
            }
        },
    });
    Ok(Json(body).into_response())
}
