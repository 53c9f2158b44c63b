//! What hangs off a service instance besides its lifecycle: sharing into other spaces
//! (`/relationships/shared_spaces`), the credentials of a user-provided instance and the
//! parameters of a managed one.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::body::{parse_object, reject_unknown_keys};
use super::error::ApiError;
use super::service_instances::usable;
use super::shared::Ctx;

fn shared_spaces_json(ctx: &Ctx, guid: &str, spaces: &[String]) -> Value {
    json!({
        "data": spaces.iter().map(|space| json!({"guid": space})).collect::<Vec<_>>(),
        "links": {"self": {"href": ctx.url(&format!("/v3/service_instances/{guid}/relationships/shared_spaces"))}},
    })
}

pub(crate) async fn list_shared_spaces(
    State(ctx): State<Ctx>,
    Path(guid): Path<String>,
) -> Result<Response, ApiError> {
    let (world, _) = ctx.settled();
    let instance = world.service_instance(&guid)?;
    Ok(Json(shared_spaces_json(
        &ctx,
        &guid,
        &instance.shared_space_guids,
    ))
    .into_response())
}

pub(crate) async fn share(
    State(ctx): State<Ctx>,
    Path(guid): Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let object = parse_object(&body)?;
    reject_unknown_keys(&object, &["data"])?;
    let Some(Value::Array(entries)) = object.get("data") else {
        return Err(ApiError::unprocessable("Data must be an array"));
    };
    let guids: Vec<String> = entries
        .iter()
        .map(|entry| entry.get("guid").and_then(Value::as_str).map(str::to_owned))
        .collect::<Option<_>>()
        .ok_or_else(|| ApiError::unprocessable("Data must be an array of objects with a guid"))?;
    let (mut world, now) = ctx.settled();
    usable(&world, &guid)?;
    let instance = world.service_instance(&guid)?;
    let shareable = match instance.plan_guid.as_deref() {
        None => true,
        Some(plan) => world
            .service_plan(plan)
            .and_then(|plan| world.service_offering(&plan.offering_guid))
            .is_ok_and(|offering| offering.shareable),
    };
    if !shareable {
        return Err(ApiError::unprocessable(
            "The service instance could not be shared as the service offering does not support sharing.",
        ));
    }
    for space in &guids {
        world.space(space).map_err(|_| {
            ApiError::unprocessable(format!(
                "The service instance could not be shared: space '{space}' does not exist"
            ))
        })?;
        if *space == instance.space_guid {
            return Err(ApiError::unprocessable(
                "Unable to share service instance with the space it was created in.",
            ));
        }
        let clash = world.service_instances.iter().any(|other| {
            other.guid != guid && other.name == instance.name && other.visible_in(space)
        });
        if clash {
            return Err(ApiError::unprocessable(format!(
                "A service instance called {} already exists in the target space.",
                instance.name
            )));
        }
    }
    let instance = world.service_instance_mut(&guid)?;
    for space in guids {
        if !instance.shared_space_guids.contains(&space) {
            instance.shared_space_guids.push(space);
        }
    }
    instance.updated_at = now;
    Ok(Json(shared_spaces_json(
        &ctx,
        &guid,
        &instance.shared_space_guids,
    ))
    .into_response())
}

pub(crate) async fn unshare(
    State(ctx): State<Ctx>,
    Path((guid, space_guid)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let (mut world, _) = ctx.settled();
    let instance = world.service_instance(&guid)?;
    if !instance.shared_space_guids.contains(&space_guid) {
        return Err(ApiError::unprocessable(format!(
            "Unable to unshare service instance from space {space_guid}. Ensure the space exists and the service instance has been shared to this space."
        )));
    }
    let bound_there = world.service_bindings.iter().any(|binding| {
        binding.instance_guid == guid
            && binding
                .app_guid
                .as_deref()
                .and_then(|app| world.app(app).ok())
                .is_some_and(|app| app.space_guid == space_guid)
    });
    if bound_there {
        return Err(ApiError::unprocessable(
            "Cannot unshare the service instance while apps in the space are bound to it.",
        ));
    }
    world
        .service_instance_mut(&guid)?
        .shared_space_guids
        .retain(|space| *space != space_guid);
    Ok(StatusCode::NO_CONTENT.into_response())
}

pub(crate) async fn credentials(
    State(ctx): State<Ctx>,
    Path(guid): Path<String>,
) -> Result<Response, ApiError> {
    let (world, _) = ctx.settled();
    let instance = world.service_instance(&guid)?;
    if instance.managed {
        return Err(ApiError::not_found("Service instance"));
    }
    Ok(Json(Value::Object(instance.credentials.clone())).into_response())
}

pub(crate) async fn parameters(
    State(ctx): State<Ctx>,
    Path(guid): Path<String>,
) -> Result<Response, ApiError> {
    let (world, _) = ctx.settled();
    let instance = world.service_instance(&guid)?;
    if !instance.managed {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            60029,
            "CF-ServiceInstanceParametersNotRetrievable",
            "This service instance is user-provided; it has no parameters.",
        ));
    }
    Ok(Json(Value::Object(instance.parameters.clone())).into_response())
}
