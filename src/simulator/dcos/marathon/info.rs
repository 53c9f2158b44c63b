//! Marathon's service endpoints: `/v2/info`, `/v2/leader`, `/v2/queue` and `/ping`.

#![allow(
    clippy::unused_async,
    reason = "axum handlers are async even when they never await"
)]

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::simulator::dcos::api_error::{ApiResult, json_response};
use crate::simulator::dcos::cluster::Cluster;

/// The Marathon version the simulator follows (the last DC/OS 2.x release line).
pub(crate) const MARATHON_VERSION: &str = "1.11.0";

/// `GET /v2/info`.
pub(crate) async fn info(State(cluster): State<Arc<Cluster>>) -> ApiResult {
    let body = json!({
        "name": "marathon",
        "version": MARATHON_VERSION,
        "buildref": "simulated",
        "elected": true,
        "leader": "marathon.mesos:8080",
        "frameworkId": cluster.read(|state| state.topology.marathon_framework_id.clone()),
        "marathon_config": {
            "master": "zk://zk-1.zk:2181,zk-2.zk:2181,zk-3.zk:2181/mesos",
            "mesos_role": "slave_public",
            "task_launch_timeout": 300_000,
            "mesos_leader_ui_url": "/mesos",
            "features": [],
        },
        "http_config": { "http_port": 8080, "https_port": 8443 },
        "event_subscriber": { "type": "http_callback" },
        "zookeeper_config": { "zk": "zk://zk-1.zk:2181/marathon" },
        "dcos": { "cluster": cluster.name },
    });
    Ok(json_response(StatusCode::OK, &body))
}

/// `GET /v2/leader`.
pub(crate) async fn leader() -> ApiResult {
    Ok(json_response(
        StatusCode::OK,
        &json!({ "leader": "marathon.mesos:8080" }),
    ))
}

/// `GET /v2/queue`: the simulator launches at once, so the queue lists apps still waiting out
/// a crash back-off.
pub(crate) async fn queue(State(cluster): State<Arc<Cluster>>) -> ApiResult {
    let queue: Vec<Value> = cluster.read(|state| {
        let now = cluster.clock.now();
        state
            .apps
            .values()
            .filter(|app| app.launch_after > now)
            .map(|app| {
                json!({
                    "app": app.to_json(),
                    "count": app.instances(),
                    "delay": { "timeLeftSeconds": (app.launch_after - now).div_ceil(1000), "overdue": false },
                })
            })
            .collect()
    });
    Ok(json_response(StatusCode::OK, &json!({ "queue": queue })))
}

/// `GET /ping`.
pub(crate) async fn ping() -> &'static str {
    "pong"
}
