//! [`Run`]: one Metronome job run, its Mesos task, and their JSON shapes (`JobRun`, history
//! entries).
//!
//! Lifecycle, driven by [`super::reconcile`]: `INITIAL` → `STARTING` (task `TASK_STAGING`) →
//! `ACTIVE` (`TASK_RUNNING`) → `SUCCESS` (`TASK_FINISHED`) or `FAILED` (`TASK_FAILED`, or
//! `TASK_KILLED` when stopped).

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::simulator::dcos::clock::{Millis, iso_offset};
use crate::simulator::dcos::metronome::command::CommandOutcome;

/// Where a run is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub(crate) enum RunStatus {
    /// Accepted, not yet launched.
    Initial,
    /// Its task is staging.
    Starting,
    /// Its task runs.
    Active,
    /// Finished with exit status 0.
    Success,
    /// Finished otherwise, or stopped.
    Failed,
}

impl RunStatus {
    /// The status name Metronome prints.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Initial => "INITIAL",
            Self::Starting => "STARTING",
            Self::Active => "ACTIVE",
            Self::Success => "SUCCESS",
            Self::Failed => "FAILED",
        }
    }

    /// Whether the run is over.
    pub(crate) fn is_finished(self) -> bool {
        matches!(self, Self::Success | Self::Failed)
    }
}

/// The Mesos task of a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct RunTask {
    /// Task id, `<job id with _>_<run id>.<uuid>`; also the executor id.
    pub(crate) id: String,
    /// The agent it runs on.
    pub(crate) agent_id: String,
    /// The Mesos container id; names the sandbox directory.
    pub(crate) container_id: String,
    /// The sandbox directory.
    pub(crate) directory: String,
    /// Mesos task state (`TASK_STAGING`, …).
    pub(crate) status: String,
    /// When it started running.
    pub(crate) started_at: Option<Millis>,
    /// When it ended.
    pub(crate) completed_at: Option<Millis>,
}

/// One run of a job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Run {
    /// Run id, `yyyyMMddHHmmss` plus five random characters.
    pub(crate) id: String,
    /// The job it runs.
    pub(crate) job_id: String,
    /// Where it is.
    pub(crate) status: RunStatus,
    /// When it was created.
    pub(crate) created_at: Millis,
    /// When it finished.
    pub(crate) completed_at: Option<Millis>,
    /// Its Mesos task, once launched.
    pub(crate) task: Option<RunTask>,
    /// What its command does, decided when the run is created.
    pub(crate) outcome: CommandOutcome,
}

impl Run {
    /// Metronome's task name for the run: `<runId>.<jobId>`.
    pub(crate) fn task_name(&self) -> String {
        format!("{}.{}", self.id, self.job_id)
    }

    /// The run as Metronome's `JobRun` JSON.
    pub(crate) fn to_json(&self) -> Value {
        // The task is planned when the run is created but only shows once it is launched.
        let tasks: Vec<Value> = self
            .task
            .iter()
            .filter(|_| self.status != RunStatus::Initial)
            .map(|task| {
                json!({
                    "id": task.id,
                    "startedAt": task.started_at.map(iso_offset),
                    "completedAt": task.completed_at.map(iso_offset),
                    "status": task.status,
                })
            })
            .collect();
        json!({
            "id": self.id,
            "jobId": self.job_id,
            "status": self.status.as_str(),
            "createdAt": iso_offset(self.created_at),
            "completedAt": self.completed_at.map(iso_offset),
            "tasks": tasks,
        })
    }

    /// The run as an entry of `history.successfulFinishedRuns`/`failedFinishedRuns`.
    pub(crate) fn history_json(&self) -> Value {
        let tasks: Vec<&str> = self.task.iter().map(|task| task.id.as_str()).collect();
        json!({
            "id": self.id,
            "createdAt": iso_offset(self.created_at),
            "finishedAt": self.completed_at.map(iso_offset),
            "tasks": tasks,
        })
    }
}
