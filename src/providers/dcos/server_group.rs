//! A Marathon app (as `GET /v2/apps/<id>` shows it with its embeds) read as a
//! [`ServerGroup`]: its image, size, instance health, age, load balancers and whether a
//! deployment holds it.

use serde_json::Value;

use crate::providers::dcos::app_definition::CREATED_AT_LABEL;
use crate::providers::dcos::image;
use crate::providers::model::{Capacity, Instances, ServerGroup};
use crate::providers::naming;

/// How one Marathon task counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TaskHealth {
    /// Running, and passing its health checks where the app has some.
    Up,
    /// Staging or starting, or running without a health result yet.
    Starting,
    /// Failing health checks, or ended.
    Down,
}

/// How `task` counts in an app that has health checks or not.
pub(crate) fn task_health(task: &Value, health_checked: bool) -> TaskHealth {
    let state = task
        .get("state")
        .and_then(Value::as_str)
        .unwrap_or("TASK_RUNNING");
    match state {
        "TASK_RUNNING" => {
            let results: Vec<bool> = task
                .get("healthCheckResults")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|result| result.get("alive").and_then(Value::as_bool) == Some(true))
                .collect();
            if results.contains(&false) {
                TaskHealth::Down
            } else if health_checked && results.is_empty() {
                TaskHealth::Starting
            } else {
                TaskHealth::Up
            }
        }
        "TASK_STAGING" | "TASK_STARTING" | "TASK_CREATED" => TaskHealth::Starting,
        _ => TaskHealth::Down,
    }
}

/// Whether the app defines health checks.
pub(crate) fn health_checked(app: &Value) -> bool {
    app.get("healthChecks")
        .and_then(Value::as_array)
        .is_some_and(|checks| !checks.is_empty())
}

/// The app's tasks, when embedded.
pub(crate) fn tasks(app: &Value) -> Option<&Vec<Value>> {
    app.get("tasks").and_then(Value::as_array)
}

/// The wanted instance count.
pub(crate) fn instances_wanted(app: &Value) -> u32 {
    app.get("instances")
        .and_then(Value::as_u64)
        .map_or(0, |n| u32::try_from(n).unwrap_or(u32::MAX))
}

/// The ids of the deployments holding the app.
pub(crate) fn deployments(app: &Value) -> Vec<String> {
    app.get("deployments")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|deployment| deployment.get("id").and_then(Value::as_str))
        .map(str::to_owned)
        .collect()
}

/// Instance health from the embedded tasks, or from the counts when tasks are not embedded.
pub(crate) fn instances(app: &Value) -> Instances {
    let checked = health_checked(app);
    let Some(tasks) = tasks(app) else {
        let count = |key| {
            app.get(key)
                .and_then(Value::as_u64)
                .map_or(0, |n| u32::try_from(n).unwrap_or(u32::MAX))
        };
        let running = count("tasksRunning");
        let up = if checked {
            count("tasksHealthy")
        } else {
            running
        };
        return Instances {
            up,
            total: running + count("tasksStaged"),
            starting: count("tasksStaged") + running.saturating_sub(up + count("tasksUnhealthy")),
            down: count("tasksUnhealthy"),
        };
    };
    let mut instances = Instances {
        total: u32::try_from(tasks.len()).unwrap_or(u32::MAX),
        ..Instances::default()
    };
    for task in tasks {
        match task_health(task, checked) {
            TaskHealth::Up => instances.up += 1,
            TaskHealth::Starting => instances.starting += 1,
            TaskHealth::Down => instances.down += 1,
        }
    }
    instances
}

/// An epoch-ms time from Marathon's ISO timestamps.
pub(crate) fn epoch_ms(text: &str) -> Option<u64> {
    let timestamp: jiff::Timestamp = text.parse().ok()?;
    u64::try_from(timestamp.as_millisecond()).ok()
}

/// When the app was created: our label, else the last configuration change, else its version.
fn created_time(app: &Value) -> Option<u64> {
    let label = app
        .pointer(&format!("/labels/{CREATED_AT_LABEL}"))
        .and_then(Value::as_str)
        .and_then(|text| text.parse().ok());
    label.or_else(|| {
        app.pointer("/versionInfo/lastConfigChangeAt")
            .or_else(|| app.get("version"))
            .and_then(Value::as_str)
            .and_then(epoch_ms)
    })
}

/// The load balancers a task takes traffic from: marathon-lb's `HAPROXY_GROUP`s, Traefik v2
/// routers (`traefik.http.routers.<name>.…`) or v1 frontends (`traefik.frontend.…`), and DC/OS
/// named VIPs (`VIP_<n>`, here also on port definitions and mappings).
fn load_balancers(app: &Value) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut add = |name: &str| {
        let name = name.trim();
        if !name.is_empty() && !found.iter().any(|known| known == name) {
            found.push(name.to_owned());
        }
    };
    let mut label_sets: Vec<&serde_json::Map<String, Value>> = Vec::new();
    label_sets.extend(app.get("labels").and_then(Value::as_object));
    for ports in [
        app.get("portDefinitions"),
        app.pointer("/container/portMappings"),
    ] {
        for port in ports.and_then(Value::as_array).into_iter().flatten() {
            label_sets.extend(port.get("labels").and_then(Value::as_object));
        }
    }
    for labels in label_sets {
        for (key, value) in labels {
            let value = value.as_str().unwrap_or_default();
            if key == "HAPROXY_GROUP" {
                value.split(',').for_each(&mut add);
            } else if let Some(rest) = key.strip_prefix("traefik.http.routers.") {
                add(&format!(
                    "traefik:{}",
                    rest.split('.').next().unwrap_or(rest)
                ));
            } else if key.starts_with("traefik.frontend.") {
                add("traefik");
            } else if key.starts_with("VIP_") {
                add(&format!("vip:{value}"));
            }
        }
    }
    found
}

/// The server group an app is, in `region` (display form) of `account`; `None` when its name
/// is not a Frigga name.
pub(crate) fn server_group(
    app: &Value,
    account: &str,
    region: String,
    name: &str,
) -> Option<ServerGroup> {
    let moniker = naming::parse(name)?;
    let wanted = instances_wanted(app);
    let image = app
        .pointer("/container/docker/image")
        .and_then(Value::as_str)
        .map(image::describe);
    Some(ServerGroup {
        cloud_provider: "dcos",
        account: account.to_owned(),
        region,
        name: name.to_owned(),
        moniker,
        image,
        enabled: wanted > 0,
        capacity: Capacity::exactly(wanted),
        instances: instances(app),
        created_time: created_time(app),
        load_balancers: load_balancers(app),
        busy: !deployments(app).is_empty(),
        native: app.clone(),
    })
}
