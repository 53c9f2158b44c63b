//! How the engine talks to the rest of the world: [`Event`]s out, to a [`Reporter`] (the
//! terminal, the history journal), and [`Control`]s in (judgments, cancellation).
//! The engine itself never prints and never reads files.

use std::sync::Arc;

use crate::engine::record::{Execution, StageExecution};

/// Something that happened to an execution.
#[derive(Debug, Clone)]
pub(crate) enum Event {
    /// The execution started (or resumed); the whole document as it stands.
    ExecutionStarted(Arc<Execution>),
    /// A stage changed: its status, a task's status, its context or outputs.
    StageChanged(Box<StageExecution>),
    /// The execution ended; the final document.
    ExecutionFinished(Arc<Execution>),
}

/// Receives events as they happen.
pub(crate) trait Reporter: Send {
    /// One event; called from the scheduler loop, so keep it quick.
    fn report(&mut self, event: &Event);

    /// Called before the engine acts on what it reported (before it starts more work): a
    /// reporter that persists makes what it received durable here.
    fn flush(&mut self) {}
}

/// Reports each event to several reporters, in order.
pub(crate) struct Fanout(pub(crate) Vec<Box<dyn Reporter>>);

impl Reporter for Fanout {
    fn report(&mut self, event: &Event) {
        for reporter in &mut self.0 {
            reporter.report(event);
        }
    }

    fn flush(&mut self) {
        for reporter in &mut self.0 {
            reporter.flush();
        }
    }
}

/// The answer to a manual judgment.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Judgment {
    /// The stage, by name or id.
    pub(crate) stage: String,
    /// Continue (true) or stop (false).
    pub(crate) proceed: bool,
    /// The chosen judgment input, if any.
    pub(crate) input: Option<String>,
    /// Who answered.
    pub(crate) user: String,
}

/// A request from outside the engine.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", tag = "request")]
pub(crate) enum Control {
    /// Answer a manual judgment; held until the stage starts when it arrives early.
    Judge(Judgment),
    /// Cancel the execution.
    Cancel {
        /// Who asked.
        by: String,
        /// Why.
        reason: String,
    },
}
