//! [`Deployment`]: a Marathon deployment plan in progress, and its JSON shape in
//! `GET /v2/deployments` and in deployment events.
//!
//! The simulator keeps one deployment per app change. A deployment ends when the app's tasks
//! match its definition (see [`super::reconcile`]), when it is cancelled with rollback, or when
//! it is stopped with `force=true`.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::simulator::dcos::clock::{Millis, iso_utc};
use crate::simulator::dcos::marathon::app::App;

/// What a deployment does to its app; decides the plan's steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) enum DeploymentKind {
    /// A new app: start it, then scale it to its instances.
    Start,
    /// Only the instance count changed.
    Scale,
    /// The config changed or a restart was asked: replace every task.
    Restart,
    /// The app was deleted: kill its tasks.
    Stop,
}

/// One deployment in progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Deployment {
    /// Deployment id (a UUID).
    pub(crate) id: String,
    /// Version of the change that started it.
    pub(crate) version: Millis,
    /// The app it changes.
    pub(crate) app_id: String,
    /// What it does.
    pub(crate) kind: DeploymentKind,
    /// The app before the change (`None` when the change created it); rollback restores it.
    pub(crate) original: Option<App>,
}

impl Deployment {
    /// The actions of each step, in order.
    fn steps(&self) -> Vec<&'static str> {
        match self.kind {
            DeploymentKind::Start => vec!["StartApplication", "ScaleApplication"],
            DeploymentKind::Scale => vec!["ScaleApplication"],
            DeploymentKind::Restart => vec!["RestartApplication"],
            DeploymentKind::Stop => vec!["StopApplication"],
        }
    }

    /// The deployment as listed by `GET /v2/deployments`.
    pub(crate) fn to_json(&self) -> Value {
        let steps = self.steps();
        let total = steps.len();
        let current = *steps.last().unwrap_or(&"ScaleApplication");
        json!({
            "id": self.id,
            "version": iso_utc(self.version),
            "affectedApps": [self.app_id],
            "affectedPods": [],
            "steps": steps
                .iter()
                .map(|action| json!({ "actions": [{ "action": action, "app": self.app_id }] }))
                .collect::<Vec<_>>(),
            "currentActions": [{
                "action": current,
                "app": self.app_id,
                "readinessCheckResults": [],
            }],
            "currentStep": total,
            "totalSteps": total,
        })
    }

    /// The `plan` object carried by deployment events.
    pub(crate) fn plan_json(&self, target: Option<&App>) -> Value {
        let apps = |app: Option<&App>| -> Vec<Value> {
            app.map(|app| Value::Object(app.to_json()))
                .into_iter()
                .collect()
        };
        json!({
            "id": self.id,
            "version": iso_utc(self.version),
            "original": { "id": "/", "apps": apps(self.original.as_ref()) },
            "target": { "id": "/", "apps": apps(target) },
            "steps": self
                .steps()
                .iter()
                .map(|action| json!({ "actions": [{ "action": action, "app": self.app_id }] }))
                .collect::<Vec<_>>(),
        })
    }
}
