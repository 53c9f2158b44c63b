//! [`Sandbox`]: the files a task's Mesos sandbox holds, keyed in the cluster state by the
//! sandbox directory (`/var/lib/mesos/slave/slaves/<agent>/frameworks/<framework>/executors/
//! <executor>/runs/<container>`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::simulator::dcos::clock::Millis;

/// The agent work directory Mesos uses on DC/OS (clouddriver hard-codes it too).
pub(crate) const WORK_DIR: &str = "/var/lib/mesos/slave";

/// One task's sandbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Sandbox {
    /// The agent holding it.
    pub(crate) agent_id: String,
    /// The executor (for command tasks, the task id).
    pub(crate) executor_id: String,
    /// Files by name relative to the directory.
    pub(crate) files: BTreeMap<String, String>,
    /// Last change, reported as `mtime`.
    pub(crate) modified: Millis,
}

/// The sandbox directory of a container.
pub(crate) fn directory(
    agent_id: &str,
    framework_id: &str,
    executor_id: &str,
    container_id: &str,
) -> String {
    format!(
        "{WORK_DIR}/slaves/{agent_id}/frameworks/{framework_id}/executors/{executor_id}/runs/{container_id}"
    )
}
