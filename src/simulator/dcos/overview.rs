//! A compact view of what one cluster runs, for operators and `gennaker sandbox status`: each
//! Marathon app with its wanted instances, its running and ready tasks, its image and whether a
//! deployment is in progress. Served at `GET /__simulator/overview`, which, being part of the
//! control API, answers whatever HTTP faults are set; the full state is `/__simulator/state`.

use serde_json::{Value, json};

use crate::simulator::dcos::marathon::task::TaskState;
use crate::simulator::dcos::state::ClusterState;

/// `{"apps": [{"id", "instances", "running", "ready", "image", "deploying", "lastTaskFailed"}]}`,
/// apps by id.
pub(crate) fn overview(state: &ClusterState) -> Value {
    let apps: Vec<Value> = state
        .apps
        .values()
        .map(|app| {
            let tasks = || state.tasks.iter().filter(|task| task.app_id == app.id());
            let running = tasks()
                .filter(|task| task.state == TaskState::Running)
                .count();
            let ready = tasks().filter(|task| task.is_ready(app)).count();
            let deploying = state
                .deployments
                .iter()
                .any(|deployment| deployment.app_id == app.id());
            let image = app.image();
            json!({
                "id": app.id(),
                "instances": app.instances(),
                "running": running,
                "ready": ready,
                "image": if image.is_empty() { Value::Null } else { json!(image) },
                "deploying": deploying,
                "lastTaskFailed": app.last_task_failure.is_some(),
            })
        })
        .collect();
    json!({ "apps": apps })
}
