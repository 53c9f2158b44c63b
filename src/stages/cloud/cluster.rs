//! Cluster-wide operations (orca-model §5.10): `shrinkCluster` destroys all but the best N
//! server groups, `disableCluster` disables all but N enabled ones, `scaleDownCluster` scales
//! all but N to 0. Each is a stage of its own, and a step of the deploy strategies
//! ([`ClusterTask`] with a [`Scope`] that leaves out the group just deployed).
//!
//! The acting task first plans (which groups, in every region), checks the traffic guards of
//! every region, and records the plan in the context before it touches anything; the next run
//! carries the plan out, skipping groups that already show the change, so a resume never acts
//! on a different set.

use std::sync::Arc;
use std::time::Duration;

use serde_json::{Map, Value, json};

use crate::engine::record::StageExecution;
use crate::engine::stage_definition::StageDefinition;
use crate::engine::task::{Task, TaskInput, TaskResult};
use crate::providers::cloud::CloudProvider;
use crate::providers::model::Capacity;
use crate::providers::naming::Moniker;
use crate::stages::cloud::CloudSettings;
use crate::stages::cloud::context;
use crate::stages::cloud::guards::{self, Removal};
use crate::stages::cloud::operations::{self, Change, OperationError, shows};
use crate::stages::cloud::selection::{cluster_groups, to_disable, to_scale_down, to_shrink};
use crate::stages::cloud::settle::{self, POLL, Watched};

/// A cluster-wide operation with its settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ClusterOp {
    /// Destroy all but the `keep` best groups.
    Shrink {
        keep: usize,
        allow_delete_active: bool,
        retain_larger_over_newer: bool,
    },
    /// Disable all but `remaining` enabled groups.
    Disable {
        remaining: usize,
        prefer_larger_over_newer: bool,
    },
    /// Scale all but `remaining` groups to 0.
    ScaleDown {
        remaining: usize,
        allow_scale_down_active: bool,
        prefer_larger_over_newer: bool,
    },
}

fn count(context: &Map<String, Value>, key: &str, default: usize) -> usize {
    context::number(context.get(key)).map_or(default, |n| n as usize)
}

impl ClusterOp {
    /// The operation a standalone stage of `stage_type` asks for.
    fn from_context(stage_type: &str, context: &Map<String, Value>) -> Option<Self> {
        let flag = |key: &str, default: bool| context::flag(context, key, default);
        Some(match stage_type {
            "shrinkCluster" => Self::Shrink {
                keep: count(context, "shrinkToSize", 1),
                allow_delete_active: flag("allowDeleteActive", false),
                retain_larger_over_newer: flag("retainLargerOverNewer", false),
            },
            "disableCluster" => Self::Disable {
                remaining: count(context, "remainingEnabledServerGroups", 1),
                prefer_larger_over_newer: flag("preferLargerOverNewer", false),
            },
            "scaleDownCluster" => Self::ScaleDown {
                remaining: count(context, "remainingFullSizeServerGroups", 1),
                allow_scale_down_active: flag("allowScaleDownActive", false),
                prefer_larger_over_newer: flag("preferLargerOverNewer", false),
            },
            _ => return None,
        })
    }

    /// Where the plan is recorded in the context: `{region: [server group]}`.
    pub(crate) fn key(self) -> &'static str {
        match self {
            Self::Shrink { .. } => "shrinkCluster.destroyed",
            Self::Disable { .. } => "disableCluster.disabled",
            Self::ScaleDown { .. } => "scaleDownCluster.scaledDown",
        }
    }

    fn removal(self) -> Removal {
        match self {
            Self::Shrink { .. } => Removal::Destroy,
            Self::Disable { .. } => Removal::Disable,
            Self::ScaleDown { .. } => Removal::ScaleToZero,
        }
    }

    fn change(self) -> Change {
        match self {
            Self::Shrink { .. } => Change::Destroy,
            Self::Disable { .. } => Change::Disable,
            Self::ScaleDown { .. } => Change::Resize(Capacity::exactly(0)),
        }
    }

    fn names(self) -> (&'static str, &'static str) {
        match self {
            Self::Shrink { .. } => ("shrinkCluster", "waitForClusterShrink"),
            Self::Disable { .. } => ("disableCluster", "waitForClusterDisable"),
            Self::ScaleDown { .. } => ("scaleDownCluster", "waitForScaleDownCluster"),
        }
    }
}

/// Where a cluster-wide operation works: the cluster, its regions, and the groups it must
/// leave alone (those the deploy stage running it just created).
#[derive(Debug, Clone)]
pub(crate) struct Scope {
    /// The cluster.
    pub(crate) moniker: Moniker,
    /// The regions to work in.
    pub(crate) regions: Vec<String>,
    /// Server groups never acted on, counted among those kept.
    pub(crate) excluded: Vec<String>,
    /// A server group that must be enabled with every instance up before anything else is
    /// touched: the deploy's new group (a failure ignored with `continuePipeline` still runs
    /// the clean-up tasks, as in Orca, and they must not take the old groups away then).
    pub(crate) healthy_first: Option<String>,
}

/// How a stage's context says where its cluster-wide operations work.
pub(crate) type ScopeOf = fn(&Map<String, Value>) -> Result<Scope, String>;

fn standalone_scope(stage_context: &Map<String, Value>) -> Result<Scope, String> {
    Ok(Scope {
        moniker: context::cluster(stage_context)?,
        regions: context::required_regions(stage_context)?,
        excluded: Vec::new(),
        healthy_first: None,
    })
}

/// A standalone `shrinkCluster`, `disableCluster` or `scaleDownCluster` stage.
pub(crate) struct ClusterStage {
    stage_type: String,
    settings: Arc<CloudSettings>,
}

impl ClusterStage {
    /// The stage of `stage_type`, if it is one of the three.
    pub(crate) fn new(stage_type: &str, settings: Arc<CloudSettings>) -> Option<Self> {
        ClusterOp::from_context(stage_type, &Map::new())?;
        Some(Self {
            stage_type: stage_type.to_owned(),
            settings,
        })
    }
}

impl StageDefinition for ClusterStage {
    fn tasks(&self, stage: &StageExecution) -> Vec<Arc<dyn Task>> {
        let op = ClusterOp::from_context(&self.stage_type, &stage.context)
            .expect("checked when the stage was made");
        ClusterTask::pair(op, &self.settings, standalone_scope)
    }
}

/// The acting or the waiting half of a cluster-wide operation.
pub(crate) struct ClusterTask {
    op: ClusterOp,
    waits: bool,
    settings: Arc<CloudSettings>,
    scope: ScopeOf,
}

impl ClusterTask {
    /// The two tasks of `op`: act, then wait until every planned group shows the change.
    pub(crate) fn pair(
        op: ClusterOp,
        settings: &Arc<CloudSettings>,
        scope: ScopeOf,
    ) -> Vec<Arc<dyn Task>> {
        [false, true]
            .into_iter()
            .map(|waits| {
                Arc::new(Self {
                    op,
                    waits,
                    settings: Arc::clone(settings),
                    scope,
                }) as Arc<dyn Task>
            })
            .collect()
    }

    async fn plan(
        &self,
        provider: &dyn CloudProvider,
        scope: &Scope,
    ) -> Result<Map<String, Value>, OperationError> {
        let mut plan = Map::new();
        for region in &scope.regions {
            if let Some(new) = &scope.healthy_first {
                let healthy = provider
                    .server_group(region, new)
                    .await?
                    .is_some_and(|group| {
                        group.enabled && group.instances.up >= group.capacity.desired.max(1)
                    });
                if !healthy {
                    return Err(OperationError::Refused(format!(
                        "the new server group `{new}` is not healthy in `{region}`, so nothing \
                         old is touched"
                    )));
                }
            }
            let groups = cluster_groups(provider, &scope.moniker, region).await?;
            let chosen = match self.op {
                ClusterOp::Shrink {
                    keep,
                    allow_delete_active,
                    retain_larger_over_newer,
                } => to_shrink(
                    &groups,
                    keep,
                    allow_delete_active,
                    retain_larger_over_newer,
                    &scope.excluded,
                ),
                ClusterOp::Disable {
                    remaining,
                    prefer_larger_over_newer,
                } => to_disable(
                    &groups,
                    remaining,
                    prefer_larger_over_newer,
                    &scope.excluded,
                ),
                ClusterOp::ScaleDown {
                    remaining,
                    allow_scale_down_active,
                    prefer_larger_over_newer,
                } => to_scale_down(
                    &groups,
                    remaining,
                    allow_scale_down_active,
                    prefer_larger_over_newer,
                    &scope.excluded,
                ),
            };
            if !chosen.is_empty() {
                guards::check(
                    &self.settings.traffic_guards,
                    provider,
                    region,
                    &chosen,
                    self.op.removal(),
                )
                .await?;
            }
            plan.insert(region.clone(), json!(chosen));
        }
        Ok(plan)
    }

    async fn carry_out(
        &self,
        provider: &dyn CloudProvider,
        planned: &[Watched],
    ) -> Result<(), OperationError> {
        let guards = &self.settings.traffic_guards;
        for item in planned {
            let (region, name) = (item.region.as_str(), item.name.as_str());
            let Some(group) = provider.server_group(region, name).await? else {
                continue;
            };
            if shows(&group, item.change) {
                continue;
            }
            match item.change {
                Change::Destroy => operations::destroy(provider, guards, region, name).await?,
                Change::Disable if group.enabled => {
                    operations::disable(provider, guards, region, name).await?;
                }
                Change::Resize(capacity) if group.capacity != capacity => {
                    operations::resize(provider, guards, region, name, capacity).await?;
                }
                Change::Disable | Change::Resize(_) | Change::Enable => {}
            }
        }
        Ok(())
    }

    async fn run(&self, input: &TaskInput) -> Result<TaskResult, String> {
        let stage_context = &input.stage.context;
        let provider = context::provider(&self.settings, stage_context).await?;
        let provider = provider.as_ref();
        let Some(planned) = recorded(stage_context, self.op) else {
            if self.waits {
                return Err(format!("`{}` made no plan", self.op.names().0));
            }
            let scope = (self.scope)(stage_context)?;
            let plan = self
                .plan(provider, &scope)
                .await
                .map_err(|error| error.to_string())?;
            // The plan is recorded before anything is touched; the next run carries it out.
            return Ok(
                TaskResult::running(Duration::ZERO).context(self.op.key(), Value::Object(plan))
            );
        };
        if !self.waits {
            self.carry_out(provider, &planned)
                .await
                .map_err(|error| error.to_string())?;
            return Ok(TaskResult::succeeded());
        }
        let pending = settle::pending(provider, &planned)
            .await
            .map_err(|error| error.message)?;
        Ok(if pending.is_empty() {
            TaskResult::succeeded()
        } else {
            TaskResult::running(POLL)
        })
    }
}

/// The plan of `op` recorded in the context, as changes to watch.
pub(crate) fn recorded(context: &Map<String, Value>, op: ClusterOp) -> Option<Vec<Watched>> {
    let plan = context.get(op.key())?.as_object()?;
    Some(
        plan.iter()
            .flat_map(|(region, names)| {
                names
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .map(|name| Watched {
                        region: region.clone(),
                        name: name.to_owned(),
                        change: op.change(),
                    })
            })
            .collect(),
    )
}

#[async_trait::async_trait]
impl Task for ClusterTask {
    fn name(&self) -> &'static str {
        let (act, wait) = self.op.names();
        if self.waits { wait } else { act }
    }

    fn implementing_class(&self) -> &'static str {
        match (self.op, self.waits) {
            (ClusterOp::Shrink { .. }, false) => {
                "com.netflix.spinnaker.orca.clouddriver.tasks.cluster.ShrinkClusterTask"
            }
            (ClusterOp::Disable { .. }, false) => {
                "com.netflix.spinnaker.orca.clouddriver.tasks.cluster.DisableClusterTask"
            }
            (ClusterOp::ScaleDown { .. }, false) => {
                "com.netflix.spinnaker.orca.clouddriver.tasks.cluster.ScaleDownClusterTask"
            }
            (ClusterOp::Shrink { .. }, true) => {
                "com.netflix.spinnaker.orca.clouddriver.tasks.cluster.WaitForClusterShrinkTask"
            }
            (ClusterOp::Disable { .. }, true) => {
                "com.netflix.spinnaker.orca.clouddriver.tasks.cluster.WaitForClusterDisableTask"
            }
            (ClusterOp::ScaleDown { .. }, true) => {
                "com.netflix.spinnaker.orca.clouddriver.tasks.cluster.WaitForScaleDownClusterTask"
            }
        }
    }

    async fn execute(&self, input: &TaskInput) -> TaskResult {
        self.run(input).await.unwrap_or_else(TaskResult::terminal)
    }
}
