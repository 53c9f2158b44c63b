//! What every provider reports in the same shape: server groups, their capacity and instance
//! health, and the state of long-running operations and jobs.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::providers::naming::Moniker;

/// The size of a server group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub(crate) struct Capacity {
    /// Fewest instances.
    pub(crate) min: u32,
    /// Most instances.
    pub(crate) max: u32,
    /// Instances wanted now.
    pub(crate) desired: u32,
}

impl Capacity {
    /// A capacity of exactly `n` instances.
    pub(crate) fn exactly(n: u32) -> Self {
        Self {
            min: n,
            max: n,
            desired: n,
        }
    }
}

/// Instance health of a server group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub(crate) struct Instances {
    /// Running and healthy (passing health checks where there are any): taking traffic.
    pub(crate) up: u32,
    /// Every instance the provider knows, in whatever state.
    pub(crate) total: u32,
    /// Starting (staged, launching, not yet healthy).
    pub(crate) starting: u32,
    /// Failed, crashed or unhealthy.
    pub(crate) down: u32,
}

/// The image a server group runs.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub(crate) struct Image {
    /// What people see, e.g. `registry/repo:tag`, or a droplet's name.
    pub(crate) name: String,
    /// The parts an image is made of where the provider has them (`registry`, `repository`,
    /// `tag`, `imageId`, `droplet`…), as `findImageFromCluster` reports them.
    pub(crate) details: Map<String, Value>,
}

/// A server group as the global view and the stages see it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct ServerGroup {
    /// `dcos` or `cloudfoundry`.
    pub(crate) cloud_provider: &'static str,
    /// The account it was found in.
    pub(crate) account: String,
    /// The region in Spinnaker's form (`cluster/group` on DC/OS, `org > space` on CF).
    pub(crate) region: String,
    /// The name, e.g. `hello-prod-v003`.
    pub(crate) name: String,
    /// The name's parts.
    pub(crate) moniker: Moniker,
    /// What it runs.
    pub(crate) image: Option<Image>,
    /// False once disabled (scaled to 0 on DC/OS, stopped on CF): it takes no traffic.
    pub(crate) enabled: bool,
    /// Its size.
    pub(crate) capacity: Capacity,
    /// Its instances.
    pub(crate) instances: Instances,
    /// When it was created (epoch ms), when the provider knows.
    pub(crate) created_time: Option<u64>,
    /// The load balancers (CF routes, DC/OS load-balancer labels) it is attached to.
    pub(crate) load_balancers: Vec<String>,
    /// Whether a deployment or other change is still in progress on it.
    pub(crate) busy: bool,
    /// The provider's own view, for `server-group show --output json`.
    pub(crate) native: Value,
}

impl ServerGroup {
    /// The cluster name.
    pub(crate) fn cluster(&self) -> String {
        self.moniker.cluster()
    }

    /// Orca's "active": enabled, or still serving from some up instance.
    pub(crate) fn is_active(&self) -> bool {
        self.enabled || self.instances.up > 0
    }
}

/// Where a long-running change stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Progress {
    /// Still going; the message says what it waits for.
    Running(String),
    /// Done.
    Succeeded,
    /// Failed; the message says why.
    Failed(String),
}

impl Progress {
    /// Whether the change is still going.
    pub(crate) fn is_running(&self) -> bool {
        matches!(self, Self::Running(_))
    }
}

/// A started job run, as a provider can find it again (also after a resume).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct JobHandle {
    /// The region it runs in.
    pub(crate) region: String,
    /// The job's id or name.
    pub(crate) job: String,
    /// The run's id.
    pub(crate) run: String,
}

/// Where a job run stands.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct JobState {
    /// Running, succeeded or failed.
    pub(crate) progress: Progress,
    /// Provider details for `completionDetails` / `jobStatus`.
    pub(crate) details: Map<String, Value>,
}
