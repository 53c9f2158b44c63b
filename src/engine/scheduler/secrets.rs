//! Secrets of stage contexts (see [`StageDefinition::redact`]): kept out of the execution
//! record, held in memory only, and handed to the stage's tasks.
//!
//! [`StageDefinition::redact`]: crate::engine::stage_definition::StageDefinition::redact

use crate::engine::record::StageExecution;
use crate::engine::scheduler::Scheduler;

impl Scheduler<'_> {
    /// Moves the secret members of a stage's context out of the record (see
    /// [`StageDefinition::redact`]).
    pub(super) fn hide_secrets(&mut self, stage_id: &str) {
        let Some(index) = self.execution.stage_index(stage_id) else {
            return;
        };
        let stage = &mut self.execution.stages[index];
        let Some(definition) = self.registry.definition(&stage.stage_type) else {
            return;
        };
        let Some(redacted) = definition.redact(&stage.context) else {
            return;
        };
        let secrets = self.secrets.entry(stage_id.to_owned()).or_default();
        for (key, shown) in redacted {
            // A member hidden before is already what the record shows: the real value stays.
            if let Some(real) = stage.context.insert(key.clone(), shown.clone())
                && real != shown
            {
                secrets.insert(key, real);
            }
        }
    }

    /// The execution with every stage's secrets in place, for evaluating expressions that may
    /// read them (`#cfServiceKey`); `None` when no stage holds any.
    pub(super) fn with_all_secrets(&self) -> Option<crate::engine::record::Execution> {
        if self.secrets.values().all(serde_json::Map::is_empty) {
            return None;
        }
        let mut view = self.execution.clone();
        for stage in &mut view.stages {
            if let Some(secrets) = self.secrets.get(&stage.id) {
                stage.context.extend(secrets.clone());
            }
        }
        Some(view)
    }

    /// Puts the secret members back into the record for a moment (to evaluate the context).
    pub(super) fn restore_secrets(&mut self, stage_id: &str) {
        let Some(secrets) = self.secrets.remove(stage_id) else {
            return;
        };
        if let Some(index) = self.execution.stage_index(stage_id) {
            self.execution.stages[index].context.extend(secrets);
        }
    }

    /// The stage as its tasks see it: the record with the real values of its secrets.
    pub(super) fn with_secrets(&self, stage_id: &str) -> StageExecution {
        let mut stage = self
            .execution
            .stage(stage_id)
            .expect("stage ids come from the execution itself")
            .clone();
        if let Some(secrets) = self.secrets.get(stage_id) {
            stage.context.extend(secrets.clone());
        }
        stage
    }
}
