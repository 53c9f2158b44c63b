//! `/v2/groups`: the group tree implied by app ids (`/prod/web/api` lives in `/prod/web`, which
//! lives in `/prod`), group creation and update with their apps, and group deletion.
//!
//! Difference from Marathon, documented in `docs/simulators.md`: groups exist only while they
//! hold apps, and a change touching several apps makes one deployment per app; the answer
//! names the last one.

#![allow(
    clippy::unused_async,
    reason = "axum handlers are async even when they never await"
)]

use std::collections::BTreeSet;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderValue, StatusCode};
use serde_json::{Map, Value, json};

use crate::simulator::dcos::api_error::{ApiError, ApiResult, json_response, parse_body};
use crate::simulator::dcos::clock::iso_utc;
use crate::simulator::dcos::cluster::Cluster;
use crate::simulator::dcos::marathon::app_definition::{canonical_id, check_types};
use crate::simulator::dcos::marathon::changes;
use crate::simulator::dcos::marathon::deployment::Deployment;
use crate::simulator::dcos::query::Query;
use crate::simulator::dcos::state::ClusterState;

fn unknown_group(group: &str) -> ApiError {
    ApiError::message(
        StatusCode::NOT_FOUND,
        format!("Group '{group}' does not exist"),
    )
}

fn group_id(rest: &str) -> Result<String, ApiError> {
    let trimmed = rest.trim_matches('/');
    if trimmed.is_empty() {
        return Ok("/".to_owned());
    }
    canonical_id(trimmed).map_err(|violation| ApiError::not_valid(&[violation]))
}

fn prefix(group: &str) -> String {
    if group == "/" {
        "/".to_owned()
    } else {
        format!("{group}/")
    }
}

/// The group as Marathon shows it, with its apps and nested groups.
fn group_json(state: &ClusterState, group: &str) -> Value {
    let prefix = prefix(group);
    let mut apps = Vec::new();
    let mut children = BTreeSet::new();
    let mut version = 0;
    for app in state
        .apps
        .values()
        .filter(|app| app.id().starts_with(&prefix))
    {
        version = version.max(app.version);
        match app.id()[prefix.len()..].split_once('/') {
            None => apps.push(Value::Object(app.to_json())),
            Some((child, _)) => {
                children.insert(format!("{prefix}{child}"));
            }
        }
    }
    let groups: Vec<Value> = children
        .iter()
        .map(|child| group_json(state, child))
        .collect();
    json!({
        "id": group,
        "apps": apps,
        "groups": groups,
        "pods": [],
        "dependencies": [],
        "version": iso_utc(version),
    })
}

fn exists(state: &ClusterState, group: &str) -> bool {
    group == "/" || state.apps.keys().any(|id| id.starts_with(&prefix(group)))
}

/// `GET /v2/groups` and `GET /v2/groups/{id}`.
pub(crate) async fn show(
    State(cluster): State<Arc<Cluster>>,
    rest: Option<Path<String>>,
) -> ApiResult {
    let group = group_id(rest.as_ref().map_or("", |Path(rest)| rest.as_str()))?;
    let body = cluster.read(|state| {
        if exists(state, &group) {
            Ok(group_json(state, &group))
        } else {
            Err(unknown_group(&group))
        }
    })?;
    Ok(json_response(StatusCode::OK, &body))
}

/// `DELETE /v2/groups/{id}?force=`: deletes every app in the group.
pub(crate) async fn delete(
    State(cluster): State<Arc<Cluster>>,
    Path(rest): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    let group = group_id(&rest)?;
    let force = Query::parse(raw.as_deref()).flag("force", false);
    let deployment = cluster.change(|state, context| {
        let prefix = prefix(&group);
        let app_ids: Vec<String> = state
            .apps
            .keys()
            .filter(|id| id.starts_with(&prefix))
            .cloned()
            .collect();
        if app_ids.is_empty() {
            return Err(unknown_group(&group));
        }
        let mut last = None;
        for app_id in app_ids {
            last = Some(changes::delete(state, context, &app_id, force)?);
        }
        last.ok_or_else(|| unknown_group(&group))
    })?;
    Ok(result(StatusCode::OK, &deployment))
}

/// `POST /v2/groups` and `PUT /v2/groups/{id}`: creates or updates the apps the body lists.
pub(crate) async fn upsert(
    State(cluster): State<Arc<Cluster>>,
    rest: Option<Path<String>>,
    RawQuery(raw): RawQuery,
    body: Bytes,
) -> ApiResult {
    let force = Query::parse(raw.as_deref()).flag("force", false);
    let body = parse_body(&body)?;
    let Some(object) = body.as_object() else {
        return Err(ApiError::invalid_json("/", "error.expected.jsobject"));
    };
    let from_path = rest.as_ref().map(|Path(rest)| rest.clone());
    let raw_id = from_path
        .as_deref()
        .or_else(|| object.get("id").and_then(Value::as_str))
        .unwrap_or("/");
    let group = group_id(raw_id)?;
    let apps: Vec<Map<String, Value>> = match object.get("apps") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(apps)) => apps
            .iter()
            .map(|app| check_types(app).cloned())
            .collect::<Result<_, _>>()?,
        Some(_) => return Err(ApiError::invalid_json("/apps", "error.expected.jsarray")),
    };
    let (status, deployment) = cluster.change(|state, context| {
        let mut status = StatusCode::OK;
        let mut last = None;
        for mut app in apps {
            let relative = app
                .get("id")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            let absolute = if relative.starts_with('/') {
                relative
            } else {
                format!("{}{relative}", prefix(&group))
            };
            let app_id =
                canonical_id(&absolute).map_err(|violation| ApiError::not_valid(&[violation]))?;
            app.insert("id".to_owned(), json!(app_id));
            let (outcome, deployment) =
                changes::update(state, context, &app_id, &app, true, force, true)?;
            if outcome == changes::Outcome::Created {
                status = StatusCode::CREATED;
            }
            last = Some(deployment);
        }
        last.map(|deployment| (status, deployment)).ok_or_else(|| {
            ApiError::not_valid(&[crate::simulator::dcos::api_error::Violation::new(
                "/apps",
                "the simulator needs at least one app in a group change",
            )])
        })
    })?;
    Ok(result(status, &deployment))
}

fn result(status: StatusCode, deployment: &Deployment) -> axum::response::Response {
    let mut response = json_response(
        status,
        &json!({ "version": iso_utc(deployment.version), "deploymentId": deployment.id }),
    );
    if let Ok(value) = HeaderValue::from_str(&deployment.id) {
        response
            .headers_mut()
            .insert("Marathon-Deployment-Id", value);
    }
    response
}
