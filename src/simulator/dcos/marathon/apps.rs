//! `/v2/apps`: list, show (single app, group wildcard `…/*`, versions, tasks), create, update
//! (`PUT` partial by default, `PATCH`), delete, restart and task kills.
//!
//! App ids contain slashes, so everything below `/v2/apps/` arrives as one path and is split
//! here by its last segment (`restart`, `tasks`, `tasks/<id>`, `versions`, `*`).

#![allow(
    clippy::unused_async,
    reason = "axum handlers are async even when they never await"
)]

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, OriginalUri, Path, RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use serde_json::{Value, json};

use crate::simulator::dcos::api_error::{ApiError, ApiResult, json_response, parse_body};
use crate::simulator::dcos::clock::iso_utc;
use crate::simulator::dcos::cluster::{Cluster, Context};
use crate::simulator::dcos::marathon::app_definition::{canonical_id, check_types};
use crate::simulator::dcos::marathon::app_info::{Embeds, app_info};
use crate::simulator::dcos::marathon::changes::{self, Outcome, unknown_app};
use crate::simulator::dcos::marathon::deployment::Deployment;
use crate::simulator::dcos::marathon::events::MarathonEvent;
use crate::simulator::dcos::marathon::reconcile::kill;
use crate::simulator::dcos::query::Query;
use crate::simulator::dcos::state::ClusterState;

/// `GET /v2/apps`.
pub(crate) async fn list(
    State(cluster): State<Arc<Cluster>>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    let query = Query::parse(raw.as_deref());
    let embeds = Embeds::list_defaults().with(&query.list("embed"));
    let apps = cluster.read(|state| {
        state
            .apps
            .values()
            .filter(|app| matches_filters(app, &query))
            .map(|app| app_info(state, app, embeds))
            .collect::<Vec<_>>()
    });
    Ok(json_response(StatusCode::OK, &json!({ "apps": apps })))
}

fn matches_filters(app: &crate::simulator::dcos::marathon::app::App, query: &Query) -> bool {
    let contains =
        |haystack: &str, needle: &str| haystack.to_lowercase().contains(&needle.to_lowercase());
    let cmd_ok = query.get("cmd").is_none_or(|cmd| {
        app.definition
            .get("cmd")
            .and_then(Value::as_str)
            .is_some_and(|actual| contains(actual, cmd))
    });
    let id_ok = query.get("id").is_none_or(|id| contains(app.id(), id));
    let label_ok = query.get("label").is_none_or(|selector| {
        let labels = app.definition.get("labels");
        let label = |key: &str| {
            labels
                .and_then(|l| l.get(key.trim()))
                .and_then(Value::as_str)
        };
        selector.split(',').all(|term| {
            if let Some((key, value)) = term.split_once("!=") {
                label(key) != Some(value.trim())
            } else if let Some((key, value)) = term.split_once("==") {
                label(key) == Some(value.trim())
            } else {
                label(term).is_some()
            }
        })
    });
    cmd_ok && id_ok && label_ok
}

/// `POST /v2/apps`.
pub(crate) async fn create(
    State(cluster): State<Arc<Cluster>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    OriginalUri(uri): OriginalUri,
    RawQuery(raw): RawQuery,
    body: Bytes,
) -> ApiResult {
    let query = Query::parse(raw.as_deref());
    let body = parse_body(&body)?;
    let object = check_types(&body)?.clone();
    let force = query.flag("force", false);
    let (info, deployment) = cluster.change(|state, context| {
        let (app, deployment) = changes::create(state, context, &object, force)?;
        posted(context, peer, uri.path(), &app.to_json());
        let mut info = app_info(state, &app, Embeds::list_defaults());
        if let Some(object) = info.as_object_mut() {
            object.insert("tasks".to_owned(), json!([]));
        }
        Ok::<_, ApiError>((info, deployment))
    })?;
    let app_id = info["id"].as_str().unwrap_or_default().to_owned();
    let mut response = json_response(StatusCode::CREATED, &info);
    add_header(&mut response, header::LOCATION, &app_id);
    add_header(&mut response, "Marathon-Deployment-Id", &deployment.id);
    Ok(response)
}

fn posted(
    context: &mut Context,
    peer: SocketAddr,
    uri: &str,
    definition: &serde_json::Map<String, Value>,
) {
    context.emit(MarathonEvent::new(
        "api_post_event",
        context.now,
        json!({ "clientIp": peer.ip().to_string(), "uri": uri, "appDefinition": definition }),
    ));
}

fn add_header(response: &mut Response, name: impl header::IntoHeaderName, value: &str) {
    if let Ok(value) = HeaderValue::from_str(value) {
        response.headers_mut().insert(name, value);
    }
}

/// The `{"version", "deploymentId"}` answer of changes, with the deployment header.
fn deployment_result(status: StatusCode, deployment: &Deployment) -> Response {
    let mut response = json_response(
        status,
        &json!({ "version": iso_utc(deployment.version), "deploymentId": deployment.id }),
    );
    add_header(&mut response, "Marathon-Deployment-Id", &deployment.id);
    response
}

/// What the path below `/v2/apps/` names.
enum Target {
    App(String),
    Group(String),
    Tasks(String),
    Task(String, String),
    Versions(String),
    Restart(String),
}

fn target(rest: &str) -> Result<Target, ApiError> {
    let rest = rest.trim_end_matches('/');
    let app =
        |path: &str| canonical_id(path).map_err(|violation| ApiError::not_valid(&[violation]));
    if rest == "*" || rest.ends_with("/*") {
        let group = rest.trim_end_matches('*').trim_end_matches('/');
        return Ok(Target::Group(format!("/{}", group.trim_start_matches('/'))));
    }
    if let Some(path) = rest.strip_suffix("/restart") {
        return Ok(Target::Restart(app(path)?));
    }
    if let Some(path) = rest.strip_suffix("/tasks") {
        return Ok(Target::Tasks(app(path)?));
    }
    if let Some(path) = rest.strip_suffix("/versions") {
        return Ok(Target::Versions(app(path)?));
    }
    if let Some((path, task_id)) = rest.rsplit_once("/tasks/") {
        return Ok(Target::Task(app(path)?, task_id.to_owned()));
    }
    Ok(Target::App(app(rest)?))
}

/// `GET /v2/apps/{id}`, `…/*`, `…/tasks`, `…/versions`.
pub(crate) async fn show(
    State(cluster): State<Arc<Cluster>>,
    Path(rest): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    let query = Query::parse(raw.as_deref());
    let embeds = Embeds::single_defaults().with(&query.list("embed"));
    let body = cluster.read(|state| match target(&rest)? {
        Target::App(app_id) => {
            let app = state
                .apps
                .get(&app_id)
                .ok_or_else(|| unknown_app(&app_id))?;
            Ok(json!({ "app": app_info(state, app, embeds) }))
        }
        Target::Group(group) => group_apps(state, &group, embeds),
        Target::Tasks(app_id) => {
            let app = state
                .apps
                .get(&app_id)
                .ok_or_else(|| unknown_app(&app_id))?;
            let tasks: Vec<Value> = state
                .tasks
                .iter()
                .filter(|task| task.app_id == app_id)
                .map(|task| task.to_json(Some(app)))
                .collect();
            Ok(json!({ "tasks": tasks }))
        }
        Target::Versions(app_id) => {
            let app = state
                .apps
                .get(&app_id)
                .ok_or_else(|| unknown_app(&app_id))?;
            Ok(json!({ "versions": [app.version_string()] }))
        }
        Target::Task(..) | Target::Restart(_) => Err(ApiError::uri_not_found(&rest)),
    })?;
    Ok(json_response(StatusCode::OK, &body))
}

fn group_apps(state: &ClusterState, group: &str, embeds: Embeds) -> Result<Value, ApiError> {
    let prefix = if group == "/" {
        "/".to_owned()
    } else {
        format!("{group}/")
    };
    let apps: Vec<Value> = state
        .apps
        .values()
        .filter(|app| app.id().starts_with(&prefix))
        .map(|app| app_info(state, app, embeds))
        .collect();
    if apps.is_empty() && group != "/" {
        return Err(ApiError::message(
            StatusCode::NOT_FOUND,
            format!("Group '{group}' does not exist"),
        ));
    }
    Ok(json!({ "*": apps }))
}

/// `PUT /v2/apps/{id}?force=&partialUpdate=`: partial by default; creates a missing app.
pub(crate) async fn replace(
    cluster: State<Arc<Cluster>>,
    peer: ConnectInfo<SocketAddr>,
    uri: OriginalUri,
    path: Path<String>,
    RawQuery(raw): RawQuery,
    body: Bytes,
) -> ApiResult {
    let query = Query::parse(raw.as_deref());
    let partial = query.flag("partialUpdate", true);
    change_app(cluster, peer, uri, path, &query, &body, partial, true)
}

/// `PATCH /v2/apps/{id}?force=`: always partial; never creates.
pub(crate) async fn patch(
    cluster: State<Arc<Cluster>>,
    peer: ConnectInfo<SocketAddr>,
    uri: OriginalUri,
    path: Path<String>,
    RawQuery(raw): RawQuery,
    body: Bytes,
) -> ApiResult {
    let query = Query::parse(raw.as_deref());
    change_app(cluster, peer, uri, path, &query, &body, true, false)
}

#[allow(
    clippy::too_many_arguments,
    reason = "the pieces of one request, passed through"
)]
fn change_app(
    State(cluster): State<Arc<Cluster>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    OriginalUri(uri): OriginalUri,
    Path(rest): Path<String>,
    query: &Query,
    body: &[u8],
    partial: bool,
    allow_create: bool,
) -> ApiResult {
    let Target::App(app_id) = target(&rest)? else {
        return Err(ApiError::uri_not_found(uri.path()));
    };
    let body = parse_body(body)?;
    let object = check_types(&body)?.clone();
    let force = query.flag("force", false);
    let (outcome, deployment) = cluster.change(|state, context| {
        let result = changes::update(
            state,
            context,
            &app_id,
            &object,
            partial,
            force,
            allow_create,
        )?;
        if let Some(app) = state.apps.get(&app_id) {
            posted(context, peer, uri.path(), &app.to_json());
        }
        Ok::<_, ApiError>(result)
    })?;
    let status = match outcome {
        Outcome::Created => StatusCode::CREATED,
        Outcome::Updated => StatusCode::OK,
    };
    Ok(deployment_result(status, &deployment))
}

/// `DELETE /v2/apps/{id}?force=`, `DELETE …/tasks?host=&scale=`, `DELETE …/tasks/{taskId}?scale=`.
pub(crate) async fn remove(
    State(cluster): State<Arc<Cluster>>,
    Path(rest): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    let query = Query::parse(raw.as_deref());
    match target(&rest)? {
        // Marathon's delete defaults to force=true (AppsResource.delete).
        Target::App(app_id) => {
            let force = query.flag("force", true);
            let deployment =
                cluster.change(|state, context| changes::delete(state, context, &app_id, force))?;
            Ok(deployment_result(StatusCode::OK, &deployment))
        }
        Target::Tasks(app_id) => {
            let host = query.get("host").map(ToOwned::to_owned);
            kill_tasks(&cluster, &app_id, &query, None, |task| {
                host.as_deref().is_none_or(|host| task.host == host)
            })
        }
        Target::Task(app_id, task_id) => {
            kill_tasks(&cluster, &app_id, &query, Some(&task_id), |task| {
                task.id == task_id
            })
        }
        Target::Group(_) | Target::Versions(_) | Target::Restart(_) => {
            Err(ApiError::uri_not_found(&rest))
        }
    }
}

fn kill_tasks(
    cluster: &Cluster,
    app_id: &str,
    query: &Query,
    single: Option<&str>,
    selected: impl Fn(&crate::simulator::dcos::marathon::task::Task) -> bool,
) -> ApiResult {
    let scale = query.flag("scale", false);
    let force = query.flag("force", false);
    cluster.change(|state, context| {
        let Some(app) = state.apps.get(app_id).cloned() else {
            return Err(unknown_app(app_id));
        };
        let chosen: Vec<String> = state
            .tasks
            .iter()
            .filter(|task| task.app_id == app_id && selected(task))
            .map(|task| task.id.clone())
            .collect();
        if let Some(task_id) = single
            && chosen.is_empty()
        {
            return Err(ApiError::message(
                StatusCode::NOT_FOUND,
                format!("Task '{task_id}' does not exist"),
            ));
        }
        if scale {
            changes::check_lock(state, context, app_id, force)?;
        }
        let killed: Vec<Value> = chosen
            .iter()
            .filter_map(|task_id| kill(state, context, task_id))
            .map(|task| task.to_json(Some(&app)))
            .collect();
        if scale {
            let remaining = app.instances().saturating_sub(killed.len() as u64);
            let deployment = changes::scale(state, context, app_id, remaining, true)?;
            return Ok(deployment_result(StatusCode::OK, &deployment));
        }
        let body = match (single, killed.first()) {
            (Some(_), Some(task)) => json!({ "task": task }),
            _ => json!({ "tasks": killed }),
        };
        Ok(json_response(StatusCode::OK, &body))
    })
}

/// `POST /v2/apps/{id}/restart?force=`.
pub(crate) async fn action(
    State(cluster): State<Arc<Cluster>>,
    Path(rest): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    let query = Query::parse(raw.as_deref());
    let Target::Restart(app_id) = target(&rest)? else {
        return Err(ApiError::uri_not_found(&rest));
    };
    let force = query.flag("force", false);
    let deployment =
        cluster.change(|state, context| changes::restart(state, context, &app_id, force))?;
    Ok(deployment_result(StatusCode::OK, &deployment))
}
