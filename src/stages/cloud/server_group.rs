//! `resizeServerGroup`, `disableServerGroup`, `enableServerGroup` and `destroyServerGroup`
//! (orca-model §5.9): one server group per region, named by `serverGroupName`/`asgName` or by
//! a `target` resolved when the stage runs; the change is started through [`operations`] (so
//! traffic guards apply) and the stage waits until the provider shows it.
//!
//! Tasks loop over the regions instead of one synthetic child per region. The targets, and for
//! a resize the capacity to reach, are worked out once by `determineTargetServerGroup` and
//! kept in `targetReferences`, so a task run again after a resume acts on the same groups and
//! never resizes twice; the acting tasks skip groups that already show the change.

use std::sync::Arc;

use serde_json::{Map, Value, json};

use crate::engine::record::StageExecution;
use crate::engine::stage_definition::StageDefinition;
use crate::engine::task::{Task, TaskInput, TaskResult};
use crate::providers::cloud::CloudProvider;
use crate::providers::model::{Capacity, ServerGroup};
use crate::stages::cloud::CloudSettings;
use crate::stages::cloud::context::{self, capacity_json};
use crate::stages::cloud::guards::{self, Removal};
use crate::stages::cloud::operations::{self, Change};
use crate::stages::cloud::selection::{Target, cluster_groups};
use crate::stages::cloud::settle::{self, POLL, Watched};

/// What the stage does to its targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Resize,
    Disable,
    Enable,
    Destroy,
}

/// One of the four target server group stages.
pub(crate) struct ServerGroupStage {
    kind: Kind,
    settings: Arc<CloudSettings>,
}

impl ServerGroupStage {
    /// The stage of `stage_type`, if it is one of the four.
    pub(crate) fn new(stage_type: &str, settings: Arc<CloudSettings>) -> Option<Self> {
        let kind = match stage_type {
            "resizeServerGroup" => Kind::Resize,
            "disableServerGroup" => Kind::Disable,
            "enableServerGroup" => Kind::Enable,
            "destroyServerGroup" => Kind::Destroy,
            _ => return None,
        };
        Some(Self { kind, settings })
    }
}

impl StageDefinition for ServerGroupStage {
    fn tasks(&self, _stage: &StageExecution) -> Vec<Arc<dyn Task>> {
        let step = |step: Step| -> Arc<dyn Task> {
            Arc::new(ServerGroupTask {
                step,
                settings: Arc::clone(&self.settings),
            })
        };
        let mut tasks = vec![step(Step::Determine(self.kind))];
        match self.kind {
            Kind::Resize => {
                tasks.extend([step(Step::Resize), step(Step::Wait(Wait::Capacity))]);
            }
            Kind::Disable => {
                tasks.extend([
                    step(Step::Disable(Removal::Disable)),
                    step(Step::Wait(Wait::Down)),
                ]);
            }
            Kind::Enable => tasks.extend([step(Step::Enable), step(Step::Wait(Wait::Up))]),
            Kind::Destroy => tasks.extend([
                step(Step::Disable(Removal::Destroy)),
                step(Step::Wait(Wait::Down)),
                step(Step::Destroy),
                step(Step::Wait(Wait::Gone)),
            ]),
        }
        tasks
    }
}

/// What a task waits for.
#[derive(Debug, Clone, Copy)]
enum Wait {
    Capacity,
    Down,
    Up,
    Gone,
}

#[derive(Debug, Clone, Copy)]
enum Step {
    Determine(Kind),
    Resize,
    Disable(Removal),
    Enable,
    Destroy,
    Wait(Wait),
}

struct ServerGroupTask {
    step: Step,
    settings: Arc<CloudSettings>,
}

/// A resolved target: a server group in a region, and for a resize the size to reach.
#[derive(Debug, Clone)]
pub(crate) struct TargetReference {
    /// The region.
    pub(crate) region: String,
    /// The server group.
    pub(crate) name: String,
    /// For a resize, the capacity to reach.
    pub(crate) capacity: Option<Capacity>,
}

impl TargetReference {
    fn to_json(&self) -> Value {
        let mut object = Map::new();
        object.insert("region".into(), json!(self.region));
        object.insert("serverGroupName".into(), json!(self.name));
        if let Some(capacity) = self.capacity {
            object.insert("capacity".into(), capacity_json(capacity));
        }
        Value::Object(object)
    }

    /// The references a `determineTargetServerGroup` task recorded.
    pub(crate) fn recorded(context: &Map<String, Value>) -> Option<Vec<Self>> {
        let list = context.get("targetReferences")?.as_array()?;
        Some(
            list.iter()
                .filter_map(|entry| {
                    Some(Self {
                        region: entry.get("region")?.as_str()?.to_owned(),
                        name: entry.get("serverGroupName")?.as_str()?.to_owned(),
                        capacity: entry
                            .get("capacity")
                            .map(|value| context::capacity(Some(value), Capacity::default())),
                    })
                })
                .collect(),
        )
    }
}

/// The capacity a resize asks for, from the group's current one (orca `ResizeStrategy`).
pub(crate) fn resized(current: Capacity, context: &Map<String, Value>) -> Result<Capacity, String> {
    let resize_type = context::text(context, "resizeType").unwrap_or_default();
    let action = context::text(context, "action").unwrap_or("scale_exact");
    let by = || {
        let percent = context::decimal(context.get("scalePct"));
        let count = context::number(context.get("scaleNum"));
        let desired = f64::from(current.desired);
        match (resize_type, percent, count) {
            ("incr", _, Some(count)) | (_, None, Some(count)) => count as u32,
            (_, Some(percent), _) => context::count_at_least(desired * percent / 100.0),
            _ => 0,
        }
    };
    let around = |desired: u32| Capacity {
        min: current.min.min(desired),
        max: current.max.max(desired),
        desired,
    };
    match action {
        "scale_exact" => Ok(context::capacity(context.get("capacity"), current)),
        "scale_up" => Ok(around(current.desired.saturating_add(by()))),
        "scale_down" => Ok(around(current.desired.saturating_sub(by()))),
        other => Err(format!(
            "resize action `{other}` is not supported by gennaker"
        )),
    }
}

impl ServerGroupTask {
    async fn determine(&self, kind: Kind, input: &TaskInput) -> Result<TaskResult, String> {
        let stage_context = &input.stage.context;
        if stage_context.contains_key("targetReferences") {
            // Resolved before a resume: keep acting on the same groups.
            return Ok(TaskResult::succeeded());
        }
        let provider = context::provider(&self.settings, stage_context).await?;
        let mut references = Vec::new();
        for region in context::required_regions(stage_context)? {
            let group = resolve(provider.as_ref(), stage_context, &region).await?;
            let capacity = match kind {
                Kind::Resize => Some(resized(group.capacity, stage_context)?),
                _ => None,
            };
            references.push(TargetReference {
                region,
                name: group.name,
                capacity,
            });
        }
        let mut groups = Map::new();
        for reference in &references {
            groups.insert(reference.region.clone(), json!([reference.name]));
        }
        let listed: Vec<Value> = references.iter().map(TargetReference::to_json).collect();
        Ok(TaskResult::succeeded()
            .context("targetReferences", Value::Array(listed))
            .context("deploy.server.groups", Value::Object(groups))
            .context("deploy.account.name", json!(provider.account())))
    }

    async fn act(&self, input: &TaskInput) -> Result<TaskResult, String> {
        let provider = context::provider(&self.settings, &input.stage.context).await?;
        let references = TargetReference::recorded(&input.stage.context)
            .ok_or("no target server group was determined")?;
        let provider = provider.as_ref();
        // Every guard is checked before anything is touched.
        for reference in &references {
            let removal = match self.step {
                Step::Disable(removal) => Some(removal),
                Step::Destroy => Some(Removal::Destroy),
                Step::Resize if reference.capacity.is_some_and(|c| c.desired == 0) => {
                    Some(Removal::ScaleToZero)
                }
                _ => None,
            };
            if let Some(removal) = removal {
                guards::check(
                    &self.settings.traffic_guards,
                    provider,
                    &reference.region,
                    std::slice::from_ref(&reference.name),
                    removal,
                )
                .await
                .map_err(|error| error.to_string())?;
            }
        }
        for reference in &references {
            self.act_on(provider, reference)
                .await
                .map_err(|error| error.to_string())?;
        }
        Ok(TaskResult::succeeded())
    }

    async fn act_on(
        &self,
        provider: &dyn CloudProvider,
        reference: &TargetReference,
    ) -> Result<(), operations::OperationError> {
        let (region, name) = (reference.region.as_str(), reference.name.as_str());
        let current = provider.server_group(region, name).await?;
        let guards = &self.settings.traffic_guards;
        match (self.step, current) {
            (Step::Destroy, None) | (Step::Determine(_) | Step::Wait(_), Some(_)) => Ok(()),
            (_, None) => Err(operations::OperationError::Provider(
                crate::providers::error::ProviderError::not_found(format!(
                    "server group `{name}` in `{region}` does not exist"
                )),
            )),
            (Step::Resize, Some(group)) => {
                let capacity = reference.capacity.unwrap_or(group.capacity);
                if group.capacity == capacity {
                    return Ok(());
                }
                operations::resize(provider, guards, region, name, capacity).await
            }
            (Step::Disable(_), Some(group)) if !group.enabled => Ok(()),
            (Step::Disable(_), Some(_)) => {
                operations::disable(provider, guards, region, name).await
            }
            (Step::Enable, Some(group)) if group.enabled => Ok(()),
            (Step::Enable, Some(_)) => operations::enable(provider, region, name).await,
            (Step::Destroy, Some(_)) => operations::destroy(provider, guards, region, name).await,
        }
    }

    async fn wait(&self, wait: Wait, input: &TaskInput) -> Result<TaskResult, String> {
        let provider = context::provider(&self.settings, &input.stage.context).await?;
        let references = TargetReference::recorded(&input.stage.context)
            .ok_or("no target server group was determined")?;
        let watched: Vec<Watched> = references
            .iter()
            .map(|reference| Watched {
                region: reference.region.clone(),
                name: reference.name.clone(),
                change: match wait {
                    Wait::Capacity => Change::Resize(reference.capacity.unwrap_or_default()),
                    Wait::Down => Change::Disable,
                    Wait::Up => Change::Enable,
                    Wait::Gone => Change::Destroy,
                },
            })
            .collect();
        let pending = settle::pending(provider.as_ref(), &watched)
            .await
            .map_err(|error| error.message)?;
        Ok(if pending.is_empty() {
            TaskResult::succeeded()
        } else {
            TaskResult::running(POLL)
        })
    }
}

/// The server group a stage means in `region`: the one named, or the one its target picks.
pub(crate) async fn resolve(
    provider: &dyn CloudProvider,
    stage_context: &Map<String, Value>,
    region: &str,
) -> Result<ServerGroup, String> {
    let named = context::text(stage_context, "serverGroupName")
        .or_else(|| context::text(stage_context, "asgName"));
    if let Some(name) = named {
        return provider
            .server_group(region, name)
            .await
            .map_err(|error| error.message)?
            .ok_or_else(|| format!("server group `{name}` does not exist in `{region}`"));
    }
    let target_name = context::text(stage_context, "target")
        .ok_or("the stage names neither a `serverGroupName` nor a `target`")?;
    let target = Target::parse(target_name)
        .ok_or_else(|| format!("target `{target_name}` is not supported by gennaker"))?;
    let moniker = context::cluster(stage_context)?;
    let mut groups = cluster_groups(provider, &moniker, region)
        .await
        .map_err(|error| error.message)?;
    if context::flag(stage_context, "onlyEnabled", false) {
        groups.retain(|group| group.enabled);
    }
    target
        .pick(&groups)
        .cloned()
        .map_err(|why| format!("cluster `{}` in `{region}`: {why}", moniker.cluster()))
}

#[async_trait::async_trait]
impl Task for ServerGroupTask {
    fn name(&self) -> &'static str {
        match self.step {
            Step::Determine(_) => "determineTargetServerGroup",
            Step::Resize => "resizeServerGroup",
            Step::Disable(_) => "disableServerGroup",
            Step::Enable => "enableServerGroup",
            Step::Destroy => "destroyServerGroup",
            Step::Wait(Wait::Capacity) => "waitForCapacityMatch",
            Step::Wait(Wait::Down) => "waitForDownInstances",
            Step::Wait(Wait::Up) => "waitForUpInstances",
            Step::Wait(Wait::Gone) => "waitForDestroyedServerGroup",
        }
    }

    fn implementing_class(&self) -> &'static str {
        match self.step {
            Step::Determine(_) => {
                "com.netflix.spinnaker.orca.clouddriver.tasks.servergroup.DetermineTargetServerGroupTask"
            }
            Step::Resize => {
                "com.netflix.spinnaker.orca.clouddriver.tasks.servergroup.ResizeServerGroupTask"
            }
            Step::Disable(_) => {
                "com.netflix.spinnaker.orca.clouddriver.tasks.servergroup.DisableServerGroupTask"
            }
            Step::Enable => {
                "com.netflix.spinnaker.orca.clouddriver.tasks.servergroup.EnableServerGroupTask"
            }
            Step::Destroy => {
                "com.netflix.spinnaker.orca.clouddriver.tasks.servergroup.DestroyServerGroupTask"
            }
            Step::Wait(Wait::Capacity) => {
                "com.netflix.spinnaker.orca.clouddriver.tasks.instance.WaitForCapacityMatchTask"
            }
            Step::Wait(Wait::Down) => {
                "com.netflix.spinnaker.orca.clouddriver.tasks.instance.WaitForDownInstanceHealthTask"
            }
            Step::Wait(Wait::Up) => {
                "com.netflix.spinnaker.orca.clouddriver.tasks.instance.WaitForUpInstancesTask"
            }
            Step::Wait(Wait::Gone) => {
                "com.netflix.spinnaker.orca.clouddriver.tasks.servergroup.WaitForDestroyedServerGroupTask"
            }
        }
    }

    async fn execute(&self, input: &TaskInput) -> TaskResult {
        let result = match self.step {
            Step::Determine(kind) => self.determine(kind, input).await,
            Step::Wait(wait) => self.wait(wait, input).await,
            Step::Resize | Step::Disable(_) | Step::Enable | Step::Destroy => self.act(input).await,
        };
        result.unwrap_or_else(TaskResult::terminal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context(value: &Value) -> Map<String, Value> {
        value.as_object().cloned().unwrap()
    }

    #[test]
    fn resizes_exactly_up_and_down_by_number_or_percent() {
        let current = Capacity {
            min: 1,
            max: 4,
            desired: 4,
        };
        let exact = resized(
            current,
            &context(&json!({"action": "scale_exact", "capacity": {"desired": 2, "min": 0}})),
        )
        .unwrap();
        assert_eq!((exact.min, exact.max, exact.desired), (0, 4, 2));
        let up = resized(
            current,
            &context(&json!({"action": "scale_up", "scaleNum": 2})),
        )
        .unwrap();
        assert_eq!((up.min, up.max, up.desired), (1, 6, 6));
        let percent = resized(
            current,
            &context(&json!({"action": "scale_down", "scalePct": 50, "resizeType": "pct"})),
        )
        .unwrap();
        assert_eq!(percent.desired, 2);
        let to_zero = resized(
            current,
            &context(&json!({"action": "scale_down", "scaleNum": 9})),
        )
        .unwrap();
        assert_eq!((to_zero.min, to_zero.desired), (0, 0));
        assert!(resized(current, &context(&json!({"action": "scale_to_cluster"}))).is_err());
    }
}
