//! `deploy` and `createServerGroup` (orca-model §5.8). A `deploy` stage runs one
//! `createServerGroup` before-stage per cluster, all at once, and then its own no-op
//! `completeParallelDeploy`. A `createServerGroup` stage creates the next server group of its
//! cluster in its region, waits until it is healthy, then does its strategy's clean-up as more
//! tasks of the same stage (instead of Orca's after-stages).
//!
//! - [`create`]: choosing the source and the name, creating, waiting for it to be up.
//! - [`image`]: DC/OS docker image forms resolved before the provider sees them.
//! - [`strategy`]: what each strategy adds after the new group is up.
//! - [`rollback`]: undoing a failed deploy when `rollback.onFailure` asks for it.

mod create;
mod image;
mod rollback;
mod strategy;

use std::sync::Arc;

use serde_json::{Map, Value, json};

use crate::engine::record::StageExecution;
use crate::engine::stage_definition::{StageDefinition, SyntheticStage};
use crate::engine::task::{Task, TaskInput, TaskResult};
use crate::providers::naming::Moniker;
use crate::stages::cloud::CloudSettings;
use crate::stages::cloud::cluster::Scope;
use crate::stages::cloud::context;

/// Context members a `createServerGroup` stage writes for itself, never sent to the provider.
const STATE_KEYS: &[&str] = &[
    "newServerGroup",
    "kato.tasks",
    "kato.last.task.id",
    "deploy.details",
    "serverGroup",
    "savedCapacity",
    "rollingStep",
    "rollbackState",
    "expressionEvaluationSummary",
    "exception",
];

/// The `deploy` stage.
pub(crate) struct DeployStage;

/// The clusters of a deploy stage: `clusters`, or the legacy single `cluster`.
fn clusters(stage_context: &Map<String, Value>) -> Vec<Map<String, Value>> {
    if let Some(list) = stage_context.get("clusters").and_then(Value::as_array) {
        return list.iter().filter_map(Value::as_object).cloned().collect();
    }
    stage_context
        .get("cluster")
        .and_then(Value::as_object)
        .cloned()
        .into_iter()
        .collect()
}

/// The region of a cluster: `region`, else the first key of `availabilityZones`.
fn region_of(cluster: &Map<String, Value>) -> Option<String> {
    context::text(cluster, "region")
        .map(ToOwned::to_owned)
        .or_else(|| {
            cluster
                .get("availabilityZones")?
                .as_object()?
                .keys()
                .next()
                .cloned()
        })
}

impl StageDefinition for DeployStage {
    fn tasks(&self, _stage: &StageExecution) -> Vec<Arc<dyn Task>> {
        vec![Arc::new(CompleteParallelDeploy)]
    }

    fn before_stages(&self, stage: &StageExecution) -> Vec<SyntheticStage> {
        let mut parent = stage.context.clone();
        for key in ["clusters", "cluster", "expressionEvaluationSummary"] {
            parent.shift_remove(key);
        }
        clusters(&stage.context)
            .into_iter()
            .map(|cluster| {
                let account = ["account", "credentials"]
                    .iter()
                    .find_map(|key| context::text(&cluster, key))
                    .map(ToOwned::to_owned)
                    .or_else(|| context::account(&stage.context).ok());
                let name = region_of(&cluster).map_or_else(
                    || "Deploy".to_owned(),
                    |region| format!("Deploy in {region}"),
                );
                let mut child = parent.clone();
                // Orca's correctContext: the cluster's members at the top of the child's context.
                child.extend(cluster);
                if let Some(account) = account {
                    // Both, so that a parent's `credentials` cannot disagree with the cluster's.
                    child.insert("account".to_owned(), json!(account));
                    child.insert("credentials".to_owned(), json!(account));
                }
                SyntheticStage::new("createServerGroup", name, child).in_parallel()
            })
            .collect()
    }
}

/// `deploy`'s own task: everything was done by its clusters.
struct CompleteParallelDeploy;

#[async_trait::async_trait]
impl Task for CompleteParallelDeploy {
    fn name(&self) -> &'static str {
        "completeParallelDeploy"
    }

    fn implementing_class(&self) -> &'static str {
        "com.netflix.spinnaker.orca.kato.tasks.CompleteParallelDeployTask"
    }

    async fn execute(&self, input: &TaskInput) -> TaskResult {
        let has_children = input.execution.children(&input.stage.id).next().is_some();
        if has_children {
            TaskResult::succeeded()
        } else {
            TaskResult::terminal("the deploy stage has no `clusters` to deploy")
        }
    }
}

/// The `createServerGroup` stage, alone or under a `deploy`.
pub(crate) struct CreateServerGroupStage {
    /// Accounts and guards.
    pub(crate) settings: Arc<CloudSettings>,
}

impl StageDefinition for CreateServerGroupStage {
    fn tasks(&self, stage: &StageExecution) -> Vec<Arc<dyn Task>> {
        let spec = hoisted(&stage.context);
        let mut tasks = create::tasks(&self.settings);
        tasks.extend(strategy::tasks(&spec, &self.settings));
        if rollback::wanted(&spec) {
            tasks = rollback::wrap(tasks, &self.settings);
        }
        tasks
    }
}

/// The stage context with a nested `cluster` object's members at the top (Orca's
/// `correctContext`, for a `createServerGroup` written by hand).
pub(crate) fn hoisted(stage_context: &Map<String, Value>) -> Map<String, Value> {
    let mut flat = stage_context.clone();
    if let Some(cluster) = stage_context.get("cluster").and_then(Value::as_object) {
        let cluster = cluster.clone();
        flat.shift_remove("cluster");
        flat.extend(cluster);
    }
    flat
}

/// What a deploy context asks for: the cluster's name parts and the region.
#[derive(Debug, Clone)]
pub(crate) struct Spec {
    /// The cluster's name parts (no version).
    pub(crate) moniker: Moniker,
    /// The region to deploy in.
    pub(crate) region: String,
}

impl Spec {
    /// Reads the (hoisted) context of a `createServerGroup` stage.
    pub(crate) fn read(spec: &Map<String, Value>) -> Result<Self, String> {
        let moniker_object = spec.get("moniker").and_then(Value::as_object);
        let part = |moniker_key: &str, key: &str| {
            moniker_object
                .and_then(|moniker| context::text(moniker, moniker_key))
                .or_else(|| context::text(spec, key))
        };
        let app = part("app", "application")
            .ok_or("the cluster names no `application` (or `moniker.app`)")?;
        let moniker = Moniker::new(
            app,
            part("stack", "stack"),
            part("detail", "freeFormDetails"),
        );
        let region = region_of(spec).ok_or("the cluster names no `region`")?;
        Ok(Self { moniker, region })
    }
}

/// Where a deploy's cluster-wide clean-up works: its cluster in its region, without the
/// server group it just created.
fn scope(stage_context: &Map<String, Value>) -> Result<Scope, String> {
    let spec = hoisted(stage_context);
    let read = Spec::read(&spec)?;
    let new = context::text(&spec, "newServerGroup")
        .ok_or("no server group was created")?
        .to_owned();
    Ok(Scope {
        moniker: read.moniker,
        regions: vec![read.region],
        excluded: vec![new.clone()],
        healthy_first: Some(new),
    })
}
