//! [`Task`]: one unit of work of a stage, and [`TaskResult`], what one run of it says.
//!
//! A task never blocks waiting on the outside world: "not yet" is a result
//! ([`TaskStatus::Running`] with a `retry_after`), and the scheduler runs it again later. That
//! keeps timeouts, cancellation and the live view in the scheduler's hands.

use std::sync::Arc;
use std::time::Duration;

use serde_json::{Map, Value};

use crate::engine::record::{Execution, StageExecution};

/// What a task run reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TaskStatus {
    /// Not done yet: run again after `retry_after`.
    Running,
    /// Held until a time (an execution window): like `Running`, but the stage shows SUSPENDED.
    Suspended,
    /// Done.
    Succeeded,
    /// Failed; the stage's failure settings decide what that means for the pipeline.
    Terminal,
    /// The work was canceled on the other side (e.g. a webhook's `canceledStatuses`); the
    /// stage's failure settings decide what that means, as for [`TaskStatus::Terminal`].
    Canceled,
}

/// The result of one run of a task.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TaskResult {
    /// What happened.
    pub(crate) status: TaskStatus,
    /// Merged into the stage's context (visible to this stage and `#stage(…)`).
    pub(crate) context: Map<String, Value>,
    /// Merged into the stage's outputs (visible to every downstream stage).
    pub(crate) outputs: Map<String, Value>,
    /// When `Running`: how long to wait before the next run.
    pub(crate) retry_after: Duration,
    /// When failed: what went wrong, for people.
    pub(crate) error: Option<String>,
}

impl TaskResult {
    /// Done, with nothing to add.
    pub(crate) fn succeeded() -> Self {
        Self::with_status(TaskStatus::Succeeded)
    }

    /// Not done yet; ask again after `retry_after`.
    pub(crate) fn running(retry_after: Duration) -> Self {
        Self {
            retry_after,
            ..Self::with_status(TaskStatus::Running)
        }
    }

    /// Failed with a message.
    pub(crate) fn terminal(error: impl Into<String>) -> Self {
        Self {
            error: Some(error.into()),
            ..Self::with_status(TaskStatus::Terminal)
        }
    }

    /// A result with this status and nothing else.
    pub(crate) fn with_status(status: TaskStatus) -> Self {
        Self {
            status,
            context: Map::new(),
            outputs: Map::new(),
            retry_after: Duration::ZERO,
            error: None,
        }
    }

    /// Adds a member to what is merged into the stage context.
    #[must_use]
    pub(crate) fn context(mut self, key: &str, value: Value) -> Self {
        self.context.insert(key.to_owned(), value);
        self
    }

    /// Adds a member to the stage outputs.
    #[must_use]
    pub(crate) fn output(mut self, key: &str, value: Value) -> Self {
        self.outputs.insert(key.to_owned(), value);
        self
    }
}

/// What a task sees when it runs.
#[derive(Debug, Clone)]
pub(crate) struct TaskInput {
    /// The stage, with its context as it stands now (evaluated at stage start).
    pub(crate) stage: StageExecution,
    /// The whole execution as it stands now.
    pub(crate) execution: Arc<Execution>,
    /// How long the stage has been running, without time spent in its execution window.
    pub(crate) elapsed: Duration,
    /// How the run evaluates expressions, for tasks that evaluate their own.
    pub(crate) expressions: crate::engine::expressions::Expressions,
}

/// One unit of work of a stage.
#[async_trait::async_trait]
pub(crate) trait Task: Send + Sync {
    /// The task's name as it appears in `tasks[].name`, e.g. `waitForJudgment`.
    fn name(&self) -> &'static str;

    /// Orca's class for the task, written to `tasks[].implementingClass`.
    fn implementing_class(&self) -> &'static str;

    /// Runs the task once.
    async fn execute(&self, input: &TaskInput) -> TaskResult;

    /// Whether running the task again is safe when its process died while it ran: true for
    /// tasks that look at the real state of what they drive before acting. A task making a call
    /// that must not happen twice returns false, and a resumed execution fails it instead of
    /// repeating the call blindly.
    fn repeatable(&self) -> bool {
        true
    }

    /// Called once when the execution is canceled while this task is running, so it can undo
    /// or stop what it started.
    async fn on_cancel(&self, _input: &TaskInput) {}
}
