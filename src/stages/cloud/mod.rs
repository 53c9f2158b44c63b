//! The provider-neutral cloud stages: deploying server groups with a strategy, operating on one
//! server group or on a whole cluster, finding an image, running a job, and stopping a stuck
//! deployment. They talk to clouds only through [`CloudProvider`](crate::providers::cloud::CloudProvider),
//! found by account through the [`CloudSettings`] the registry is built with.
//!
//! - [`context`]: what a stage's context says (account, regions, cluster, capacity) and the
//!   provider of its account.
//! - [`guards`]: traffic guards, checked before anything takes traffic away.
//! - [`operations`]: the guarded server group operations, shared with the one-off commands.
//! - [`selection`]: which server groups a target or a cluster-wide operation means.
//! - [`settle`]: waiting for a provider to show a change.
//! - one module per family of stage types: [`deploy`], [`server_group`], [`cluster`],
//!   [`rollback_cluster`], [`find_image`], [`run_job`], [`stop_deployment`]; and
//!   [`cluster_size`], the `clusterSize` precondition.

pub(crate) mod cluster;
pub(crate) mod cluster_size;
pub(crate) mod context;
pub(crate) mod deploy;
pub(crate) mod find_image;
pub(crate) mod guards;
pub(crate) mod operations;
pub(crate) mod rollback_cluster;
pub(crate) mod run_job;
pub(crate) mod selection;
pub(crate) mod server_group;
pub(crate) mod settle;
pub(crate) mod stop_deployment;

#[cfg(test)]
pub(crate) mod fake;
#[cfg(test)]
mod tests;

use std::sync::Arc;

use crate::engine::stage_definition::StageDefinition;
use crate::providers::cloud::AccountResolver;

/// What the cloud stages need from outside: the accounts, and the traffic guards of the
/// applications (Front50's `trafficGuards`, from gennaker's config).
#[derive(Clone)]
pub(crate) struct CloudSettings {
    /// Finds the provider of an account.
    pub(crate) accounts: Arc<dyn AccountResolver>,
    /// Every traffic guard, of every application.
    pub(crate) traffic_guards: Vec<TrafficGuard>,
}

/// A traffic guard: a cluster whose last instances up must not be taken away (orca-model §8).
/// Every field but `enabled` may be `"*"`, matching anything; an empty `stack` or `detail`
/// matches only a cluster without one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TrafficGuard {
    /// The application the guard belongs to.
    pub(crate) application: String,
    /// The account.
    pub(crate) account: String,
    /// The region (location).
    pub(crate) location: String,
    /// The cluster's stack.
    pub(crate) stack: String,
    /// The cluster's detail.
    pub(crate) detail: String,
    /// Whether the guard is in force.
    pub(crate) enabled: bool,
}

/// The cloud stage types, in the order `validate` lists them.
#[cfg(test)]
pub(crate) const NAMES: [&str; 14] = [
    "deploy",
    "createServerGroup",
    "resizeServerGroup",
    "disableServerGroup",
    "enableServerGroup",
    "destroyServerGroup",
    "shrinkCluster",
    "scaleDownCluster",
    "disableCluster",
    "rollbackCluster",
    "findImageFromCluster",
    "findImage",
    "runJob",
    "stopDeployment",
];

/// The definition of a cloud stage type, or `None` when `stage_type` is not one.
pub(crate) fn definition(
    stage_type: &str,
    settings: &CloudSettings,
) -> Option<Arc<dyn StageDefinition>> {
    let settings = Arc::new(settings.clone());
    let definition: Arc<dyn StageDefinition> = match stage_type {
        "deploy" => Arc::new(deploy::DeployStage),
        "createServerGroup" => Arc::new(deploy::CreateServerGroupStage { settings }),
        "resizeServerGroup" | "disableServerGroup" | "enableServerGroup" | "destroyServerGroup" => {
            Arc::new(server_group::ServerGroupStage::new(stage_type, settings)?)
        }
        "shrinkCluster" | "scaleDownCluster" | "disableCluster" => {
            Arc::new(cluster::ClusterStage::new(stage_type, settings)?)
        }
        "rollbackCluster" => Arc::new(rollback_cluster::RollbackClusterStage { settings }),
        "findImageFromCluster" | "findImage" => Arc::new(find_image::FindImageStage { settings }),
        "runJob" => Arc::new(run_job::RunJobStage { settings }),
        "stopDeployment" => Arc::new(stop_deployment::StopDeploymentStage { settings }),
        _ => return None,
    };
    Some(definition)
}
