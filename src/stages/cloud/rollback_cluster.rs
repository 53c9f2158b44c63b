//! `rollbackCluster` (orca-model §5.11, the EXPLICIT rollback): in each region, put the server
//! group before the newest back into service, wait for it to be up, then take the newest out.
//! Regions whose cluster has no older group are left alone. The candidates are worked out once
//! and kept in `rollbackContexts`, so a resumed stage rolls back the same groups.

use std::sync::Arc;

use serde_json::{Map, Value, json};

use crate::engine::record::StageExecution;
use crate::engine::stage_definition::StageDefinition;
use crate::engine::task::{Task, TaskInput, TaskResult};
use crate::stages::cloud::CloudSettings;
use crate::stages::cloud::context;
use crate::stages::cloud::guards::{self, Removal};
use crate::stages::cloud::operations::{self, Change};
use crate::stages::cloud::selection::cluster_groups;
use crate::stages::cloud::settle::{self, POLL, Watched};

/// The `rollbackCluster` stage.
pub(crate) struct RollbackClusterStage {
    /// Accounts and guards.
    pub(crate) settings: Arc<CloudSettings>,
}

#[derive(Debug, Clone, Copy)]
enum Phase {
    Determine,
    Enable,
    WaitUp,
    Disable,
    WaitDown,
}

impl StageDefinition for RollbackClusterStage {
    fn tasks(&self, _stage: &StageExecution) -> Vec<Arc<dyn Task>> {
        [
            Phase::Determine,
            Phase::Enable,
            Phase::WaitUp,
            Phase::Disable,
            Phase::WaitDown,
        ]
        .into_iter()
        .map(|phase| {
            Arc::new(RollbackTask {
                phase,
                settings: Arc::clone(&self.settings),
            }) as Arc<dyn Task>
        })
        .collect()
    }
}

struct RollbackTask {
    phase: Phase,
    settings: Arc<CloudSettings>,
}

/// (region, the group to restore, the group rolled back) as recorded.
fn candidates(stage_context: &Map<String, Value>) -> Vec<(String, String, String)> {
    stage_context
        .get("rollbackContexts")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter_map(|(region, entry)| {
            Some((
                region.clone(),
                entry.get("restoreServerGroupName")?.as_str()?.to_owned(),
                entry.get("rollbackServerGroupName")?.as_str()?.to_owned(),
            ))
        })
        .collect()
}

impl RollbackTask {
    async fn run(&self, input: &TaskInput) -> Result<TaskResult, String> {
        let stage_context = &input.stage.context;
        let provider = context::provider(&self.settings, stage_context).await?;
        let provider = provider.as_ref();
        let guards = &self.settings.traffic_guards;
        let recorded = candidates(stage_context);
        let watch = |change: Change, restore: bool| -> Vec<Watched> {
            recorded
                .iter()
                .map(|(region, restored, rolled_back)| Watched {
                    region: region.clone(),
                    name: if restore { restored } else { rolled_back }.clone(),
                    change,
                })
                .collect()
        };
        match self.phase {
            Phase::Determine => {
                if stage_context.contains_key("rollbackContexts") {
                    return Ok(TaskResult::succeeded());
                }
                let moniker = context::cluster(stage_context)?;
                let mut contexts = Map::new();
                let mut types = Map::new();
                for region in context::required_regions(stage_context)? {
                    let groups = cluster_groups(provider, &moniker, &region)
                        .await
                        .map_err(|error| error.message)?;
                    if let [current, previous, ..] = groups.as_slice() {
                        contexts.insert(
                            region.clone(),
                            json!({"rollbackServerGroupName": current.name,
                                   "restoreServerGroupName": previous.name}),
                        );
                        types.insert(region, json!("EXPLICIT"));
                    }
                }
                Ok(TaskResult::succeeded()
                    .context("rollbackContexts", Value::Object(contexts.clone()))
                    .output("rollbackContexts", Value::Object(contexts))
                    .output("rollbackTypes", Value::Object(types)))
            }
            Phase::Enable => {
                for (region, restored, _) in &recorded {
                    let group = provider
                        .server_group(region, restored)
                        .await
                        .map_err(|error| error.message)?;
                    if group.is_some_and(|group| !group.enabled) {
                        operations::enable(provider, region, restored)
                            .await
                            .map_err(|error| error.to_string())?;
                    }
                }
                Ok(TaskResult::succeeded())
            }
            Phase::Disable => {
                for (region, _, rolled_back) in &recorded {
                    guards::check(
                        guards,
                        provider,
                        region,
                        std::slice::from_ref(rolled_back),
                        Removal::Disable,
                    )
                    .await
                    .map_err(|error| error.to_string())?;
                }
                for (region, _, rolled_back) in &recorded {
                    let group = provider
                        .server_group(region, rolled_back)
                        .await
                        .map_err(|error| error.message)?;
                    if group.is_some_and(|group| group.enabled) {
                        operations::disable(provider, guards, region, rolled_back)
                            .await
                            .map_err(|error| error.to_string())?;
                    }
                }
                Ok(TaskResult::succeeded())
            }
            Phase::WaitUp | Phase::WaitDown => {
                let watched = match self.phase {
                    Phase::WaitUp => watch(Change::Enable, true),
                    _ => watch(Change::Disable, false),
                };
                let pending = settle::pending(provider, &watched)
                    .await
                    .map_err(|error| error.message)?;
                Ok(if pending.is_empty() {
                    TaskResult::succeeded()
                } else {
                    TaskResult::running(POLL)
                })
            }
        }
    }
}

#[async_trait::async_trait]
impl Task for RollbackTask {
    fn name(&self) -> &'static str {
        match self.phase {
            Phase::Determine => "determineRollbackCandidates",
            Phase::Enable => "enableServerGroup",
            Phase::WaitUp => "waitForUpInstances",
            Phase::Disable => "disableServerGroup",
            Phase::WaitDown => "waitForDownInstances",
        }
    }

    fn implementing_class(&self) -> &'static str {
        match self.phase {
            Phase::Determine => {
                "com.netflix.spinnaker.orca.clouddriver.tasks.cluster.DetermineRollbackCandidatesTask"
            }
            Phase::Enable => {
                "com.netflix.spinnaker.orca.clouddriver.tasks.servergroup.EnableServerGroupTask"
            }
            Phase::WaitUp => {
                "com.netflix.spinnaker.orca.clouddriver.tasks.instance.WaitForUpInstancesTask"
            }
            Phase::Disable => {
                "com.netflix.spinnaker.orca.clouddriver.tasks.servergroup.DisableServerGroupTask"
            }
            Phase::WaitDown => {
                "com.netflix.spinnaker.orca.clouddriver.tasks.instance.WaitForDownInstanceHealthTask"
            }
        }
    }

    async fn execute(&self, input: &TaskInput) -> TaskResult {
        self.run(input).await.unwrap_or_else(TaskResult::terminal)
    }
}
