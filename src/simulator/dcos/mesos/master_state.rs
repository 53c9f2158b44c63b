//! `GET /mesos/state.json` (also `/mesos/master/state.json` and `/mesos/master/state`): the
//! Mesos master's view — agents, and the Marathon and Metronome frameworks with their tasks.
//! Metronome's finished runs appear in `completed_tasks` named `<runId>.<jobId>`, which is how
//! clients find a run's agent and sandbox.

#![allow(
    clippy::unused_async,
    reason = "axum handlers are async even when they never await"
)]

use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::simulator::dcos::api_error::{ApiResult, json_response};
use crate::simulator::dcos::clock::Millis;
use crate::simulator::dcos::cluster::Cluster;
use crate::simulator::dcos::marathon::app::task_name;
use crate::simulator::dcos::metronome::run::Run;
use crate::simulator::dcos::state::ClusterState;

/// Mesos reports times as fractional seconds.
pub(crate) fn seconds(at: Millis) -> f64 {
    Duration::from_millis(at).as_secs_f64()
}

/// The version of Mesos the simulator reports.
pub(crate) const MESOS_VERSION: &str = "1.10.0";

/// `GET /mesos/state.json`.
pub(crate) async fn show(State(cluster): State<Arc<Cluster>>) -> ApiResult {
    let body = cluster.read(|state| master_state(state, &cluster.name));
    Ok(json_response(StatusCode::OK, &body))
}

fn master_state(state: &ClusterState, cluster_name: &str) -> Value {
    let topology = &state.topology;
    let master_host = "10.0.0.1";
    let slaves: Vec<Value> = topology
        .agents
        .iter()
        .map(|agent| {
            json!({
                "id": agent.id,
                "hostname": agent.hostname,
                "pid": format!("slave(1)@{}:5051", agent.hostname),
                "port": 5051,
                "active": true,
                "version": MESOS_VERSION,
                "resources": { "cpus": 4.0, "mem": 14_861.0, "disk": 35_577.0, "gpus": 0.0, "ports": "[1025-2180, 2182-3887, 3889-5049, 5052-8079, 8082-8180, 8182-32000]" },
                "attributes": {},
            })
        })
        .collect();
    let marathon_tasks: Vec<Value> = state
        .tasks
        .iter()
        .map(|task| {
            let app = state.apps.get(&task.app_id);
            let resource = |field: &str| app.and_then(|app| app.definition.get(field)).cloned().unwrap_or(json!(0));
            json!({
                "id": task.id,
                "name": task_name(&task.app_id),
                "framework_id": topology.marathon_framework_id,
                "executor_id": "",
                "slave_id": task.agent_id,
                "state": task.state.as_str(),
                "resources": { "cpus": resource("cpus"), "mem": resource("mem"), "disk": resource("disk"), "gpus": 0 },
                "statuses": [{ "state": task.state.as_str(), "timestamp": seconds(task.started_at.unwrap_or(task.staged_at)) }],
            })
        })
        .collect();
    let launched = state
        .runs
        .iter()
        .filter(|run| run.task.is_some() && run.status.as_str() != "INITIAL");
    let (finished, active): (Vec<&Run>, Vec<&Run>) =
        launched.partition(|run| run.status.is_finished());
    let metronome_task = |run: &Run| run_task_json(state, run);
    json!({
        "version": MESOS_VERSION,
        "git_sha": "simulated",
        "id": topology.master_id,
        "pid": format!("master@{master_host}:5050"),
        "hostname": master_host,
        "leader": format!("master@{master_host}:5050"),
        "cluster": cluster_name,
        "activated_slaves": topology.agents.len(),
        "deactivated_slaves": 0,
        "flags": { "work_dir": "/var/lib/mesos/master", "cluster": cluster_name },
        "slaves": slaves,
        "frameworks": [
            {
                "id": topology.marathon_framework_id,
                "name": "marathon",
                "active": true,
                "hostname": master_host,
                "tasks": marathon_tasks,
                "completed_tasks": [],
                "executors": [],
            },
            {
                "id": topology.metronome_framework_id,
                "name": "metronome",
                "active": true,
                "hostname": master_host,
                "tasks": active.iter().map(|run| metronome_task(run)).collect::<Vec<_>>(),
                "completed_tasks": finished.iter().map(|run| metronome_task(run)).collect::<Vec<_>>(),
                "executors": [],
            },
        ],
        "completed_frameworks": [],
        "orphan_tasks": [],
        "unregistered_frameworks": [],
    })
}

/// A Metronome run's task as Mesos lists it.
pub(crate) fn run_task_json(state: &ClusterState, run: &Run) -> Value {
    let Some(task) = &run.task else {
        return Value::Null;
    };
    let resource = |field: &str| {
        state
            .jobs
            .get(&run.job_id)
            .and_then(|job| job.spec.get("run"))
            .and_then(|spec| spec.get(field))
            .cloned()
            .unwrap_or(json!(0))
    };
    let at = task
        .completed_at
        .or(task.started_at)
        .unwrap_or(run.created_at);
    json!({
        "id": task.id,
        "name": run.task_name(),
        "framework_id": state.topology.metronome_framework_id,
        "executor_id": "",
        "slave_id": task.agent_id,
        "state": task.status,
        "resources": { "cpus": resource("cpus"), "mem": resource("mem"), "disk": resource("disk"), "gpus": 0 },
        "statuses": [{
            "state": task.status,
            "timestamp": seconds(at),
            "container_status": { "container_id": { "value": task.container_id } },
        }],
    })
}
