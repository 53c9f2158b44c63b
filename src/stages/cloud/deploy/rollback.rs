//! Rollback on failure (`rollback.onFailure`): when creating the new server group, waiting for
//! it, growing it, or disabling the old groups fails, the failed task does not end at once. It
//! stays running while it puts back into service every old group this stage disabled, then
//! destroys the new group, and only then ends TERMINAL with the original error and what was
//! rolled back. The old groups keep serving throughout. Failures of the destructive clean-up
//! (shrink, scale down) are not rolled back: what they removed cannot be brought back.
//!
//! Where the rollback stands is kept in `rollbackState`, so a resumed stage carries on with it.

use std::sync::Arc;
use std::time::Duration;

use serde_json::{Map, Value, json};

use crate::engine::task::{Task, TaskInput, TaskResult, TaskStatus};
use crate::providers::cloud::CloudProvider;
use crate::stages::cloud::CloudSettings;
use crate::stages::cloud::cluster::{ClusterOp, recorded};
use crate::stages::cloud::context;
use crate::stages::cloud::deploy::{Spec, hoisted};
use crate::stages::cloud::operations::{self, Change};
use crate::stages::cloud::settle::{self, POLL, Watched};

/// Whether the cluster asks for a rollback on failure.
pub(super) fn wanted(spec: &Map<String, Value>) -> bool {
    spec.get("rollback")
        .and_then(Value::as_object)
        .is_some_and(|rollback| context::flag(rollback, "onFailure", false))
}

/// The tasks whose failure is rolled back.
const ROLLED_BACK: &[&str] = &[
    "createServerGroup",
    "monitorDeploy",
    "waitForUpInstances",
    "resizeServerGroup",
    "disableCluster",
    "waitForClusterDisable",
];

/// Wraps the tasks whose failure is rolled back.
pub(super) fn wrap(tasks: Vec<Arc<dyn Task>>, settings: &Arc<CloudSettings>) -> Vec<Arc<dyn Task>> {
    tasks
        .into_iter()
        .map(|task| {
            if ROLLED_BACK.contains(&task.name()) {
                Arc::new(WithRollback {
                    inner: task,
                    settings: Arc::clone(settings),
                }) as Arc<dyn Task>
            } else {
                task
            }
        })
        .collect()
}

struct WithRollback {
    inner: Arc<dyn Task>,
    settings: Arc<CloudSettings>,
}

/// The phases of a rollback, in order.
const ENABLE: &str = "enableOld";
const WAIT_ENABLED: &str = "waitForOld";
const DESTROY: &str = "destroyNew";
const WAIT_DESTROYED: &str = "waitForNewGone";

impl WithRollback {
    async fn roll_back(
        &self,
        input: &TaskInput,
        state: &Map<String, Value>,
    ) -> Result<TaskResult, String> {
        let spec = hoisted(&input.stage.context);
        let read = Spec::read(&spec)?;
        let provider = context::provider(&self.settings, &spec).await?;
        let provider = provider.as_ref();
        let disabled = recorded(
            &spec,
            ClusterOp::Disable {
                remaining: 1,
                prefer_larger_over_newer: false,
            },
        )
        .unwrap_or_default();
        let new = context::text(&spec, "newServerGroup").map(ToOwned::to_owned);
        let phase = state.get("phase").and_then(Value::as_str).unwrap_or(ENABLE);
        // The next phase, with what this one did (`enabled`, `destroyed`) recorded.
        let next = |phase: &str, did: Option<(&str, Value)>| {
            let mut state = state.clone();
            state.insert("phase".to_owned(), json!(phase));
            if let Some((key, value)) = did {
                state.insert(key.to_owned(), value);
            }
            TaskResult::running(Duration::ZERO).context("rollbackState", Value::Object(state))
        };
        let failed = |error: String| format!("rolling back failed: {error}");
        match phase {
            ENABLE => {
                let enabled = enable_again(provider, &disabled).await.map_err(failed)?;
                Ok(next(WAIT_ENABLED, Some(("enabled", json!(enabled)))))
            }
            WAIT_ENABLED => {
                let watched: Vec<Watched> = disabled
                    .into_iter()
                    .map(|item| Watched {
                        change: Change::Enable,
                        ..item
                    })
                    .collect();
                let pending = settle::pending(provider, &watched)
                    .await
                    .map_err(|error| failed(error.message))?;
                Ok(if pending.is_empty() {
                    next(DESTROY, None)
                } else {
                    TaskResult::running(POLL)
                })
            }
            DESTROY => {
                let mut destroyed = None;
                if let Some(new) = &new {
                    let exists = provider
                        .server_group(&read.region, new)
                        .await
                        .map_err(|error| failed(error.message))?
                        .is_some();
                    if exists {
                        operations::destroy(
                            provider,
                            &self.settings.traffic_guards,
                            &read.region,
                            new,
                        )
                        .await
                        .map_err(|error| failed(error.to_string()))?;
                        destroyed = Some(("destroyed", json!(new)));
                    }
                }
                Ok(next(WAIT_DESTROYED, destroyed))
            }
            _ => {
                if let Some(new) = &new
                    && !operations::settled(provider, &read.region, new, Change::Destroy)
                        .await
                        .map_err(|error| failed(error.message))?
                {
                    provider
                        .wait_for_change(&read.region, new, settle::LISTEN)
                        .await;
                    return Ok(TaskResult::running(POLL));
                }
                Ok(TaskResult::terminal(rolled_back(state)))
            }
        }
    }
}

/// Puts back into service the groups of `disabled` that are out of service; their names.
async fn enable_again(
    provider: &dyn CloudProvider,
    disabled: &[Watched],
) -> Result<Vec<String>, String> {
    let mut enabled = Vec::new();
    for item in disabled {
        let group = provider
            .server_group(&item.region, &item.name)
            .await
            .map_err(|error| error.message)?;
        if group.is_some_and(|group| !group.enabled) {
            operations::enable(provider, &item.region, &item.name)
                .await
                .map_err(|error| error.to_string())?;
            enabled.push(item.name.clone());
        }
    }
    Ok(enabled)
}

/// The failure a finished rollback ends with: the original error and what was undone.
fn rolled_back(state: &Map<String, Value>) -> String {
    let reason = state
        .get("reason")
        .and_then(Value::as_str)
        .unwrap_or("the deploy failed");
    let mut undone: Vec<String> = state
        .get("destroyed")
        .and_then(Value::as_str)
        .map(|new| format!("destroyed {new}"))
        .into_iter()
        .collect();
    let enabled = state.get("enabled").and_then(Value::as_array);
    undone.extend(
        enabled
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(|name| format!("enabled {name} again")),
    );
    let summary = if undone.is_empty() {
        "nothing to undo".to_owned()
    } else {
        undone.join(", ")
    };
    format!("{reason}; rolled back: {summary}")
}

#[async_trait::async_trait]
impl Task for WithRollback {
    fn name(&self) -> &'static str {
        self.inner.name()
    }

    fn implementing_class(&self) -> &'static str {
        self.inner.implementing_class()
    }

    fn repeatable(&self) -> bool {
        self.inner.repeatable()
    }

    async fn execute(&self, input: &TaskInput) -> TaskResult {
        if let Some(state) = input
            .stage
            .context
            .get("rollbackState")
            .and_then(Value::as_object)
        {
            let state = state.clone();
            return self
                .roll_back(input, &state)
                .await
                .unwrap_or_else(TaskResult::terminal);
        }
        let result = self.inner.execute(input).await;
        if result.status != TaskStatus::Terminal {
            return result;
        }
        let mut state = Map::new();
        state.insert(
            "reason".to_owned(),
            json!(result.error.clone().unwrap_or_default()),
        );
        state.insert("phase".to_owned(), json!(ENABLE));
        let mut rolling_back = TaskResult::running(Duration::ZERO);
        rolling_back.context = result.context;
        rolling_back.outputs = result.outputs;
        rolling_back.context("rollbackState", Value::Object(state))
    }

    async fn on_cancel(&self, input: &TaskInput) {
        self.inner.on_cancel(input).await;
    }
}
