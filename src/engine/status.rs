//! [`Status`]: the lifecycle of executions, stages and tasks, with Orca's names and meanings.

use serde::{Deserialize, Serialize};

/// Where an execution, a stage or a task is in its life. Serialised with Orca's names
/// (`NOT_STARTED`, `FAILED_CONTINUE`, …) so records read like Spinnaker's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub(crate) enum Status {
    /// Not started yet; stages downstream of a halted stage stay here for good.
    NotStarted,
    /// Running, or waiting to poll again.
    Running,
    /// Held by its execution window until the window opens.
    Suspended,
    /// Finished successfully.
    Succeeded,
    /// Failed, but configured to let the pipeline go on ("ignore the failure").
    FailedContinue,
    /// Failed and halted the pipeline.
    Terminal,
    /// Canceled by a person (Ctrl-C, `executions cancel`) or because the pipeline failed.
    Canceled,
    /// Failed and halted its branch only ("halt this branch").
    Stopped,
    /// Not run: its `stageEnabled` expression was false, or its start time expired.
    Skipped,
}

impl Status {
    /// Whether this is a final state.
    pub(crate) fn is_complete(self) -> bool {
        matches!(
            self,
            Self::Succeeded
                | Self::FailedContinue
                | Self::Terminal
                | Self::Canceled
                | Self::Stopped
                | Self::Skipped
        )
    }

    /// Whether this final state halts what comes after it.
    pub(crate) fn is_halt(self) -> bool {
        matches!(self, Self::Terminal | Self::Canceled | Self::Stopped)
    }

    /// Whether stages waiting on one in this state may start.
    pub(crate) fn lets_downstream_start(self) -> bool {
        matches!(self, Self::Succeeded | Self::FailedContinue | Self::Skipped)
    }

    /// Orca's name, e.g. `FAILED_CONTINUE`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::NotStarted => "NOT_STARTED",
            Self::Running => "RUNNING",
            Self::Suspended => "SUSPENDED",
            Self::Succeeded => "SUCCEEDED",
            Self::FailedContinue => "FAILED_CONTINUE",
            Self::Terminal => "TERMINAL",
            Self::Canceled => "CANCELED",
            Self::Stopped => "STOPPED",
            Self::Skipped => "SKIPPED",
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_with_orcas_names() {
        assert_eq!(
            serde_json::to_string(&Status::FailedContinue).unwrap(),
            "\"FAILED_CONTINUE\""
        );
        assert_eq!(
            serde_json::from_str::<Status>("\"NOT_STARTED\"").unwrap(),
            Status::NotStarted
        );
        assert_eq!(Status::Stopped.to_string(), "STOPPED");
    }

    #[test]
    fn halting_and_downstream_rules_follow_orca() {
        for status in [Status::Terminal, Status::Canceled, Status::Stopped] {
            assert!(status.is_complete() && status.is_halt() && !status.lets_downstream_start());
        }
        for status in [Status::Succeeded, Status::FailedContinue, Status::Skipped] {
            assert!(status.is_complete() && !status.is_halt() && status.lets_downstream_start());
        }
        for status in [Status::NotStarted, Status::Running, Status::Suspended] {
            assert!(!status.is_complete());
        }
    }
}
