//! Where a Marathon deployment stands, judged from the app and its embeds.
//!
//! - **Succeeded** once no deployment holds the app and as many tasks of its current
//!   configuration are up (running, and healthy when the app has health checks) as it wants
//!   instances (with 0 wanted: nothing left running).
//! - **Failed** when it crash-loops: [`FAILURE_THRESHOLD`] distinct tasks of the current
//!   configuration have failed (seen in `lastTaskFailure`, whose task changes with every
//!   failure, or among the embedded tasks).
//! - **Failed** when it never becomes healthy: every running task of the current configuration
//!   fails its health checks: `consecutiveFailures` has reached the check's
//!   `maxConsecutiveFailures` (default 3; failures in the grace period are not counted by
//!   Marathon), or, where results carry no count, [`FAILURE_THRESHOLD`] polls saw it failing.
//! - **Running** otherwise, saying how many instances are healthy.
//!
//! The counts live in memory per app and configuration, so a resumed execution starts counting
//! again; the current configuration is `versionInfo.lastConfigChangeAt` (a scale does not
//! change it), and a task belongs to it when its `version` is not older.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use serde_json::Value;

use crate::providers::dcos::server_group::{
    TaskHealth, deployments, epoch_ms, health_checked, instances, instances_wanted, task_health,
    tasks,
};
use crate::providers::model::Progress;

/// Failures (or unhealthy polls) that make a deployment failed.
pub(crate) const FAILURE_THRESHOLD: usize = 3;

/// What has been seen of one app's current configuration.
#[derive(Debug, Default)]
struct Seen {
    config: String,
    failed_tasks: HashSet<String>,
    unhealthy_polls: HashMap<String, usize>,
}

/// The failure counts of every app being watched.
#[derive(Debug, Default)]
pub(crate) struct Observations {
    apps: Mutex<HashMap<String, Seen>>,
}

impl Observations {
    /// Judges one read of `app` (with tasks, deployments and lastTaskFailure embedded).
    pub(crate) fn judge(&self, app: &Value) -> Progress {
        let id = app.get("id").and_then(Value::as_str).unwrap_or_default();
        let config = app
            .pointer("/versionInfo/lastConfigChangeAt")
            .or_else(|| app.get("version"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let mut apps = self
            .apps
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let seen = apps.entry(id.to_owned()).or_default();
        if seen.config != config {
            *seen = Seen {
                config: config.clone(),
                ..Seen::default()
            };
        }
        let progress = judge(app, &config, seen);
        if progress == Progress::Succeeded {
            apps.remove(id);
        }
        progress
    }
}

fn judge(app: &Value, config: &str, seen: &mut Seen) -> Progress {
    let config_ms = epoch_ms(config);
    let current = |version: Option<&str>| match (version.and_then(epoch_ms), config_ms) {
        (Some(version), Some(config)) => version >= config,
        _ => version.is_none_or(|version| version == config),
    };
    if let Some(failure) = app.get("lastTaskFailure")
        && current(failure.get("version").and_then(Value::as_str))
        && let Some(task) = failure.get("taskId").and_then(Value::as_str)
    {
        seen.failed_tasks.insert(task.to_owned());
    }
    let checked = health_checked(app);
    let max_failures = app
        .pointer("/healthChecks/0/maxConsecutiveFailures")
        .and_then(Value::as_u64)
        .unwrap_or(3);
    let current_tasks: Vec<&Value> = tasks(app)
        .into_iter()
        .flatten()
        .filter(|task| current(task.get("version").and_then(Value::as_str)))
        .collect();
    let mut running = 0;
    let mut failing_checks = 0;
    let mut up = 0;
    let mut unhealthy_now = HashSet::new();
    for task in &current_tasks {
        let task_id = task.get("id").and_then(Value::as_str).unwrap_or_default();
        let state = task
            .get("state")
            .and_then(Value::as_str)
            .unwrap_or("TASK_RUNNING");
        if matches!(state, "TASK_FAILED" | "TASK_ERROR") {
            seen.failed_tasks.insert(task_id.to_owned());
            continue;
        }
        if state != "TASK_RUNNING" {
            continue;
        }
        running += 1;
        match task_health(task, checked) {
            TaskHealth::Up => up += 1,
            TaskHealth::Starting => {}
            TaskHealth::Down => {
                unhealthy_now.insert(task_id.to_owned());
                let polls = seen.unhealthy_polls.entry(task_id.to_owned()).or_default();
                *polls += 1;
                let failing = match consecutive_failures(task) {
                    Some(failures) => failures >= max_failures,
                    None => *polls >= FAILURE_THRESHOLD,
                };
                if failing {
                    failing_checks += 1;
                }
            }
        }
    }
    seen.unhealthy_polls
        .retain(|task, _| unhealthy_now.contains(task));
    if seen.failed_tasks.len() >= FAILURE_THRESHOLD {
        let last = app
            .get("lastTaskFailure")
            .map(|failure| {
                let text = |key| failure.get(key).and_then(Value::as_str).unwrap_or("");
                format!("; last: {} ({})", text("message"), text("state"))
            })
            .unwrap_or_default();
        return Progress::Failed(format!(
            "the app crash-loops: {} tasks of its current version failed{last}",
            seen.failed_tasks.len()
        ));
    }
    if running > 0 && failing_checks == running {
        return Progress::Failed(format!(
            "the app never becomes healthy: {running} running task(s) keep failing their \
             health checks{}",
            health_failure_cause(&current_tasks)
        ));
    }
    let wanted = instances_wanted(app);
    if tasks(app).is_none() {
        up = instances(app).up;
    }
    let holding = deployments(app);
    if holding.is_empty()
        && up >= wanted
        && (wanted > 0 || instances(app).up + instances(app).starting == 0)
    {
        return Progress::Succeeded;
    }
    let mut message = format!("{up}/{wanted} instances healthy");
    if !holding.is_empty() {
        message.push_str(&format!("; deployment {} in progress", holding.join(", ")));
    }
    Progress::Running(message)
}

/// The largest `consecutiveFailures` of a task's health results, when they say.
fn consecutive_failures(task: &Value) -> Option<u64> {
    task.get("healthCheckResults")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|result| result.get("consecutiveFailures").and_then(Value::as_u64))
        .max()
}

/// `: <cause>` from the first health result that has a `lastFailureCause`.
fn health_failure_cause(tasks: &[&Value]) -> String {
    tasks
        .iter()
        .filter_map(|task| task.get("healthCheckResults").and_then(Value::as_array))
        .flatten()
        .find_map(|result| result.get("lastFailureCause").and_then(Value::as_str))
        .map(|cause| format!(": {cause}"))
        .unwrap_or_default()
}
