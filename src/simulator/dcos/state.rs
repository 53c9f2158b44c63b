//! [`ClusterState`]: everything one simulated cluster holds, as a serde model of the simulator's
//! own (not the APIs') shape. It is what `GET /__simulator/state` shows and what a snapshot file
//! contains, so the sandbox can persist a cluster and load it back later.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::simulator::dcos::ids::IdSource;
use crate::simulator::dcos::marathon::app::App;
use crate::simulator::dcos::marathon::deployment::Deployment;
use crate::simulator::dcos::marathon::task::Task;
use crate::simulator::dcos::mesos::sandbox::Sandbox;
use crate::simulator::dcos::mesos::topology::Topology;
use crate::simulator::dcos::metronome::job::Job;
use crate::simulator::dcos::metronome::run::Run;

/// Version of the snapshot format; bumped when a change would misread older files.
pub(crate) const FORMAT: u32 = 1;

/// The whole state of one cluster.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ClusterState {
    /// Snapshot format version ([`FORMAT`]).
    pub(crate) format: u32,
    /// The cluster's name.
    pub(crate) name: String,
    /// Marathon apps by absolute id (`/group/app`).
    pub(crate) apps: BTreeMap<String, App>,
    /// Marathon deployments in progress, oldest first.
    pub(crate) deployments: Vec<Deployment>,
    /// Marathon tasks that are staging or running.
    pub(crate) tasks: Vec<Task>,
    /// Metronome jobs by id.
    pub(crate) jobs: BTreeMap<String, Job>,
    /// Metronome runs, active and finished, oldest first.
    pub(crate) runs: Vec<Run>,
    /// Mesos sandboxes by directory.
    pub(crate) sandboxes: BTreeMap<String, Sandbox>,
    /// Agents and framework ids.
    pub(crate) topology: Topology,
    /// Source of fresh ids.
    pub(crate) ids: IdSource,
    /// The last version timestamp handed out; versions must strictly increase.
    pub(crate) last_version: u64,
    /// The next host port to hand to a task.
    pub(crate) next_port: u32,
}

impl ClusterState {
    /// The empty state of a new cluster named `name`.
    pub(crate) fn new(name: &str) -> Self {
        let mut ids = IdSource::for_cluster(name);
        let topology = Topology::new(name, &mut ids);
        Self {
            format: FORMAT,
            name: name.to_owned(),
            topology,
            ids,
            next_port: 10_000,
            ..Self::default()
        }
    }

    /// A fresh, strictly increasing version timestamp at or after `now`.
    pub(crate) fn next_version(&mut self, now: u64) -> u64 {
        self.last_version = now.max(self.last_version.saturating_add(1));
        self.last_version
    }

    /// A fresh host port for a task.
    pub(crate) fn next_port(&mut self) -> u32 {
        let port = self.next_port;
        self.next_port = if port >= 31_000 { 10_000 } else { port + 1 };
        port
    }
}
