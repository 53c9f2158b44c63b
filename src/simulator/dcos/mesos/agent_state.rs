//! `GET /agent/{agentId}/slave(1)/state.json` (and `…/state`): one agent's view, listing the
//! Metronome executors it ran with their container ids and sandbox directories. As on a real
//! agent, a framework with no live executor there moves to `completed_frameworks`.
//!
//! Difference from Mesos: Marathon tasks are not listed on agents (they have no sandbox files
//! in the simulator).

#![allow(
    clippy::unused_async,
    reason = "axum handlers are async even when they never await"
)]

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::simulator::dcos::api_error::{ApiError, ApiResult, json_response};
use crate::simulator::dcos::cluster::Cluster;
use crate::simulator::dcos::mesos::master_state::{MESOS_VERSION, run_task_json};
use crate::simulator::dcos::mesos::sandbox::WORK_DIR;
use crate::simulator::dcos::metronome::run::Run;
use crate::simulator::dcos::state::ClusterState;

/// `404` for a path under an agent the cluster does not have.
pub(crate) fn unknown_agent(agent_id: &str) -> ApiError {
    ApiError::message(
        StatusCode::NOT_FOUND,
        format!("Agent '{agent_id}' is not known"),
    )
}

/// `GET /agent/{agentId}/slave(1)/state.json`.
pub(crate) async fn show(
    State(cluster): State<Arc<Cluster>>,
    Path(agent_id): Path<String>,
) -> ApiResult {
    let body = cluster.read(|state| agent_state(state, &agent_id))?;
    Ok(json_response(StatusCode::OK, &body))
}

fn agent_state(state: &ClusterState, agent_id: &str) -> Result<Value, ApiError> {
    let agent = state
        .topology
        .agent(agent_id)
        .ok_or_else(|| unknown_agent(agent_id))?;
    let runs: Vec<&Run> = state
        .runs
        .iter()
        .filter(|run| run.status.as_str() != "INITIAL")
        .filter(|run| {
            run.task
                .as_ref()
                .is_some_and(|task| task.agent_id == agent_id)
        })
        .collect();
    let executor = |run: &Run| {
        let task = run.task.as_ref();
        let task_json = run_task_json(state, run);
        let (tasks, completed) = if run.status.is_finished() {
            (json!([]), json!([task_json]))
        } else {
            (json!([task_json]), json!([]))
        };
        json!({
            "id": task.map(|task| task.id.clone()),
            "name": format!("Command Executor (Task: {}) (Command: sh -c '…')", task.map(|t| t.id.as_str()).unwrap_or_default()),
            "source": task.map(|task| task.id.clone()),
            "container": task.map(|task| task.container_id.clone()),
            "directory": task.map(|task| task.directory.clone()),
            "tasks": tasks,
            "queued_tasks": [],
            "completed_tasks": completed,
        })
    };
    let live: Vec<Value> = runs
        .iter()
        .filter(|run| !run.status.is_finished())
        .map(|run| executor(run))
        .collect();
    let done: Vec<Value> = runs
        .iter()
        .filter(|run| run.status.is_finished())
        .map(|run| executor(run))
        .collect();
    let framework = json!({
        "id": state.topology.metronome_framework_id,
        "name": "metronome",
        "executors": live,
        "completed_executors": done,
    });
    let (frameworks, completed_frameworks) = if live_count(&runs) > 0 {
        (json!([framework]), json!([]))
    } else if runs.is_empty() {
        (json!([]), json!([]))
    } else {
        (json!([]), json!([framework]))
    };
    Ok(json!({
        "version": MESOS_VERSION,
        "id": agent.id,
        "hostname": agent.hostname,
        "pid": format!("slave(1)@{}:5051", agent.hostname),
        "master_hostname": "10.0.0.1",
        "flags": { "work_dir": WORK_DIR },
        "frameworks": frameworks,
        "completed_frameworks": completed_frameworks,
    }))
}

fn live_count(runs: &[&Run]) -> usize {
    runs.iter().filter(|run| !run.status.is_finished()).count()
}
