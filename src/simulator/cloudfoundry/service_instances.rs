//! Service instances: managed ones are provisioned, updated and deprovisioned by the simulated
//! broker asynchronously (202 + `Location` job, `last_operation` "in progress" → "succeeded"
//! or "failed"); user-provided ones are created (201), updated (200) and deleted (204) at once.

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
use super::service_operation::{Operation, OperationState};
use super::shared::{Ctx, Params};
use super::world::Foundation;

/// A managed or user-provided service instance.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct ServiceInstance {
    pub(crate) guid: String,
    pub(crate) name: String,
    pub(crate) managed: bool,
    pub(crate) space_guid: String,
    pub(crate) plan_guid: Option<String>,
    pub(crate) parameters: Object,
    pub(crate) tags: Vec<String>,
    pub(crate) credentials: Object,
    pub(crate) syslog_drain_url: Option<String>,
    pub(crate) route_service_url: Option<String>,
    pub(crate) last_operation: Operation,
    pub(crate) shared_space_guids: Vec<String>,
    pub(crate) created_at: Millis,
    pub(crate) updated_at: Millis,
    pub(crate) metadata: Metadata,
}

impl ServiceInstance {
    /// True if the instance lives in, or is shared into, `space_guid`.
    pub(crate) fn visible_in(&self, space_guid: &str) -> bool {
        self.space_guid == space_guid
            || self
                .shared_space_guids
                .iter()
                .any(|guid| guid == space_guid)
    }

    pub(crate) fn to_json(&self, base: &str) -> Value {
        let guid = &self.guid;
        let mut body = json!({
            "guid": guid,
            "created_at": iso8601(self.created_at),
            "updated_at": iso8601(self.updated_at),
            "name": self.name,
            "tags": self.tags,
            "last_operation": self.last_operation.to_json(),
            "type": if self.managed { "managed" } else { "user-provided" },
            "relationships": {"space": {"data": {"guid": self.space_guid}}},
            "metadata": self.metadata.to_json(),
            "links": {
                "self": {"href": format!("{base}/v3/service_instances/{guid}")},
                "space": {"href": format!("{base}/v3/spaces/{}", self.space_guid)},
                "service_credential_bindings": {"href": format!("{base}/v3/service_credential_bindings?service_instance_guids={guid}")},
                "service_route_bindings": {"href": format!("{base}/v3/service_route_bindings?service_instance_guids={guid}")},
            },
        });
        if self.managed {
            body["maintenance_info"] = json!({});
            body["upgrade_available"] = json!(false);
            body["dashboard_url"] = Value::Null;
            body["relationships"]["service_plan"] = json!({"data": {"guid": self.plan_guid}});
            body["links"]["service_plan"] = json!({"href": format!("{base}/v3/service_plans/{}", self.plan_guid.clone().unwrap_or_default())});
            body["links"]["parameters"] =
                json!({"href": format!("{base}/v3/service_instances/{guid}/parameters")});
            body["links"]["shared_spaces"] = json!({"href": format!("{base}/v3/service_instances/{guid}/relationships/shared_spaces")});
        } else {
            body["syslog_drain_url"] = json!(self.syslog_drain_url);
            body["route_service_url"] = json!(self.route_service_url);
            body["links"]["credentials"] =
                json!({"href": format!("{base}/v3/service_instances/{guid}/credentials")});
        }
        body
    }
}

pub(crate) fn settle(world: &mut Foundation, now: Millis) {
    let mut deleted = Vec::new();
    for instance in &mut world.service_instances {
        if instance.last_operation.advance(now) && instance.last_operation.kind == "delete" {
            deleted.push(instance.guid.clone());
        }
    }
    world
        .service_instances
        .retain(|instance| !deleted.contains(&instance.guid));
    world
        .service_bindings
        .retain(|binding| !deleted.contains(&binding.instance_guid));
}

/// Whether the simulated broker should fail operations on instances of this plan.
pub(crate) fn broker_fails(world: &Foundation, plan_guid: Option<&str>) -> bool {
    plan_guid
        .and_then(|plan| world.service_plan(plan).ok())
        .and_then(|plan| world.service_offering(&plan.offering_guid).ok())
        .is_some_and(|offering| world.faults.service_fails(&offering.name))
}

fn string_list(object: &Object, key: &str) -> Result<Option<Vec<String>>, ApiError> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Array(items)) if items.iter().all(Value::is_string) => Ok(Some(
            items
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect(),
        )),
        Some(_) => Err(ApiError::unprocessable("Tags must be a list of strings")),
    }
}

fn in_progress_error() -> ApiError {
    ApiError::new(
        StatusCode::CONFLICT,
        60016,
        "CF-AsyncServiceInstanceOperationInProgress",
        "An operation for the service instance is in progress.",
    )
}

const LIST: ListSpec = ListSpec {
    filters: &[
        filter("names", "/name"),
        filter("type", "/type"),
        filter(
            "service_plan_guids",
            "/relationships/service_plan/data/guid",
        ),
    ],
    extra: &["space_guids", "organization_guids", "service_plan_names"],
    orders: &["name"],
};

pub(crate) async fn list(
    State(ctx): State<Ctx>,
    Params(params): Params,
) -> Result<Response, ApiError> {
    respond(
        &ctx,
        "/v3/service_instances",
        &LIST,
        &params,
        |world, query| {
            let spaces = query.values("space_guids");
            let orgs = query.values("organization_guids");
            let plans = query.values("service_plan_names");
            Ok(world
                .service_instances
                .iter()
                .filter(|instance| {
                    spaces
                        .as_ref()
                        .is_none_or(|spaces| spaces.iter().any(|space| instance.visible_in(space)))
                })
                .filter(|instance| {
                    let org = world
                        .space(&instance.space_guid)
                        .map(|space| space.organization_guid.as_str())
                        .unwrap_or_default();
                    let plan = instance
                        .plan_guid
                        .as_deref()
                        .and_then(|plan| world.service_plan(plan).ok())
                        .map_or("", |plan| plan.name.as_str());
                    allows(orgs.as_ref(), org) && allows(plans.as_ref(), plan)
                })
                .map(|instance| instance.to_json(&ctx.api_url))
                .collect())
        },
    )
}

pub(crate) async fn show(
    State(ctx): State<Ctx>,
    Path(guid): Path<String>,
) -> Result<Response, ApiError> {
    let (world, _) = ctx.settled();
    Ok(Json(world.service_instance(&guid)?.to_json(&ctx.api_url)).into_response())
}

pub(crate) async fn create(State(ctx): State<Ctx>, body: Bytes) -> Result<Response, ApiError> {
    let object = parse_object(&body)?;
    reject_unknown_keys(
        &object,
        &[
            "type",
            "name",
            "relationships",
            "parameters",
            "tags",
            "credentials",
            "syslog_drain_url",
            "route_service_url",
            "metadata",
            "maintenance_info",
        ],
    )?;
    let kind = required_string(&object, "type")?;
    let managed = match kind.as_str() {
        "managed" => true,
        "user-provided" => false,
        _ => {
            return Err(ApiError::unprocessable(
                "Type must be one of 'managed', 'user-provided'",
            ));
        }
    };
    let name = required_string(&object, "name")?;
    let space_guid = required_relationship(&object, "space")?;
    let plan_guid = relationship_guid(&object, "service_plan")?;
    let tags = string_list(&object, "tags")?.unwrap_or_default();
    let mut metadata = Metadata::default();
    metadata.apply(&object)?;
    let (mut world, now) = ctx.settled();
    world.space(&space_guid).map_err(|_| {
        ApiError::unprocessable(
            "Invalid space. Ensure that the space exists and you have access to it.",
        )
    })?;
    if world
        .service_instances
        .iter()
        .any(|instance| instance.space_guid == space_guid && instance.name == name)
    {
        return Err(ApiError::unprocessable(format!(
            "The service instance name is taken: {name}."
        )));
    }
    let mut instance = ServiceInstance {
        guid: ctx.guids.next(),
        name,
        managed,
        space_guid,
        plan_guid: None,
        parameters: optional_object(&object, "parameters")?.unwrap_or_default(),
        tags,
        credentials: optional_object(&object, "credentials")?.unwrap_or_default(),
        syslog_drain_url: optional_string(&object, "syslog_drain_url")?,
        route_service_url: optional_string(&object, "route_service_url")?,
        last_operation: Operation::done("create", now),
        shared_space_guids: Vec::new(),
        created_at: now,
        updated_at: now,
        metadata,
    };
    if !managed {
        let body = instance.to_json(&ctx.api_url);
        world.service_instances.push(instance);
        return Ok((StatusCode::CREATED, Json(body)).into_response());
    }
    let plan_guid = plan_guid
        .filter(|plan| world.service_plan(plan).is_ok())
        .ok_or_else(|| ApiError::unprocessable("Invalid service plan. Ensure that the service plan exists, is available, and you have access to it."))?;
    let fails = broker_fails(&world, Some(&plan_guid));
    instance.plan_guid = Some(plan_guid);
    instance.last_operation = Operation::pending(
        "create",
        now,
        now.saturating_add(ctx.timing.service_operation_ms),
        fails,
    );
    let job = Job::new(
        ctx.guids.next(),
        "service_instance.create",
        now,
        now,
        JobEffect::ServiceInstance(instance.guid.clone()),
    );
    world.service_instances.push(instance);
    Ok(accepted(&ctx, &mut world, job))
}

pub(crate) async fn update(
    State(ctx): State<Ctx>,
    Path(guid): Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let object = parse_object(&body)?;
    reject_unknown_keys(
        &object,
        &[
            "name",
            "relationships",
            "parameters",
            "tags",
            "credentials",
            "syslog_drain_url",
            "route_service_url",
            "metadata",
            "maintenance_info",
        ],
    )?;
    let name = optional_string(&object, "name")?;
    let tags = string_list(&object, "tags")?;
    let plan_guid = relationship_guid(&object, "service_plan")?;
    let parameters = optional_object(&object, "parameters")?;
    let credentials = optional_object(&object, "credentials")?;
    let syslog_drain_url = optional_string(&object, "syslog_drain_url")?;
    let route_service_url = optional_string(&object, "route_service_url")?;
    let (mut world, now) = ctx.settled();
    let instance = world.service_instance(&guid)?;
    if instance.last_operation.in_progress() {
        return Err(in_progress_error());
    }
    let mut metadata = instance.metadata.clone();
    metadata.apply(&object)?;
    if let Some(name) = &name {
        let space = &instance.space_guid;
        let taken = world
            .service_instances
            .iter()
            .any(|other| other.guid != guid && other.space_guid == *space && other.name == *name);
        if taken {
            return Err(ApiError::unprocessable(format!(
                "The service instance name is taken: {name}."
            )));
        }
    }
    if let Some(plan) = &plan_guid {
        world.service_plan(plan).map_err(|_| ApiError::unprocessable("Invalid service plan. Ensure that the service plan exists, is available, and you have access to it."))?;
    }
    let managed = instance.managed;
    let fails = broker_fails(
        &world,
        plan_guid.as_deref().or(instance.plan_guid.as_deref()),
    );
    let instance = world.service_instance_mut(&guid)?;
    if let Some(name) = name {
        instance.name = name;
    }
    if let Some(tags) = tags {
        instance.tags = tags;
    }
    if let Some(parameters) = parameters {
        instance.parameters = parameters;
    }
    if let Some(credentials) = credentials {
        instance.credentials = credentials;
    }
    if object.contains_key("syslog_drain_url") {
        instance.syslog_drain_url = syslog_drain_url;
    }
    if object.contains_key("route_service_url") {
        instance.route_service_url = route_service_url;
    }
    if plan_guid.is_some() {
        instance.plan_guid = plan_guid;
    }
    instance.metadata = metadata;
    instance.updated_at = now;
    // Only a change the broker must act on is asynchronous; names, tags and metadata are not.
    let broker_involved = managed
        && (object.contains_key("parameters")
            || object.contains_key("relationships")
            || object.contains_key("maintenance_info"));
    if !broker_involved {
        instance.last_operation = Operation::done("update", now);
        return Ok(Json(instance.to_json(&ctx.api_url)).into_response());
    }
    instance.last_operation = Operation::pending(
        "update",
        now,
        now.saturating_add(ctx.timing.service_operation_ms),
        fails,
    );
    let job = Job::new(
        ctx.guids.next(),
        "service_instance.update",
        now,
        now,
        JobEffect::ServiceInstance(guid),
    );
    Ok(accepted(&ctx, &mut world, job))
}

pub(crate) async fn delete(
    State(ctx): State<Ctx>,
    Path(guid): Path<String>,
) -> Result<Response, ApiError> {
    let (mut world, now) = ctx.settled();
    let instance = world.service_instance(&guid)?;
    if instance.last_operation.in_progress() && instance.last_operation.kind != "create" {
        return Err(in_progress_error());
    }
    if world
        .service_bindings
        .iter()
        .any(|binding| binding.instance_guid == guid)
    {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            10006,
            "CF-AssociationNotEmpty",
            "Please delete the service_bindings, service_keys, and routes associations for your service_instances.",
        ));
    }
    if !instance.managed {
        world
            .service_instances
            .retain(|instance| instance.guid != guid);
        return Ok(StatusCode::NO_CONTENT.into_response());
    }
    let fails = broker_fails(&world, instance.plan_guid.as_deref());
    let instance = world.service_instance_mut(&guid)?;
    instance.last_operation = Operation::pending(
        "delete",
        now,
        now.saturating_add(ctx.timing.service_operation_ms),
        fails,
    );
    let job = Job::new(
        ctx.guids.next(),
        "service_instance.delete",
        now,
        now,
        JobEffect::ServiceInstance(guid),
    );
    Ok(accepted(&ctx, &mut world, job))
}

/// Ensures the instance exists and its last operation did not fail, for actions that need a
/// provisioned instance (binding, sharing).
pub(crate) fn usable(world: &Foundation, guid: &str) -> Result<(), ApiError> {
    let instance = world.service_instance(guid)?;
    if instance.last_operation.state == OperationState::InProgress
        && instance.last_operation.kind == "create"
    {
        return Err(in_progress_error());
    }
    Ok(())
}
