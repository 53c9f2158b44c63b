//! Service credential bindings (`/v3/service_credential_bindings`): `app` bindings, which put
//! credentials into the app's `VCAP_SERVICES`, and `key` bindings (service keys) for managed
//! instances. Managed bindings go through the broker asynchronously (202 + job); app bindings
//! to user-provided instances are created at once (201).

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::body::{
    Metadata, Object, optional_object, optional_string, parse_object, reject_unknown_keys,
    relationship_guid, required_relationship, required_string,
};
use super::clock::{Millis, iso8601};
use super::error::ApiError;
use super::jobs::{Job, JobEffect, accepted};
use super::list_query::filter;
use super::listing::{ListSpec, allows, respond};
use super::service_instances::{ServiceInstance, broker_fails, usable};
use super::service_operation::{Operation, OperationState};
use super::shared::{Ctx, Params};
use super::world::Foundation;

/// An app binding or a service key.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct ServiceCredentialBinding {
    pub(crate) guid: String,
    /// `app` or `key`.
    pub(crate) kind: String,
    pub(crate) name: Option<String>,
    pub(crate) app_guid: Option<String>,
    pub(crate) instance_guid: String,
    pub(crate) credentials: Object,
    pub(crate) parameters: Object,
    pub(crate) last_operation: Operation,
    pub(crate) created_at: Millis,
    pub(crate) updated_at: Millis,
    pub(crate) metadata: Metadata,
}

impl ServiceCredentialBinding {
    fn to_json(&self, base: &str) -> Value {
        let guid = &self.guid;
        let mut body = json!({
            "guid": guid,
            "created_at": iso8601(self.created_at),
            "updated_at": iso8601(self.updated_at),
            "name": self.name,
            "type": self.kind,
            "last_operation": self.last_operation.to_json(),
            "metadata": self.metadata.to_json(),
            "relationships": {"service_instance": {"data": {"guid": self.instance_guid}}},
            "links": {
                "self": {"href": format!("{base}/v3/service_credential_bindings/{guid}")},
                "details": {"href": format!("{base}/v3/service_credential_bindings/{guid}/details")},
                "parameters": {"href": format!("{base}/v3/service_credential_bindings/{guid}/parameters")},
                "service_instance": {"href": format!("{base}/v3/service_instances/{}", self.instance_guid)},
            },
        });
        if let Some(app) = &self.app_guid {
            body["relationships"]["app"] = json!({"data": {"guid": app}});
            body["links"]["app"] = json!({"href": format!("{base}/v3/apps/{app}")});
        }
        body
    }
}

pub(crate) fn settle(world: &mut Foundation, now: Millis) {
    let mut deleted = Vec::new();
    for binding in &mut world.service_bindings {
        if binding.last_operation.advance(now) && binding.last_operation.kind == "delete" {
            deleted.push(binding.guid.clone());
        }
    }
    world
        .service_bindings
        .retain(|binding| !deleted.contains(&binding.guid));
}

/// Credentials the simulated broker hands out for a managed instance.
fn broker_credentials(world: &Foundation, instance_guid: &str, binding_guid: &str) -> Object {
    let instance = world.service_instance(instance_guid).ok();
    let name = instance.map_or("instance", |instance| instance.name.as_str());
    let host = format!("{name}.service.sandbox.local");
    let username = format!("user-{}", &binding_guid[..8.min(binding_guid.len())]);
    let password = format!("secret-{binding_guid}");
    let value = json!({
        "hostname": host,
        "port": 5432,
        "name": name,
        "username": username,
        "password": password,
        "uri": format!("sandbox://{username}:{password}@{host}:5432/{name}"),
    });
    value.as_object().cloned().unwrap_or_default()
}

const LIST: ListSpec = ListSpec {
    filters: &[
        filter("names", "/name"),
        filter("type", "/type"),
        filter(
            "service_instance_guids",
            "/relationships/service_instance/data/guid",
        ),
        filter("app_guids", "/relationships/app/data/guid"),
    ],
    extra: &["service_instance_names", "app_names"],
    orders: &["name"],
};

pub(crate) async fn list(
    State(ctx): State<Ctx>,
    Params(params): Params,
) -> Result<Response, ApiError> {
    respond(
        &ctx,
        "/v3/service_credential_bindings",
        &LIST,
        &params,
        |world, query| {
            let instance_names = query.values("service_instance_names");
            let app_names = query.values("app_names");
            Ok(world
                .service_bindings
                .iter()
                .filter(|binding| {
                    let instance = world
                        .service_instance(&binding.instance_guid)
                        .map(|instance| instance.name.as_str())
                        .unwrap_or_default();
                    let app = binding
                        .app_guid
                        .as_deref()
                        .and_then(|app| world.app(app).ok())
                        .map_or("", |app| app.name.as_str());
                    allows(instance_names.as_ref(), instance) && allows(app_names.as_ref(), app)
                })
                .map(|binding| binding.to_json(&ctx.api_url))
                .collect())
        },
    )
}

pub(crate) async fn show(
    State(ctx): State<Ctx>,
    Path(guid): Path<String>,
) -> Result<Response, ApiError> {
    let (world, _) = ctx.settled();
    Ok(Json(world.service_binding(&guid)?.to_json(&ctx.api_url)).into_response())
}

pub(crate) async fn details(
    State(ctx): State<Ctx>,
    Path(guid): Path<String>,
) -> Result<Response, ApiError> {
    let (world, _) = ctx.settled();
    let binding = world.service_binding(&guid)?;
    if binding.last_operation.state != OperationState::Succeeded {
        return Err(ApiError::not_found("Service credential binding"));
    }
    let drain = world
        .service_instance(&binding.instance_guid)
        .ok()
        .and_then(|instance| instance.syslog_drain_url.clone());
    Ok(Json(
        json!({"credentials": binding.credentials, "syslog_drain_url": drain, "volume_mounts": []}),
    )
    .into_response())
}

pub(crate) async fn parameters(
    State(ctx): State<Ctx>,
    Path(guid): Path<String>,
) -> Result<Response, ApiError> {
    let (world, _) = ctx.settled();
    Ok(Json(Value::Object(
        world.service_binding(&guid)?.parameters.clone(),
    ))
    .into_response())
}

/// Refuses bindings the Cloud Controller would refuse: keys without a name or on
/// user-provided instances, duplicate key names, app bindings across spaces or twice.
fn check_binding(
    world: &Foundation,
    kind: &str,
    instance: &ServiceInstance,
    app_guid: Option<&str>,
    name: Option<&str>,
) -> Result<(), ApiError> {
    match (kind, app_guid, name) {
        ("key", _, None) => return Err(ApiError::unprocessable("Name can't be blank")),
        ("key", _, Some(_)) if !instance.managed => {
            return Err(ApiError::unprocessable(
                "Service credential bindings of type 'key' are not supported for user-provided service instances.",
            ));
        }
        ("key", _, Some(name)) => {
            let taken = world.service_bindings.iter().any(|binding| {
                binding.instance_guid == instance.guid
                    && binding.kind == "key"
                    && binding.name.as_deref() == Some(name)
            });
            if taken {
                return Err(ApiError::unprocessable(format!(
                    "The binding name is invalid. Key binding names must be unique. The service instance already has a key binding with name '{name}'."
                )));
            }
        }
        (_, None, _) => {
            return Err(ApiError::unprocessable(
                "Relationships app must be structured like this: \"app\": {\"data\": {\"guid\": \"valid-guid\"}}",
            ));
        }
        (_, Some(app), _) => {
            let app = world.app(app).map_err(|_| {
                ApiError::unprocessable(format!("The app could not be found: '{app}'."))
            })?;
            if !instance.visible_in(&app.space_guid) {
                return Err(ApiError::unprocessable(
                    "The service instance and the app are in different spaces.",
                ));
            }
            if world.service_bindings.iter().any(|binding| {
                binding.instance_guid == instance.guid
                    && binding.app_guid.as_deref() == Some(app.guid.as_str())
            }) {
                return Err(ApiError::unprocessable(
                    "The app is already bound to the service instance.",
                ));
            }
        }
    }
    Ok(())
}

pub(crate) async fn create(State(ctx): State<Ctx>, body: Bytes) -> Result<Response, ApiError> {
    let object = parse_object(&body)?;
    reject_unknown_keys(
        &object,
        &["type", "name", "relationships", "parameters", "metadata"],
    )?;
    let kind = required_string(&object, "type")?;
    if kind != "app" && kind != "key" {
        return Err(ApiError::unprocessable("Type must be 'app' or 'key'"));
    }
    let name = optional_string(&object, "name")?;
    let instance_guid = required_relationship(&object, "service_instance")?;
    let app_guid = relationship_guid(&object, "app")?;
    let parameters = optional_object(&object, "parameters")?.unwrap_or_default();
    let mut metadata = Metadata::default();
    metadata.apply(&object)?;
    let (mut world, now) = ctx.settled();
    let instance = world.service_instance(&instance_guid).map_err(|_| {
        ApiError::unprocessable(format!(
            "The service instance could not be found: '{instance_guid}'."
        ))
    })?;
    usable(&world, &instance_guid)?;
    let managed = instance.managed;
    check_binding(
        &world,
        &kind,
        instance,
        app_guid.as_deref(),
        name.as_deref(),
    )?;
    let guid = ctx.guids.next();
    let credentials = if managed {
        broker_credentials(&world, &instance_guid, &guid)
    } else {
        instance.credentials.clone()
    };
    let fails = managed && broker_fails(&world, instance.plan_guid.as_deref());
    let binding = ServiceCredentialBinding {
        guid: guid.clone(),
        app_guid: if kind == "app" { app_guid } else { None },
        kind: kind.clone(),
        name,
        instance_guid,
        credentials,
        parameters,
        last_operation: if managed {
            Operation::pending(
                "create",
                now,
                now.saturating_add(ctx.timing.service_operation_ms),
                fails,
            )
        } else {
            Operation::done("create", now)
        },
        created_at: now,
        updated_at: now,
        metadata,
    };
    if !managed {
        let body = binding.to_json(&ctx.api_url);
        world.service_bindings.push(binding);
        return Ok((StatusCode::CREATED, Json(body)).into_response());
    }
    world.service_bindings.push(binding);
    let operation = if kind == "key" {
        "service_keys.create"
    } else {
        "service_bindings.create"
    };
    let job = Job::new(
        ctx.guids.next(),
        operation,
        now,
        now,
        JobEffect::ServiceBinding(guid),
    );
    Ok(accepted(&ctx, &mut world, job))
}

pub(crate) async fn delete(
    State(ctx): State<Ctx>,
    Path(guid): Path<String>,
) -> Result<Response, ApiError> {
    let (mut world, now) = ctx.settled();
    let binding = world.service_binding(&guid)?;
    let managed = world
        .service_instance(&binding.instance_guid)
        .is_ok_and(|instance| instance.managed);
    if !managed {
        world
            .service_bindings
            .retain(|binding| binding.guid != guid);
        return Ok(StatusCode::NO_CONTENT.into_response());
    }
    let plan = world
        .service_instance(&binding.instance_guid)
        .ok()
        .and_then(|instance| instance.plan_guid.clone());
    let fails = broker_fails(&world, plan.as_deref());
    let operation = if binding.kind == "key" {
        "service_keys.delete"
    } else {
        "service_bindings.delete"
    };
    let binding = world.service_binding_mut(&guid)?;
    binding.last_operation = Operation::pending(
        "delete",
        now,
        now.saturating_add(ctx.timing.service_operation_ms),
        fails,
    );
    let job = Job::new(
        ctx.guids.next(),
        operation,
        now,
        now,
        JobEffect::ServiceBinding(guid),
    );
    Ok(accepted(&ctx, &mut world, job))
}
