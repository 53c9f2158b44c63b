//! [`App`]: a Marathon app as the simulator stores it — the normalised definition plus the
//! bookkeeping Marathon reports (`version`, `versionInfo`, `lastTaskFailure`).
//!
//! The definition is kept as JSON so every field a client sends comes back unchanged, as with a
//! real Marathon; the simulator only reads the fields it acts on (`instances`, `container`,
//! `healthChecks`, …). Validation and defaults live in [`super::app_definition`].

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use crate::simulator::dcos::clock::{Millis, iso_utc};

/// One Marathon app.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct App {
    /// The normalised definition, `id` included, `version`/`versionInfo` excluded.
    pub(crate) definition: Map<String, Value>,
    /// Time of the last change of any kind.
    pub(crate) version: Millis,
    /// Time of the last change other than scaling or restarting.
    pub(crate) last_config_change: Millis,
    /// Time of the last change of any kind that was not a config change.
    pub(crate) last_scaling: Millis,
    /// Increases on every config change and restart; tasks launched before are replaced.
    pub(crate) generation: u64,
    /// The last task that failed, in Marathon's `lastTaskFailure` shape.
    pub(crate) last_task_failure: Option<Value>,
    /// No task is launched before this time (back-off after a crash).
    pub(crate) launch_after: Millis,
}

impl App {
    /// A new app from a validated definition, at version `now`.
    pub(crate) fn new(definition: Map<String, Value>, now: Millis) -> Self {
        Self {
            definition,
            version: now,
            last_config_change: now,
            last_scaling: now,
            generation: 1,
            last_task_failure: None,
            launch_after: 0,
        }
    }

    /// The absolute app id.
    pub(crate) fn id(&self) -> &str {
        self.definition
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
    }

    /// The wanted number of instances.
    pub(crate) fn instances(&self) -> u64 {
        self.definition
            .get("instances")
            .and_then(Value::as_u64)
            .unwrap_or(1)
    }

    /// The Docker image, or the command line when the app runs no image; used to match image
    /// faults.
    pub(crate) fn image(&self) -> String {
        let docker = self
            .definition
            .get("container")
            .and_then(|container| container.get("docker"))
            .and_then(|docker| docker.get("image"))
            .and_then(Value::as_str);
        let cmd = self.definition.get("cmd").and_then(Value::as_str);
        docker.or(cmd).unwrap_or_default().to_owned()
    }

    /// Whether the app defines health checks, which gate "ready".
    pub(crate) fn has_health_checks(&self) -> bool {
        self.definition
            .get("healthChecks")
            .and_then(Value::as_array)
            .is_some_and(|checks| !checks.is_empty())
    }

    /// The first health check, as reported in health events.
    pub(crate) fn first_health_check(&self) -> Value {
        self.definition
            .get("healthChecks")
            .and_then(Value::as_array)
            .and_then(|checks| checks.first())
            .cloned()
            .unwrap_or(Value::Null)
    }

    /// Version as Marathon prints it.
    pub(crate) fn version_string(&self) -> String {
        iso_utc(self.version)
    }

    /// The app definition as Marathon returns it: definition, `version` and `versionInfo`.
    pub(crate) fn to_json(&self) -> Map<String, Value> {
        let mut json = self.definition.clone();
        json.insert("version".to_owned(), json!(iso_utc(self.version)));
        json.insert(
            "versionInfo".to_owned(),
            json!({
                "lastScalingAt": iso_utc(self.last_scaling),
                "lastConfigChangeAt": iso_utc(self.last_config_change),
            }),
        );
        json
    }
}

/// The Marathon task name of an app: path segments reversed, joined by dots
/// (`/prod/web/api` → `api.web.prod`), as Mesos shows it.
pub(crate) fn task_name(app_id: &str) -> String {
    let mut segments: Vec<&str> = app_id.split('/').filter(|s| !s.is_empty()).collect();
    segments.reverse();
    segments.join(".")
}

/// The prefix of task ids of an app: the path with `/` turned into `_` (`prod_web_api`).
pub(crate) fn task_id_prefix(app_id: &str) -> String {
    app_id.trim_start_matches('/').replace('/', "_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn task_names_reverse_the_path() {
        assert_eq!(task_name("/prod/web/api"), "api.web.prod");
        assert_eq!(task_id_prefix("/prod/web/api"), "prod_web_api");
    }
}
