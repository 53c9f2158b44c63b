//! `stopDeployment`, a gennaker stage type (Orca has none): stops whatever change is still in
//! progress on a server group — `serverGroupName`, or the newest group of `cluster` — in each
//! of `regions`, rolling nothing back, so the old server group keeps serving. It is the
//! `MesosCon` pattern's clean-up: a conditional stage after a deploy whose failure is ignored,
//! e.g. `stageEnabled: #stage('Deploy')['status'].toString() == 'FAILED_CONTINUE'`, stops the
//! stuck Marathon deployment of the new group.
//!
//! Tasks: `stopDeployment` (records what it stopped in `stoppedDeployments`), then
//! `waitForDeploymentStopped`, until the provider shows no change in progress.

use std::sync::Arc;

use serde_json::{Map, Value, json};

use crate::engine::record::StageExecution;
use crate::engine::stage_definition::StageDefinition;
use crate::engine::task::{Task, TaskInput, TaskResult};
use crate::stages::cloud::CloudSettings;
use crate::stages::cloud::context;
use crate::stages::cloud::selection::cluster_groups;
use crate::stages::cloud::settle::{LISTEN, POLL};

/// The `stopDeployment` stage.
pub(crate) struct StopDeploymentStage {
    /// Accounts and guards.
    pub(crate) settings: Arc<CloudSettings>,
}

impl StageDefinition for StopDeploymentStage {
    fn tasks(&self, _stage: &StageExecution) -> Vec<Arc<dyn Task>> {
        [false, true]
            .into_iter()
            .map(|waits| {
                Arc::new(StopTask {
                    waits,
                    settings: Arc::clone(&self.settings),
                }) as Arc<dyn Task>
            })
            .collect()
    }
}

struct StopTask {
    waits: bool,
    settings: Arc<CloudSettings>,
}

/// (region, server group) pairs recorded by `stopDeployment`.
fn stopped(stage_context: &Map<String, Value>) -> Option<Vec<(String, String)>> {
    let recorded = stage_context.get("stoppedDeployments")?.as_object()?;
    Some(
        recorded
            .iter()
            .filter_map(|(region, entry)| {
                Some((
                    region.clone(),
                    entry.get("serverGroupName")?.as_str()?.to_owned(),
                ))
            })
            .collect(),
    )
}

impl StopTask {
    async fn stop(&self, input: &TaskInput) -> Result<TaskResult, String> {
        let stage_context = &input.stage.context;
        if stage_context.contains_key("stoppedDeployments") {
            return Ok(TaskResult::succeeded());
        }
        let provider = context::provider(&self.settings, stage_context).await?;
        let mut recorded = Map::new();
        for region in context::required_regions(stage_context)? {
            let name = if let Some(name) = context::text(stage_context, "serverGroupName") {
                name.to_owned()
            } else {
                let moniker = context::cluster(stage_context)?;
                let groups = cluster_groups(provider.as_ref(), &moniker, &region)
                    .await
                    .map_err(|error| error.message)?;
                let newest = groups.first().ok_or_else(|| {
                    format!(
                        "cluster `{}` has no server group in `{region}`",
                        moniker.cluster()
                    )
                })?;
                newest.name.clone()
            };
            let was_running = provider
                .stop_deployment(&region, &name)
                .await
                .map_err(|error| error.message)?;
            recorded.insert(
                region,
                json!({"serverGroupName": name, "deploymentWasRunning": was_running}),
            );
        }
        Ok(TaskResult::succeeded().context("stoppedDeployments", Value::Object(recorded)))
    }

    async fn wait(&self, input: &TaskInput) -> Result<TaskResult, String> {
        let stage_context = &input.stage.context;
        let provider = context::provider(&self.settings, stage_context).await?;
        let targets = stopped(stage_context).ok_or("no deployment was stopped")?;
        let mut listened = false;
        for (region, name) in &targets {
            loop {
                let group = provider
                    .server_group(region, name)
                    .await
                    .map_err(|error| error.message)?;
                if group.is_none_or(|group| !group.busy) {
                    break;
                }
                if listened {
                    return Ok(TaskResult::running(POLL));
                }
                provider.wait_for_change(region, name, LISTEN).await;
                listened = true;
            }
        }
        Ok(TaskResult::succeeded())
    }
}

#[async_trait::async_trait]
impl Task for StopTask {
    fn name(&self) -> &'static str {
        if self.waits {
            "waitForDeploymentStopped"
        } else {
            "stopDeployment"
        }
    }

    fn implementing_class(&self) -> &'static str {
        if self.waits {
            "gennaker.WaitForDeploymentStoppedTask"
        } else {
            "gennaker.StopDeploymentTask"
        }
    }

    async fn execute(&self, input: &TaskInput) -> TaskResult {
        let result = if self.waits {
            self.wait(input).await
        } else {
            self.stop(input).await
        };
        result.unwrap_or_else(TaskResult::terminal)
    }
}
