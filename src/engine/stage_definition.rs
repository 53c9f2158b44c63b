//! [`StageDefinition`]: what a stage type is made of (its tasks and synthetic before-stages),
//! and [`StageRegistry`], how the engine finds the definition of a type.
//!
//! Definitions are declarative: they look at the stage and list work; they do no I/O.

use std::sync::Arc;

use serde_json::{Map, Value};

use crate::engine::record::StageExecution;
use crate::engine::task::Task;

/// A synthetic stage to run before its parent's tasks (orca `STAGE_BEFORE`).
#[derive(Debug, Clone)]
pub(crate) struct SyntheticStage {
    /// Its type.
    pub(crate) stage_type: String,
    /// Its name.
    pub(crate) name: String,
    /// Its context.
    pub(crate) context: Map<String, Value>,
    /// Whether it runs alongside the stage listed before it (waiting for what that one waits
    /// for) instead of after it, as Orca's `graph.add` does for a deploy's clusters.
    pub(crate) parallel: bool,
}

impl SyntheticStage {
    /// A stage that runs after the one listed before it.
    pub(crate) fn new(
        stage_type: &str,
        name: impl Into<String>,
        context: Map<String, Value>,
    ) -> Self {
        Self {
            stage_type: stage_type.to_owned(),
            name: name.into(),
            context,
            parallel: false,
        }
    }

    /// The same stage, running alongside the one listed before it.
    #[must_use]
    pub(crate) fn in_parallel(mut self) -> Self {
        self.parallel = true;
        self
    }
}

/// What a stage type is made of.
pub(crate) trait StageDefinition: Send + Sync {
    /// The tasks of `stage`, in order.
    fn tasks(&self, stage: &StageExecution) -> Vec<Arc<dyn Task>>;

    /// Context members the engine must not evaluate when the stage starts, because the
    /// stage evaluates them itself (e.g. Evaluate Variables under `v4`).
    fn raw_context_keys(&self, _spel_evaluator: &str) -> &'static [&'static str] {
        &[]
    }

    /// The context members of a stage that hold secrets, as the record must show them (e.g.
    /// header values replaced by `<redacted>`); `None` when there are none. The engine keeps the
    /// real values in memory only, hands them to the stage's tasks, and never reports them.
    fn redact(&self, _context: &Map<String, Value>) -> Option<Map<String, Value>> {
        None
    }

    /// The stages to run before `stage`'s own tasks: one after another, except those marked
    /// [`SyntheticStage::parallel`]. The tasks run once every one of them is done.
    fn before_stages(&self, _stage: &StageExecution) -> Vec<SyntheticStage> {
        Vec::new()
    }
}

/// Finds the definition of a stage type.
pub(crate) trait StageRegistry: Send + Sync {
    /// The definition of `stage_type`, if gennaker runs it.
    fn definition(&self, stage_type: &str) -> Option<Arc<dyn StageDefinition>>;
}
