//! How Marathon shows an app: the definition plus what `embed` asks for (`AppInfo`).
//!
//! Embed names are accepted with any of the prefixes `app.`, `apps.` and `group.apps.` or none,
//! as Marathon's `InfoEmbedResolver` does, and `embed=tasks` also brings `deployments`.
//! `GET /v2/apps` always adds counts and deployments; `GET /v2/apps/{id}` and the group
//! wildcard always add counts, tasks, deployments and the last task failure (Marathon's
//! "deprecated, for compatibility" defaults).

use serde_json::{Map, Value, json};

use crate::simulator::dcos::marathon::app::App;
use crate::simulator::dcos::marathon::task::{Health, TaskState};
use crate::simulator::dcos::state::ClusterState;

/// Which extras an app shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Embeds {
    pub(crate) tasks: bool,
    pub(crate) counts: bool,
    pub(crate) deployments: bool,
    pub(crate) readiness: bool,
    pub(crate) last_task_failure: bool,
    pub(crate) task_stats: bool,
}

impl Embeds {
    /// What `GET /v2/apps` shows besides the requested embeds.
    pub(crate) fn list_defaults() -> Self {
        Self {
            counts: true,
            deployments: true,
            ..Self::default()
        }
    }

    /// What `GET /v2/apps/{id}` shows besides the requested embeds.
    pub(crate) fn single_defaults() -> Self {
        Self {
            tasks: true,
            counts: true,
            deployments: true,
            last_task_failure: true,
            ..Self::default()
        }
    }

    /// Adds the embeds named in `requested`; unknown names are ignored, as Marathon does.
    #[must_use]
    pub(crate) fn with(mut self, requested: &[String]) -> Self {
        for name in requested {
            let bare = ["group.apps.", "apps.", "app."]
                .iter()
                .find_map(|prefix| name.strip_prefix(prefix))
                .unwrap_or(name);
            match bare {
                "tasks" => {
                    self.tasks = true;
                    self.deployments = true;
                }
                "failures" => {
                    self.tasks = true;
                    self.last_task_failure = true;
                    self.deployments = true;
                }
                "deployments" => self.deployments = true,
                "readiness" => self.readiness = true,
                "lastTaskFailure" => self.last_task_failure = true,
                "counts" => self.counts = true,
                "taskStats" => self.task_stats = true,
                _ => {}
            }
        }
        self
    }
}

/// The app as Marathon's `AppInfo` JSON.
pub(crate) fn app_info(state: &ClusterState, app: &App, embeds: Embeds) -> Value {
    let mut json = app.to_json();
    let tasks: Vec<_> = state
        .tasks
        .iter()
        .filter(|task| task.app_id == app.id())
        .collect();
    if embeds.counts {
        for (field, value) in counts(app, &tasks) {
            json.insert(field.to_owned(), json!(value));
        }
    }
    if embeds.deployments {
        let deployments: Vec<Value> = state
            .deployments
            .iter()
            .filter(|deployment| deployment.app_id == app.id())
            .map(|deployment| json!({ "id": deployment.id }))
            .collect();
        json.insert("deployments".to_owned(), Value::Array(deployments));
    }
    if embeds.readiness {
        json.insert("readinessCheckResults".to_owned(), json!([]));
    }
    if embeds.tasks {
        let tasks: Vec<Value> = tasks.iter().map(|task| task.to_json(Some(app))).collect();
        json.insert("tasks".to_owned(), Value::Array(tasks));
    }
    if embeds.last_task_failure
        && let Some(failure) = &app.last_task_failure
    {
        json.insert("lastTaskFailure".to_owned(), failure.clone());
    }
    if embeds.task_stats {
        json.insert("taskStats".to_owned(), task_stats(app, &tasks));
    }
    Value::Object(json)
}

fn counts(
    app: &App,
    tasks: &[&crate::simulator::dcos::marathon::task::Task],
) -> [(&'static str, usize); 4] {
    let staged = tasks
        .iter()
        .filter(|t| t.state == TaskState::Staging)
        .count();
    let running = tasks
        .iter()
        .filter(|t| t.state == TaskState::Running)
        .count();
    let checked = app.has_health_checks();
    let healthy = tasks
        .iter()
        .filter(|t| checked && t.health == Health::Healthy)
        .count();
    let unhealthy = tasks
        .iter()
        .filter(|t| checked && t.health == Health::Unhealthy)
        .count();
    [
        ("tasksStaged", staged),
        ("tasksRunning", running),
        ("tasksHealthy", healthy),
        ("tasksUnhealthy", unhealthy),
    ]
}

fn task_stats(app: &App, tasks: &[&crate::simulator::dcos::marathon::task::Task]) -> Value {
    if tasks.is_empty() {
        return json!({});
    }
    let counts: Map<String, Value> = counts(app, tasks)
        .iter()
        .map(|(field, value)| {
            let name = field.trim_start_matches("tasks").to_ascii_lowercase();
            (name, json!(value))
        })
        .collect();
    json!({ "totalSummary": { "stats": { "counts": counts } } })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embed_names_work_with_any_prefix() {
        let embeds = Embeds::default().with(&["apps.taskStats".to_owned(), "readiness".to_owned()]);
        assert!(embeds.task_stats && embeds.readiness && !embeds.tasks);
        let embeds = Embeds::default().with(&["app.tasks".to_owned()]);
        assert!(embeds.tasks && embeds.deployments);
    }
}
