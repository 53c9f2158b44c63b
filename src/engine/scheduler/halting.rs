//! Stopping and steering a running execution from outside: halting (a stage failed the
//! pipeline, or a cancel arrived), controls, and manual judgments.

use std::sync::Arc;
use std::time::Duration;

use serde_json::json;

use crate::engine::clock::now_ms;
use crate::engine::completion::failure_status;
use crate::engine::event::Control;
use crate::engine::scheduler::{Scheduler, TaskOutcome};
use crate::engine::status::Status;
use crate::engine::task::{TaskInput, TaskResult};

impl Scheduler<'_> {
    /// Stops everything still running: a top-level stage halted the pipeline, or the
    /// execution was canceled. Running stages end as their failure settings say a cancellation
    /// should (`CANCELED`, `STOPPED` or `FAILED_CONTINUE`); stages not started stay `NOT_STARTED`.
    pub(super) fn halt(&mut self) {
        self.halted = true;
        let running: Vec<String> = self.runs.keys().cloned().collect();
        for stage_id in running {
            let Some(run) = self.runs.remove(&stage_id) else {
                continue;
            };
            if let Some(handle) = &run.in_flight {
                handle.abort();
                let task = Arc::clone(&run.tasks[run.current]);
                let input = TaskInput {
                    stage: self.with_secrets(&stage_id),
                    execution: Arc::new(self.execution.clone()),
                    elapsed: run.started.elapsed(),
                    expressions: self.settings.expressions.clone(),
                };
                // Clean-up runs to completion before the execution is reported finished.
                self.in_flight.spawn(async move {
                    task.on_cancel(&input).await;
                    TaskOutcome {
                        stage_id: String::new(),
                        task_index: usize::MAX,
                        result: TaskResult::succeeded(),
                    }
                });
            }
            let now = now_ms();
            let stage = self.stage_mut(&stage_id);
            let status = failure_status(&stage.context, Status::Canceled);
            for task in stage
                .tasks
                .iter_mut()
                .filter(|task| task.status == Status::Running)
            {
                task.status = status;
                task.end_time = Some(now);
            }
            stage.status = status;
            stage.end_time = Some(now);
            self.report_stage(&stage_id);
        }
    }

    pub(super) fn on_control(&mut self, control: Control) {
        match control {
            Control::Cancel { by, reason } => {
                if self.execution.canceled {
                    return;
                }
                self.execution.canceled = true;
                self.execution.canceled_by = Some(by);
                self.execution.cancellation_reason = Some(reason);
                self.halt();
            }
            Control::Judge(judgment) => {
                self.pending_judgments.push(judgment);
                let running: Vec<String> = self.runs.keys().cloned().collect();
                for stage_id in running {
                    self.apply_pending_judgments(&stage_id);
                }
            }
        }
    }

    /// Applies the first pending judgment naming this stage, if the stage is a judgment.
    pub(super) fn apply_pending_judgments(&mut self, stage_id: &str) {
        let Some(stage) = self.execution.stage(stage_id) else {
            return;
        };
        if stage.stage_type != "manualJudgment" {
            return;
        }
        let Some(position) = self
            .pending_judgments
            .iter()
            .position(|judgment| judgment.stage == stage.name || judgment.stage == stage.id)
        else {
            return;
        };
        let judgment = self.pending_judgments.remove(position);
        let stage = self.stage_mut(stage_id);
        let answer = if judgment.proceed { "continue" } else { "stop" };
        stage
            .context
            .insert("judgmentStatus".to_owned(), json!(answer));
        if let Some(input) = &judgment.input {
            stage
                .context
                .insert("judgmentInput".to_owned(), json!(input));
        }
        stage
            .context
            .insert("lastModifiedBy".to_owned(), json!(judgment.user));
        stage.last_modified = Some(
            json!({"user": judgment.user, "allowedAccounts": [], "lastModifiedTime": now_ms()}),
        );
        // A judgment task only reads its context, so its pending poll can be replaced by one
        // that sees the answer now.
        if let Some(run) = self.runs.get_mut(stage_id)
            && let Some(handle) = run.in_flight.take()
        {
            handle.abort();
            self.report_stage(stage_id);
            self.spawn_task(stage_id, Duration::ZERO);
        }
    }
}
