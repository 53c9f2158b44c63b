//! The changes clients make to Marathon apps — create, update, scale, restart, delete, and
//! deployment rollback or forced stop — each producing a [`Deployment`] as Marathon does.
//! HTTP handlers in [`super::apps`], [`super::groups`] and [`super::deployments`] call these
//! with the cluster lock held.

use axum::http::StatusCode;
use serde_json::{Map, Value, json};

use crate::simulator::dcos::api_error::ApiError;
use crate::simulator::dcos::cluster::Context;
use crate::simulator::dcos::marathon::app::App;
use crate::simulator::dcos::marathon::app_definition::{
    canonical_id, is_config_change, merged, violations, with_defaults,
};
use crate::simulator::dcos::marathon::deployment::{Deployment, DeploymentKind};
use crate::simulator::dcos::marathon::events::MarathonEvent;
use crate::simulator::dcos::marathon::reconcile::current_step;
use crate::simulator::dcos::state::ClusterState;

/// Whether an update created the app or changed an existing one (`201` or `200`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// The app did not exist.
    Created,
    /// The app existed.
    Updated,
}

/// `404` for an unknown app, in Marathon's words.
pub(crate) fn unknown_app(app_id: &str) -> ApiError {
    ApiError::message(
        StatusCode::NOT_FOUND,
        format!("App '{app_id}' does not exist"),
    )
}

/// Refuses a change to an app a deployment holds (`409` with the deployment ids), or, with
/// `force`, stops those deployments without rollback first.
pub(crate) fn check_lock(
    state: &mut ClusterState,
    context: &mut Context,
    app_id: &str,
    force: bool,
) -> Result<(), ApiError> {
    let holding: Vec<String> = state
        .deployments
        .iter()
        .filter(|deployment| deployment.app_id == app_id)
        .map(|deployment| deployment.id.clone())
        .collect();
    if holding.is_empty() {
        return Ok(());
    }
    if force {
        for id in holding {
            stop(state, context, &id)?;
        }
        return Ok(());
    }
    let first = holding.first().cloned().unwrap_or_default();
    let mut error = ApiError::message(
        StatusCode::CONFLICT,
        format!(
            "App is locked by one or more deployments. Override with the option '?force=true'. \
             View details at '/v2/deployments/{first}'."
        ),
    );
    if let Some(body) = error.body.as_object_mut() {
        let ids: Vec<Value> = holding.iter().map(|id| json!({ "id": id })).collect();
        body.insert("deployments".to_owned(), Value::Array(ids));
    }
    Err(error)
}

/// Validates a complete definition (id already canonical) and fills defaults.
fn complete(definition: Map<String, Value>) -> Result<Map<String, Value>, ApiError> {
    let found = violations(&definition);
    if found.is_empty() {
        Ok(with_defaults(definition))
    } else {
        Err(ApiError::not_valid(&found))
    }
}

/// Creates an app from a `POST /v2/apps` body whose types were checked.
pub(crate) fn create(
    state: &mut ClusterState,
    context: &mut Context,
    body: &Map<String, Value>,
    force: bool,
) -> Result<(App, Deployment), ApiError> {
    let raw_id = body.get("id").and_then(Value::as_str).unwrap_or_default();
    let app_id = canonical_id(raw_id).map_err(|violation| ApiError::not_valid(&[violation]))?;
    let mut definition = body.clone();
    definition.insert("id".to_owned(), json!(app_id));
    definition.remove("version");
    definition.remove("versionInfo");
    let definition = complete(definition)?;
    if state.apps.contains_key(&app_id) {
        return Err(ApiError::message(
            StatusCode::CONFLICT,
            format!("An app with id [{app_id}] already exists."),
        ));
    }
    let group_prefix = format!("{app_id}/");
    if state.apps.keys().any(|id| id.starts_with(&group_prefix)) {
        return Err(ApiError::message(
            StatusCode::CONFLICT,
            format!("A group with id [{app_id}] already exists."),
        ));
    }
    check_lock(state, context, &app_id, force)?;
    let version = state.next_version(context.now);
    let app = App::new(definition, version);
    state.apps.insert(app_id.clone(), app.clone());
    let deployment = begin(
        state,
        context,
        &app_id,
        DeploymentKind::Start,
        None,
        version,
    );
    Ok((app, deployment))
}

/// Applies a `PUT`/`PATCH` body to `app_id`: a partial or complete update, or a creation when
/// allowed and the app does not exist.
pub(crate) fn update(
    state: &mut ClusterState,
    context: &mut Context,
    app_id: &str,
    body: &Map<String, Value>,
    partial: bool,
    force: bool,
    allow_create: bool,
) -> Result<(Outcome, Deployment), ApiError> {
    let Some(existing) = state.apps.get(app_id).cloned() else {
        if !allow_create {
            return Err(unknown_app(app_id));
        }
        let mut body = body.clone();
        body.insert("id".to_owned(), json!(app_id));
        let (_, deployment) = create(state, context, &body, force)?;
        return Ok((Outcome::Created, deployment));
    };
    let mut definition = if partial {
        merged(&existing.definition, body)
    } else {
        let mut replacement = body.clone();
        replacement.remove("version");
        replacement.remove("versionInfo");
        replacement
    };
    definition.insert("id".to_owned(), json!(app_id));
    let definition = complete(definition)?;
    check_lock(state, context, app_id, force)?;
    let config_change = is_config_change(&existing.definition, &definition);
    let version = state.next_version(context.now);
    let mut app = existing.clone();
    app.definition = definition;
    app.version = version;
    if config_change {
        app.last_config_change = version;
        app.generation = app.generation.wrapping_add(1);
    } else {
        app.last_scaling = version;
    }
    state.apps.insert(app_id.to_owned(), app);
    let kind = if config_change {
        DeploymentKind::Restart
    } else {
        DeploymentKind::Scale
    };
    let deployment = begin(state, context, app_id, kind, Some(existing), version);
    Ok((Outcome::Updated, deployment))
}

/// Sets the instance count of `app_id` (used when killing tasks with `scale=true`).
pub(crate) fn scale(
    state: &mut ClusterState,
    context: &mut Context,
    app_id: &str,
    instances: u64,
    force: bool,
) -> Result<Deployment, ApiError> {
    let mut body = Map::new();
    body.insert("instances".to_owned(), json!(instances));
    update(state, context, app_id, &body, true, force, false).map(|(_, deployment)| deployment)
}

/// Replaces every task of `app_id` with a new one of the same definition.
pub(crate) fn restart(
    state: &mut ClusterState,
    context: &mut Context,
    app_id: &str,
    force: bool,
) -> Result<Deployment, ApiError> {
    let Some(existing) = state.apps.get(app_id).cloned() else {
        return Err(unknown_app(app_id));
    };
    check_lock(state, context, app_id, force)?;
    let version = state.next_version(context.now);
    let mut app = existing.clone();
    app.version = version;
    app.last_scaling = version;
    app.generation = app.generation.wrapping_add(1);
    state.apps.insert(app_id.to_owned(), app);
    Ok(begin(
        state,
        context,
        app_id,
        DeploymentKind::Restart,
        Some(existing),
        version,
    ))
}

/// Removes `app_id`; its tasks are killed by the resulting deployment.
pub(crate) fn delete(
    state: &mut ClusterState,
    context: &mut Context,
    app_id: &str,
    force: bool,
) -> Result<Deployment, ApiError> {
    if !state.apps.contains_key(app_id) {
        return Err(unknown_app(app_id));
    }
    check_lock(state, context, app_id, force)?;
    let original = state.apps.remove(app_id);
    let version = state.next_version(context.now);
    Ok(begin(
        state,
        context,
        app_id,
        DeploymentKind::Stop,
        original,
        version,
    ))
}

/// Starts a deployment and announces it.
fn begin(
    state: &mut ClusterState,
    context: &mut Context,
    app_id: &str,
    kind: DeploymentKind,
    original: Option<App>,
    version: u64,
) -> Deployment {
    let deployment = Deployment {
        id: state.ids.uuid(),
        version,
        app_id: app_id.to_owned(),
        kind,
        original,
    };
    let plan = deployment.plan_json(state.apps.get(app_id));
    context.emit(MarathonEvent::new(
        "deployment_info",
        context.now,
        json!({ "plan": plan, "currentStep": current_step(&deployment) }),
    ));
    context.emit(MarathonEvent::new(
        "group_change_success",
        context.now,
        json!({ "groupId": parent_group(app_id), "version": crate::simulator::dcos::clock::iso_utc(version) }),
    ));
    state.deployments.push(deployment.clone());
    deployment
}

fn parent_group(app_id: &str) -> String {
    match app_id.rsplit_once('/') {
        Some((parent, _)) if !parent.is_empty() => parent.to_owned(),
        _ => "/".to_owned(),
    }
}

fn take(state: &mut ClusterState, deployment_id: &str) -> Result<Deployment, ApiError> {
    let index = state
        .deployments
        .iter()
        .position(|deployment| deployment.id == deployment_id)
        .ok_or_else(|| {
            ApiError::message(
                StatusCode::NOT_FOUND,
                format!("DeploymentPlan {deployment_id} does not exist"),
            )
        })?;
    Ok(state.deployments.remove(index))
}

fn announce_failure(state: &ClusterState, context: &mut Context, deployment: &Deployment) {
    let plan = deployment.plan_json(state.apps.get(&deployment.app_id));
    context.emit(MarathonEvent::new(
        "deployment_failed",
        context.now,
        json!({ "id": deployment.id, "plan": plan }),
    ));
}

/// `DELETE /v2/deployments/{id}?force=true`: stops the deployment where it is, no rollback.
pub(crate) fn stop(
    state: &mut ClusterState,
    context: &mut Context,
    deployment_id: &str,
) -> Result<(), ApiError> {
    let deployment = take(state, deployment_id)?;
    announce_failure(state, context, &deployment);
    Ok(())
}

/// `DELETE /v2/deployments/{id}`: cancels the deployment and starts one that restores the app
/// as it was before (or removes it, if the cancelled deployment created it).
pub(crate) fn rollback(
    state: &mut ClusterState,
    context: &mut Context,
    deployment_id: &str,
) -> Result<Deployment, ApiError> {
    let cancelled = take(state, deployment_id)?;
    announce_failure(state, context, &cancelled);
    let app_id = cancelled.app_id.clone();
    let current = state.apps.get(&app_id).cloned();
    let version = state.next_version(context.now);
    let Some(mut restored) = cancelled.original.clone() else {
        let original = state.apps.remove(&app_id);
        return Ok(begin(
            state,
            context,
            &app_id,
            DeploymentKind::Stop,
            original,
            version,
        ));
    };
    // Keeping the original generation keeps the tasks that still run the original version.
    restored.version = version;
    let kind = match &current {
        Some(current) if is_config_change(&current.definition, &restored.definition) => {
            restored.last_config_change = version;
            DeploymentKind::Restart
        }
        Some(_) => {
            restored.last_scaling = version;
            DeploymentKind::Scale
        }
        None => DeploymentKind::Start,
    };
    state.apps.insert(app_id.clone(), restored);
    Ok(begin(state, context, &app_id, kind, current, version))
}
