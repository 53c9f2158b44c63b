//! Picking up an execution whose process died: finished work stays finished, the task that
//! was in flight runs again, and stages keep their recorded start.

use std::sync::Arc;
use std::time::Duration;

use tokio::time::Instant;

use crate::engine::clock::now_ms;
use crate::engine::event::Event;
use crate::engine::record::Execution;
use crate::engine::scheduler::{Scheduler, StageRun, TaskOutcome};
use crate::engine::status::Status;
use crate::engine::task::TaskResult;

impl Scheduler<'_> {
    /// Continues an execution whose process died: finished stages and tasks stay as they are;
    /// each task that was in flight runs again from its first step (tasks check the real state
    /// of what they drive before acting, so running one twice does no harm); stages not started
    /// start as usual.
    pub(crate) async fn resume(mut self) -> Execution {
        self.execution.status = Status::Running;
        self.reporter
            .report(&Event::ExecutionStarted(Arc::new(self.execution.clone())));
        let running: Vec<String> = self
            .execution
            .stages
            .iter()
            .filter(|stage| stage.status == Status::Running)
            .map(|stage| stage.id.clone())
            .collect();
        for stage_id in &running {
            self.rebuild_run(stage_id);
        }
        for stage_id in &running {
            self.continue_after_resume(stage_id);
        }
        self.drive().await
    }

    /// Rebuilds the run state of a stage that was RUNNING when its process died.
    pub(super) fn rebuild_run(&mut self, stage_id: &str) {
        let stage = self
            .execution
            .stage(stage_id)
            .expect("stage exists")
            .clone();
        let Some(definition) = self.registry.definition(&stage.stage_type) else {
            return;
        };
        let tasks = definition.tasks(&stage);
        let current = stage
            .tasks
            .iter()
            .position(|task| !matches!(task.status, Status::Succeeded | Status::FailedContinue))
            .unwrap_or(stage.tasks.len());
        // The stage has been running since its recorded start, not since this process began.
        let ran_for =
            Duration::from_millis(now_ms().saturating_sub(stage.start_time.unwrap_or_else(now_ms)));
        let started = Instant::now()
            .checked_sub(ran_for)
            .unwrap_or_else(Instant::now);
        let timeout = self.timeout_of(stage_id);
        self.runs.insert(
            stage_id.to_owned(),
            StageRun {
                tasks,
                current,
                started,
                timeout,
                in_flight: None,
                window_counted: 0,
            },
        );
    }

    /// Picks a rebuilt stage up where it stopped: running before-stages carry on by themselves,
    /// and those that may start now start; once all are done, the current task runs again, or
    /// the stage completes.
    pub(super) fn continue_after_resume(&mut self, stage_id: &str) {
        if !self.runs.contains_key(stage_id) {
            return;
        }
        let children: Vec<Status> = self
            .execution
            .children(stage_id)
            .map(|child| child.status)
            .collect();
        if children
            .iter()
            .any(|status| !status.is_complete() || status.is_halt())
        {
            self.continue_parent(stage_id);
            return;
        }
        if let Some(unsafe_task) = self.unrepeatable_task_in_flight(stage_id) {
            let message = format!(
                "the `{unsafe_task}` task was running when gennaker stopped, and running it again \
                 could repeat its call; check what it calls, then run the pipeline again"
            );
            let task_index = self.runs[stage_id].current;
            let outcome = TaskOutcome {
                stage_id: stage_id.to_owned(),
                task_index,
                result: TaskResult::terminal(message),
            };
            self.on_task_outcome(outcome);
            return;
        }
        self.run_next_task(stage_id);
    }

    /// For tests: records stage `index`'s first task as in flight, as a crash would leave it.
    #[cfg(test)]
    pub(crate) fn pretend_in_flight(&mut self, index: usize) {
        let stage = self.execution.stages[index].clone();
        if let Some(definition) = self.registry.definition(&stage.stage_type) {
            let task = &definition.tasks(&stage)[0];
            self.execution.stages[index].tasks = vec![crate::engine::record::TaskExecution {
                id: "1".to_owned(),
                name: task.name().to_owned(),
                implementing_class: task.implementing_class().to_owned(),
                status: Status::Running,
                start_time: Some(now_ms()),
                end_time: None,
                stage_start: true,
                stage_end: true,
            }];
        }
    }

    /// The name of the stage's current task if it was in flight and may not run twice.
    fn unrepeatable_task_in_flight(&self, stage_id: &str) -> Option<&'static str> {
        let run = self.runs.get(stage_id)?;
        let task = run.tasks.get(run.current)?;
        let record = self.execution.stage(stage_id)?.tasks.get(run.current)?;
        (record.status == Status::Running && !task.repeatable()).then(|| task.name())
    }
}
