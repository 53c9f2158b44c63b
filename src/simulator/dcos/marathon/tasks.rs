//! `/v2/tasks`: every live task (`?status=running|staging` filters) and the bulk kill
//! `POST /v2/tasks/delete` with `{"ids": […]}` and `?scale=`.

#![allow(
    clippy::unused_async,
    reason = "axum handlers are async even when they never await"
)]

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::simulator::dcos::api_error::{ApiError, ApiResult, json_response, parse_body};
use crate::simulator::dcos::clock::iso_utc;
use crate::simulator::dcos::cluster::Cluster;
use crate::simulator::dcos::marathon::changes;
use crate::simulator::dcos::marathon::reconcile::kill;
use crate::simulator::dcos::query::Query;

/// `GET /v2/tasks`.
pub(crate) async fn list(
    State(cluster): State<Arc<Cluster>>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    let query = Query::parse(raw.as_deref());
    let wanted = query.get("status").map(str::to_ascii_uppercase);
    let tasks: Vec<Value> = cluster.read(|state| {
        state
            .tasks
            .iter()
            .filter(|task| {
                wanted
                    .as_deref()
                    .is_none_or(|status| task.state.as_str() == format!("TASK_{status}"))
            })
            .map(|task| task.to_json(state.apps.get(&task.app_id)))
            .collect()
    });
    Ok(json_response(StatusCode::OK, &json!({ "tasks": tasks })))
}

/// `POST /v2/tasks/delete?scale=&force=`.
pub(crate) async fn delete(
    State(cluster): State<Arc<Cluster>>,
    RawQuery(raw): RawQuery,
    body: Bytes,
) -> ApiResult {
    let query = Query::parse(raw.as_deref());
    let body = parse_body(&body)?;
    let Some(ids) = body.get("ids").and_then(Value::as_array) else {
        return Err(ApiError::invalid_json("/ids", "error.path.missing"));
    };
    let ids: Vec<String> = ids
        .iter()
        .filter_map(Value::as_str)
        .map(ToOwned::to_owned)
        .collect();
    let scale = query.flag("scale", false);
    let force = query.flag("force", false);
    cluster.change(|state, context| {
        let mut killed_per_app: BTreeMap<String, u64> = BTreeMap::new();
        let mut killed = Vec::new();
        for id in &ids {
            if let Some(task) = kill(state, context, id) {
                *killed_per_app.entry(task.app_id.clone()).or_default() += 1;
                killed.push(task.to_json(state.apps.get(&task.app_id)));
            }
        }
        if !scale {
            return Ok(json_response(StatusCode::OK, &json!({ "tasks": killed })));
        }
        let mut last = None;
        for (app_id, count) in killed_per_app {
            let instances = state.apps.get(&app_id).map_or(0, crate::simulator::dcos::marathon::app::App::instances);
            let deployment = changes::scale(state, context, &app_id, instances.saturating_sub(count), force)?;
            last = Some(deployment);
        }
        let body = last.map_or_else(
            || json!({ "tasks": [] }),
            |deployment| json!({ "version": iso_utc(deployment.version), "deploymentId": deployment.id }),
        );
        Ok(json_response(StatusCode::OK, &body))
    })
}
