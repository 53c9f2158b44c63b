//! `/v2/deployments`: list the deployments in progress; cancel one with rollback
//! (`DELETE`, `200` and the rollback deployment) or stop it where it is (`DELETE ?force=true`,
//! `202` and no body), as `deployments.raml` documents.

#![allow(
    clippy::unused_async,
    reason = "axum handlers are async even when they never await"
)]

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use serde_json::{Value, json};

use crate::simulator::dcos::api_error::{ApiResult, json_response};
use crate::simulator::dcos::clock::iso_utc;
use crate::simulator::dcos::cluster::Cluster;
use crate::simulator::dcos::marathon::changes;
use crate::simulator::dcos::query::Query;

/// `GET /v2/deployments`.
pub(crate) async fn list(State(cluster): State<Arc<Cluster>>) -> ApiResult {
    let deployments: Vec<Value> = cluster.read(|state| {
        state
            .deployments
            .iter()
            .map(crate::simulator::dcos::marathon::deployment::Deployment::to_json)
            .collect()
    });
    Ok(json_response(StatusCode::OK, &Value::Array(deployments)))
}

/// `DELETE /v2/deployments/{id}[?force=true]`.
pub(crate) async fn cancel(
    State(cluster): State<Arc<Cluster>>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    let force = Query::parse(raw.as_deref()).flag("force", false);
    if force {
        cluster.change(|state, context| changes::stop(state, context, &id))?;
        let mut response = Response::new(Body::empty());
        *response.status_mut() = StatusCode::ACCEPTED;
        return Ok(response);
    }
    let rollback = cluster.change(|state, context| changes::rollback(state, context, &id))?;
    let mut response = json_response(
        StatusCode::OK,
        &json!({ "deploymentId": rollback.id, "version": iso_utc(rollback.version) }),
    );
    if let Ok(value) = HeaderValue::from_str(&rollback.id) {
        response
            .headers_mut()
            .insert("Marathon-Deployment-Id", value);
    }
    Ok(response)
}
