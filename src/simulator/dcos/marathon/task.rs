//! [`Task`]: one Marathon task (an instance of an app) and how Marathon reports it.
//!
//! Lifecycle, driven by [`super::reconcile`]: `TASK_STAGING` → `TASK_RUNNING`, then, for apps
//! with health checks, health unknown → healthy (or unhealthy under a never-healthy fault).
//! Killed and failed tasks leave the list; they live on only in events and `lastTaskFailure`.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::simulator::dcos::clock::{Millis, iso_utc};
use crate::simulator::dcos::marathon::app::App;

/// Where a live task is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum TaskState {
    /// Launched; the container is being fetched and started.
    #[serde(rename = "TASK_STAGING")]
    Staging,
    /// Running.
    #[serde(rename = "TASK_RUNNING")]
    Running,
}

impl TaskState {
    /// The Mesos state name.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Staging => "TASK_STAGING",
            Self::Running => "TASK_RUNNING",
        }
    }
}

/// The result of a task's health checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) enum Health {
    /// No check has completed yet (or the app has none).
    Unknown,
    /// Checks pass.
    Healthy,
    /// Checks fail.
    Unhealthy,
}

/// One live Marathon task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Task {
    /// Task id, `<app path with _>.<uuid>`.
    pub(crate) id: String,
    /// The app it belongs to.
    pub(crate) app_id: String,
    /// The agent it runs on.
    pub(crate) agent_id: String,
    /// The agent's address.
    pub(crate) host: String,
    /// Host ports assigned.
    pub(crate) ports: Vec<u32>,
    /// The app generation it was launched for (see [`App::generation`]).
    pub(crate) generation: u64,
    /// The app version it was launched with.
    pub(crate) version: Millis,
    /// The image (or command) it runs; image faults match on it, so tasks of an older version
    /// keep behaving as their own image does.
    #[serde(default)]
    pub(crate) image: String,
    /// When it was staged.
    pub(crate) staged_at: Millis,
    /// When it started running.
    pub(crate) started_at: Option<Millis>,
    /// Staging or running.
    pub(crate) state: TaskState,
    /// Health check result.
    pub(crate) health: Health,
    /// When the health last changed.
    pub(crate) health_changed_at: Option<Millis>,
}

impl Task {
    /// Running and, when the app has health checks, healthy: what a deployment waits for.
    pub(crate) fn is_ready(&self, app: &App) -> bool {
        self.state == TaskState::Running
            && (!app.has_health_checks() || self.health == Health::Healthy)
    }

    /// The `ipAddresses` Marathon reports.
    pub(crate) fn ip_addresses(&self) -> Value {
        json!([{ "ipAddress": self.host, "protocol": "IPv4" }])
    }

    /// The task in Marathon's JSON shape; `app` decides whether health results show.
    pub(crate) fn to_json(&self, app: Option<&App>) -> Value {
        let mut json = json!({
            "id": self.id,
            "appId": self.app_id,
            "host": self.host,
            "ports": self.ports,
            "servicePorts": [],
            "ipAddresses": self.ip_addresses(),
            "slaveId": self.agent_id,
            "agentId": self.agent_id,
            "stagedAt": iso_utc(self.staged_at),
            "startedAt": self.started_at.map(iso_utc),
            "version": iso_utc(self.version),
            "state": self.state.as_str(),
            "localVolumes": [],
        });
        let has_checks = app.is_some_and(App::has_health_checks);
        if has_checks && let Some(object) = json.as_object_mut() {
            object.insert("healthCheckResults".to_owned(), self.health_results());
        }
        json
    }

    fn health_results(&self) -> Value {
        let at = self.health_changed_at.map(iso_utc);
        match self.health {
            Health::Unknown => json!([]),
            Health::Healthy => json!([{
                "alive": true,
                "consecutiveFailures": 0,
                "firstSuccess": at,
                "lastFailure": null,
                "lastSuccess": at,
                "lastFailureCause": null,
                "instanceId": self.id,
            }]),
            Health::Unhealthy => json!([{
                "alive": false,
                "consecutiveFailures": 3,
                "firstSuccess": null,
                "lastFailure": at,
                "lastSuccess": null,
                "lastFailureCause": "simulated: health check never passes",
                "instanceId": self.id,
            }]),
        }
    }
}
