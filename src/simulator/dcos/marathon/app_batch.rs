//! `PUT /v2/apps` and `PATCH /v2/apps`: several app updates in one call (`[{"id": …}, …]`),
//! partial unless `partialUpdate=false`; `PUT` creates missing apps, `PATCH` does not.
//!
//! Difference from Marathon: Marathon makes one deployment for the whole batch; the simulator
//! makes one per app and answers with the last.

#![allow(
    clippy::unused_async,
    reason = "axum handlers are async even when they never await"
)]

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderValue, StatusCode};
use serde_json::{Map, Value, json};

use crate::simulator::dcos::api_error::{
    ApiError, ApiResult, Violation, json_response, parse_body,
};
use crate::simulator::dcos::clock::iso_utc;
use crate::simulator::dcos::cluster::Cluster;
use crate::simulator::dcos::marathon::app_definition::{canonical_id, check_types};
use crate::simulator::dcos::marathon::changes;
use crate::simulator::dcos::query::Query;

/// `PUT /v2/apps?force=&partialUpdate=`.
pub(crate) async fn replace(
    State(cluster): State<Arc<Cluster>>,
    RawQuery(raw): RawQuery,
    body: Bytes,
) -> ApiResult {
    let query = Query::parse(raw.as_deref());
    update(
        &cluster,
        &query,
        &body,
        query.flag("partialUpdate", true),
        true,
    )
}

/// `PATCH /v2/apps?force=`.
pub(crate) async fn patch(
    State(cluster): State<Arc<Cluster>>,
    RawQuery(raw): RawQuery,
    body: Bytes,
) -> ApiResult {
    let query = Query::parse(raw.as_deref());
    update(&cluster, &query, &body, true, false)
}

fn update(
    cluster: &Cluster,
    query: &Query,
    body: &[u8],
    partial: bool,
    allow_create: bool,
) -> ApiResult {
    let body = parse_body(body)?;
    let Some(items) = body.as_array() else {
        return Err(ApiError::invalid_json("/", "error.expected.jsarray"));
    };
    let mut updates: Vec<(String, Map<String, Value>)> = Vec::new();
    for item in items {
        let object = check_types(item)?.clone();
        let raw_id = object.get("id").and_then(Value::as_str).unwrap_or_default();
        let app_id = canonical_id(raw_id).map_err(|violation| ApiError::not_valid(&[violation]))?;
        updates.push((app_id, object));
    }
    let force = query.flag("force", false);
    let deployment = cluster.change(|state, context| {
        let mut last = None;
        for (app_id, object) in &updates {
            let (_, deployment) =
                changes::update(state, context, app_id, object, partial, force, allow_create)?;
            last = Some(deployment);
        }
        last.ok_or_else(|| ApiError::not_valid(&[Violation::new("/", "no app to update")]))
    })?;
    let mut response = json_response(
        StatusCode::OK,
        &json!({ "version": iso_utc(deployment.version), "deploymentId": deployment.id }),
    );
    if let Ok(value) = HeaderValue::from_str(&deployment.id) {
        response
            .headers_mut()
            .insert("Marathon-Deployment-Id", value);
    }
    Ok(response)
}
